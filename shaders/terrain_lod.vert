#version 330 core
// One level-of-detail terrain tile (drawn with terrain.frag). The tile's vertices sit on a regular grid of
// its level; towards the distance where the parent level takes over they slide onto the parent's grid
// (geomorphing, as in CDLOD), so changing levels never pops. Skirt vertices hang below the tile's edges and
// hide the small steps between neighbours of different levels.

layout(location = 0) in vec3 aGrid; // x east, y south: vertex index 0..cells; z: 0 on the surface, 1–4 on the
                                    // lower edge of the west, east, north or south skirt

uniform sampler2D uHeight;   // elevations, metres (R32F): the tile with a border of one texel
uniform vec2 uTileNW;        // world metres of the tile's north-west corner, relative to the scene origin
uniform vec2 uCell;          // metres between vertices, east and south
uniform vec2 uUvOrigin;      // texture coordinate of vertex (0,0)
uniform vec2 uUvStep;        // texture coordinate per vertex step
uniform vec2 uMorph;         // eye distances (metres) where morphing starts and ends
uniform float uSkirt;        // metres the skirt hangs below the edge (displayed)
uniform vec4 uSkirtEdges;    // 1 for edges (west, east, north, south) that get a skirt; 0 on the raster's rim
uniform float uExaggeration; // vertical exaggeration
uniform vec3 uEye;           // eye position relative to the scene origin
uniform mat4 uViewProj;      // world (relative to the scene origin) to clip space

out vec2 vUv;
out vec3 vWorld;
out float vMorph; // how far the vertex has slid towards the parent level, 0..1

float heightAt(vec2 g) {
    return textureLod(uHeight, uUvOrigin + g * uUvStep, 0.0).r;
}

void main() {
    vec2 g = aGrid.xy;
    vec2 xy = uTileNW + vec2(g.x * uCell.x, -g.y * uCell.y);
    float dist = distance(uEye, vec3(xy, heightAt(g) * uExaggeration));
    float k = clamp((dist - uMorph.x) / max(uMorph.y - uMorph.x, 1e-3), 0.0, 1.0);
    g -= fract(g * 0.5) * 2.0 * k;
    vUv = uUvOrigin + g * uUvStep;
    float h = textureLod(uHeight, vUv, 0.0).r;
    vMorph = k;
    float skirt = 0.0;
    if (aGrid.z > 0.5) skirt = uSkirt * uSkirtEdges[int(aGrid.z + 0.5) - 1];
    vWorld = vec3(uTileNW + vec2(g.x * uCell.x, -g.y * uCell.y), h * uExaggeration - skirt);
    gl_Position = uViewProj * vec4(vWorld, 1.0);
}
