#pragma once
// `qinba import-dem`: mosaics elevation tiles of any format GDAL reads (SRTM .hgt, zipped or not, GeoTIFF,
// ASCII grid, IMG, netCDF, …) in any mix of CRSs into one Cloud-Optimized GeoTIFF with overviews, ready to
// stack over the embedded DEM (`--dem region.tif --dem embedded`).

#include "qinba/core/result.h"

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

struct DemImportOptions {
    std::vector<std::string> inputs; ///< tiles and folders (searched recursively for DEM-like files)
    std::string out;                 ///< the COG to write
    /// West, south, east, north in degrees of WGS84 longitude/latitude; empty: the tiles' union.
    std::optional<std::array<double, 4>> bounds;
    std::string crs;         ///< CRS of the mosaic (any definition OGR reads); empty: the first tile's
    int maxVoidCells = 1000; ///< voids enclosed by data of at most this many cells are filled
    /// Called with the fraction done (0–1) and the step under way; returning false cancels.
    std::function<bool(double, const std::string&)> progress;
};

/// A tile that was not used, and why.
struct SkippedTile {
    std::string path;
    std::string reason;
};

/// What import-dem did.
struct DemImportSummary {
    std::vector<std::string> used;    ///< tiles mosaicked (as GDAL names them, /vsizip/ for zip members)
    std::vector<SkippedTile> skipped; ///< tiles GDAL could not use, with the reason
    int width = 0, height = 0;        ///< samples of the mosaic
    std::string crsName;              ///< name of the mosaic's CRS
    double resolutionM = 0.0;         ///< metres between samples (east–west, at the centre)
    double coverageKm2 = 0.0;         ///< area with data
    std::size_t voidsFilled = 0;      ///< voids filled
    std::size_t cellsFilled = 0;      ///< samples those voids had
    std::size_t voidsKept = 0;        ///< voids left as nodata (too large, or open to the edge)
    int overviews = 0;                ///< overview levels in the written COG
};

/// Expands folders and zip files into the tiles they hold (files with DEM-like extensions; members of a
/// .zip as /vsizip/ names), in a stable order. Named files are taken whatever their extension.
std::vector<std::string> findDemTiles(const std::vector<std::string>& inputs);

/// Mosaics the tiles (see DemImportOptions), fills small voids (GDALFillNodata), keeps large ones as
/// nodata and writes a COG with overviews. A tile GDAL cannot open or read is named in `skipped` and left
/// out; it is an error only when no tile is usable or the output cannot be written.
Result<DemImportSummary> importDem(const DemImportOptions& options);

} // namespace qinba
