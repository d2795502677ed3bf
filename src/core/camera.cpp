#include "qinba/core/camera.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace qinba {

namespace {
double rad(double deg) {
    return deg * M_PI / 180.0;
}
} // namespace

glm::dvec3 OrbitCamera::forward() const {
    const double h = rad(heading), p = rad(pitch);
    return {std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), -std::sin(p)};
}

glm::dvec3 OrbitCamera::right() const {
    const double h = rad(heading);
    return {std::cos(h), -std::sin(h), 0.0};
}

glm::dvec3 OrbitCamera::up() const {
    return glm::cross(right(), forward());
}

glm::dvec3 OrbitCamera::eye() const {
    return target - forward() * distance;
}

CameraMatrices computeMatrices(const OrbitCamera& camera, Viewport viewport, const WorldBox& scene) {
    CameraMatrices m;
    m.eye = camera.eye();
    m.view = glm::lookAt(m.eye, camera.target, camera.up());

    // Farthest and nearest scene points along the view direction bound the clip range.
    const glm::dvec3 f = camera.forward();
    double farthest = 0.0, nearest = 1e300;
    for (int i = 0; i < 8; ++i) {
        const glm::dvec3 corner{(i & 1) ? scene.max.x : scene.min.x, (i & 2) ? scene.max.y : scene.min.y,
                                (i & 4) ? scene.max.z : scene.min.z};
        const double d = glm::dot(corner - m.eye, f);
        farthest = std::max(farthest, d);
        nearest = std::min(nearest, d);
    }
    m.farPlane = std::max(farthest, camera.distance) * 1.05 + 1.0;
    const double aspect = viewport.aspect();
    if (camera.orthographic) {
        const double halfH = camera.distance * std::tan(rad(camera.fovY) / 2);
        m.nearPlane = std::max(1.0, std::min(nearest, camera.distance) * 0.5);
        m.projection = glm::ortho(-halfH * aspect, halfH * aspect, -halfH, halfH, m.nearPlane, m.farPlane);
    } else {
        // Above all terrain, the gap to the highest point is safe; otherwise a short fixed distance.
        const double gap = m.eye.z - scene.max.z;
        const double wanted = gap > 0 ? gap * 0.9 : 50.0;
        m.nearPlane = std::clamp(wanted, m.farPlane * 2e-5, std::max(camera.distance * 0.5, 1.0));
        m.projection = glm::perspective(rad(camera.fovY), aspect, m.nearPlane, m.farPlane);
    }
    m.viewProjection = m.projection * m.view;
    return m;
}

CameraMatrices tileMatrices(const CameraMatrices& full, Viewport viewport, PixelRect tile) {
    const double x0 = 2.0 * tile.x / viewport.width - 1.0,
                 x1 = 2.0 * (tile.x + tile.width) / viewport.width - 1.0;
    const double y1 = 1.0 - 2.0 * tile.y / viewport.height,
                 y0 = 1.0 - 2.0 * (tile.y + tile.height) / viewport.height;
    glm::dmat4 narrow(1.0);
    narrow[0][0] = 2.0 / (x1 - x0);
    narrow[1][1] = 2.0 / (y1 - y0);
    narrow[3][0] = -(x1 + x0) / (x1 - x0);
    narrow[3][1] = -(y1 + y0) / (y1 - y0);
    CameraMatrices m = full;
    m.projection = narrow * full.projection;
    m.viewProjection = m.projection * m.view;
    return m;
}

Ray screenRay(const CameraMatrices& m, Viewport viewport, glm::dvec2 pixel) {
    const glm::dmat4 inv = glm::inverse(m.viewProjection);
    const double nx = 2.0 * pixel.x / viewport.width - 1.0;
    const double ny = 1.0 - 2.0 * pixel.y / viewport.height;
    glm::dvec4 a = inv * glm::dvec4(nx, ny, -1.0, 1.0);
    glm::dvec4 b = inv * glm::dvec4(nx, ny, 1.0, 1.0);
    a /= a.w;
    b /= b.w;
    return Ray{glm::dvec3(a), glm::normalize(glm::dvec3(b - a))};
}

std::optional<glm::dvec3> projectToScreen(const CameraMatrices& m, Viewport viewport, glm::dvec3 world) {
    const glm::dvec4 clip = m.viewProjection * glm::dvec4(world, 1.0);
    if (clip.w <= 0.0) return std::nullopt;
    const glm::dvec3 ndc = glm::dvec3(clip) / clip.w;
    return glm::dvec3((ndc.x + 1.0) * 0.5 * viewport.width, (1.0 - ndc.y) * 0.5 * viewport.height,
                      (ndc.z + 1.0) * 0.5);
}

double metresPerPixel(const OrbitCamera& camera, Viewport viewport) {
    return 2.0 * camera.distance * std::tan(rad(camera.fovY) / 2.0) / std::max(viewport.height, 1);
}

OrbitCamera interpolateCameras(const OrbitCamera& a, const OrbitCamera& b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    const double s = t * t * (3.0 - 2.0 * t);
    OrbitCamera c = b;
    c.target = glm::mix(a.target, b.target, s);
    c.distance = a.distance * std::pow(b.distance / a.distance, s);
    double dh = std::fmod(b.heading - a.heading, 360.0);
    if (dh > 180.0) dh -= 360.0;
    if (dh < -180.0) dh += 360.0;
    c.heading = a.heading + dh * s;
    c.pitch = a.pitch + (b.pitch - a.pitch) * s;
    c.fovY = a.fovY + (b.fovY - a.fovY) * s;
    c.orthographic = s < 0.5 ? a.orthographic : b.orthographic;
    return c;
}

OrbitCamera CameraFlight::at(double time) const {
    if (duration <= 0.0) return to;
    return interpolateCameras(from, to, (time - startTime) / duration);
}

} // namespace qinba
