#version 330 core
// Flat shapes given in pixels from the top-left corner of the viewport.
layout(location = 0) in vec2 aPixel;
layout(location = 1) in vec4 aColor;
uniform vec2 uViewport;
out vec4 vColor;
void main() {
    gl_Position = vec4(aPixel.x / uViewport.x * 2.0 - 1.0, 1.0 - aPixel.y / uViewport.y * 2.0, 0.0, 1.0);
    vColor = aColor;
}
