#include "qinba/app/scenario_presenter.h"

#include "qinba/core/stage_animation.h"

namespace qinba::app {

ScenarioPresenter::ScenarioPresenter(MapProjection projection)
    : projection_(std::move(projection)), routes_(defaultRouteCacheDir()) {}

void ScenarioPresenter::prepare(const Scenario& scenario, const TerrainSurface& surface) {
    geometry_ = buildScenarioGeometry(scenario, projection_, surface, routes_);
    prepared_ = true;
}

std::size_t ScenarioPresenter::prepareProvisional(const Scenario& scenario, const TerrainSurface& surface) {
    std::size_t pending = 0;
    geometry_ = provisionalScenarioGeometry(scenario, projection_, surface, geometry_, pending);
    prepared_ = true;
    return pending;
}

void ScenarioPresenter::adopt(ScenarioGeometry geometry) {
    geometry_ = std::move(geometry);
    prepared_ = true;
}

void ScenarioPresenter::follow(const Scenario& scenario, const TerrainSurface& surface) {
    if (prepared_ && geometry_.exaggeration != surface.exaggeration())
        redrapeScenarioGeometry(geometry_, scenario, projection_, surface);
}

void ScenarioPresenter::compose(DrawList& out, std::vector<LabelRequest>& labels, const Scenario& scenario,
                                std::size_t stage, std::optional<std::size_t> previous,
                                double secondsIntoStage, const OrbitCamera& camera, Viewport viewport,
                                float scale, LabelLanguage language) const {
    if (!prepared_ || stage >= scenario.stages.size()) return;
    const StageAppearance appearance = appearanceAt(scenario, stage, previous, secondsIntoStage);
    OverlayStyle style;
    style.scale = scale;
    style.metresPerPixel = metresPerPixel(camera, viewport);
    // Flow marks move on the scenario clock: the stage's start in play order plus the time into it.
    const double particleTime = StageTimeline(scenario).startOf(stage) + secondsIntoStage;
    buildScenarioDrawList(out, scenario, geometry_, appearance, particleTime, style);
    requestPlaceLabels(labels, scenario, geometry_, appearance, language, scale);
}

} // namespace qinba::app
