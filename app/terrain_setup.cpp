#include "terrain_setup.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"

namespace qinba::app {

Result<Dem> loadTerrain(const TerrainOptions& options, const MapProjection& projection) {
    DemLoadOptions load;
    load.assumedCrs = options.demCrs;
    const std::string path = options.demPath.empty() ? defaultDemPath().string() : options.demPath;
    return loadDem(path, projection, load);
}

} // namespace qinba::app
