#version 330 core
// Text from a signed distance field: the glyph in its colour over a halo of vParams.y pixels, both with a
// one-pixel soft edge. Writes premultiplied alpha (blend with ONE, ONE_MINUS_SRC_ALPHA).
in vec2 vUv;
in vec4 vColor;
in vec4 vHalo;
in vec2 vParams;
uniform sampler2D uAtlas;
uniform float uSpread;         // field pixels that the 8-bit range covers on each side of the outline
uniform float uFieldPixelSize; // em size of the field, pixels
out vec4 fragColor;
void main() {
    // FreeType's packing: 128 on the outline, above inside.
    float field = (texture(uAtlas, vUv).r * 255.0 - 128.0) / 128.0 * uSpread;
    float d = field * vParams.x; // screen pixels, positive inside the glyph
    // Below 20 px, CJK strokes get thinner than a pixel and wash out; embolden them by up to a quarter
    // pixel on each side, as FreeType's stem darkening does.
    d += 0.25 * clamp((20.0 - vParams.x * uFieldPixelSize) / 10.0, 0.0, 1.0);
    float fill = clamp(d + 0.5, 0.0, 1.0) * vColor.a;
    float halo = clamp(d + vParams.y + 0.5, 0.0, 1.0) * vHalo.a;
    float alpha = fill + halo * (1.0 - fill);
    fragColor = vec4(vColor.rgb * fill + vHalo.rgb * halo * (1.0 - fill), alpha);
}
