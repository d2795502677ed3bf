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

std::optional<OrbitCamera> framedStageViewpoint(const Document& document, const LayerPresenter& layers,
                                                const ScenarioPresenter& scenario, const SceneSettings& scene,
                                                std::size_t stage, const MapProjection& projection,
                                                const FramingScreen& screen) {
    if (!document.scenario) return std::nullopt;
    const Scenario& sc = *document.scenario;
    const auto& spec = sc.stages[stage].camera;
    if (!spec) return std::nullopt;
    const TerrainSurface surface(document.dem, scene.style.exaggeration);
    if (!screen.measure) return cameraFromSpec(*spec, projection, surface);
    SceneMoment at;
    at.stage = stage;
    at.secondsIntoStage = kStageTransitionSeconds;
    MapView view = sceneView(document, layers, &scenario, scene, at, screen.viewport.height);
    view.measure = screen.measure;
    view.controls = screen.controls;
    view.decorations.legendForm = screen.legendForm;
    view.indicativeNote = view.indicativeNote && screen.indicativeNote;
    ScreenRect safe = frameLayout(view, screen.viewport).safeArea;
    if (!screen.panels.empty()) {
        view.controls.insert(view.controls.end(), screen.panels.begin(), screen.panels.end());
        const ScreenRect clear = frameLayout(view, screen.viewport).safeArea;
        if (clear.size.x >= screen.viewport.width * kMinPanelFreeShare &&
            clear.size.y >= screen.viewport.height * kMinPanelFreeShare)
            safe = clear;
    }
    return cameraFromSpec(frameStage(sc, stage, *spec, scenario.geometry(), projection, surface,
                                     screen.viewport, safe, framingMarginPx(view.scale)),
                          projection, surface);
}

std::optional<OrbitCamera> framedStageCameraAt(const Document& document, const LayerPresenter& layers,
                                               const ScenarioPresenter& scenario, const SceneSettings& scene,
                                               std::size_t stage, std::optional<std::size_t> previous,
                                               double secondsIntoStage, const MapProjection& projection,
                                               const FramingScreen& screen) {
    const auto to = framedStageViewpoint(document, layers, scenario, scene, stage, projection, screen);
    if (!to || !previous) return to;
    const auto from = framedStageViewpoint(document, layers, scenario, scene, *previous, projection, screen);
    if (!from) return to;
    return interpolateCameras(*from, *to, secondsIntoStage / kStageTransitionSeconds);
}

} // namespace qinba::app
