#pragma once
// The interactive viewer: a GLFW window with the terrain and the ImGui panels.

#include "qinba/app/terrain_setup.h"
#include "qinba/ui/app_context.h"

#include <string>
#include <vector>

namespace qinba::app {

struct ViewerOptions {
    TerrainOptions terrain;
    std::string scenario;            ///< scenario JSON; empty: the default scenario
    std::string od;                  ///< OD matrix CSV imported at start (an undoable edit); empty: none
    std::vector<std::string> layers; ///< extra layer files, drawn over the scenario's
    double uiScale = 0.0;            ///< 0: from preferences
    /// Level-of-detail options given on the command line (terrain.lodMode, terrain.lod); the others come
    /// from the preferences.
    bool lodModeGiven = false, maxErrorGiven = false, tileCacheGiven = false, gpuCacheGiven = false;
    long maxFrames = 0; ///< 0: run until closed
    bool verbose = false;
};

/// Reads the DEM and the scenario named (the default scenario when `scenarioPath` is empty) into `ctx`.
/// A DEM or a named scenario that does not load is an error; a default scenario that does not load only
/// sets `scenarioProblem`.
Status loadDocument(AppContext& ctx, const TerrainOptions& terrain, const std::string& scenarioPath,
                    std::string& scenarioProblem);

/// Runs the viewer until the window closes; returns the process exit status.
int runViewer(const ViewerOptions& options);

} // namespace qinba::app
