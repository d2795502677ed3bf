#pragma once
// `qinba export`: the scenario's places, agglomerations, routed corridors and flows as GIS layers
// (include/qinba/core/gis_export.h) in a GeoPackage, GeoJSON or Shapefile, without a window.

#include "qinba/app/terrain_setup.h"

#include <string>

namespace qinba::app {

struct ExportOptions {
    TerrainOptions terrain; ///< the DEM the corridors are routed over (as the viewer routes them)
    std::string scenario;   ///< scenario JSON; empty: the embedded default
    std::string od;         ///< OD matrix CSV whose measured volumes replace indicative ones; empty: none
    std::string out;        ///< FILE.gpkg, FILE.geojson or FILE.shp
    std::string crs = "EPSG:4326"; ///< output CRS, e.g. EPSG:4490 (CGCS2000)
    std::string stage;             ///< stage id or 1-based number; empty: every stage
};

/// Loads the DEM and the scenario, routes the corridors (through the route cache, as the viewer does),
/// writes the layers and prints the files written with their feature counts. Returns the process exit
/// status; errors print one line to stderr and return 1.
int runExport(const ExportOptions& options);

} // namespace qinba::app
