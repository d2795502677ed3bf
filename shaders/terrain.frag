#version 330 core
// Per-pixel hillshade (Horn's 3x3 gradient, as gdaldem uses), hypsometric tint and aerial haze, all from the
// height texture at this pixel: the mesh may be far coarser than the samples (level-of-detail tiles drawn
// every 2nd to 16th sample), so nothing here takes a height from the vertices. Where the
// heights are magnified (a texel spans many pixels) the surface is shaded from a bicubic (B-spline)
// interpolation instead, so it shows no bilinear creases. A class raster (the zoning) is classified per
// pixel from its rules' interpolated margins, so its boundaries are smooth anti-aliased curves at any zoom.

in vec2 vUv;
in vec3 vWorld; // only its x and y are exact; z is the mesh's (coarse) surface
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
uniform int uHasClasses;      // 1: draw the class raster below the drape
uniform sampler2D uClassMargins; // RGBA32F: per pixel the margins of up to four rules, row 0 north
uniform vec2 uClassMin;       // world metres of the class raster's south-west corner, relative to the scene origin
uniform vec2 uClassSize;      // metres it covers
uniform vec2 uClassTexels;    // its pixels per row, rows
uniform sampler2D uClassShares; // RGBA8, mipmapped: each rule's share of the texel (one-hot, filtered)
uniform sampler2D uClassSpline; // RGBA32F: the margins' cubic spline coefficients, kSplinePad texels wider
const float kSplinePad = 2.0;   // as cubic_spline.h
uniform vec4 uRuleColor[4];    // straight-alpha colour of each rule's class, layer opacity applied
uniform int uClassDetail;      // 0, 1 or 2: see classColor()

out vec4 fragColor;

float gStep;
float heightAt(vec2 offset) {
    return textureLod(uHeight, vUv + offset * gStep / uTexSize, 0.0).r;
}

// Uniform cubic B-spline weights and their derivatives: a surface with continuous curvature, so its shading
// has no bands along the texels (Catmull-Rom's curvature jumps there).
vec4 splineWeights(float t) {
    float s = 1.0 - t;
    return vec4(s * s * s, 3.0 * t * t * t - 6.0 * t * t + 4.0, -3.0 * t * t * t + 3.0 * t * t + 3.0 * t + 1.0,
                t * t * t) / 6.0;
}
vec4 splineSlopes(float t) {
    float s = 1.0 - t;
    return vec4(-s * s, 3.0 * t * t - 4.0 * t, -3.0 * t * t + 2.0 * t + 1.0, t * t) * 0.5;
}

// Bicubic (B-spline) height at texel coordinate p (0 = centre of the first texel): x = metres, yz = metres
// per texel east and south.
vec3 cubicHeight(vec2 p) {
    vec2 f = floor(p), t = p - f;
    vec4 wx = splineWeights(t.x), wy = splineWeights(t.y), dx = splineSlopes(t.x), dy = splineSlopes(t.y);
    ivec2 last = textureSize(uHeight, 0) - 1;
    vec3 r = vec3(0.0);
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 4; ++i) {
            float h = texelFetch(uHeight, clamp(ivec2(f) + ivec2(i - 1, j - 1), ivec2(0), last), 0).r;
            r += h * vec3(wx[i] * wy[j], dx[i] * wy[j], wx[i] * dy[j]);
        }
    return r;
}

// The rules' margins at pixel coordinate p from their interpolating cubic spline, as the core's zoneAt():
// the 4 x 4 coefficients around p weighed in four bilinear fetches, each blending two pairs of coefficients
// in the ratio of their B-spline weights (a GPU's 8-bit filter weights place a boundary within 1/256 texel).
vec4 classMargins(vec2 p) {
    vec2 q = p + kSplinePad, f = floor(q), t = q - f;
    vec4 wx = splineWeights(t.x), wy = splineWeights(t.y);
    vec2 g0 = vec2(wx.x + wx.y, wy.x + wy.y), g1 = vec2(wx.z + wx.w, wy.z + wy.w);
    vec2 size = uClassTexels + 2.0 * kSplinePad;
    vec2 h0 = (f - 0.5 + vec2(wx.y, wy.y) / g0) / size, h1 = (f + 1.5 + vec2(wx.w, wy.w) / g1) / size;
    return g0.y * (g0.x * textureLod(uClassSpline, h0, 0.0) + g1.x * textureLod(uClassSpline, vec2(h1.x, h0.y), 0.0)) +
           g1.y * (g0.x * textureLod(uClassSpline, vec2(h0.x, h1.y), 0.0) + g1.x * textureLod(uClassSpline, h1, 0.0));
}

// Premultiplied colour of the first rule whose margin holds; transparent when none does.
vec4 ruleColor(vec4 m) {
    for (int k = 0; k < 4; ++k)
        if (m[k] >= 0.0) return vec4(uRuleColor[k].rgb * uRuleColor[k].a, uRuleColor[k].a);
    return vec4(0.0);
}

// The class raster's colour here, anti-aliased, in the detail uClassDetail asks for (chosen per draw from how
// large a texel is on screen, since software GL runs every branch a pixel might take):
// 0 (a texel under 2 pixels): each rule's share of the pixel from the filtered one-hot texture, one fetch;
// 1 (2 to 8 pixels) and 2 (more): each rule's share of the pixel from its margin and the margin's
// screen-space derivatives; bilinear margins in 1, their cubic spline in 2 (as the core's zoneAt()), where
// a bilinear boundary's kinks at texel edges would show.
vec4 classColor() {
    vec2 uv = (vWorld.xy - uClassMin) / uClassSize;
    vec2 p = vec2(uv.x, 1.0 - uv.y) * uClassTexels - 0.5;
    if (uClassDetail == 0) {
        vec4 w = texture(uClassShares, (p + 0.5) / uClassTexels);
        vec4 sum = vec4(0.0);
        for (int k = 0; k < 4; ++k)
            sum += w[k] * vec4(uRuleColor[k].rgb * uRuleColor[k].a, uRuleColor[k].a);
        return sum;
    }
    vec4 m;
    if (uClassDetail == 2)
        m = classMargins(p);
    else
        m = textureLod(uClassMargins, (p + 0.5) / uClassTexels, 0.0);
    // Each rule holds over the share of the pixel where its margin, linear across the pixel, is not negative;
    // a rule colours what the rules before it leave. Exact where one boundary crosses the pixel.
    vec4 reach = max(abs(dFdx(m)) + abs(dFdy(m)), vec4(1e-6));
    vec4 holds = clamp(0.5 + m / reach, 0.0, 1.0);
    vec4 sum = vec4(0.0);
    float left = 1.0;
    for (int k = 0; k < 4; ++k) {
        sum += left * holds[k] * vec4(uRuleColor[k].rgb * uRuleColor[k].a, uRuleColor[k].a);
        left *= 1.0 - holds[k];
    }
    return sum;
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
    float elevation = heightAt(vec2(0.0)); // the data's height here, not the coarse mesh's
    // Magnified heights (more than 6 pixels a texel, fully from 12): the bicubic surface's height and slope.
    vec2 texel = vUv * uTexSize;
    float pixelsPerTexel = 1.0 / max(max(length(dFdx(texel)), length(dFdy(texel))), 1e-6);
    float cubic = smoothstep(6.0, 12.0, pixelsPerTexel);
    if (cubic > 0.0) {
        vec3 hc = cubicHeight(texel - 0.5);
        dzdx = mix(dzdx, hc.y / uCellSize, cubic);
        dzdySouth = mix(dzdySouth, hc.z / uCellSize, cubic);
        elevation = mix(elevation, hc.x, cubic);
    }
    vec3 normal = normalize(vec3(-dzdx * uExaggeration, dzdySouth * uExaggeration, 1.0));
    float shade = max(dot(normal, uSunDir), 0.0);

    vec3 color;
    vec4 zone = vec4(0.0);
    if (uHasClasses == 1) zone = classColor();
    vec4 drape = vec4(0.0);
    if (uHasDrape == 1) drape = texture(uDrape, (vWorld.xy - uDrapeMin) / uDrapeSize);
    if (uShadeOnly == 1) {
        vec3 base = vec3(1.0 - zone.a) + zone.rgb;
        color = (base * (1.0 - drape.a) + drape.rgb) * shade;
    } else {
        float t = clamp((elevation - uRampRange.x) / (uRampRange.y - uRampRange.x), 0.0, 1.0);
        vec3 tint = texture(uRamp, vec2((t * 255.0 + 0.5) / 256.0, 0.5)).rgb;
        tint = tint * (1.0 - zone.a) + zone.rgb;
        tint = tint * (1.0 - drape.a) + drape.rgb;
        color = tint * (uAmbient + (1.0 - uAmbient) * shade * 1.15);
    }
    float dist = length(vWorld - uEye);
    float haze = uHazeAmount * (1.0 - exp(-dist / uHazeDistance));
    fragColor = vec4(mix(color, uHazeColor, haze), 1.0);
}
