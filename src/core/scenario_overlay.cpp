#include "qinba/core/scenario_overlay.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

/// Displayed metres the ribbons float above the surface, so they never sink into it between samples.
double ribbonLift(const TerrainSurface& surface) {
    return 60.0 * surface.exaggeration();
}

void drape(CorridorPaths& paths, const Corridor& corridor, const TerrainSurface& surface) {
    const double spacing = surface.dem().cellSize() * 0.5;
    paths.ground = drapeOnSurface(paths.route, surface, spacing, ribbonLift(surface));
    const MapPoint a = paths.route.front(), b = paths.route.back();
    const double distance = std::hypot(b.x - a.x, b.y - a.y);
    const int segments = std::clamp(static_cast<int>(distance / 8000.0), 24, 160);
    // Air and data links arc higher than the information pulses over ground corridors.
    const double rise = corridor.mode == CorridorMode::AirData ? 0.16 : 0.10;
    paths.arc = arcAbove(a, b, surface, rise, 1500.0 * surface.exaggeration(), segments);
}

glm::vec4 withAlpha(glm::vec4 c, double a) {
    return {c.r, c.g, c.b, c.a * static_cast<float>(a)};
}

glm::vec4 typeColor(const OverlayStyle& s, FlowType t) {
    switch (t) {
    case FlowType::People:
        return s.people;
    case FlowType::Goods:
        return s.goods;
    case FlowType::Information:
        return s.information;
    }
    return s.people;
}

MarkerShape typeShape(FlowType t) {
    switch (t) {
    case FlowType::People:
        return MarkerShape::Disc;
    case FlowType::Goods:
        return MarkerShape::Block;
    case FlowType::Information:
        return MarkerShape::Dash;
    }
    return MarkerShape::Disc;
}

glm::vec4 roleRing(PlaceRole role) {
    switch (role) {
    case PlaceRole::Central:
        return {0.70f, 0.08f, 0.10f, 1.0f};
    case PlaceRole::CityArea:
        return {0.25f, 0.25f, 0.30f, 1.0f};
    case PlaceRole::NearMountain:
        return {0.12f, 0.50f, 0.22f, 1.0f};
    case PlaceRole::MountainCity:
        return {0.08f, 0.36f, 0.16f, 1.0f};
    case PlaceRole::CountyTown:
        return {0.20f, 0.42f, 0.20f, 1.0f};
    }
    return {0.2f, 0.2f, 0.2f, 1.0f};
}

} // namespace

std::optional<OrbitCamera> stageCameraAt(const Scenario& scenario, std::size_t stage,
                                         std::optional<std::size_t> previous, double secondsIntoStage,
                                         const MapProjection& projection, const TerrainSurface& surface) {
    const auto& target = scenario.stages[stage].camera;
    if (!target) return std::nullopt;
    const OrbitCamera to = cameraFromSpec(*target, projection, surface);
    if (!previous || !scenario.stages[*previous].camera) return to;
    const OrbitCamera from = cameraFromSpec(*scenario.stages[*previous].camera, projection, surface);
    return interpolateCameras(from, to, secondsIntoStage / kStageTransitionSeconds);
}

float placeSymbolPx(const Place& place) {
    const float byRank[] = {17.0f, 13.0f, 10.0f, 9.0f, 7.0f};
    return byRank[std::clamp(place.rank, 1, 5) - 1];
}

namespace {

std::vector<MapPoint> corridorStops(const Scenario& scenario, const Corridor& c,
                                    const MapProjection& projection) {
    const Place* from = scenario.findPlace(c.from);
    const Place* to = scenario.findPlace(c.to);
    if (!from || !to) return {}; // a validated scenario always has both
    std::vector<MapPoint> stops{projection.toMap(from->location)};
    for (const GeoPoint& w : c.waypoints)
        stops.push_back(projection.toMap(w));
    stops.push_back(projection.toMap(to->location));
    return stops;
}

bool sameStops(const std::vector<MapPoint>& a, const std::vector<MapPoint>& b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(),
                      [](const MapPoint& p, const MapPoint& q) { return p.x == q.x && p.y == q.y; });
}

} // namespace

std::optional<ScenarioGeometry> buildScenarioGeometry(const Scenario& scenario,
                                                      const MapProjection& projection,
                                                      const TerrainSurface& surface, RouteCache& routes,
                                                      const std::function<bool(double)>& progress) {
    ScenarioGeometry g;
    g.corridors.resize(scenario.corridors.size());
    const double n = static_cast<double>(std::max<std::size_t>(scenario.corridors.size(), 1));
    for (std::size_t i = 0; i < scenario.corridors.size(); ++i) {
        if (progress && !progress(static_cast<double>(i) / n)) return std::nullopt;
        const Corridor& c = scenario.corridors[i];
        std::vector<MapPoint> stops = corridorStops(scenario, c, projection);
        if (stops.empty()) continue;
        CorridorPaths& paths = g.corridors[i];
        paths.stops = stops;
        if (c.mode == CorridorMode::AirData) {
            paths.route = {stops.front(), stops.back()};
        } else if (auto route = routes.get(surface.dem(), stops)) {
            paths.route = route->points;
        } else {
            paths.route = stops;
            paths.routed = false;
            g.warnings.push_back("corridor " + c.id + " drawn straight: " + route.error().toString());
        }
    }
    if (progress && !progress(1.0)) return std::nullopt;
    redrapeScenarioGeometry(g, scenario, projection, surface);
    return g;
}

ScenarioGeometry buildScenarioGeometry(const Scenario& scenario, const MapProjection& projection,
                                       const TerrainSurface& surface, RouteCache& routes) {
    return *buildScenarioGeometry(scenario, projection, surface, routes, {});
}

ScenarioGeometry provisionalScenarioGeometry(const Scenario& scenario, const MapProjection& projection,
                                             const TerrainSurface& surface, const ScenarioGeometry& previous,
                                             std::size_t& pending) {
    ScenarioGeometry g;
    pending = 0;
    g.corridors.resize(scenario.corridors.size());
    for (std::size_t i = 0; i < scenario.corridors.size(); ++i) {
        const Corridor& c = scenario.corridors[i];
        CorridorPaths& paths = g.corridors[i];
        paths.stops = corridorStops(scenario, c, projection);
        if (paths.stops.empty()) continue;
        const auto known =
            std::find_if(previous.corridors.begin(), previous.corridors.end(),
                         [&](const CorridorPaths& p) { return sameStops(p.stops, paths.stops); });
        if (c.mode == CorridorMode::AirData) {
            paths.route = {paths.stops.front(), paths.stops.back()};
        } else if (known != previous.corridors.end() && known->route.size() >= 2) {
            paths.route = known->route;
            paths.routed = known->routed;
        } else {
            paths.route = paths.stops;
            paths.routed = false;
            ++pending;
        }
    }
    redrapeScenarioGeometry(g, scenario, projection, surface);
    return g;
}

void redrapeScenarioGeometry(ScenarioGeometry& g, const Scenario& scenario, const MapProjection& projection,
                             const TerrainSurface& surface) {
    for (std::size_t i = 0; i < g.corridors.size(); ++i)
        if (g.corridors[i].route.size() >= 2) drape(g.corridors[i], scenario.corridors[i], surface);
    g.places.clear();
    for (const Place& p : scenario.places) {
        const MapPoint m = projection.toMap(p.location);
        g.places.emplace_back(m.x, m.y, surface.heightAt(m.x, m.y).value_or(0.0));
    }
    g.exaggeration = surface.exaggeration();
}

void buildScenarioDrawList(DrawList& out, const Scenario& scenario, const ScenarioGeometry& geometry,
                           const StageAppearance& appearance, double particleTime,
                           const OverlayStyle& style) {
    double maxCapacity = 1e-9;
    for (const Corridor& c : scenario.corridors)
        maxCapacity = std::max(maxCapacity, c.capacity);
    std::vector<double> grown(scenario.corridors.size(), 0.0), opacity(scenario.corridors.size(), 0.0);

    for (const CorridorAppearance& ca : appearance.corridors) {
        const Corridor& c = scenario.corridors[ca.corridor];
        const CorridorPaths& paths = geometry.corridors[ca.corridor];
        grown[ca.corridor] = ca.grown;
        opacity[ca.corridor] = ca.opacity;
        if (paths.ground.empty() || ca.grown <= 0.0 || ca.opacity <= 0.0) continue;
        const auto share = static_cast<float>(std::sqrt(std::clamp(c.capacity / maxCapacity, 0.0, 1.0)));
        const float width =
            (style.minRibbonPx + (style.maxRibbonPx - style.minRibbonPx) * share) * style.scale;
        if (c.mode == CorridorMode::AirData) {
            LineItem arc{paths.arc.prefix(ca.grown * paths.arc.length()).points(),
                         withAlpha(style.airData, ca.opacity), std::max(1.5f, width * 0.4f),
                         9.0f * style.scale, true};
            out.lines.push_back(std::move(arc));
            continue;
        }
        const Polyline3 visible = paths.ground.prefix(ca.grown * paths.ground.length());
        out.lines.push_back(
            {visible.points(), withAlpha(style.casing, ca.opacity), width + 2.5f * style.scale, 0.0f, true});
        out.lines.push_back({visible.points(),
                             withAlpha(c.mode == CorridorMode::Rail ? style.rail : style.road, ca.opacity),
                             width, 0.0f, true});
    }

    // Information pulses ride faint arcs above ground corridors.
    std::vector<bool> arcDrawn(scenario.corridors.size(), false);
    std::vector<FlowParticle> marks;
    std::vector<float> sideOffsets;
    for (const FlowAppearance& fa : appearance.flows) {
        const Flow& f = scenario.flows[fa.flow];
        const Corridor* c = scenario.findCorridor(f.corridor);
        if (!c) continue;
        const auto ci = static_cast<std::size_t>(c - scenario.corridors.data());
        const CorridorPaths& paths = geometry.corridors[ci];
        const bool onArc = f.type == FlowType::Information || c->mode == CorridorMode::AirData;
        const Polyline3& path = onArc ? paths.arc : paths.ground;
        if (onArc && c->mode != CorridorMode::AirData && !arcDrawn[ci] && grown[ci] > 0.0) {
            arcDrawn[ci] = true;
            out.lines.push_back({paths.arc.prefix(grown[ci] * paths.arc.length()).points(),
                                 withAlpha(style.information, 0.35 * opacity[ci]), 1.5f * style.scale, 0.0f,
                                 true});
        }
        FlowMarksInput in;
        in.flowIndex = fa.flow;
        in.type = f.type;
        in.volume = fa.volume;
        in.maxVolume = appearance.maxVolume[static_cast<std::size_t>(f.type)];
        in.opacity = fa.opacity * (opacity[ci] > 0.0 ? opacity[ci] : 1.0);
        in.reverse = f.reverse;
        in.grown = grown[ci];
        // Marks per 100 km of route at full density, against how many fit on screen at the spacing wanted.
        const double pxPer100Km = 100000.0 / std::max(style.metresPerPixel, 1e-6);
        in.density = pxPer100Km / (style.marks.marksPer100KmAtMax * style.markSpacingPx * style.scale);
        appendFlowParticles(marks, in, path, particleTime, style.marks);
        // Each direction keeps to the right of its travel, clear of the ribbon's centre line.
        const auto share = static_cast<float>(std::sqrt(std::clamp(c->capacity / maxCapacity, 0.0, 1.0)));
        const float ribbon =
            onArc ? 2.0f : style.minRibbonPx + (style.maxRibbonPx - style.minRibbonPx) * share;
        sideOffsets.resize(marks.size(), 0.5f * ribbon * style.scale + 1.0f);
    }
    for (std::size_t k = 0; k < marks.size(); ++k) {
        const FlowParticle& p = marks[k];
        MarkerItem m;
        m.position = p.position;
        m.direction = p.direction;
        m.color = withAlpha(typeColor(style, p.type), p.alpha);
        m.ring = glm::vec4(0.08f, 0.08f, 0.08f, 0.9f * static_cast<float>(p.alpha));
        m.sizePx = static_cast<float>(p.sizePx) * style.scale;
        m.shape = typeShape(p.type);
        m.animated = true;
        m.sideOffsetPx = sideOffsets[k] + 0.35f * m.sizePx;
        out.markers.push_back(m);
    }

    if (!style.showPlaces) return;
    for (std::size_t i = 0; i < scenario.places.size() && i < geometry.places.size(); ++i) {
        const Place& p = scenario.places[i];
        const double emphasis = i < appearance.placeEmphasis.size() ? appearance.placeEmphasis[i] : 0.0;
        MarkerItem m;
        m.position = geometry.places[i];
        m.sizePx = placeSymbolPx(p) * style.scale * static_cast<float>(1.0 + 0.35 * emphasis);
        m.shape = p.role == PlaceRole::CountyTown ? MarkerShape::Diamond : MarkerShape::Place;
        m.color = glm::vec4(1.0f, 1.0f, 1.0f, 0.95f);
        m.ring = roleRing(p.role);
        if (emphasis > 0.0)
            m.color = glm::mix(m.color, glm::vec4(1.0f, 0.93f, 0.55f, 1.0f), static_cast<float>(emphasis));
        out.markers.push_back(m);
    }
}

} // namespace qinba
