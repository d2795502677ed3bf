#version 330 core
// Screen-facing markers of constant pixel size, one instance each; elongated shapes turn to the direction
// of travel as seen on screen.

layout(location = 0) in vec2 aCorner;     // -1..1 quad corner
layout(location = 1) in vec3 aPosition;   // per instance: world metres relative to the scene origin
layout(location = 2) in vec3 aDirection;  // unit direction of travel (world)
layout(location = 3) in vec4 aColor;      // fill, straight alpha
layout(location = 4) in vec4 aRing;       // rim colour
layout(location = 5) in vec3 aSizeShape;  // size in pixels, shape code (see MarkerShape), side offset px

uniform mat4 uViewProj;
uniform vec2 uViewport;
uniform vec3 uEye;            // eye relative to the scene origin
uniform float uPixelAngle;    // metres per pixel per metre of distance (perspective)
uniform float uPixelMetres;   // metres per pixel (parallel projection); 0 in perspective
uniform float uDepthPull;     // metres the marker is pulled towards the eye at least (see line.vert)

out vec2 vLocal;
out vec4 vColor;
out vec4 vRing;
flat out int vShape;

void main() {
    // Pull the marker towards the eye by its own radius so the terrain it sits on never cuts it.
    vec3 toEye = uEye - aPosition;
    float distance = length(toEye);
    float metresPerPixel = uPixelMetres > 0.0 ? uPixelMetres : uPixelAngle * distance;
    float radius = 0.5 * aSizeShape.x * metresPerPixel;
    vec3 lifted = aPosition + toEye / max(distance, 1e-3) * min(max(radius * 1.2, uDepthPull), 0.5 * distance);
    vec4 c = uViewProj * vec4(lifted, 1.0);
    vec4 ahead = uViewProj * vec4(aPosition + aDirection * 1000.0, 1.0);
    vec2 halfVp = 0.5 * uViewport;
    vec2 d = (ahead.xy / max(ahead.w, 1e-6) - c.xy / max(c.w, 1e-6)) * halfVp;
    vec2 along = length(d) > 1e-4 ? normalize(d) : vec2(1.0, 0.0);
    vec2 across = vec2(-along.y, along.x);
    int shape = int(aSizeShape.y + 0.5);
    vec2 extent = vec2(0.5 * aSizeShape.x);
    if (shape == 1) extent *= 0.92;              // goods: a square block, about the area of a dot
    if (shape == 2) extent *= 1.8;               // highlight: a glow larger than its core
    if (shape == 5) extent *= vec2(1.8, 0.62);   // information: a short thin dash along the way
    vec2 offset = along * aCorner.x * extent.x + across * aCorner.y * extent.y - across * aSizeShape.z;
    c.xy += offset / halfVp * c.w;
    gl_Position = c;
    vLocal = aCorner;
    vColor = aColor;
    vRing = aRing;
    vShape = shape;
}
