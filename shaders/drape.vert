#version 330 core
// Map-space drawing into the drape texture: positions in metres relative to the drape's south-west corner.
layout(location = 0) in vec2 aPosition;
layout(location = 1) in vec2 aUv;
uniform vec2 uSize; // metres the drape covers
out vec2 vUv;
void main() {
    gl_Position = vec4(aPosition / uSize * 2.0 - 1.0, 0.0, 1.0);
    vUv = aUv;
}
