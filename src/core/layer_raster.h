#pragma once
// Raster layers: any raster GDAL opens, brought into the map projection as display colours.

#include "qinba/core/layer.h"

#include <string>

class GDALDataset;

namespace qinba {

/// Warps `ds` into `projection` (at most 2048 pixels a side) and turns it into RGBA: a colour table when
/// band 1 has one, red/green/blue from bands 1–3, else a grey stretch of band 1. No-data and pixels outside
/// the source are transparent. Continuous values are warped bilinearly; classes (a colour table) by nearest
/// neighbour and then drawn up to 8 times finer with smooth boundaries (each pixel's class kept at its
/// centre), so magnified classes are not squares. Errors name `path`.
Result<RasterImage> warpRasterForDisplay(GDALDataset& ds, const std::string& path,
                                         const MapProjection& projection);

} // namespace qinba
