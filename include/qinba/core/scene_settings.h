#pragma once
// The one description of what is drawn, apart from the document (DEM, scenario, layer data) and the moment
// (camera, stage, time): terrain style, label language, which layers show in which order and how opaque,
// the ecological zoning, the decorations burned into the picture, and compare mode. The viewer edits it;
// `render`, `record` and `kiosk` read it from a view-settings file (--view) with their style options on top,
// so every front end draws the same picture. The file format is documented in assets/scenarios/README.md.

#include "qinba/core/layer.h"
#include "qinba/core/place_labels.h"
#include "qinba/core/result.h"
#include "qinba/core/terrain_style.h"
#include "qinba/core/zoning.h"

#include <string>
#include <vector>

namespace qinba {

/// How one layer of the stack is shown, by its id.
struct LayerSetting {
    std::string id;
    bool visible = true;
    double opacity = 1.0; ///< 0–1, multiplies every alpha of the layer
    bool operator==(const LayerSetting&) const = default;
};

/// Map furniture burned into the picture.
struct SceneDecorations {
    bool legend = false;
    bool scaleBar = false;
    bool northArrow = false;
    bool captions = false; ///< the stage's or tour keyframe's caption at the top centre
    bool title = false;    ///< the scenario's title at the top left
    bool credits = false;  ///< data credits at the bottom right
    bool operator==(const SceneDecorations&) const = default;
};

/// Everything that decides the picture apart from the document and the moment.
struct SceneSettings {
    static constexpr int kFormatVersion = 1; ///< "version" in the file; newer files are refused

    TerrainStyle style;
    LabelLanguage labels = LabelLanguage::Chinese;
    /// Size of map labels, legend and captions; the picture's text scale is this times
    /// max(1, picture height / 1080), the same in the viewer, screenshots, renders and recordings.
    double textScale = 1.0;
    /// Layers by id, in drawing order (first at the bottom): listed layers of the document are drawn in this
    /// order, in the places of the stack that listed layers hold; layers not listed keep their place,
    /// visibility and opacity. Ids the document lacks are ignored. Empty: as the document has them.
    std::vector<LayerSetting> layers;
    bool zoning = false; ///< show the ecological zoning layer (id "zoning")
    ZoningParameters zoningParameters;
    SceneDecorations decorations;
    bool compare = false;         ///< two stages side by side: the current one and compareStage
    std::size_t compareStage = 0; ///< 0-based stage shown on the right when comparing
    /// The terrain's DEMs, finest first ("embedded": the built-in one), as `--dem` lists them; used when no
    /// `--dem` is given. Empty: the settings do not say (the embedded DEM, or whatever is open).
    std::vector<std::string> terrainSources;

    /// The picture's text scale for a picture `height` pixels high.
    double textScaleFor(int height) const;
};

/// Reads a view-settings file. Every field is optional (missing ones keep their defaults); a malformed file,
/// an unknown ramp, a value out of range or a newer version is an error naming the file and the field.
Result<SceneSettings> loadSceneSettings(const std::string& path);
/// Parses view settings from JSON text; `file` names the source in errors.
Result<SceneSettings> parseSceneSettings(const std::string& text, const std::string& file);
/// The JSON text of `settings` (pretty-printed, with "version").
std::string formatSceneSettings(const SceneSettings& settings);
/// Saves atomically.
Status saveSceneSettings(const std::string& path, const SceneSettings& settings);

/// Applies the layer order, visibility and opacity of `settings` (and its zoning switch to the layer with id
/// "zoning") to `layers`. Returns whether anything changed.
bool applyLayerSettings(std::vector<Layer>& layers, const SceneSettings& settings);
/// The order, visibility and opacity of `layers`, as SceneSettings::layers holds them.
std::vector<LayerSetting> captureLayerSettings(const std::vector<Layer>& layers);

} // namespace qinba
