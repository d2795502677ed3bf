#pragma once
// User preferences: how this person likes the application, kept apart from any document or view.

#include "qinba/core/result.h"

#include <filesystem>
#include <string>

namespace qinba {

/// Settings saved per user in preferences.json.
struct Preferences {
    double uiScale = 1.0;   ///< size of text and controls, 0.5–4 (1 = 16 px text)
    int windowWidth = 1600; ///< last window size, pixels
    int windowHeight = 900;
    int msaaSamples = 4;           ///< anti-aliasing samples per pixel (0 = off); clamped to what the GPU has
    bool vsync = true;             ///< wait for the display's refresh
    int terrainTriangles = 250000; ///< upper bound on terrain triangles drawn per frame
    bool showViewPanel = true;
    bool showLegend = true;
    bool showStatusBar = true;
    bool showStagesPanel = true;
    bool showLayersPanel = true;
    bool showZoningPanel = false;
    bool showTourPanel = false;
    bool showRecordPanel = false;
    bool showScaleBar = true;
    bool showNorthArrow = true;
    /// Place labels: 0 Chinese (中文), 1 English, 2 both.
    int labelLanguage = 0;
    /// Level-of-detail streaming: 0 for DEMs over 2048 samples a side, 1 always, 2 never.
    int lodMode = 0;
    double maxScreenErrorPx = 3.0; ///< level of detail: largest on-screen spacing of samples, pixels
    double tileCacheMb = 512.0;    ///< level of detail: in-memory tile cache budget, MB
    double gpuTileCacheMb = 256.0; ///< level of detail: GPU tile cache budget, MB
    bool showPerformanceHud = false;
};

/// preferences.json in $QINBA_CONFIG_DIR, else $XDG_CONFIG_HOME/qinba-atlas, else ~/.config/qinba-atlas.
std::filesystem::path preferencesPath();

/// Reads preferences; a missing file gives the defaults. A malformed file or a value of the wrong type or
/// range is an error naming the file and the field.
Result<Preferences> loadPreferences(const std::filesystem::path& path);

/// Saves atomically, creating the folder when needed.
Status savePreferences(const std::filesystem::path& path, const Preferences& prefs);

} // namespace qinba
