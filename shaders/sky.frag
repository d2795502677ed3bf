#version 330 core
// Sky gradient by the view ray's elevation angle; below the horizon it meets the haze colour.
in vec2 vNdc;
uniform mat4 uInvViewProj;
uniform vec3 uZenith;
uniform vec3 uHorizon;
out vec4 fragColor;
void main() {
    vec4 nearP = uInvViewProj * vec4(vNdc, -1.0, 1.0);
    vec4 farP = uInvViewProj * vec4(vNdc, 1.0, 1.0);
    vec3 dir = normalize(farP.xyz / farP.w - nearP.xyz / nearP.w);
    float up = clamp(dir.z, 0.0, 1.0);
    vec3 color = mix(uHorizon, uZenith, pow(up, 0.6));
    fragColor = vec4(color, 1.0);
}
