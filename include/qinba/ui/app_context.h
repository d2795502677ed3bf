#pragma once
// The application's state, owned by the front end and handed to every panel. Kept apart: user preferences
// (saved per user), the document (what is loaded and would be saved), the scene settings (how the picture
// looks: the one value every front end renders from), the transient view state, and each panel's widget
// state. Panels do not change the document or the scene directly; they post commands (commands.h) that
// ViewerSession::handle carries out after the UI pass.

#include "qinba/core/background_jobs.h"
#include "qinba/core/camera.h"
#include "qinba/core/dem.h"
#include "qinba/core/document.h"
#include "qinba/core/edit_history.h"
#include "qinba/core/frame_timing.h"
#include "qinba/core/label_layout.h"
#include "qinba/core/layer.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/picking.h"
#include "qinba/core/preferences.h"
#include "qinba/core/recovery.h"
#include "qinba/core/scenario.h"
#include "qinba/core/scene_settings.h"
#include "qinba/core/stage_animation.h"
#include "qinba/core/wall_layout.h"
#include "qinba/core/zoning.h"
#include "qinba/ui/commands.h"
#include "qinba/ui/notifications.h"
#include "qinba/ui/panel_state.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace qinba {

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
    bool showsStage = true;           ///< the moment shows a stage (else terrain and layers only)
    std::map<std::string, bool> layersBefore; ///< visibility the tour changed, restored when it stops
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
    std::optional<CameraFlight> flight; ///< an animated camera move in progress
    CursorReadout cursor;
    FrameTiming timing;
    int triangles = 0; ///< terrain triangles drawn in the last frame
    PerformanceStats perf;
    std::string glSummary;        ///< renderer identity for the About box
    StagePlayback playback;       ///< the stage showing and since when (on AppContext::time)
    ZoningStats zoningStats;      ///< areas of the current zoning
    TourPlayback tour;            ///< the tour playing, if any
    std::string screenshotFolder; ///< where F12 saves (the last folder used)
    RecordingStatus recording;    ///< the recording in progress or the last one
    bool kiosk = false;           ///< exhibition mode: the kiosk UI instead of the panels
    Pick hover;                   ///< the place or corridor under the cursor
    Pick selected;                ///< the place or corridor the detail panel shows (highlighted)
    bool detailCard = false;      ///< kiosk: the card of the selected place or corridor is open
    bool multiTouch = false;      ///< kiosk: a touch screen's fingers are read (pinch and turn work)
    /// Kiosk on a video wall: the screen this window shows of the wall's canvas (camera, labels and legend
    /// are the whole wall's); nullopt: the window is the whole picture
    std::optional<WallTiling> wall;
    EditTool tool = EditTool::None;
    std::string connectFrom; ///< place id a new corridor starts from (EditTool::ConnectPlaces)
    CorridorMode connectMode = CorridorMode::Rail;
    std::optional<std::size_t> draggedWaypoint; ///< waypoint of the selected corridor being dragged
    bool confirmDiscard = false;                ///< the "unsaved changes" question is open
    std::optional<std::string> pendingOpen;     ///< scenario to open once the question is answered; "" = quit
    std::optional<RecoveryFile> recoveryOffer;  ///< a crash left this; the user is asked about it
    std::vector<JobProgress> jobs;              ///< background work in progress, for its indicator
    bool legendCollapsed = false;         ///< the viewer's legend folded to its title (cmd::ToggleLegend)
    std::optional<ScreenRect> legendRect; ///< where the legend was last drawn, framebuffer pixels
    /// On-screen controls by name (the kiosk's stage bar, hints, captions, touch buttons), framebuffer
    /// pixels: the legend, labels and each stage's framing keep clear of them. Each report grows its
    /// rectangle (see reportScreenControl()), so a caption that changes size does not reframe the story every
    /// keyframe; cleared when the frame size changes.
    std::map<std::string, ScreenRect> screenControls;
    Viewport screenControlsViewport;
    /// The viewer's panels and bars by name as drawUi() drew them this frame, framebuffer pixels (empty
    /// until the first frame of panels, see panelsDrawn). A stage the viewer flies to is framed into the
    /// map they leave visible; tours and recordings are not (their pictures carry no panels).
    std::map<std::string, ScreenRect> panelRects;
    bool panelsDrawn = false; ///< drawUi() has run once, so panelRects says where the panels are
};

/// Adds the rectangle `rect` (framebuffer pixels) of the on-screen control `name` to
/// ViewState::screenControls.
inline void reportScreenControl(ViewState& view, const std::string& name, const ScreenRect& rect) {
    auto [it, added] = view.screenControls.try_emplace(name, rect);
    if (added) return;
    const glm::dvec2 lo = glm::min(it->second.topLeft, rect.topLeft);
    const glm::dvec2 hi = glm::max(it->second.topLeft + it->second.size, rect.topLeft + rect.size);
    it->second = {lo, hi - lo};
}

/// Everything the application knows, in one place.
struct AppContext {
    explicit AppContext(MapProjection proj) : projection(std::move(proj)) {}

    Preferences prefs;
    std::filesystem::path prefsPath;
    MapProjection projection;
    Document document;
    SceneSettings scene; ///< how the picture looks; what render, record and the kiosk take with --view
    ViewState view;
    PanelStates panels;
    CommandQueue commands;
    EditHistory history; ///< undo and redo over document.scenario
    Notifications notifications;
    double time = 0.0; ///< animation clock, seconds
};

} // namespace qinba
