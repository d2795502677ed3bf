#include "qinba/core/stage_framing.h"

#include "qinba/core/screen_layout.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

constexpr double kPi = 3.14159265358979323846;

void addLine(std::vector<glm::dvec3>& out, const Polyline3& line) {
    const auto& pts = line.points();
    // Every few samples are enough for bounds; the ends always count.
    const std::size_t step = std::max<std::size_t>(1, pts.size() / 64);
    for (std::size_t i = 0; i < pts.size(); i += step)
        out.push_back(pts[i]);
    if (!pts.empty()) out.push_back(pts.back());
}

ScreenRect inset(const ScreenRect& r, double by) {
    const double bx = std::min(by, r.size.x * 0.25), byy = std::min(by, r.size.y * 0.25);
    return {r.topLeft + glm::dvec2(bx, byy), r.size - glm::dvec2(2 * bx, 2 * byy)};
}

WorldBox sceneBox(const TerrainSurface& surface, const std::vector<glm::dvec3>& points) {
    WorldBox box = surface.box();
    for (const glm::dvec3& p : points) {
        box.min = glm::min(box.min, p);
        box.max = glm::max(box.max, p);
    }
    return box;
}

std::optional<ScreenRect> boundsIn(const OrbitCamera& camera, const std::vector<glm::dvec3>& points,
                                   Viewport viewport, const WorldBox& box) {
    const CameraMatrices m = computeMatrices(camera, viewport, box);
    glm::dvec2 lo(1e300), hi(-1e300);
    for (const glm::dvec3& p : points) {
        const auto s = projectToScreen(m, viewport, p);
        if (!s) return std::nullopt;
        lo = glm::min(lo, glm::dvec2(*s));
        hi = glm::max(hi, glm::dvec2(*s));
    }
    return ScreenRect{lo, hi - lo};
}

} // namespace

std::vector<glm::dvec3> stageFramePoints(const Scenario& scenario, const ScenarioGeometry& geometry,
                                         std::size_t stage) {
    std::vector<glm::dvec3> out;
    if (stage >= scenario.stages.size()) return out;
    const Stage& st = scenario.stages[stage];
    for (std::size_t i = 0; i < scenario.places.size() && i < geometry.places.size(); ++i)
        if (std::find(st.places.begin(), st.places.end(), scenario.places[i].id) != st.places.end())
            out.push_back(geometry.places[i]);
    for (std::size_t i = 0; i < scenario.corridors.size() && i < geometry.corridors.size(); ++i) {
        const Corridor& c = scenario.corridors[i];
        if (std::find(st.corridors.begin(), st.corridors.end(), c.id) == st.corridors.end()) continue;
        addLine(out, geometry.corridors[i].ground);
        if (c.mode == CorridorMode::AirData) addLine(out, geometry.corridors[i].arc);
    }
    return out;
}

std::optional<ScreenRect> projectedBounds(const OrbitCamera& camera, const std::vector<glm::dvec3>& points,
                                          Viewport viewport, const TerrainSurface& surface) {
    return boundsIn(camera, points, viewport, sceneBox(surface, points));
}

OrbitCamera fitCameraToArea(const OrbitCamera& camera, const std::vector<glm::dvec3>& points,
                            Viewport viewport, const ScreenRect& area, const TerrainSurface& surface) {
    if (points.empty() || area.size.x < 1.0 || area.size.y < 1.0) return camera;
    const WorldBox box = sceneBox(surface, points);
    OrbitCamera c = camera;
    glm::dvec3 centre(0.0);
    for (const glm::dvec3& p : points)
        centre += p;
    centre /= static_cast<double>(points.size());
    c.target = {centre.x, centre.y, surface.heightAt(centre.x, centre.y).value_or(centre.z)};
    const glm::dvec2 areaCentre = area.topLeft + area.size * 0.5;
    const double sinPitch = std::max(std::sin(c.pitch * kPi / 180.0), 0.2);
    // Newton-like steps: shift the target by the pixel offset of the bounds' centre, scale the distance by
    // how much too large or small the bounds are; perspective makes each step only nearly exact.
    for (int iteration = 0; iteration < 80; ++iteration) {
        const auto b = boundsIn(c, points, viewport, box);
        if (!b) {
            c.distance *= 1.5;
            continue;
        }
        const double zoom = std::max(b->size.x / area.size.x, b->size.y / area.size.y);
        const glm::dvec2 offset = (b->topLeft + b->size * 0.5) - areaCentre;
        if (std::abs(zoom - 1.0) < 1e-3 && std::abs(offset.x) < 0.25 && std::abs(offset.y) < 0.25) break;
        const double mpp = metresPerPixel(c, viewport);
        glm::dvec3 ahead = c.forward();
        ahead.z = 0.0;
        ahead = glm::length(ahead) > 1e-9 ? glm::normalize(ahead) : glm::dvec3(0.0, 1.0, 0.0);
        glm::dvec3 t = c.target + c.right() * (offset.x * mpp) - ahead * (offset.y * mpp / sinPitch);
        t.z = surface.heightAt(t.x, t.y).value_or(c.target.z);
        c.target = t;
        c.distance = std::clamp(c.distance * std::clamp(zoom, 0.25, 4.0), 100.0, 5.0e7);
    }
    // Nearly exact is not inside: grow the distance until every point is in the area.
    for (int guard = 0; guard < 40; ++guard) {
        const auto b = boundsIn(c, points, viewport, box);
        if (b && rectContains(area, *b)) break;
        c.distance *= 1.01;
    }
    return c;
}

double framingMarginPx(float scale) {
    // Half the largest place symbol and a label's height on either side.
    return 26.0 * scale;
}

Tour frameTour(const Scenario& scenario, const Tour& tour, const ScenarioGeometry& geometry,
               const MapProjection& projection, const TerrainSurface& surface, Viewport viewport,
               const std::function<ScreenRect(std::size_t keyframe)>& safeArea, double margin) {
    Tour out = tour;
    std::optional<std::size_t> showing;
    for (std::size_t k = 0; k < out.keyframes.size(); ++k) {
        TourKeyframe& key = out.keyframes[k];
        const auto named = key.stage.empty() ? std::nullopt : scenario.findStage(key.stage);
        if (named) showing = named;
        if (!showing) continue;
        const std::vector<glm::dvec3> points = stageFramePoints(scenario, geometry, *showing);
        if (points.empty()) continue;
        const ScreenRect area = inset(safeArea(k), margin);
        const OrbitCamera camera = cameraFromSpec(key.camera, projection, surface);
        if (!named) {
            const auto b = projectedBounds(camera, points, viewport, surface);
            if (b && rectContains(area, *b)) continue;
        }
        key.camera = specFromCamera(fitCameraToArea(camera, points, viewport, area, surface), projection);
    }
    return out;
}

CameraSpec frameStage(const Scenario& scenario, std::size_t stage, const CameraSpec& fallback,
                      const ScenarioGeometry& geometry, const MapProjection& projection,
                      const TerrainSurface& surface, Viewport viewport, const ScreenRect& safeArea,
                      double margin) {
    const CameraSpec start = stage < scenario.stages.size() && scenario.stages[stage].camera
                                 ? *scenario.stages[stage].camera
                                 : fallback;
    const std::vector<glm::dvec3> points = stageFramePoints(scenario, geometry, stage);
    if (points.empty()) return start;
    const OrbitCamera camera = cameraFromSpec(start, projection, surface);
    return specFromCamera(fitCameraToArea(camera, points, viewport, inset(safeArea, margin), surface),
                          projection);
}

} // namespace qinba
