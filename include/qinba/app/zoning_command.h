#pragma once
// `qinba zoning`: the green heart zoning of a DEM (include/qinba/core/zoning.h) written as GeoTIFF, GeoJSON
// and CSV, without a window.

#include "qinba/app/terrain_setup.h"

#include <string>
#include <vector>

namespace qinba::app {

struct ZoningOptions {
    TerrainOptions terrain;
    std::string scenario;              ///< scenario JSON whose Central and City Area places are the cities
    std::vector<std::string> settings; ///< "name=value" parameter overrides, applied in order
    std::string out;                   ///< output prefix: PREFIX.tif, PREFIX.geojson, PREFIX.csv
    /// CRS of PREFIX.tif and PREFIX.geojson (e.g. EPSG:4490); empty: the map CRS for the GeoTIFF, WGS84 for
    /// the GeoJSON. The CSV has no coordinates.
    std::string crs;
};

/// Loads the DEM and the scenario's cities, computes the zoning, writes the three files and prints the
/// area of each zone. Returns the process exit status; errors print one line to stderr and return 1.
int runZoning(const ZoningOptions& options);

} // namespace qinba::app
