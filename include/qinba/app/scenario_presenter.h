#pragma once
// Turns the scenario document into what the renderer draws at one moment. Shared by the viewer and the
// headless commands, so both show the same frame for the same stage and time.

#include "qinba/core/draw_list.h"
#include "qinba/core/place_labels.h"
#include "qinba/core/routing.h"
#include "qinba/core/scenario.h"
#include "qinba/core/scenario_overlay.h"

#include <optional>
#include <string>
#include <vector>

namespace qinba::app {

class ScenarioPresenter {
  public:
    explicit ScenarioPresenter(MapProjection projection);

    /// Routes every corridor over `surface` (each route computed once; kept in the route cache folder) and
    /// drapes the routes. Problems (a corridor that cannot be routed) are in warnings().
    void prepare(const Scenario& scenario, const TerrainSurface& surface);
    /// Like prepare() without routing, for the window thread: known routes are kept, corridors whose route is
    /// not known yet run straight. Returns how many corridors wait for routing (see route(), adopt()).
    std::size_t prepareProvisional(const Scenario& scenario, const TerrainSurface& surface);
    /// Forgets the routes (another DEM): the next prepareProvisional() knows none.
    void forgetRoutes() { geometry_ = {}; }
    /// Takes geometry computed off the window thread with buildScenarioGeometry() over routes().
    void adopt(ScenarioGeometry geometry);
    /// The route cache, safe to use from a worker thread while the presenter draws.
    RouteCache& routes() { return routes_; }
    /// Re-drapes the routes when the surface's exaggeration changed since prepare().
    void follow(const Scenario& scenario, const TerrainSurface& surface);
    bool prepared() const { return prepared_; }
    const std::vector<std::string>& warnings() const { return geometry_.warnings; }
    const ScenarioGeometry& geometry() const { return geometry_; }

    /// Adds the scenario `secondsIntoStage` into `stage` (coming from `previous`), seen by `camera` in
    /// `viewport`, to `out` (ribbons, arcs, flow marks, place symbols) and its place labels to `labels`.
    void compose(DrawList& out, std::vector<LabelRequest>& labels, const Scenario& scenario,
                 std::size_t stage, std::optional<std::size_t> previous, double secondsIntoStage,
                 const OrbitCamera& camera, Viewport viewport, float scale, LabelLanguage language) const;

  private:
    MapProjection projection_;
    RouteCache routes_;
    ScenarioGeometry geometry_;
    bool prepared_ = false;
};

} // namespace qinba::app
