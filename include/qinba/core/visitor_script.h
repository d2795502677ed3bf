#pragma once
// A scripted visitor for the kiosk's headless runs (rehearsing a video wall, tests): what a visitor does
// and when, read from a small text file. One action a line, '#' starts a comment:
//
//   SECONDS drag DX DY DURATION    pan the map: the pointer moves DX, DY pixels a second for DURATION s
//   SECONDS orbit DX DY DURATION   turn and tilt the camera the same way
//   SECONDS zoom NOTCHES           wheel notches (positive: closer)
//   SECONDS stage N                taps the button of stage N (1 is the first, as on the stage bar)
//
// SECONDS is the time since the run started.

#include "qinba/core/camera_controller.h"
#include "qinba/core/result.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

struct VisitorAction {
    enum class Kind { Drag, Orbit, Zoom, Stage };
    double at = 0.0; ///< seconds since the run started
    Kind kind = Kind::Drag;
    double dx = 0.0, dy = 0.0; ///< drag and orbit: pixels a second; zoom: notches in dx
    double duration = 0.0;     ///< drag and orbit: seconds
    std::size_t stage = 0;     ///< stage: 0-based index (the file says 1-based)
};

/// Parses a script; errors name the file, the line and what was expected.
Result<std::vector<VisitorAction>> parseVisitorScript(const std::string& text, const std::string& file);
Result<std::vector<VisitorAction>> loadVisitorScript(const std::filesystem::path& path);

/// The visitor's input for the frame from `from` to `to` seconds (since the run started).
struct VisitorFrame {
    NavigationInput nav;              ///< mouse at the viewport's centre, with the drags and notches
    std::optional<std::size_t> stage; ///< a stage button tapped in this frame
    bool interacted = false;          ///< the visitor did anything
};
VisitorFrame visitorFrame(const std::vector<VisitorAction>& script, double from, double to,
                          glm::dvec2 centre);

} // namespace qinba
