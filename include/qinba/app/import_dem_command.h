#pragma once
// `qinba import-dem FILES|FOLDERS... --out region.tif [--bounds W,S,E,N] [--crs CRS]`: the tiles an institute
// holds, mosaicked into one Cloud-Optimized GeoTIFF to stack over the embedded DEM (core: dem_import.h).

#include <string>
#include <vector>

namespace qinba::app {

struct ImportDemCli {
    std::vector<std::string> inputs; ///< tiles and folders
    std::string out;                 ///< COG to write
    std::string bounds;              ///< "W,S,E,N" in degrees; empty: the tiles' union
    std::string crs;                 ///< CRS of the mosaic; empty: the first tile's
    int maxVoidCells = 1000;         ///< largest enclosed void filled, in cells
    bool progressBar = true;         ///< draw a progress bar on stderr
};

/// Runs the import; prints the bad tiles, the summary and a progress bar. Exit status 0 when written.
int runImportDem(const ImportDemCli& options);

} // namespace qinba::app
