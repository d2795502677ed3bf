#include "scenario_presenter.h"

#include "qinba/core/stage_animation.h"

#include <algorithm>

namespace qinba::app {

ScenarioPresenter::ScenarioPresenter(MapProjection projection)
    : projection_(std::move(projection)), routes_(defaultRouteCacheDir()) {}

void ScenarioPresenter::prepare(const Scenario& scenario, const TerrainSurface& surface) {
    geometry_ = buildScenarioGeometry(scenario, projection_, surface, routes_);
    prepared_ = true;
}

void ScenarioPresenter::follow(const Scenario& scenario, const TerrainSurface& surface) {
    if (prepared_ && geometry_.exaggeration != surface.exaggeration())
        redrapeScenarioGeometry(geometry_, scenario, projection_, surface);
}

void ScenarioPresenter::compose(DrawList& out, const Scenario& scenario, std::size_t stage,
                                std::optional<std::size_t> previous, double secondsIntoStage,
                                const OrbitCamera& camera, Viewport viewport, const TerrainSurface& surface,
                                const Look& look) const {
    if (!prepared_ || stage >= scenario.stages.size()) return;
    const StageAppearance appearance = appearanceAt(scenario, stage, previous, secondsIntoStage);
    OverlayStyle style;
    style.scale = look.scale;
    style.metresPerPixel = metresPerPixel(camera, viewport);
    // Flow marks move on the scenario clock: the stage's start in play order plus the time into it.
    const double particleTime = StageTimeline(scenario).startOf(stage) + secondsIntoStage;
    buildScenarioDrawList(out, scenario, geometry_, appearance, particleTime, style);
    if (!look.measure) return;
    addPlaceLabels(out, scenario, geometry_, appearance, camera, viewport, surface, look.language, look.scale,
                   look.measure);
    const bool indicative =
        std::any_of(scenario.flows.begin(), scenario.flows.end(), [](const Flow& f) { return f.indicative; });
    if (look.indicativeNote && indicative) {
        TextItem note;
        // 流量为示意值
        note.utf8 =
            "Flow volumes: indicative values \xc2\xb7 \xe6\xb5\x81\xe9\x87\x8f\xe4\xb8\xba\xe7\xa4\xba"
            "\xe6\x84\x8f\xe5\x80\xbc";
        note.pixelSize = 15.0 * look.scale;
        const glm::dvec2 size = look.measure(note.utf8, note.pixelSize);
        note.topLeft = {12.0 * look.scale, viewport.height - size.y - 10.0 * look.scale};
        note.color = glm::vec4(0.45f, 0.25f, 0.0f, 1.0f);
        note.haloWidth = 2.5 * look.scale;
        out.texts.push_back(std::move(note));
    }
}

} // namespace qinba::app
