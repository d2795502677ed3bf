#pragma once
// The application's state, owned by main() and handed to every panel. Three kinds are kept apart:
// user preferences (saved per user), the document (what is loaded and would be saved), and the transient
// view state. Panels do not change the document directly; they post UiRequests that the frame loop applies
// after the UI pass.

#include "qinba/core/camera.h"
#include "qinba/core/dem.h"
#include "qinba/core/edit_history.h"
#include "qinba/core/frame_timing.h"
#include "qinba/core/layer.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/picking.h"
#include "qinba/core/preferences.h"
#include "qinba/core/recovery.h"
#include "qinba/core/scenario.h"
#include "qinba/core/stage_animation.h"
#include "qinba/core/terrain_style.h"
#include "qinba/core/zoning.h"
#include "qinba/ui/notifications.h"

#include <filesystem>
#include <map>
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

/// A tour playing in the viewer: previewed from the Tour panel, or the kiosk's attract loop. The camera,
/// stage, caption and layer visibility follow tourAt() at `seconds` while a tour is active.
struct TourPlayback {
    std::string tour; ///< id of the active tour; empty: none (the camera is free)
    bool playing = false;
    bool loop = false;
    double start = 0.0;               ///< AppContext::time at which the tour was at 0 s, while playing
    double seconds = 0.0;             ///< position in the tour, seconds
    std::string captionEn, captionZh; ///< the moment's caption
    std::map<std::string, bool> layersBefore; ///< visibility the tour changed, restored when it stops
};

/// Saving a screenshot: where and how large.
struct ScreenshotRequest {
    std::string path; ///< PNG file
    int width = 0;    ///< pixels; 0: the window's framebuffer size
    int height = 0;
};

/// A recording of a tour to a video, run by a `qinba record` child process so the viewer stays fluid.
struct RecordingSettings {
    std::string tour; ///< tour id
    std::string out;  ///< video.mp4 or a PNG pattern such as frames/%05d.png
    int width = 1920, height = 1080;
    double fps = 30.0;
    bool captions = true, title = true, credits = true, legend = false;
};

/// What the Record panel shows about the recording in progress or the last one.
struct RecordingStatus {
    bool running = false;
    bool finished = false; ///< a recording ran and ended (see exitCode, message)
    long done = 0, total = 0;
    double secondsLeft = -1.0; ///< estimate; negative: not known yet
    int exitCode = 0;
    std::string out;     ///< the output being written
    std::string message; ///< the child's error, or "Wrote ..."
};

/// A tool that turns clicks on the map into edits.
enum class EditTool {
    None,
    ConnectPlaces, ///< the next place clicked gets a corridor from ViewState::connectFrom
    AddPlace,      ///< the next click on the terrain adds a place there
    AddWaypoint,   ///< clicks on the terrain add waypoints to the selected corridor
};

/// What the renderer and the tile streamer did lately, for the performance HUD.
struct PerformanceStats {
    static constexpr int kHistory = 240;
    float frameMs[kHistory] = {}; ///< frame times, milliseconds, oldest first from `next`
    int next = 0;                 ///< where the next frame time goes
    int count = 0;                ///< frame times recorded (up to kHistory)
    int triangles = 0, drawCalls = 0;
    bool streamed = false; ///< level-of-detail terrain; the figures below apply
    int tilesDrawn = 0, coarsestLevel = 0, finestLevel = 0, levels = 0;
    int gpuTiles = 0, cpuTiles = 0, queued = 0, inFlight = 0;
    double gpuMb = 0.0, cpuMb = 0.0;
    long long loaded = 0, failed = 0;
    double worstErrorPx = 0.0;
    bool budgetLimited = false;
    void addFrame(float ms) {
        frameMs[next] = ms;
        next = (next + 1) % kHistory;
        count = count < kHistory ? count + 1 : kHistory;
    }
};

/// Transient view state: never saved with the document.
struct ViewState {
    OrbitCamera camera;
    TerrainStyle style;
    std::optional<CameraFlight> flight; ///< an animated camera move in progress
    CursorReadout cursor;
    FrameTiming timing;
    int triangles = 0; ///< terrain triangles drawn in the last frame
    PerformanceStats perf;
    bool showAbout = false;
    bool showOpenDem = false;
    bool showControls = false;
    std::string glSummary;        ///< renderer identity for the About box
    StagePlayback playback;       ///< the stage showing and since when (on AppContext::time)
    bool compare = false;         ///< show a second stage beside the current one
    std::size_t compareStage = 0; ///< the stage shown on the right when comparing
    std::string openDemPathInput; ///< text in the Open DEM dialog
    std::string openDemCrsInput;
    std::string addLayerPathInput;     ///< text in the Layers panel's path field
    std::size_t selectedLayer = 0;     ///< layer whose style the Layers panel shows
    ZoningStats zoningStats;           ///< areas of the current zoning
    std::string zoningExportInput;     ///< path prefix in the Zoning panel
    TourPlayback tour;                 ///< the tour playing, if any
    std::string tourPanelTour;         ///< tour the Tour panel edits
    std::size_t tourPanelKeyframe = 0; ///< keyframe the Tour panel shows
    std::string newViewpointName;      ///< text in the Tour panel's "save view as" field
    std::string newTourName;           ///< text in the Tour panel's "new tour" field
    bool showScreenshot = false;       ///< the Save screenshot dialog is open
    std::string screenshotPath;        ///< text in the Save screenshot dialog
    int screenshotSize = 0;            ///< 0 window, 1 twice, 2 3840x2160, 3 custom
    int screenshotCustom[2] = {7680, 4320};
    std::string screenshotFolder;     ///< where F12 saves (the last folder used)
    std::string saveAsPathInput;      ///< text in File > Save scenario as
    RecordingSettings recordSettings; ///< the Record panel's fields
    int recordSizeChoice = 0;         ///< 0 1920x1080, 1 3840x2160, 2 1280x720, 3 custom
    RecordingStatus recording;        ///< the recording in progress or the last one
    bool kiosk = false;               ///< exhibition mode: the kiosk UI instead of the panels
    Pick hover;                       ///< the place or corridor under the cursor
    Pick selected;                    ///< the place or corridor the detail panel shows (highlighted)
    EditTool tool = EditTool::None;
    std::string connectFrom; ///< place id a new corridor starts from (EditTool::ConnectPlaces)
    CorridorMode connectMode = CorridorMode::Rail;
    std::optional<std::size_t> draggedWaypoint; ///< waypoint of the selected corridor being dragged
    std::map<std::string, double> volumeDrafts; ///< flow id → volume being dragged, applied on release
    std::string renameEn, renameZh;             ///< the detail panel's name fields for the selected place
    std::string renameFor;                      ///< the place those fields were filled from
    bool showHistory = false;                   ///< the edit history window
    bool confirmDiscard = false;                ///< the "unsaved changes" question is open
    std::optional<std::string> pendingOpen;     ///< scenario to open once the question is answered; "" = quit
    std::optional<RecoveryFile> recoveryOffer;  ///< a crash left this; the user is asked about it
    std::string openScenarioInput;              ///< text in File > Open scenario
    std::string odPathInput;                    ///< text in File > Import OD matrix
};

/// Changes asked for by the UI, applied by the frame loop after the UI pass.
struct UiRequests {
    std::optional<std::pair<std::string, std::string>> openDem; ///< path (empty = default) and assumed CRS
    bool resetView = false;
    bool copyView = false;
    bool rebuildFonts = false;
    bool terrainDetailChanged = false;
    bool lodSettingsChanged = false; ///< error bound or cache budgets changed in the preferences
    bool quit = false;
    std::optional<std::size_t> jumpToStage; ///< show this stage (0-based), with a transition
    bool togglePlay = false;
    bool layersChanged = false;              ///< order, visibility or style of a layer changed
    std::optional<std::string> addLayer;     ///< open this file as a new layer
    std::optional<std::size_t> zoomToLayer;  ///< fly to this layer's extent
    bool zoningChanged = false;              ///< recompute the zoning layer
    std::optional<std::string> exportZoning; ///< write PREFIX.tif, .geojson and .csv
    std::vector<Edit> edits;                 ///< scenario edits, applied in order through the history
    bool undo = false;
    bool redo = false;
    std::optional<std::string> playTour;             ///< make this tour active, from TourPlayback::seconds
    bool stopTour = false;                           ///< release the camera from the active tour
    std::optional<std::string> goToViewpoint;        ///< fly to this viewpoint
    std::optional<ScreenshotRequest> screenshot;     ///< save the current view as a PNG
    bool quickScreenshot = false;                    ///< F12: window size, into screenshotFolder
    std::optional<RecordingSettings> startRecording; ///< record a tour of the current document
    bool cancelRecording = false;
    std::optional<std::size_t> historyGoTo;    ///< undo or redo until this many steps are applied
    std::optional<std::string> openScenario;   ///< open this scenario (after asking about unsaved work)
    bool discardAndContinue = false;           ///< the user chose to drop unsaved changes
    std::optional<std::string> importOd;       ///< apply this OD matrix CSV as an undoable edit
    bool acceptRecovery = false;               ///< load the offered recovery file
    bool declineRecovery = false;              ///< delete the offered recovery file
    bool saveScenario = false;                 ///< save to Document::scenarioPath
    std::optional<std::string> saveScenarioAs; ///< save to this path and keep it
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
    EditHistory history; ///< undo and redo over document.scenario
    Notifications notifications;
    double time = 0.0; ///< animation clock, seconds
};

} // namespace qinba
