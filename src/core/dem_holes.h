#pragma once
// Grid operations of DEM loading: filling voids, and the smooth outline of a source's footprint.

#include <cstddef>
#include <cstdint>
#include <vector>

class GDALDataset;

namespace qinba {

/// Fills no-data (NaN) samples of a `w` × `h` grid that are enclosed by data, by GDAL's inverse-distance
/// interpolation; holes connected to the grid's edge stay NaN. Returns how many samples were filled.
std::size_t fillEnclosedVoids(std::vector<float>& values, int w, int h);

/// Coverage of each sample of `dst` by the outline of `src` (a `srcW` × `srcH` pixel rectangle), as
/// Dem::displayCoverage wants it: the signed distance in `dst` cells from the sample to the outline, mapped
/// to 0–255 with 128 on the outline and 255 from two cells inside. Empty when no transformer exists.
std::vector<std::uint8_t> footprintCoverage(GDALDataset& src, GDALDataset& dst, int srcW, int srcH);

} // namespace qinba
