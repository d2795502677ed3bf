#pragma once
// User preferences: how this person likes the application, kept apart from any document or view.

#include "qinba/core/options.h"
#include "qinba/core/result.h"
#include "qinba/core/scene_settings.h"

#include <filesystem>
#include <string>
#include <vector>

namespace qinba {

/// Settings saved per user in preferences.json. Numbers take their ranges and defaults from the option
/// table (options.h).
struct Preferences {
    double uiScale = options::uiScale.def; ///< size of text and controls (1 = 16 px text)
    int windowWidth = static_cast<int>(options::windowWidth.def); ///< last window size, pixels
    int windowHeight = static_cast<int>(options::windowHeight.def);
    /// anti-aliasing samples per pixel (0 = off); clamped to what the GPU has
    int msaaSamples = static_cast<int>(options::msaaSamples.def);
    bool vsync = true; ///< wait for the display's refresh
    /// upper bound on terrain triangles drawn per frame
    int terrainTriangles = static_cast<int>(options::terrainTriangles.def);
    bool showViewPanel = true;
    bool showStatusBar = true;
    bool showStagesPanel = true;
    bool showLayersPanel = true;
    bool showZoningPanel = false;
    bool showTourPanel = false;
    bool showRecordPanel = false;
    /// Level-of-detail streaming: 0 for DEMs over 2048 samples a side, 1 always, 2 never.
    int lodMode = 0;
    double maxScreenErrorPx = options::maxScreenErrorPx.def; ///< level of detail: largest sample spacing, px
    double tileCacheMb = options::tileCacheMb.def;           ///< level of detail: in-memory tile cache, MB
    double gpuTileCacheMb = options::gpuTileCacheMb.def;     ///< level of detail: GPU tile cache, MB
    bool showPerformanceHud = false;
    /// Files opened lately (DEMs, scenarios, layers, OD matrices, view settings), most recent first, at most
    /// kMaxRecent; and the folders they were in, for the file browser.
    std::vector<std::string> recentFiles;
    std::vector<std::string> recentFolders;
    static constexpr std::size_t kMaxRecent = 10;
    /// The interface's language: "zh_CN" or "en", or "" (the default) to follow the locale (LANGUAGE,
    /// LC_ALL, LC_MESSAGES, LANG). Files from before this setting have none and follow the locale.
    std::string language;
    /// How this person likes the picture: terrain style, label language, text size and decorations (the
    /// parts of SceneSettings that do not belong to a document; its layers, zoning and compare mode are not
    /// kept). Saved as "view" in the view-settings format.
    SceneSettings view = defaultViewerScene();

    /// The viewer's starting picture: legend, scale bar and north arrow on.
    static SceneSettings defaultViewerScene();
};

/// Copies the parts of `scene` that preferences keep into `prefs.view`.
void keepInPreferences(const SceneSettings& scene, Preferences& prefs);

/// Puts `path` first in recentFiles and its folder first in recentFolders (no duplicates, at most
/// kMaxRecent).
void rememberFile(Preferences& prefs, const std::string& path);
/// Takes `path` off recentFiles (it no longer exists).
void forgetFile(Preferences& prefs, const std::string& path);

/// preferences.json in $QINBA_CONFIG_DIR, else $XDG_CONFIG_HOME/qinba-atlas, else ~/.config/qinba-atlas.
std::filesystem::path preferencesPath();

/// Reads preferences; a missing file gives the defaults. A malformed file or a value of the wrong type or
/// range is an error naming the file and the field.
Result<Preferences> loadPreferences(const std::filesystem::path& path);

/// Saves atomically, creating the folder when needed.
Status savePreferences(const std::filesystem::path& path, const Preferences& prefs);

} // namespace qinba
