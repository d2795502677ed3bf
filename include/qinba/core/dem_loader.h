#pragma once
// Reading any raster GDAL opens as a Dem in the map projection.

#include "qinba/core/dem.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"

#include <functional>
#include <string>

namespace qinba {

/// How loadDem() reads and resamples a raster.
struct DemLoadOptions {
    /// Longest side of the resampled grid, in samples. Larger sources are resampled (by averaging) to fit;
    /// the level-of-detail renderer of a later release lifts this limit.
    int maxSide = 2048;
    /// CRS to assume for a raster that carries none (any definition OGR reads: "EPSG:4326", WKT, PROJ).
    /// When empty, a raster without CRS whose coordinates look like degrees is taken as WGS84 longitude and
    /// latitude; any other raster without CRS is an error.
    std::string assumedCrs;
    /// Called from the loading thread with the fraction done (0–1) while the raster is read and warped;
    /// returning false stops the load, which then fails with "cancelled". Empty: no reports.
    std::function<bool(double)> progress;
};

/// Opens `path` with GDAL (GeoTIFF, COG, VRT, netCDF, SRTM .hgt, ASCII grid, … in any CRS), reads band 1
/// as elevations in metres (applying the band's scale, offset and foot units), treats nodata, masked and
/// NaN samples as holes, fills holes enclosed by data (inverse-distance interpolation) and leaves holes that
/// reach the raster's edge without data, then resamples onto a square grid of `projection`.
/// Errors name the file and the problem: missing file, not a raster, no georeferencing, fewer than 2×2
/// samples, no valid sample.
Result<Dem> loadDem(const std::string& path, const MapProjection& projection,
                    const DemLoadOptions& options = {});

} // namespace qinba
