#pragma once
// What the headless commands (render, record, kiosk soak) share: the DEM, the scenario and its layers
// read and checked before any GPU work, then a headless GL context with the renderer and presenters.

#include "qinba/app/layer_presenter.h"
#include "qinba/app/map_frame.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/app/terrain_setup.h"
#include "qinba/core/document.h"
#include "qinba/core/image.h"
#include "qinba/core/scene_settings.h"
#include "qinba/render/frame_readback.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/scene_renderer.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qinba::app {

/// What to load.
struct SceneRequest {
    TerrainOptions terrain;
    bool withScenario = false; ///< load a scenario (the default one when `scenario` is empty)
    std::string scenario;
    std::string od; ///< OD matrix CSV applied to the scenario (measured volumes); empty: none
    std::vector<std::string> layers; ///< extra layer files; each must open
    int triangles = 0;               ///< terrain triangle budget; 0 = every DEM sample
};

/// The loaded document, how it is shown, and the GPU objects that draw it.
struct HeadlessScene {
    MapProjection projection = MapProjection::panQinba();
    Document document;
    SceneSettings settings;
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<SceneRenderer> renderer;
    std::unique_ptr<ScenarioPresenter> presenter;
    LayerPresenter layerPresenter;
    LegendForm legendForm = LegendForm::Full; ///< recordings use the compact legend

    /// The MapView of this scene at `moment` for a picture `heightPx` high, with the text measure.
    MapView view(const SceneMoment& moment, int heightPx) const;
    /// Renders the picture of `moment` seen by `camera` at `size` (waiting for every streamed tile). With
    /// SceneSettings::compare the picture is split as in the viewer: `moment` on the left, the compared stage
    /// fully shown on the right, each half with its own labels and legend. With `window`, only that part of
    /// the `size` picture, laid out for the whole of it (one screen of a video wall, `size` being the
    /// wall's canvas); the image is then the window's size.
    Result<ImageRgba8> renderPicture(const OrbitCamera& camera, const SceneMoment& moment, Viewport size,
                                     int msaa, FrameStats* stats = nullptr, int maxTileSide = 0,
                                     std::optional<PixelRect> window = std::nullopt);
    /// Whether renderQueued() can draw pictures of `size`: whole in one pass (no compare split, not tiled
    /// by `maxTileSide`, 0: no limit).
    bool drawsWhole(Viewport size, int maxTileSide) const;
    /// renderPicture for a picture drawn whole (drawsWhole()) at the size of `readback`'s target: queues
    /// its read-back under `tag` and returns the frame queued before, if any, so the next picture renders
    /// while this one is read back (FrameReadback).
    Result<std::optional<ReadFrame>> renderQueued(FrameReadback& readback, long tag,
                                                  const OrbitCamera& camera, const SceneMoment& moment,
                                                  FrameStats* stats = nullptr);
    /// Sets layer visibility (id → visible; a tour's keyframes do this) and redraws the drape when anything
    /// changed.
    void setLayerVisibility(const std::map<std::string, bool>& visibility);
};

/// Reads the DEM, the scenario and the layers (problems with the scenario's own layers only warn), adds the
/// ecological zoning layer when `settings` shows it, applies the settings' layer order, visibility and
/// opacity, then creates the headless context and renderer.
Result<std::unique_ptr<HeadlessScene>> openHeadlessScene(const SceneRequest& request,
                                                         const SceneSettings& settings);

} // namespace qinba::app
