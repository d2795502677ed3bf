#include "qinba/core/camera_controller.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

std::optional<glm::dvec3> hitPlane(const Ray& ray, double z) {
    if (std::abs(ray.direction.z) < 1e-9) return std::nullopt;
    const double t = (z - ray.origin.z) / ray.direction.z;
    if (t <= 0.0) return std::nullopt;
    return ray.origin + ray.direction * t;
}

} // namespace

void applyLimits(OrbitCamera& camera, const CameraLimits& limits, const TerrainSurface& surface) {
    camera.distance = std::clamp(camera.distance, limits.minDistance, limits.maxDistance);
    camera.pitch = std::clamp(camera.pitch, limits.minPitch, limits.maxPitch);
    camera.heading = std::fmod(camera.heading, 360.0);
    if (camera.heading < 0.0) camera.heading += 360.0;

    const WorldBox box = surface.box();
    camera.target.x = std::clamp(camera.target.x, box.min.x, box.max.x);
    camera.target.y = std::clamp(camera.target.y, box.min.y, box.max.y);
    if (const auto h = surface.heightAt(camera.target.x, camera.target.y)) camera.target.z = *h;
    camera.target.z = std::clamp(camera.target.z, box.min.z, box.max.z);

    // Raise the eye: first by looking down more steeply, then by stepping back.
    for (int i = 0; i < 400; ++i) {
        const glm::dvec3 eye = camera.eye();
        const auto ground = surface.heightAt(eye.x, eye.y);
        const double floor = (ground ? *ground : box.min.z) + limits.eyeClearance;
        if (eye.z >= floor) break;
        if (camera.pitch < limits.maxPitch)
            camera.pitch = std::min(limits.maxPitch, camera.pitch + 0.5);
        else
            camera.distance += std::max(floor - eye.z, 1.0);
    }
}

OrbitCamera overviewCamera(const TerrainSurface& surface, Viewport viewport) {
    const WorldBox box = surface.box();
    OrbitCamera c;
    c.heading = 0.0;
    c.pitch = 50.0;
    c.fovY = 30.0;
    c.target = {(box.min.x + box.max.x) / 2, (box.min.y + box.max.y) / 2, 0.0};
    if (const auto z = surface.heightAt(c.target.x, c.target.y)) c.target.z = *z;
    // The shortest distance at which the four ground corners of the terrain lie inside the image, with a
    // small margin; found by bisection on the logarithm of the distance.
    const double margin = 0.03;
    auto fits = [&](double distance) {
        c.distance = distance;
        const CameraMatrices m = computeMatrices(c, viewport, box);
        for (int i = 0; i < 4; ++i) {
            const glm::dvec3 corner{(i & 1) ? box.max.x : box.min.x, (i & 2) ? box.max.y : box.min.y,
                                    c.target.z};
            const auto p = projectToScreen(m, viewport, corner);
            if (!p || p->x < margin * viewport.width || p->x > (1 - margin) * viewport.width ||
                p->y < margin * viewport.height || p->y > (1 - margin) * viewport.height)
                return false;
        }
        return true;
    };
    double lo = std::log(1e3), hi = std::log(1e8);
    for (int i = 0; i < 50; ++i) {
        const double mid = 0.5 * (lo + hi);
        (fits(std::exp(mid)) ? hi : lo) = mid;
    }
    c.distance = std::exp(hi);
    return c;
}

void orbitCamera(OrbitCamera& camera, double headingDegrees, double pitchDegrees) {
    camera.heading += headingDegrees;
    camera.pitch += pitchDegrees;
}

void panCamera(OrbitCamera& camera, Viewport viewport, const WorldBox& scene, glm::dvec2 fromPixel,
               glm::dvec2 toPixel) {
    const CameraMatrices m = computeMatrices(camera, viewport, scene);
    const auto a = hitPlane(screenRay(m, viewport, fromPixel), camera.target.z);
    const auto b = hitPlane(screenRay(m, viewport, toPixel), camera.target.z);
    glm::dvec2 delta;
    if (a && b) {
        delta = glm::dvec2(*a - *b);
        // Near the horizon a small drag means a huge distance; keep each step within one view distance.
        const double len = glm::length(delta);
        if (len > camera.distance) delta *= camera.distance / len;
    } else {
        // The cursor is above the horizon: move by screen fractions of the view distance instead.
        const glm::dvec2 d = (fromPixel - toPixel) / static_cast<double>(viewport.height) * camera.distance;
        const glm::dvec3 r = camera.right();
        const glm::dvec2 fwd = glm::normalize(glm::dvec2(camera.forward()) + glm::dvec2(1e-12, 0.0));
        delta = glm::dvec2(r) * d.x - fwd * d.y;
    }
    camera.target.x += delta.x;
    camera.target.y += delta.y;
}

void zoomCamera(OrbitCamera& camera, Viewport viewport, const TerrainSurface& surface, glm::dvec2 pixel,
                double factor) {
    const CameraMatrices m = computeMatrices(camera, viewport, surface.box());
    const auto hit = surface.intersect(screenRay(m, viewport, pixel));
    camera.distance *= factor;
    if (!hit) return;
    // Scaling the eye and target about the hit point keeps it at the same place in the image.
    camera.target = *hit + (camera.target - *hit) * factor;
}

void navigate(OrbitCamera& camera, const NavigationInput& input, double dt, Viewport viewport,
              const TerrainSurface& surface, const CameraLimits& limits) {
    if (input.orbitDrag) orbitCamera(camera, input.mouseDelta.x * 0.25, input.mouseDelta.y * 0.2);
    if (input.panDrag && (input.mouseDelta.x != 0.0 || input.mouseDelta.y != 0.0))
        panCamera(camera, viewport, surface.box(), input.mouse - input.mouseDelta, input.mouse);
    if (input.wheel != 0.0) zoomCamera(camera, viewport, surface, input.mouse, std::pow(0.85, input.wheel));

    const double speed = input.fast ? 3.0 : 1.0;
    if (input.panX != 0.0 || input.panY != 0.0) {
        const glm::dvec2 r(camera.right());
        glm::dvec2 f(camera.forward());
        f = glm::length(f) > 1e-9 ? glm::normalize(f)
                                  : glm::dvec2(std::sin(camera.heading * M_PI / 180.0),
                                               std::cos(camera.heading * M_PI / 180.0));
        const glm::dvec2 move = (r * input.panX + f * input.panY) * (0.6 * camera.distance * dt * speed);
        camera.target.x += move.x;
        camera.target.y += move.y;
    }
    if (input.turn != 0.0 || input.tilt != 0.0)
        orbitCamera(camera, input.turn * 60.0 * dt * speed, input.tilt * 40.0 * dt * speed);
    if (input.zoom != 0.0) camera.distance *= std::pow(3.0, -input.zoom * dt * speed);
    applyLimits(camera, limits, surface);
}

} // namespace qinba
