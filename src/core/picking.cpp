#include "qinba/core/picking.h"

#include <algorithm>
#include <limits>

namespace qinba {

namespace {

double segmentDistance(glm::dvec2 p, glm::dvec2 a, glm::dvec2 b) {
    const glm::dvec2 ab = b - a;
    const double len2 = glm::dot(ab, ab);
    const double t = len2 > 0.0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return glm::length(p - (a + t * ab));
}

void add(FlowTotals& t, const Flow& f, double volume, bool inward) {
    const auto type = static_cast<std::size_t>(f.type);
    (inward ? t.in : t.out)[type] += volume;
    std::string& unit = t.unit[type];
    if (unit.empty())
        unit = f.unit;
    else if (unit != f.unit)
        unit = "mixed units";
    t.indicative = t.indicative || f.indicative;
    ++t.flows;
}

bool active(const Stage& stage, const std::string& corridor) {
    return std::find(stage.corridors.begin(), stage.corridors.end(), corridor) != stage.corridors.end();
}

} // namespace

Pick pickScenario(const Scenario& sc, const ScenarioGeometry& geometry, const Stage& stage,
                  const CameraMatrices& camera, Viewport viewport, glm::dvec2 mouse, double placeRadiusPx,
                  double lineRadiusPx, const std::function<bool(glm::dvec3)>& visible) {
    Pick best;
    double bestDistance = std::numeric_limits<double>::infinity();
    const auto seen = [&](glm::dvec3 w) { return !visible || visible(w); };
    for (std::size_t i = 0; i < sc.places.size() && i < geometry.places.size(); ++i) {
        const auto p = projectToScreen(camera, viewport, geometry.places[i]);
        if (!p || p->z > 1.0) continue;
        const double d = glm::length(glm::dvec2(*p) - mouse);
        if (d <= placeRadiusPx && d < bestDistance && seen(geometry.places[i])) {
            bestDistance = d;
            best = {Pick::Kind::Place, i, d};
        }
    }
    if (best.kind != Pick::Kind::None) return best;
    for (std::size_t i = 0; i < sc.corridors.size() && i < geometry.corridors.size(); ++i) {
        const Corridor& c = sc.corridors[i];
        if (!active(stage, c.id)) continue;
        const Polyline3& line =
            c.mode == CorridorMode::AirData ? geometry.corridors[i].arc : geometry.corridors[i].ground;
        const auto& pts = line.points();
        std::optional<glm::dvec3> prev;
        glm::dvec3 prevWorld{0.0};
        for (const glm::dvec3& w : pts) {
            const auto p = projectToScreen(camera, viewport, w);
            if (p && prev) {
                const double d = segmentDistance(mouse, glm::dvec2(*prev), glm::dvec2(*p));
                if (d <= lineRadiusPx && d < bestDistance && seen((w + prevWorld) * 0.5)) {
                    bestDistance = d;
                    best = {Pick::Kind::Corridor, i, d};
                }
            }
            prev = p;
            prevWorld = w;
        }
    }
    return best;
}

FlowTotals placeFlows(const Scenario& sc, const std::string& placeId, const Stage& stage) {
    FlowTotals t;
    for (const Flow& f : sc.flows) {
        const Corridor* c = sc.findCorridor(f.corridor);
        if (!c || !active(stage, c->id)) continue;
        const std::string& from = f.reverse ? c->to : c->from;
        const std::string& to = f.reverse ? c->from : c->to;
        if (to == placeId) add(t, f, sc.volumeIn(f, stage), true);
        if (from == placeId) add(t, f, sc.volumeIn(f, stage), false);
    }
    return t;
}

FlowTotals corridorFlows(const Scenario& sc, const std::string& corridorId, const Stage& stage) {
    FlowTotals t;
    for (const Flow& f : sc.flows)
        if (f.corridor == corridorId) add(t, f, sc.volumeIn(f, stage), !f.reverse);
    return t;
}

std::vector<YearTotals> placeFlowsByYear(const Scenario& sc, const std::string& placeId) {
    std::vector<YearTotals> out;
    for (const Stage& s : sc.stages)
        if (s.year) out.push_back({*s.year, placeFlows(sc, placeId, s)});
    return out;
}

std::vector<YearTotals> corridorFlowsByYear(const Scenario& sc, const std::string& corridorId) {
    std::vector<YearTotals> out;
    for (const Stage& s : sc.stages)
        if (s.year) out.push_back({*s.year, corridorFlows(sc, corridorId, s)});
    return out;
}

} // namespace qinba
