#pragma once
// One frame of the map overlay, the same for the viewer, `qinba render` and later recordings: layers,
// the scenario at a moment, labels placed together, and the legend, scale bar and north arrow.

#include "qinba/app/layer_presenter.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/core/document.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/map_decorations.h"
#include "qinba/core/scene_settings.h"
#include "qinba/core/screen_layout.h"
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
    /// Keeps the last label layout, so frames whose view did not change skip it; nullptr lays out each time.
    LabelLayoutCache* labelCache = nullptr;
    DecorationOptions decorations;
    bool indicativeNote = false; ///< burn "indicative values" into the image (the viewer shows it in its UI)
    std::string caption;         ///< burned in at the top centre (recordings); empty: none
    std::string title;           ///< burned in at the top left; empty: none
    std::string credits;         ///< burned in at the bottom right, above the scale bar; empty: none
    std::vector<ScreenRect>
        controls; ///< on-screen controls over the frame (pixels); labels and the story keep clear
};

/// The legend's note on the embedded DEM.
inline constexpr const char* kDefaultDemNote = "SRTM30 via Marble, 3.7 km, ±50 m";

/// The data credits burned in with SceneDecorations::credits.
inline constexpr const char* kCredits = "Qinba Atlas · terrain SRTM30 via Marble · reference data "
                                        "Natural Earth, GMT DCW";

/// The moment a frame shows: which stage, how far into it, and the caption of a tour keyframe if any.
struct SceneMoment {
    bool showsScenario = true; ///< false: a moment of a tour with no stage (terrain and layers only)
    std::size_t stage = 0;
    std::optional<std::size_t> previous;
    double secondsIntoStage = 0.0;
    std::string captionEn, captionZh; ///< a tour keyframe's caption; empty: the stage's own
};

/// The MapView every front end draws: `document` and its presenters, as `scene` says to show them, at
/// `moment`, for a picture `heightPx` pixels high. The caller adds the text measure.
MapView sceneView(const Document& document, const LayerPresenter& layers, const ScenarioPresenter* scenario,
                  const SceneSettings& scene, const SceneMoment& moment, int heightPx);

/// What `view` puts over the map: the legend lines of what it shows, its texts and controls.
ScreenContent screenContent(const MapView& view);
/// Where those sit in a `viewport` frame, and the safe area they leave (needs `view.measure`).
ScreenLayout frameLayout(const MapView& view, Viewport viewport);

/// Fills `out` with the frame's overlay for `camera` in `viewport`; `layout`, if given, receives where the
/// decorations went.
void composeMapFrame(DrawList& out, const MapView& view, const OrbitCamera& camera, Viewport viewport,
                     const TerrainSurface& surface, ScreenLayout* layout = nullptr);

} // namespace qinba::app
