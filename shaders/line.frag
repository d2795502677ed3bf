#version 330 core
in vec4 vColor;
in float vAlong;
in float vDashMetres;
out vec4 fragColor;
void main() {
    if (vDashMetres > 0.0 && mod(vAlong / vDashMetres, 2.0) > 1.0) discard;
    fragColor = vColor;
}
