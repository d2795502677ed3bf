#version 330 core
in vec2 vUv;
uniform vec4 uColor;      // straight alpha
uniform int uTextured;    // 1: multiply by the raster image
uniform sampler2D uImage; // straight-alpha RGBA
out vec4 fragColor;
void main() {
    vec4 c = uColor;
    if (uTextured == 1) c *= texture(uImage, vUv);
    fragColor = c;
}
