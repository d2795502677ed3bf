#pragma once
// The scenario on the map: corridor paths over the terrain and the draw list of one moment (ribbons,
// arcs, flow marks, place symbols).

#include "qinba/core/draw_list.h"
#include "qinba/core/flow_particles.h"
#include "qinba/core/polyline.h"
#include "qinba/core/routing.h"
#include "qinba/core/scenario.h"
#include "qinba/core/stage_animation.h"

#include <functional>
#include <glm/glm.hpp>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

/// Where one corridor runs.
struct CorridorPaths {
    std::vector<MapPoint> route; ///< map metres: least-cost path or through the given waypoints
    Polyline3 ground;            ///< the route on the displayed surface (world metres)
    Polyline3 arc;               ///< an arc above the terrain between the ends (world metres)
    bool routed = true;          ///< false when routing failed and a straight line stands in
    std::vector<MapPoint> stops; ///< map metres: the ends and waypoints the route was asked for
};

/// Corridor paths and place positions for one DEM and one vertical exaggeration.
struct ScenarioGeometry {
    std::vector<CorridorPaths> corridors; ///< parallel to Scenario::corridors
    std::vector<glm::dvec3> places;       ///< parallel to Scenario::places, world metres on the surface
    std::vector<std::string> warnings;    ///< e.g. a corridor that could not be routed
    double exaggeration = 1.0;            ///< the exaggeration the paths were draped with
};

/// Routes every corridor (through `routes`, so each is computed once) and drapes it on `surface`.
ScenarioGeometry buildScenarioGeometry(const Scenario& scenario, const MapProjection& projection,
                                       const TerrainSurface& surface, RouteCache& routes);
/// The same with `progress`, called before each corridor and at the end with the fraction routed (0–1), for
/// a worker thread; when it returns false the build stops and gives nullopt.
std::optional<ScenarioGeometry> buildScenarioGeometry(const Scenario& scenario,
                                                      const MapProjection& projection,
                                                      const TerrainSurface& surface, RouteCache& routes,
                                                      const std::function<bool(double)>& progress);
/// Geometry at once, without routing: corridors whose stops a corridor of `previous` had keep its route,
/// the others run straight (routed false) until the routes are computed; `pending` counts those.
ScenarioGeometry provisionalScenarioGeometry(const Scenario& scenario, const MapProjection& projection,
                                             const TerrainSurface& surface, const ScenarioGeometry& previous,
                                             std::size_t& pending);
/// Lays the same routes on a surface with another exaggeration, without routing again.
void redrapeScenarioGeometry(ScenarioGeometry& geometry, const Scenario& scenario,
                             const MapProjection& projection, const TerrainSurface& surface);

/// Colours and sizes of the scenario overlay.
struct OverlayStyle {
    // Flow colours stay apart under deuteranopia, protanopia and tritanopia (CIE76 ΔE above 50 between any
    // two, Machado 2009 simulation; tests/render/test_flow_legibility.cpp): orange, blue and pale ivory
    // differ in lightness and on the blue-yellow axis every kind of colour vision keeps. Shapes differ too
    // (dots, blocks, dashes; see typeShape in scenario_overlay.cpp).
    glm::vec4 people{1.00f, 0.56f, 0.12f, 1.0f};
    glm::vec4 goods{0.16f, 0.42f, 0.95f, 1.0f};
    glm::vec4 information{1.00f, 0.98f, 0.82f, 1.0f};
    glm::vec4 rail{0.66f, 0.13f, 0.15f, 1.0f};
    glm::vec4 road{0.27f, 0.36f, 0.66f, 1.0f};
    glm::vec4 airData{0.80f, 0.70f, 1.00f, 0.85f};
    glm::vec4 casing{0.12f, 0.10f, 0.10f, 0.85f};
    float minRibbonPx = 2.0f; ///< ribbon width of the least capacity
    float maxRibbonPx = 9.0f; ///< ribbon width of the largest capacity
    float scale = 1.0f;       ///< multiplies every pixel size (UI scale, or output size / 1080 for renders)
    bool showPlaces = true;
    /// Metres a pixel covers at the camera's target; sets how many flow marks show (see markSpacingPx).
    double metresPerPixel = 2000.0;
    float markSpacingPx = 16.0f; ///< least spacing of flow marks at the largest volume, pixels
    FlowParticleStyle marks;
};

/// Adds the scenario as it appears in `appearance` to `out`; `particleTime` (seconds) moves the flow marks.
void buildScenarioDrawList(DrawList& out, const Scenario& scenario, const ScenarioGeometry& geometry,
                           const StageAppearance& appearance, double particleTime, const OverlayStyle& style);

/// The camera of a stage `secondsIntoStage` after switching from `previous`: a flight from the previous
/// stage's viewpoint (or straight to the stage's own when there is none) over kStageTransitionSeconds.
/// nullopt when the stage names no viewpoint.
std::optional<OrbitCamera> stageCameraAt(const Scenario& scenario, std::size_t stage,
                                         std::optional<std::size_t> previous, double secondsIntoStage,
                                         const MapProjection& projection, const TerrainSurface& surface);

/// Symbol size in pixels of a place (before OverlayStyle::scale), by role and rank.
float placeSymbolPx(const Place& place);

} // namespace qinba
