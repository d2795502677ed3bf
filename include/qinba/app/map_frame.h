#pragma once
// One frame of the map overlay, the same for the viewer, `qinba render` and later recordings: layers,
// the scenario at a moment, labels placed together, and the legend, scale bar and north arrow.

#include "qinba/app/layer_presenter.h"
#include "qinba/app/scenario_presenter.h"

#include "qinba/core/draw_list.h"
#include "qinba/core/map_decorations.h"
#include "qinba/core/terrain_style.h"

#include <optional>
#include <string>
#include <vector>

namespace qinba::app {

/// What the overlay of one frame shows.
struct MapView {
    const std::vector<Layer>* layers = nullptr;
    const LayerPresenter* layerPresenter = nullptr;
    const Scenario* scenario = nullptr; ///< nullptr: no scenario
    const ScenarioPresenter* scenarioPresenter = nullptr;
    std::size_t stage = 0;
    std::optional<std::size_t> previous;
    double secondsIntoStage = 0.0;
    const Dem* dem = nullptr; ///< for the elevation legend
    std::string demNote;      ///< where the elevations come from, in the legend
    TerrainStyle style;
    LabelLanguage language = LabelLanguage::Chinese;
    float scale = 1.0f;  ///< multiplies pixel sizes
    TextMeasure measure; ///< empty: no text at all (no font)
    DecorationOptions decorations;
    bool indicativeNote = false; ///< burn "indicative values" into the image (the viewer shows it in its UI)
    std::string caption;         ///< burned in at the top centre (recordings); empty: none
    std::string title;           ///< burned in at the top left; empty: none
    std::string credits;         ///< burned in at the bottom right, above the scale bar; empty: none
};

/// The legend's note on the embedded DEM.
inline constexpr const char* kDefaultDemNote = "SRTM30 via Marble, 3.7 km, \xc2\xb1"
                                               "50 m";

/// Fills `out` with the frame's overlay for `camera` in `viewport`.
void composeMapFrame(DrawList& out, const MapView& view, const OrbitCamera& camera, Viewport viewport,
                     const TerrainSurface& surface);

} // namespace qinba::app
