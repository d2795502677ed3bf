#version 330 core
// Wide lines of constant screen width: each segment is a quad whose corners are pushed sideways (and past
// the ends by halfVp the width, so joints overlap) in screen space.

layout(location = 0) in vec3 aA;        // segment start, world metres relative to the scene origin
layout(location = 1) in vec3 aB;        // segment end
layout(location = 2) in vec2 aEndSide;  // x: 0 at the start, 1 at the end; y: -1 or +1 across the line
layout(location = 3) in vec4 aColor;    // straight alpha
layout(location = 4) in vec2 aWidthDash; // width and dash length, pixels (dash 0 = solid)
layout(location = 5) in float aAlong;   // metres along the line from its start at this corner

uniform mat4 uViewProj;
uniform vec2 uViewport;        // pixels
uniform vec3 uEye;            // eye relative to the scene origin
uniform float uPixelAngle;    // metres per pixel per metre of distance (perspective)
uniform float uPixelMetres;   // metres per pixel (parallel projection); 0 in perspective
uniform float uMetresPerPixel; // at the target, to turn dash pixels into metres
uniform float uDepthPull;     // metres the line is pulled towards the eye at least (terrain finer than the
                              // surface the line was draped on)

out vec4 vColor;
out float vAlong;
out float vDashMetres;

vec3 towardsEye(vec3 p) {
    vec3 toEye = uEye - p;
    float distance = length(toEye);
    float metresPerPixel = uPixelMetres > 0.0 ? uPixelMetres : uPixelAngle * distance;
    float lift = min(max(0.6 * aWidthDash.x * metresPerPixel, uDepthPull), 0.5 * distance);
    return p + toEye / max(distance, 1e-3) * lift;
}

void main() {
    // Pull both ends towards the eye by half the line's width so the terrain never cuts the line.
    vec4 ca = uViewProj * vec4(towardsEye(aA), 1.0);
    vec4 cb = uViewProj * vec4(towardsEye(aB), 1.0);
    if (ca.w <= 0.0 || cb.w <= 0.0) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // behind the eye: drop the segment
        return;
    }
    vec2 halfVp = 0.5 * uViewport;
    vec2 sa = ca.xy / ca.w * halfVp;
    vec2 sb = cb.xy / cb.w * halfVp;
    vec2 d = sb - sa;
    float len = length(d);
    vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
    vec2 normal = vec2(-dir.y, dir.x);
    vec4 c = mix(ca, cb, aEndSide.x);
    float w = aWidthDash.x * 0.5;
    vec2 offset = normal * aEndSide.y * w + dir * (aEndSide.x * 2.0 - 1.0) * w;
    c.xy += offset / halfVp * c.w;
    gl_Position = c;
    vColor = aColor;
    vAlong = aAlong;
    vDashMetres = aWidthDash.y * uMetresPerPixel;
}
