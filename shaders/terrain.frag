#version 330 core
// Per-pixel hillshade (Horn's 3x3 gradient, as gdaldem uses), hypsometric tint and aerial haze.

in vec2 vUv;
in vec3 vWorld;
in float vElevation;
in float vMorph; // 0..1 towards the coarser level: the slope is taken over 1 to 2 texels to match it

uniform sampler2D uHeight;    // elevations, metres
uniform sampler2D uMask;      // 1 where the DEM has data
uniform sampler2D uRamp;      // colour by elevation, 256 x 1
uniform vec2 uTexSize;        // samples per row, rows
uniform float uCellSize;      // metres between samples
uniform float uExaggeration;
uniform vec2 uRampRange;      // elevations (m) at the ramp texture's first and last texel centres
uniform vec3 uSunDir;         // unit vector towards the sun (x east, y north, z up)
uniform float uAmbient;       // share of non-directional light
uniform int uShadeOnly;       // 1: output the hillshade alone in grey
uniform vec3 uEye;            // eye position relative to the scene origin
uniform float uHazeAmount;    // 0..1 strength of the haze
uniform float uHazeDistance;  // metres over which the haze builds up
uniform vec3 uHazeColor;
uniform int uHasDrape;        // 1: lay the drape (layers, zoning) over the colours
uniform sampler2D uDrape;     // premultiplied RGBA in map space
uniform vec2 uDrapeMin;       // world metres (relative to the scene origin) of the drape's south-west corner
uniform vec2 uDrapeSize;      // metres the drape covers
uniform vec4 uClipRect;       // world x,y min and max (relative to the scene origin) outside which nothing is drawn

out vec4 fragColor;

float gStep;
float heightAt(vec2 offset) {
    return textureLod(uHeight, vUv + offset * gStep / uTexSize, 0.0).r;
}

void main() {
    if (textureLod(uMask, vUv, 0.0).r < 0.5) discard;
    if (any(lessThan(vWorld.xy, uClipRect.xy)) || any(greaterThan(vWorld.xy, uClipRect.zw))) discard;

    gStep = 1.0 + vMorph;
    // a b c   (north)
    // d e f
    // g h i   (south)
    float a = heightAt(vec2(-1, -1)), b = heightAt(vec2(0, -1)), c = heightAt(vec2(1, -1));
    float d = heightAt(vec2(-1, 0)), f = heightAt(vec2(1, 0));
    float g = heightAt(vec2(-1, 1)), h = heightAt(vec2(0, 1)), i = heightAt(vec2(1, 1));
    float dzdx = ((c + 2.0 * f + i) - (a + 2.0 * d + g)) / (8.0 * uCellSize * gStep);
    float dzdySouth = ((g + 2.0 * h + i) - (a + 2.0 * b + c)) / (8.0 * uCellSize * gStep);
    vec3 normal = normalize(vec3(-dzdx * uExaggeration, dzdySouth * uExaggeration, 1.0));
    float shade = max(dot(normal, uSunDir), 0.0);

    vec3 color;
    vec4 drape = vec4(0.0);
    if (uHasDrape == 1) drape = texture(uDrape, (vWorld.xy - uDrapeMin) / uDrapeSize);
    if (uShadeOnly == 1) {
        color = vec3(shade) * (1.0 - drape.a) + drape.rgb * shade;
    } else {
        float t = clamp((vElevation - uRampRange.x) / (uRampRange.y - uRampRange.x), 0.0, 1.0);
        vec3 tint = texture(uRamp, vec2((t * 255.0 + 0.5) / 256.0, 0.5)).rgb;
        tint = tint * (1.0 - drape.a) + drape.rgb;
        color = tint * (uAmbient + (1.0 - uAmbient) * shade * 1.15);
    }
    float dist = length(vWorld - uEye);
    float haze = uHazeAmount * (1.0 - exp(-dist / uHazeDistance));
    fragColor = vec4(mix(color, uHazeColor, haze), 1.0);
}
