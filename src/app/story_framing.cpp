#include "qinba/app/story_framing.h"

#include "qinba/core/stage_framing.h"
#include "qinba/core/tour.h"

namespace qinba::app {

SceneMoment keyframeMoment(const Scenario& scenario, const Tour& tour, std::size_t k,
                           const MapProjection& projection, const TerrainSurface& surface) {
    // The end of the keyframe's flight: its hold, when the stage's transition is over or under way.
    const double flight = k == 0 ? 0.0 : tour.keyframes[k].duration;
    const TourMoment m = tourAt(scenario, tour, keyframeStart(tour, k) + flight, projection, surface);
    SceneMoment at;
    at.showsScenario = m.stage.has_value();
    at.stage = m.stage.value_or(0);
    at.previous = m.previousStage;
    at.secondsIntoStage = m.secondsIntoStage;
    at.captionEn = m.captionEn;
    at.captionZh = m.captionZh;
    return at;
}

MapView keyframeView(const Document& document, const LayerPresenter& layers,
                     const ScenarioPresenter& scenario, const SceneSettings& scene, const Tour& tour,
                     std::size_t k, const MapProjection& projection, const FramingScreen& screen) {
    const TerrainSurface surface(document.dem, scene.style.exaggeration);
    const SceneMoment at = keyframeMoment(*document.scenario, tour, k, projection, surface);
    MapView view = sceneView(document, layers, &scenario, scene, at, screen.viewport.height);
    view.measure = screen.measure;
    view.controls = screen.controls;
    view.decorations.legendForm = screen.legendForm;
    view.indicativeNote = view.indicativeNote && screen.indicativeNote;
    return view;
}

Tour framedTour(const Document& document, const LayerPresenter& layers, const ScenarioPresenter& scenario,
                const SceneSettings& scene, const Tour& tour, const MapProjection& projection,
                const FramingScreen& screen) {
    if (!document.scenario || !screen.measure || tour.keyframes.empty()) return tour;
    const TerrainSurface surface(document.dem, scene.style.exaggeration);
    const auto safeArea = [&](std::size_t k) {
        const MapView view = keyframeView(document, layers, scenario, scene, tour, k, projection, screen);
        return frameLayout(view, screen.viewport).safeArea;
    };
    const auto scale = static_cast<float>(scene.textScaleFor(screen.viewport.height));
    return frameTour(*document.scenario, tour, scenario.geometry(), projection, surface, screen.viewport,
                     safeArea, framingMarginPx(scale));
}

std::optional<OrbitCamera> framedStageCameraAt(const Document& document, const LayerPresenter& layers,
                                               const ScenarioPresenter& scenario, const SceneSettings& scene,
                                               std::size_t stage, std::optional<std::size_t> previous,
                                               double secondsIntoStage, const MapProjection& projection,
                                               const FramingScreen& screen) {
    if (!document.scenario) return std::nullopt;
    const Scenario& sc = *document.scenario;
    const TerrainSurface surface(document.dem, scene.style.exaggeration);
    const auto framed = [&](std::size_t s) -> std::optional<OrbitCamera> {
        const auto& spec = sc.stages[s].camera;
        if (!spec) return std::nullopt;
        if (!screen.measure) return cameraFromSpec(*spec, projection, surface);
        SceneMoment at;
        at.stage = s;
        at.secondsIntoStage = kStageTransitionSeconds;
        MapView view = sceneView(document, layers, &scenario, scene, at, screen.viewport.height);
        view.measure = screen.measure;
        view.controls = screen.controls;
        view.decorations.legendForm = screen.legendForm;
        view.indicativeNote = view.indicativeNote && screen.indicativeNote;
        const ScreenRect safe = frameLayout(view, screen.viewport).safeArea;
        return cameraFromSpec(frameStage(sc, s, *spec, scenario.geometry(), projection, surface,
                                         screen.viewport, safe, framingMarginPx(view.scale)),
                              projection, surface);
    };
    const auto to = framed(stage);
    if (!to || !previous) return to;
    const auto from = framed(*previous);
    if (!from) return to;
    return interpolateCameras(*from, *to, secondsIntoStage / kStageTransitionSeconds);
}

} // namespace qinba::app
