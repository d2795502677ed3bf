#pragma once
// Georeferenced pictures: a straight-down parallel (orthographic) view maps pixels linearly to the map
// projection, so `qinba render --ortho` can write a GeoTIFF, or a PNG with a world file, that GIS place
// exactly over other data.

#include "qinba/core/camera.h"
#include "qinba/core/image.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"

#include <array>
#include <optional>
#include <string>

namespace qinba {

/// GDAL's affine geotransform: x = gt[0] + col·gt[1] + row·gt[2], y = gt[3] + col·gt[4] + row·gt[5], for
/// pixel corners (col, row from the top-left corner of the image; 0.5 is the first pixel's centre), in map
/// metres.
using GeoTransform = std::array<double, 6>;

/// The geotransform of what `camera` sees in `viewport` when it looks straight down (pitch within 0.01° of
/// 90) in a parallel projection; a heading other than north rotates it. nullopt for any other camera, whose
/// pixels do not map linearly to the map.
std::optional<GeoTransform> orthoGeoTransform(const OrbitCamera& camera, Viewport viewport);

/// A straight-down parallel camera, north up, whose picture of `viewport` covers `extent` (map metres)
/// centred, with margins on the two sides the aspect ratio leaves over; `groundZ` is the target's height
/// (world metres; any height gives the same picture, it only places the clip planes).
OrbitCamera orthoCameraOver(const MapRect& extent, Viewport viewport, double groundZ);

/// Writes `image` georeferenced with `transform` in the CRS `wkt`, by the extension of `path`:
///  .tif / .tiff  a GeoTIFF (RGBA, DEFLATE) carrying the geotransform and the CRS;
///  .png          the PNG plus PATH-without-extension.pgw (the ESRI world file: pixel sizes, rotations and
///                the centre of the top-left pixel), .prj (the CRS as ESRI WKT) and PATH.aux.xml (the CRS
///                for GDAL and QGIS, which do not read .prj files beside a PNG).
/// Every file is written atomically. Errors name the file; any other extension is an error.
Status writeGeoreferencedImage(const std::string& path, const ImageRgba8& image,
                               const GeoTransform& transform, const std::string& wkt);

} // namespace qinba
