#pragma once
// Frames a tour's stages for one screen: each keyframe's safe area comes from the layout of that moment's
// legend, caption, title, credits and controls (frameLayout()), and frameTour() moves the camera so the
// stage's places and corridors fill it. The viewer, the kiosk and recordings play the framed tour.

#include "qinba/app/layer_presenter.h"
#include "qinba/app/map_frame.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/core/document.h"
#include "qinba/core/scene_settings.h"
#include "qinba/core/screen_layout.h"

#include <vector>

namespace qinba::app {

/// How the frames that play the tour are laid out.
struct FramingScreen {
    Viewport viewport;
    TextMeasure measure;              ///< empty: the tour is returned unchanged
    std::vector<ScreenRect> controls; ///< on-screen controls over the frame, pixels
    LegendForm legendForm = LegendForm::Full;
    /// Leave room for the "indicative values" note, as pictures burn it in; the viewer and the kiosk leave it
    /// too (they say it in their UI), so a live frame and its recording are framed alike.
    bool indicativeNote = true;
    /// Windows over the map (the viewer's panels), pixels: a stage is framed into the map they leave while
    /// that is at least kMinPanelFreeShare of the frame's width and height, and as if they were not there
    /// otherwise. Tours are framed without them, as their recordings are.
    std::vector<ScreenRect> panels;
};

/// See FramingScreen::panels.
inline constexpr double kMinPanelFreeShare = 0.4;

/// The moment a tour shows while keyframe `k` holds (stage, transition, caption).
SceneMoment keyframeMoment(const Scenario& scenario, const Tour& tour, std::size_t k,
                           const MapProjection& projection, const TerrainSurface& surface);

/// The MapView of keyframe `k`'s hold on `screen`.
MapView keyframeView(const Document& document, const LayerPresenter& layers,
                     const ScenarioPresenter& scenario, const SceneSettings& scene, const Tour& tour,
                     std::size_t k, const MapProjection& projection, const FramingScreen& screen);

/// `tour` with each keyframe framed into the safe area its moment leaves on `screen` (see frameTour()).
Tour framedTour(const Document& document, const LayerPresenter& layers, const ScenarioPresenter& scenario,
                const SceneSettings& scene, const Tour& tour, const MapProjection& projection,
                const FramingScreen& screen);

/// The viewpoint of `stage` framed into the safe area its legend, caption and decorations leave on `screen`
/// (and its panels, see FramingScreen::panels); the stage's own viewpoint when `screen` has no text measure;
/// nullopt when the stage names no camera.
std::optional<OrbitCamera> framedStageViewpoint(const Document& document, const LayerPresenter& layers,
                                                const ScenarioPresenter& scenario, const SceneSettings& scene,
                                                std::size_t stage, const MapProjection& projection,
                                                const FramingScreen& screen);

/// The camera `secondsIntoStage` into `stage` after `previous`, as the viewer flies it when a stage is
/// chosen: the flight from the previous stage's camera to this one's, each framed into the safe area the
/// stage's legend, caption and decorations leave on `screen` (stageCameraAt() with framed ends). nullopt when
/// the stage names no camera.
std::optional<OrbitCamera> framedStageCameraAt(const Document& document, const LayerPresenter& layers,
                                               const ScenarioPresenter& scenario, const SceneSettings& scene,
                                               std::size_t stage, std::optional<std::size_t> previous,
                                               double secondsIntoStage, const MapProjection& projection,
                                               const FramingScreen& screen);

} // namespace qinba::app
