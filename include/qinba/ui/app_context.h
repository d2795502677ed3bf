#pragma once
// The application's state, owned by main() and handed to every panel. Three kinds are kept apart:
// user preferences (saved per user), the document (what is loaded and would be saved), and the transient
// view state. Panels do not change the document directly; they post UiRequests that the frame loop applies
// after the UI pass.

#include "qinba/core/camera.h"
#include "qinba/core/dem.h"
#include "qinba/core/frame_timing.h"
#include "qinba/core/layer.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/preferences.h"
#include "qinba/core/scenario.h"
#include "qinba/core/stage_animation.h"
#include "qinba/core/terrain_style.h"
#include "qinba/core/zoning.h"
#include "qinba/ui/notifications.h"

#include <filesystem>
#include <optional>
#include <string>

namespace qinba {

/// What is loaded: the terrain and the scenario.
struct Document {
    std::string demPath;      ///< as given by the user; empty for the embedded default
    std::string demCrs;       ///< CRS assumed for a DEM without one
    Dem dem;                  ///< the terrain in the map projection
    std::string scenarioPath; ///< file the scenario came from
    Scenario scenario;        ///< places, corridors, flows and stages
    bool hasScenario = false;
    std::vector<Layer> layers; ///< map layers in drawing order (the scenario's, then the user's)
    ZoningParameters zoning;   ///< thresholds of the ecological zoning layer
};

/// Geographic readout of the terrain point under the cursor.
struct CursorReadout {
    bool onTerrain = false;
    GeoPoint geo;           ///< degrees
    double elevation = 0.0; ///< metres, true (not exaggerated)
};

/// Transient view state: never saved with the document.
struct ViewState {
    OrbitCamera camera;
    TerrainStyle style;
    std::optional<CameraFlight> flight; ///< an animated camera move in progress
    CursorReadout cursor;
    FrameTiming timing;
    int triangles = 0; ///< terrain triangles drawn in the last frame
    bool showAbout = false;
    bool showOpenDem = false;
    bool showControls = false;
    std::string glSummary;        ///< renderer identity for the About box
    StagePlayback playback;       ///< the stage showing and since when (on AppContext::time)
    bool compare = false;         ///< show a second stage beside the current one
    std::size_t compareStage = 0; ///< the stage shown on the right when comparing
    std::string openDemPathInput; ///< text in the Open DEM dialog
    std::string openDemCrsInput;
    std::string addLayerPathInput;      ///< text in the Layers panel's path field
    std::size_t selectedLayer = 0;      ///< layer whose style the Layers panel shows
    ZoningStats zoningStats;            ///< areas of the current zoning
    std::string zoningExportInput;      ///< path prefix in the Zoning panel
};

/// Changes asked for by the UI, applied by the frame loop after the UI pass.
struct UiRequests {
    std::optional<std::pair<std::string, std::string>> openDem; ///< path (empty = default) and assumed CRS
    bool resetView = false;
    bool copyView = false;
    bool rebuildFonts = false;
    bool terrainDetailChanged = false;
    bool quit = false;
    std::optional<std::size_t> jumpToStage; ///< show this stage (0-based), with a transition
    bool togglePlay = false;
    bool layersChanged = false;             ///< order, visibility or style of a layer changed
    std::optional<std::string> addLayer;     ///< open this file as a new layer
    std::optional<std::size_t> zoomToLayer;  ///< fly to this layer's extent
    bool zoningChanged = false;              ///< recompute the zoning layer
    std::optional<std::string> exportZoning; ///< write PREFIX.tif, .geojson and .csv
};

/// Everything the application knows, in one place.
struct AppContext {
    explicit AppContext(MapProjection proj) : projection(std::move(proj)) {}

    Preferences prefs;
    std::filesystem::path prefsPath;
    MapProjection projection;
    Document document;
    ViewState view;
    UiRequests requests;
    Notifications notifications;
    double time = 0.0; ///< animation clock, seconds
};

} // namespace qinba
