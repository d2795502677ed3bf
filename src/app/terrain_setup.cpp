#include "qinba/app/terrain_setup.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"

namespace qinba::app {

Result<Dem> loadTerrain(const TerrainOptions& options, const MapProjection& projection,
                        std::function<bool(double)> progress) {
    DemLoadOptions load;
    load.progress = std::move(progress);
    load.assumedCrs = options.demCrs;
    const std::string path = options.demPath.empty() ? defaultDemPath().string() : options.demPath;
    return loadDem(path, projection, load);
}

Result<std::unique_ptr<TileStreamer>> openStreamedTerrain(const TerrainOptions& options, const Dem& coarse,
                                                          const MapProjection& projection) {
    // Every DEM, small or large, goes through the one level-of-detail path, so the viewer and the headless
    // commands draw the same triangles for the same view.
    (void)coarse;
    if (options.lodMode == "off") return std::unique_ptr<TileStreamer>();
    TileSourceSpec spec;
    spec.path = options.demPath.empty() ? defaultDemPath().string() : options.demPath;
    spec.assumedCrs = options.demCrs;
    spec.tileCells = options.lod.tileCells;
    return TileStreamer::open(spec, projection, options.lod);
}

} // namespace qinba::app
