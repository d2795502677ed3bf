// The viewer session's workshop tools: picking, clicks that edit, waypoint dragging, opening, importing,
// saving and autosaving the scenario document.

#include "qinba/app/scenario_setup.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/core/recovery.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/terrain_surface.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace qinba::app {

namespace {

constexpr double kAutosaveSeconds = 120.0;

/// Where inserting `p` into `points` (between `from` and `to`) adds the least length.
std::size_t bestInsertion(const std::vector<glm::dvec2>& chain, glm::dvec2 p) {
    std::size_t best = 0;
    double bestAdded = 1e300;
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
        const double added =
            glm::length(p - chain[i]) + glm::length(chain[i + 1] - p) - glm::length(chain[i + 1] - chain[i]);
        if (added < bestAdded) bestAdded = added, best = i;
    }
    return best; // insert after chain[best], i.e. at waypoint index best
}

} // namespace

std::optional<GeoPoint> ViewerSession::terrainUnderCursor(const TerrainSurface& surface) const {
    const Viewport vp = host_.viewport();
    const CameraMatrices m = computeMatrices(ctx_.view.camera, vp, surface.box());
    const auto hit = surface.intersect(screenRay(m, vp, mouse_));
    if (!hit) return std::nullopt;
    return ctx_.projection.toGeo({hit->x, hit->y});
}

void ViewerSession::updatePicking(NavigationInput& nav, const TerrainSurface& surface) {
    mouse_ = nav.mouse;
    ViewState& v = ctx_.view;
    v.hover = {};
    if (!ctx_.document.scenario.has_value() || !presenter_.prepared()) return;
    const Scenario& sc = *ctx_.document.scenario;
    const ImGuiIO& io = ImGui::GetIO();
    const Viewport vp = host_.viewport();
    const CameraMatrices m = computeMatrices(v.camera, vp, surface.box());
    const double s = ctx_.prefs.uiScale;

    // Dragging a waypoint of the selected corridor moves it instead of the map.
    const bool corridorSelected =
        v.selected.kind == Pick::Kind::Corridor && v.selected.index < sc.corridors.size();
    if (corridorSelected && io.MouseClicked[0] && !io.WantCaptureMouse) {
        const Corridor& c = sc.corridors[v.selected.index];
        for (std::size_t k = 0; k < c.waypoints.size(); ++k) {
            const MapPoint p = ctx_.projection.toMap(c.waypoints[k]);
            const glm::dvec3 w(p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0));
            if (const auto sp = projectToScreen(m, vp, w);
                sp && glm::length(glm::dvec2(*sp) - nav.mouse) < 10.0 * s)
                v.draggedWaypoint = k;
        }
    }
    if (v.draggedWaypoint) {
        nav.panDrag = nav.orbitDrag = false;
        if (!io.MouseDown[0]) {
            if (corridorSelected && *v.draggedWaypoint < sc.corridors[v.selected.index].waypoints.size()) {
                if (const auto geo = terrainUnderCursor(surface)) {
                    std::vector<GeoPoint> points = sc.corridors[v.selected.index].waypoints;
                    points[*v.draggedWaypoint] = *geo;
                    ctx_.commands.post(
                        Edit{SetCorridorWaypoints{sc.corridors[v.selected.index].id, std::move(points)}});
                }
            }
            v.draggedWaypoint.reset();
        }
        return;
    }
    if (io.WantCaptureMouse) return;
    const auto visible = [&](glm::dvec3 w) {
        const glm::dvec3 d = w - m.eye;
        const auto hit = surface.intersect(Ray{m.eye, glm::normalize(d)});
        return !hit || glm::length(*hit - m.eye) > glm::length(d) * 0.995;
    };
    v.hover = pickScenario(sc, presenter_.geometry(), sc.stages[v.playback.stage], m, vp, nav.mouse, 12.0 * s,
                           7.0 * s, visible);
    // A click is a press and release without a drag.
    if (io.MouseReleased[0] && io.MouseDragMaxDistanceSqr[0] < 25.0f) onMapClick(surface);
}

void ViewerSession::pickAt(glm::dvec2 pixel, bool details) {
    ViewState& v = ctx_.view;
    v.detailCard = false;
    v.selected = {};
    if (!ctx_.document.scenario.has_value() || !presenter_.prepared()) return;
    const Scenario& sc = *ctx_.document.scenario;
    if (v.playback.stage >= sc.stages.size()) return;
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    const Viewport vp = host_.viewport();
    const CameraMatrices m = computeMatrices(v.camera, vp, surface.box());
    const double s = ctx_.prefs.uiScale;
    const auto visible = [&](glm::dvec3 w) {
        const glm::dvec3 d = w - m.eye;
        const auto hit = surface.intersect(Ray{m.eye, glm::normalize(d)});
        return !hit || glm::length(*hit - m.eye) > glm::length(d) * 0.995;
    };
    // A fingertip covers more than a cursor: twice the mouse's radii.
    v.selected = pickScenario(sc, presenter_.geometry(), sc.stages[v.playback.stage], m, vp, pixel, 24.0 * s,
                              14.0 * s, visible);
    v.detailCard = details && v.selected.kind != Pick::Kind::None;
}

void ViewerSession::onMapClick(const TerrainSurface& surface) {
    ViewState& v = ctx_.view;
    const Scenario& sc = *ctx_.document.scenario;
    const Stage& stage = sc.stages[v.playback.stage];
    switch (v.tool) {
    case EditTool::ConnectPlaces:
        if (v.hover.kind == Pick::Kind::Place && sc.places[v.hover.index].id != v.connectFrom) {
            Corridor c;
            c.from = v.connectFrom;
            c.to = sc.places[v.hover.index].id;
            c.mode = v.connectMode;
            c.capacity = 1.0;
            c.capacityUnit =
                v.connectMode == CorridorMode::Road ? "lanes" : "trains/day"; // data, kept in files
            ctx_.commands.post(Edit{AddCorridor{c, stage.id}});
            v.tool = EditTool::None;
        }
        return;
    case EditTool::AddPlace:
        if (const auto geo = terrainUnderCursor(surface)) {
            Place p;
            p.nameEn = "New place"; // both names are data: the scenario keeps them
            p.nameZh = "新地点";
            p.location = *geo;
            p.role = PlaceRole::CountyTown;
            p.rank = 4;
            p.source = "added in the viewer";
            ctx_.commands.post(Edit{AddPlace{p}});
            v.selected = {Pick::Kind::Place, sc.places.size(), 0.0}; // where the new place will be
            v.tool = EditTool::None;
        }
        return;
    case EditTool::AddWaypoint:
        if (v.selected.kind == Pick::Kind::Corridor && v.selected.index < sc.corridors.size()) {
            if (const auto geo = terrainUnderCursor(surface)) {
                const Corridor& c = sc.corridors[v.selected.index];
                const Place* from = sc.findPlace(c.from);
                const Place* to = sc.findPlace(c.to);
                if (!from || !to) return;
                std::vector<glm::dvec2> chain;
                const auto map = [&](GeoPoint g) {
                    const MapPoint p = ctx_.projection.toMap(g);
                    return glm::dvec2(p.x, p.y);
                };
                chain.push_back(map(from->location));
                for (const GeoPoint& w : c.waypoints)
                    chain.push_back(map(w));
                chain.push_back(map(to->location));
                std::vector<GeoPoint> points = c.waypoints;
                points.insert(points.begin() + static_cast<long>(bestInsertion(chain, map(*geo))), *geo);
                ctx_.commands.post(Edit{SetCorridorWaypoints{c.id, std::move(points)}});
            }
        }
        return;
    case EditTool::None:
        v.selected = v.hover;
        return;
    }
}

void ViewerSession::composeHighlight(DrawList& out, const TerrainSurface& surface) const {
    if (!ctx_.document.scenario.has_value() || forImage_) return;
    const Scenario& sc = *ctx_.document.scenario;
    const ScenarioGeometry& g = presenter_.geometry();
    const auto s = static_cast<float>(ctx_.prefs.uiScale);
    const auto mark = [&](const Pick& p, float strength) {
        if (p.kind == Pick::Kind::Place && p.index < g.places.size()) {
            MarkerItem m;
            m.position = g.places[p.index];
            m.shape = MarkerShape::Glow;
            m.color = {1.0f, 0.92f, 0.3f, strength};
            m.sizePx = 40.0f * s;
            out.markers.push_back(m);
        } else if (p.kind == Pick::Kind::Corridor && p.index < g.corridors.size()) {
            const Polyline3& line = sc.corridors[p.index].mode == CorridorMode::AirData
                                        ? g.corridors[p.index].arc
                                        : g.corridors[p.index].ground;
            LineItem l;
            l.points = line.points();
            l.color = {1.0f, 0.92f, 0.3f, 0.55f * strength};
            l.widthPx = 14.0f * s;
            out.lines.push_back(std::move(l));
        }
    };
    if (!(ctx_.view.hover == ctx_.view.selected)) mark(ctx_.view.hover, 0.5f);
    mark(ctx_.view.selected, 1.0f);
    // The selected corridor's waypoints are handles to drag.
    if (ctx_.view.selected.kind == Pick::Kind::Corridor && ctx_.view.selected.index < sc.corridors.size()) {
        const auto& waypoints = sc.corridors[ctx_.view.selected.index].waypoints;
        for (std::size_t k = 0; k < waypoints.size(); ++k) {
            MapPoint p = ctx_.projection.toMap(waypoints[k]);
            if (ctx_.view.draggedWaypoint == k)
                if (const auto geo = terrainUnderCursor(surface)) p = ctx_.projection.toMap(*geo);
            MarkerItem m;
            m.position = {p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0)};
            m.shape = MarkerShape::Place;
            m.color = {1.0f, 1.0f, 1.0f, 1.0f};
            m.ring = {1.0f, 0.75f, 0.1f, 1.0f};
            m.sizePx = 14.0f * s;
            out.markers.push_back(m);
        }
    }
}

void ViewerSession::autosave() {
    if (!ctx_.document.scenario.has_value() || !ctx_.history.dirty()) return;
    if (ctx_.time - lastAutosave_ < kAutosaveSeconds) return;
    lastAutosave_ = ctx_.time;
    if (auto s = writeRecovery(ctx_.document.scenarioPath, *ctx_.document.scenario); !s)
        ctx_.notifications.error(i18n::format(_("Autosave failed: %s"), s.error().toString().c_str()));
}

void ViewerSession::requestClose() {
    if (ctx_.document.scenario.has_value() && ctx_.history.dirty()) {
        ctx_.view.confirmDiscard = true;
        ctx_.view.pendingOpen = std::string(); // "" = quit once answered
        return;
    }
    host_.close();
}

void ViewerSession::finish() {
    // Unsaved changes keep their recovery file: the next start offers it.
    if (ctx_.document.scenario.has_value() && !ctx_.history.dirty())
        (void)discardRecovery(ctx_.document.scenarioPath);
    if (recording_) recording_->cancel();
}

} // namespace qinba::app
