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

namespace qinba::app {

/// Options every command that shows terrain accepts.
struct TerrainOptions {
    std::string demPath; ///< empty: the embedded Pan-Qinba DEM
    std::string demCrs;  ///< CRS to assume when the DEM has none
    /// Level-of-detail streaming: "auto" and "on" stream every DEM (the one terrain path); "off", for
    /// diagnostics only, shows the DEM resampled to the display grid instead.
    std::string lodMode = "auto";
    LodSettings lod;
};

/// Opens the tile streamer for the DEM named by `options`; nullptr only with TerrainOptions::lodMode "off".
/// `coarse` is the loaded display grid (kept for callers; streaming no longer depends on its size).
Result<std::unique_ptr<TileStreamer>> openStreamedTerrain(const TerrainOptions& options, const Dem& coarse,
                                                          const MapProjection& projection);

/// Loads the DEM named by `options` into `projection`.
/// `progress` (may be empty) gets the fraction read (0–1) and stops the load when it returns false.
Result<Dem> loadTerrain(const TerrainOptions& options, const MapProjection& projection,
                        std::function<bool(double)> progress = {});

} // namespace qinba::app
