#pragma once
// The interactive viewer: a GLFW window with the terrain and the ImGui panels.

#include "terrain_setup.h"

#include <string>
#include <vector>

namespace qinba::app {

struct ViewerOptions {
    TerrainOptions terrain;
    std::string scenario;            ///< scenario JSON; empty: the default scenario
    std::vector<std::string> layers; ///< extra layer files, drawn over the scenario's
    double uiScale = 0.0;            ///< 0: from preferences
    long maxFrames = 0;              ///< 0: run until closed
    bool verbose = false;
};

/// Runs the viewer until the window closes; returns the process exit status.
int runViewer(const ViewerOptions& options);

} // namespace qinba::app
