#pragma once
// Loading the DEM chosen on the command line (or the embedded default) for any of the commands.

#include "qinba/core/dem.h"
#include "qinba/core/lod_selection.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"
#include "qinba/core/tile_streamer.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace qinba::app {

/// Options every command that shows terrain accepts.
struct TerrainOptions {
    std::string demPath; ///< empty: the embedded Pan-Qinba DEM
    /// Coarser DEMs under demPath, finest first ("embedded": the built-in one), each showing where the
    /// ones before have no data (elevation_stack.h). Empty: demPath alone, as before.
    std::vector<std::string> demFallbacks;
    std::string demCrs; ///< CRS to assume when the DEM has none
    /// Level-of-detail streaming: "auto" and "on" stream every DEM (the one terrain path); "off", for
    /// diagnostics only, shows the DEM resampled to the display grid instead.
    std::string lodMode = "auto";
    LodSettings lod;
};

/// Opens the tile streamer for the DEM named by `options`; nullptr only with TerrainOptions::lodMode "off".
/// `coarse` is the loaded display grid (kept for callers; streaming no longer depends on its size).
Result<std::unique_ptr<TileStreamer>> openStreamedTerrain(const TerrainOptions& options, const Dem& coarse,
                                                          const MapProjection& projection);

/// Splits a `--dem` list (finest first) into TerrainOptions: one entry is that DEM alone; a list of two
/// or more is a stack, with the embedded DEM appended as the last fallback unless the list names it.
void setDemList(TerrainOptions& options, const std::vector<std::string>& list);
/// The `--dem` list of `options` (demPath, then the fallbacks), "embedded" for the built-in DEM.
std::vector<std::string> demList(const TerrainOptions& options);

/// Loads the DEM named by `options` into `projection`.
/// `progress` (may be empty) gets the fraction read (0–1) and stops the load when it returns false.
Result<Dem> loadTerrain(const TerrainOptions& options, const MapProjection& projection,
                        std::function<bool(double)> progress = {});

} // namespace qinba::app
