#version 330 core
in vec2 vLocal;
in vec4 vColor;
in vec4 vRing;
flat in int vShape;
out vec4 fragColor;

// Coverage of the inside of a shape whose edge is where d = 1, antialiased over about a pixel.
float inside(float d) {
    float w = max(fwidth(d), 1e-4);
    return 1.0 - smoothstep(1.0 - w, 1.0 + w, d);
}

void main() {
    float r = length(vLocal);
    vec4 color;
    if (vShape == 2) { // glow
        float a = exp(-r * r * 4.0);
        color = vec4(mix(vColor.rgb, vec3(1.0), a * a), vColor.a * a);
    } else if (vShape == 1 || vShape == 5) { // block (goods) or dash (information): squarish corners
        vec2 q = abs(vLocal);
        float d = pow(pow(q.x, 8.0) + pow(q.y, 8.0), 0.125) / 0.94;
        // The dash's rim is as thick across as along, though its quad is three times longer than wide.
        vec2 rim = vShape == 5 ? vec2(0.12, 0.36) : vec2(0.3);
        vec2 c = q / max(vec2(1e-3), vec2(0.94) - rim);
        float core = inside(pow(pow(c.x, 8.0) + pow(c.y, 8.0), 0.125));
        color = vec4(mix(vRing.rgb, vColor.rgb, core), 1.0);
        color.a = inside(d) * mix(vRing.a, vColor.a, core);
    } else if (vShape == 3) { // place: white disc, coloured ring, dark outline
        float ring = inside(r / 0.62);
        float outline = inside(r / 0.86);
        vec3 rgb = mix(vec3(0.1), mix(vRing.rgb, vColor.rgb, ring), outline);
        color = vec4(rgb, inside(r) * vColor.a);
    } else if (vShape == 4) { // diamond
        float d = abs(vLocal.x) + abs(vLocal.y);
        float core = inside(d / 0.62);
        color = vec4(mix(vRing.rgb, vColor.rgb, core), inside(d) * vColor.a);
    } else { // disc with a dark rim
        float core = inside(r / 0.7);
        color = vec4(mix(vRing.rgb, vColor.rgb, core), inside(r) * mix(vRing.a, vColor.a, core));
    }
    if (color.a <= 0.003) discard;
    fragColor = color;
}
