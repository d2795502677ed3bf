#pragma once
// What the headless commands (render, record, kiosk soak) share: the DEM, the scenario and its layers
// read and checked before any GPU work, then a headless GL context with the renderer and presenters.

#include "qinba/app/layer_presenter.h"
#include "qinba/app/map_frame.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/app/terrain_setup.h"

#include "qinba/core/dem.h"
#include "qinba/core/scenario.h"
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
    bool zoning = false;             ///< add the ecological zoning under the other layers
    int triangles = 0;               ///< terrain triangle budget; 0 = every DEM sample
};

/// The loaded data and the GPU objects that draw it.
struct HeadlessScene {
    MapProjection projection = MapProjection::panQinba();
    Dem dem;
    std::optional<Scenario> scenario;
    std::vector<Layer> layers;
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<SceneRenderer> renderer;
    std::unique_ptr<ScenarioPresenter> presenter;
    LayerPresenter layerPresenter;

    /// A MapView of this scene with the text measure, layers and DEM note filled in.
    MapView view(float scale, LabelLanguage language, bool defaultDem) const;
    /// Sets layer visibility (id → visible) and redraws the drape when anything changed.
    void setLayerVisibility(const std::map<std::string, bool>& visibility, double exaggeration);
};

/// Reads the DEM, the scenario and the layers (problems with the scenario's own layers only warn), then
/// creates the headless context and renderer. `exaggeration` drapes the scenario and layers.
Result<std::unique_ptr<HeadlessScene>> openHeadlessScene(const SceneRequest& request, double exaggeration);

} // namespace qinba::app
