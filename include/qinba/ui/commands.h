#pragma once
// What a person can ask the application to do, as typed values. Panels, keyboard shortcuts, the kiosk and
// tests post commands; ViewerSession::handle (src/app/command_handler.cpp) carries them out, one at a time
// in the order posted, after the frame's UI pass. Scenario edits are commands too (Edit, undoable).

#include "qinba/core/edit_history.h"
#include "qinba/core/layer.h"
#include "qinba/core/scene_settings.h"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace qinba {

/// Saving a screenshot: where and how large.
struct ScreenshotRequest {
    std::string path; ///< PNG file
    int width = 0;    ///< pixels; 0: the window's framebuffer size
    int height = 0;
};

/// A recording of a tour to a video, run by a `qinba record` child process so the viewer stays fluid. The
/// picture (style, labels, layers, zoning, decorations) is the viewer's SceneSettings at the moment it
/// starts.
struct RecordingSettings {
    std::string tour; ///< tour id
    std::string out;  ///< video.mp4 or a PNG pattern such as frames/%05d.png
    int width = 1920, height = 1080;
    double fps = 30.0;
    std::string frames; ///< only frames A-B of the tour (0-based, inclusive); empty: all
};

namespace cmd {

struct OpenDem {
    std::string path, crs;
}; ///< path empty: the embedded DEM
/// View > Terrain sources: the DEMs to stack, finest first ("embedded": the built-in one), reloaded as one
/// terrain (a list of two or more ends with the embedded DEM when it does not name it).
struct SetTerrainSources {
    std::vector<std::string> list;
};
struct OpenScenario {
    std::string path;
};                      ///< after asking about unsaved changes
struct SaveScenario {}; ///< to Document::scenarioPath
struct SaveScenarioAs {
    std::string path;
};                            ///< and keep the new path
struct SaveThenContinue {};   ///< unsaved-changes question: save, then go on
struct DiscardAndContinue {}; ///< unsaved-changes question: drop the changes, go on
struct CancelPendingOpen {};  ///< unsaved-changes question: stay
struct ImportOd {
    std::string path;
};                         ///< an OD matrix CSV as an undoable edit
struct AcceptRecovery {};  ///< load the offered recovery file
struct DeclineRecovery {}; ///< delete the offered recovery file
struct Undo {};
struct Redo {};
struct HistoryGoTo {
    std::size_t steps;
};              ///< undo or redo until this many steps are applied
struct Quit {}; ///< close, asking about unsaved changes first

struct SetScene {
    SceneSettings scene;
}; ///< the whole picture description at once
struct SaveViewSettings {
    std::string path;
}; ///< the current SceneSettings to a JSON file
struct LoadViewSettings {
    std::string path;
}; ///< SceneSettings from a JSON file
struct SetLayerOptions {
    std::size_t index;
    LayerOptions options;
}; ///< style, visibility, name
struct MoveLayer {
    std::size_t from, to;
};
struct RemoveLayer {
    std::size_t index;
};
struct AddLayer {
    std::string path;
};
struct ZoomToLayer {
    std::size_t index;
};
struct ExportZoning {
    std::string prefix;
    std::string crs; ///< of the GeoTIFF and GeoJSON, e.g. EPSG:4490; empty: map CRS and WGS84 (zoning.h)
};                   ///< PREFIX.tif, .geojson and .csv
/// The scenario as it is now (edits included, corridors as drawn) to GIS layers (core/gis_export.h).
struct ExportGis {
    std::string path;                 ///< FILE.gpkg, FILE.geojson or FILE.shp
    std::string crs = "EPSG:4326";    ///< output CRS, e.g. EPSG:4490
    std::optional<std::size_t> stage; ///< 0-based: only this stage's corridors and flows; nullopt: all
};

struct ResetView {};
struct CopyView {}; ///< the camera as --camera text to the clipboard
struct GoToViewpoint {
    std::string id;
};
struct JumpToStage {
    std::size_t stage;
}; ///< 0-based, with a transition
struct TogglePlay {};
struct NudgeCamera {
    double zoom = 0.0;        ///< steps closer (+) or farther (−); a step is 0.7 of the distance
    double turnDegrees = 0.0; ///< heading, clockwise (+)
    double tiltDegrees = 0.0; ///< pitch, towards straight down (+)
};                            ///< the kiosk's on-screen controls: a short flight within the navigation limits
struct PickAt {
    double x = 0.0, y = 0.0; ///< framebuffer pixels from the top-left
    bool details = false;    ///< a long press: also open the detail card
}; ///< a tap on the map selects the place or corridor there; nothing there clears the selection
struct ToggleLegend {}; ///< folds the viewer's legend to its title, or unfolds it
struct PlayTour {
    std::string id;
}; ///< from TourPlayback::seconds
struct StopTour {};

struct SaveScreenshot {
    ScreenshotRequest request;
};
struct QuickScreenshot {}; ///< window size, into the last screenshot folder
struct StartRecording {
    RecordingSettings settings;
};
struct CancelRecording {};

struct SetUiScale {
    double scale;
}; ///< fonts are rebuilt before the next UI pass
struct SetLanguage {
    std::string code; ///< "zh_CN", "en" (i18n::availableLanguages), or "" to follow the system's locale
    bool keep = true; ///< kept in preferences (the kiosk's visitor button does not keep it)
};                    ///< the interface's language, switched at once
struct SetTerrainTriangles {
    int triangles;
};
struct ApplyLodSettings {}; ///< error bound or cache budgets changed in preferences

struct OpenDroppedFiles {
    std::vector<std::string> paths;
}; ///< files dropped on the window: each opened as what its content is (DEM, layer, scenario, OD, view)
struct OpenRecent {
    std::string path;
}; ///< File > Open Recent: opened as what its content is; a file gone is taken off the list
struct CancelJob {
    std::string kind;
}; ///< stop a background job (BackgroundJobs kinds: "dem", "scenario", "routes", ...)

} // namespace cmd

using Command = std::variant<
    Edit, cmd::OpenDem, cmd::OpenScenario, cmd::SaveScenario, cmd::SaveScenarioAs, cmd::SaveThenContinue,
    cmd::DiscardAndContinue, cmd::CancelPendingOpen, cmd::ImportOd, cmd::AcceptRecovery, cmd::DeclineRecovery,
    cmd::Undo, cmd::Redo, cmd::HistoryGoTo, cmd::Quit, cmd::SetScene, cmd::SaveViewSettings,
    cmd::LoadViewSettings, cmd::SetLayerOptions, cmd::MoveLayer, cmd::RemoveLayer, cmd::AddLayer,
    cmd::ZoomToLayer, cmd::ExportZoning, cmd::ExportGis, cmd::ResetView, cmd::CopyView, cmd::GoToViewpoint,
    cmd::JumpToStage, cmd::TogglePlay, cmd::NudgeCamera, cmd::PickAt, cmd::ToggleLegend, cmd::PlayTour,
    cmd::StopTour, cmd::SaveScreenshot, cmd::QuickScreenshot, cmd::StartRecording, cmd::CancelRecording,
    cmd::SetUiScale, cmd::SetLanguage, cmd::SetTerrainTriangles, cmd::ApplyLodSettings, cmd::OpenDroppedFiles,
    cmd::OpenRecent, cmd::CancelJob, cmd::SetTerrainSources>;

/// Commands posted during a frame, handled in order after its UI pass.
class CommandQueue {
  public:
    void post(Command c) { pending_.push_back(std::move(c)); }
    /// The commands posted so far, oldest first; the queue is empty afterwards.
    std::vector<Command> take() { return std::exchange(pending_, {}); }
    bool empty() const { return pending_.empty(); }
    /// Whether a command of type T is waiting (for tests and the kiosk's "visitor did something").
    template <typename T>
    bool has() const {
        for (const Command& c : pending_)
            if (std::holds_alternative<T>(c)) return true;
        return false;
    }

  private:
    std::vector<Command> pending_;
};

} // namespace qinba
