#version 330 core
// Glyph quads in pixels from the top-left of the viewport, passed on to the distance-field shading.
layout(location = 0) in vec2 aPosition;
layout(location = 1) in vec2 aUv;
layout(location = 2) in vec4 aColor;  // straight alpha
layout(location = 3) in vec4 aHalo;   // straight alpha
layout(location = 4) in vec2 aParams; // screen pixels per field pixel, halo width in pixels
uniform vec2 uViewport;               // pixels
out vec2 vUv;
out vec4 vColor;
out vec4 vHalo;
out vec2 vParams;
void main() {
    vUv = aUv;
    vColor = aColor;
    vHalo = aHalo;
    vParams = aParams;
    gl_Position = vec4(aPosition.x / uViewport.x * 2.0 - 1.0, 1.0 - aPosition.y / uViewport.y * 2.0, 0.0, 1.0);
}
