#pragma once
// A digital elevation model resampled onto a regular grid of the map projection.

#include "qinba/core/map_projection.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

/// One source of an elevation stack (elevation_stack.h), for the Terrain sources panel.
struct TerrainSourceInfo {
    std::string path;            ///< as listed ("embedded" for the built-in DEM)
    std::string driver;          ///< GDAL driver short name
    double cellSize = 0.0;       ///< metres between the source's samples in the map projection
    double coverageKm2 = 0.0;    ///< area where the source has data, km²
    MapRect bounds;              ///< the source's rectangle in map metres
    std::size_t filledVoids = 0; ///< voids the loader filled
};

/// Where a Dem came from and what loading did to it.
struct DemProvenance {
    std::string path;            ///< file or GDAL dataset name it was read from
    std::string driver;          ///< GDAL driver short name, e.g. "GTiff"
    std::string sourceCrs;       ///< name of the source coordinate reference system
    bool crsAssumed = false;     ///< true when the source had no CRS and WGS84 was assumed
    int sourceWidth = 0;         ///< samples per row in the source
    int sourceHeight = 0;        ///< rows in the source
    std::size_t filledVoids = 0; ///< source samples inside the data that were nodata and got interpolated
    std::string description;     ///< free text from the source's metadata (e.g. a provenance note)
    /// The sources composited into it, finest first; empty when it is one DEM.
    std::vector<TerrainSourceInfo> stack;
};

/// Elevations in metres on a regular square grid of the map projection. Row 0 is the northern edge; cell
/// (col,row) covers [x0 + col·cell, x0 + (col+1)·cell] × [y0 − (row+1)·cell, y0 − row·cell] and its sample
/// stands for the cell's centre. Samples without data (outside the source's footprint) are NaN.
class Dem {
  public:
    Dem() = default;
    /// `origin` is the north-west corner of the grid in map metres; `cellSize` is in metres.
    Dem(int width, int height, MapPoint origin, double cellSize, std::vector<float> heights);

    int width() const { return width_; }
    int height() const { return height_; }
    double cellSize() const { return cellSize_; }
    MapPoint origin() const { return origin_; }
    MapRect bounds() const;
    bool empty() const { return heights_.empty(); }

    /// Elevation of a sample in metres (NaN when there is no data). No bounds check.
    float at(int col, int row) const { return heights_[static_cast<std::size_t>(row) * width_ + col]; }
    bool hasData(int col, int row) const;
    /// Map position of a sample (the centre of its cell).
    MapPoint sampleCentre(int col, int row) const;

    /// Bilinear elevation in metres at a map point; nullopt outside the grid or where a neighbour has no
    /// data.
    std::optional<double> elevationAt(MapPoint p) const;

    const std::vector<float>& heights() const { return heights_; }
    float minElevation() const { return minElevation_; }
    float maxElevation() const { return maxElevation_; }
    std::size_t validCount() const { return validCount_; }

    /// The same grid with every no-data sample set to the nearest sample that has data, so meshes and
    /// normals stay well defined at the data's edge (the renderer masks those samples separately).
    std::vector<float> heightsFilledForDisplay() const;

    /// Coverage for drawing, 0–255 per sample: 255 inside the data, 0 outside, crossing 128 exactly at the
    /// edge of the source's footprint (from the source raster's outline, not from the samples), so the
    /// outline stays smooth instead of following sample steps. Derived from the no-data samples when the
    /// loader did not set one.
    std::vector<std::uint8_t> displayCoverage() const;
    void setFootprintCoverage(std::vector<std::uint8_t> coverage) { footprint_ = std::move(coverage); }

    DemProvenance provenance;

  private:
    int width_ = 0;
    int height_ = 0;
    MapPoint origin_{};
    double cellSize_ = 1.0;
    std::vector<float> heights_;
    float minElevation_ = 0.0f;
    float maxElevation_ = 0.0f;
    std::size_t validCount_ = 0;
    std::vector<std::uint8_t> footprint_;
};

} // namespace qinba
