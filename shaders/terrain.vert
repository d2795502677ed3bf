#version 330 core
// Terrain grid: positions come from the height texture, so the mesh can be coarser than the DEM while
// lighting (terrain.frag) still uses every sample.

layout(location = 0) in vec2 aGrid; // 0..1 from the first to the last sample, x east, y south

uniform sampler2D uHeight;   // elevations, metres (R32F), texel (col,row), row 0 north
uniform vec2 uTexSize;       // samples per row, rows
uniform vec2 uFirstSample;   // world metres of the north-west sample centre, relative to the scene origin
uniform vec2 uSpan;          // world metres from the first to the last sample centre (y negative: south)
uniform float uExaggeration; // vertical exaggeration
uniform mat4 uViewProj;      // world (relative to the scene origin) to clip space

out vec2 vUv;     // height-texture coordinate
out vec3 vWorld;  // world position relative to the scene origin, displayed metres
out float vMorph;     // 0: this grid's own detail (terrain_lod.vert blends towards the coarser level)

void main() {
    vUv = (aGrid * (uTexSize - 1.0) + 0.5) / uTexSize;
    float h = textureLod(uHeight, vUv, 0.0).r;
    vMorph = 0.0;
    vWorld = vec3(uFirstSample + aGrid * uSpan, h * uExaggeration);
    gl_Position = uViewProj * vec4(vWorld, 1.0);
}
