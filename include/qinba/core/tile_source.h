#pragma once
// Reading terrain tiles from a raster through GDAL (GeoTIFF with overviews, Cloud-Optimized GeoTIFF, a VRT
// mosaic, or any of these behind /vsicurl/). A raster in another CRS is read through a warped VRT into the
// map projection.

#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"
#include "qinba/core/tile_pyramid.h"

#include <memory>
#include <string>
#include <vector>

namespace qinba {

/// Elevations of one tile in metres, with a border of one texel all round for normals. Texel (0,0) is the
/// north-west one; its centre lies at pixel-edge coordinate (windowX0 + texelX/2, windowY0 + texelY/2).
struct TileData {
    TileKey key;
    int width = 0;              ///< texels per row
    int height = 0;             ///< rows
    std::vector<float> heights; ///< metres, NaN where the source has no data
    PixelWindow window;         ///< source pixels the texels cover
    float minHeight = 0.0f;     ///< over samples with data, metres (0 when none)
    float maxHeight = 0.0f;
    bool anyData = false;
    double readMs = 0.0; ///< wall time of the read
    std::size_t bytes() const { return heights.size() * sizeof(float) + sizeof(TileData); }
};

/// Where the tiles come from.
struct TileSourceSpec {
    std::string path;       ///< any raster GDAL opens
    std::string assumedCrs; ///< CRS to assume when the raster has none ("EPSG:4326", WKT, …)
    int tileCells = 64;     ///< cells per tile side
    /// Coarser sources under `path`, finest first ("embedded": the built-in DEM); each shows where the
    /// ones before it have no data, blended at their edges (see elevation_stack.h). Empty: `path` alone.
    std::vector<std::string> fallbacks;
    int blendCells = 4; ///< cells over which a finer source fades into the next at the edge of its data
};

/// What opening the source found out.
struct TileSourceInfo {
    TilePyramid pyramid;
    int overviews = 0;                 ///< overview levels the source has
    bool warped = false;               ///< read through a warped VRT into the map projection
    std::string driver;                ///< GDAL driver of the source
    std::vector<std::string> warnings; ///< e.g. missing overviews, with what to do about it
    int sources = 1;                   ///< rasters composited (more than one for a stack)
};

/// One open handle on the source. GDAL datasets are not safe to share between threads: each loader thread
/// opens its own.
class TileSource {
  public:
    /// Opens the raster and checks it: a raster, georeferenced, axis-aligned after warping, 2×2 samples or
    /// more. Errors name the file and the problem.
    static Result<std::unique_ptr<TileSource>> open(const TileSourceSpec& spec,
                                                    const MapProjection& projection);
    ~TileSource();
    TileSource(const TileSource&) = delete;
    TileSource& operator=(const TileSource&) = delete;

    const TileSourceInfo& info() const { return info_; }
    /// Reads one tile (band 1, scale, offset and feet applied; nodata as NaN). A read error (a damaged
    /// block, a lost connection) names the tile and GDAL's message.
    Result<TileData> read(TileKey key) const;

  private:
    TileSource() = default;
    static Result<std::unique_ptr<TileSource>> openStack(const TileSourceSpec& spec,
                                                         const MapProjection& projection);
    Result<TileData> readStack(TileKey key) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    TileSourceInfo info_;
};

} // namespace qinba
