#pragma once
// Loading the DEM chosen on the command line (or the embedded default) for any of the commands.

#include "qinba/core/dem.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"

#include <string>

namespace qinba::app {

/// Options every command that shows terrain accepts.
struct TerrainOptions {
    std::string demPath; ///< empty: the embedded Pan-Qinba DEM
    std::string demCrs;  ///< CRS to assume when the DEM has none
};

/// Loads the DEM named by `options` into `projection`.
Result<Dem> loadTerrain(const TerrainOptions& options, const MapProjection& projection);

} // namespace qinba::app
