#version 330 core
// Glyph quads in pixels from the top-left of the viewport, passed on to the distance-field shading.
layout(location = 0) in vec2 aPosition;
layout(location = 1) in vec2 aTexel;  // field texels from the glyph field's top-left corner
layout(location = 2) in vec4 aColor;  // straight alpha
layout(location = 3) in vec4 aHalo;   // straight alpha
layout(location = 4) in vec2 aParams; // screen pixels per field pixel, halo width in pixels
layout(location = 5) in vec4 aField;  // the field in the atlas: top-left texel, size in texels
uniform vec2 uViewport;               // pixels
out vec2 vTexel;
flat out vec4 vField;
out vec4 vColor;
out vec4 vHalo;
out vec2 vParams;
void main() {
    vTexel = aTexel;
    vField = aField;
    vColor = aColor;
    vHalo = aHalo;
    vParams = aParams;
    gl_Position = vec4(aPosition.x / uViewport.x * 2.0 - 1.0, 1.0 - aPosition.y / uViewport.y * 2.0, 0.0, 1.0);
}
