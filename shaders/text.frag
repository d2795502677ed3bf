#version 330 core
// Text from a signed distance field: the glyph in its colour over a halo of vParams.y pixels, both with a
// one-pixel soft edge. Writes premultiplied alpha (blend with ONE, ONE_MINUS_SRC_ALPHA).
in vec2 vTexel;      // field texels from the glyph field's top-left corner
flat in vec4 vField; // the field in the atlas: top-left texel, size in texels
in vec4 vColor;
in vec4 vHalo;
in vec2 vParams;
uniform sampler2D uAtlas;
uniform float uSpread;         // field pixels that the 8-bit range covers on each side of the outline
uniform float uFieldPixelSize; // em size of the field, pixels
out vec4 fragColor;

/// Texel `t` of the glyph's field; 0 (far outside the outline) beyond it.
float fieldTexel(ivec2 t) {
    if (any(lessThan(t, ivec2(0))) || any(greaterThanEqual(t, ivec2(vField.zw)))) return 0.0;
    return texelFetch(uAtlas, ivec2(vField.xy) + t, 0).r;
}

void main() {
    // Bilinear filtering by hand, on coordinates within the glyph: the same texels and weights wherever the
    // glyph sits in the atlas, so text is drawn the same whatever glyphs came into the atlas before it
    // (the screens of a video wall, started at different times, must agree to the pixel).
    vec2 p = vTexel - 0.5;
    vec2 cell = floor(p);
    vec2 f = p - cell;
    ivec2 t = ivec2(cell);
    float value = mix(mix(fieldTexel(t), fieldTexel(t + ivec2(1, 0)), f.x),
                      mix(fieldTexel(t + ivec2(0, 1)), fieldTexel(t + ivec2(1, 1)), f.x), f.y);
    // FreeType's packing: 128 on the outline, above inside.
    float field = (value * 255.0 - 128.0) / 128.0 * uSpread;
    float d = field * vParams.x; // screen pixels, positive inside the glyph
    // Below 20 px, CJK strokes get thinner than a pixel and wash out; embolden them by up to a quarter
    // pixel on each side, as FreeType's stem darkening does.
    d += 0.25 * clamp((20.0 - vParams.x * uFieldPixelSize) / 10.0, 0.0, 1.0);
    float fill = clamp(d + 0.5, 0.0, 1.0) * vColor.a;
    float halo = clamp(d + vParams.y + 0.5, 0.0, 1.0) * vHalo.a;
    float alpha = fill + halo * (1.0 - fill);
    fragColor = vec4(vColor.rgb * fill + vHalo.rgb * halo * (1.0 - fill), alpha);
}
