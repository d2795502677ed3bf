#pragma once
// `qinba kiosk`: exhibition mode. Fullscreen on a chosen monitor, no editing UI; the attract tour loops
// until a visitor touches the screen, and resumes after a quiet spell. Only a configured key chord closes
// it. With --soak-frames it runs headless at a fixed time step with scripted visitors, for days-long
// stability checks: it prints resident memory and GL object counts at the start and the end. Several kiosks
// make a video wall (kiosk_wall.h); --headless-seconds runs one without a display in real time, with a
// scripted visitor and a per-frame trace, to rehearse a wall on one PC.

#include "qinba/app/kiosk_wall.h"
#include "qinba/app/terrain_setup.h"
#include "qinba/core/result.h"
#include "qinba/core/scene_settings.h"
#include "qinba/ui/app_context.h"

#include <optional>
#include <string>

namespace qinba::app {

struct KioskOptions {
    TerrainOptions terrain;
    std::string scenario; ///< empty: the default scenario
    std::string tour;     ///< empty: the scenario's default tour
    /// The monitor to fill: a 0-based index, or a name as the display reports it (glfwGetMonitorName, listed
    /// when one is not found), which stays right when cables are replugged; empty: the primary monitor
    std::string monitor;
    double idleSeconds = 60.0;                  ///< quiet time before the attract tour resumes
    std::string exitChord = "ctrl+alt+shift+q"; ///< keys that close the kiosk
    double uiScale = 1.5;                       ///< size of buttons and text
    bool windowed = false;                      ///< a window instead of fullscreen (setting up, testing)
    long soakFrames = 0;                        ///< > 0: headless soak run of this many frames
    std::string size = "640x360";               ///< soak frame size
    double growthMarginMb = 16.0;               ///< soak fails when memory grows by more (see runKiosk)
    int triangles = 0;                          ///< terrain triangle budget; 0: the user's preference
    long maxFrames = 0;                         ///< windowed: stop after this many frames (tests); 0: never
    WallOptions wall;                           ///< the video wall link; none by default
    double headlessSeconds = 0.0; ///< > 0: run without a display, in real time, for this many seconds
    std::string visitorScript;    ///< headless run: a scripted visitor (core/visitor_script.h)
    std::string trace;            ///< per-frame JSON lines (KioskTrace); empty: none
    /// Video wall (core/wall_layout.h): COLSxROWS screens, this window's C,R and the bezels H,V in pixels;
    /// the window (or the soak run's --size) is one screen of one picture of the whole wall. Empty: no wall.
    std::string wallGrid, tile, bezel;
    /// The picture; empty: the installation's preferences (their "view")
    std::optional<SceneSettings> scene;
};

/// A parsed key chord such as "ctrl+alt+shift+q": GLFW key and modifier bits.
struct KeyChord {
    int key = 0;
    int mods = 0;
};
/// Parses "ctrl+alt+shift+q", "ctrl+f10", "super+escape"... (case-insensitive; one key, any modifiers).
Result<KeyChord> parseKeyChord(const std::string& text);

int runKiosk(const KioskOptions& options);

/// Loads the kiosk's preferences, scene settings and document into `ctx` and checks the attract tour;
/// returns the tour's id. Errors: no scenario with stages, no such tour, a bad idle time.
Result<std::string> prepareKiosk(AppContext& ctx, const KioskOptions& options);

} // namespace qinba::app
