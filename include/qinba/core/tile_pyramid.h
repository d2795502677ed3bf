#pragma once
// The quadtree of terrain tiles over one raster in the map projection, for level-of-detail rendering.
//
// Level 0 is a single tile over the whole raster; every level below halves the spacing of its samples, and
// the finest level samples every source pixel. A tile has `tileCells` × `tileCells` cells; its vertices lie
// on pixel edges (x0 + i·spacing), so the rectangles of a tile and of its four children nest exactly and no
// gap can open between levels in the map plane.

#include "qinba/core/map_projection.h"

#include <cstddef>
#include <functional>
#include <string>
#include <tuple>

namespace qinba {

/// One tile of the pyramid: `level` from 0 (the whole raster) down, column `x` from the west and row `y`
/// from the north, both counted in tiles of that level.
struct TileKey {
    int level = 0;
    int x = 0;
    int y = 0;
    bool operator==(const TileKey&) const = default;
    bool operator<(const TileKey& o) const { return std::tie(level, x, y) < std::tie(o.level, o.x, o.y); }
    TileKey parent() const { return {level - 1, x / 2, y / 2}; }
    /// Child 0–3: north-west, north-east, south-west, south-east.
    TileKey child(int i) const { return {level + 1, x * 2 + (i & 1), y * 2 + (i >> 1)}; }
    std::string toString() const;
};

struct TileKeyHash {
    std::size_t operator()(const TileKey& k) const {
        return std::hash<long long>()((static_cast<long long>(k.level) << 48) ^
                                      (static_cast<long long>(k.x) << 24) ^ static_cast<long long>(k.y));
    }
};

/// A window of the source raster in pixel-edge coordinates (pixel (0,0) spans [0,1]×[0,1]).
struct PixelWindow {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// The tiling of a raster whose pixels are axis-aligned in the map projection.
struct TilePyramid {
    int rasterWidth = 0;      ///< source pixels per row
    int rasterHeight = 0;     ///< source rows
    MapPoint origin;          ///< map metres of the raster's north-west corner
    double pixelWidth = 1.0;  ///< metres a pixel spans east–west
    double pixelHeight = 1.0; ///< metres a pixel spans north–south
    int tileCells = 64;       ///< cells per tile side (vertices: tileCells + 1)
    int levels = 1;           ///< levels from the whole raster (0) to full resolution (levels − 1)

    /// The pyramid whose finest level samples every pixel of a `width` × `height` raster.
    static TilePyramid make(int width, int height, MapPoint origin, double pixelWidth, double pixelHeight,
                            int tileCells = 64);

    int finestLevel() const { return levels - 1; }
    /// Source pixels between neighbouring samples of a level (1 at the finest level).
    long long spacing(int level) const { return 1LL << (levels - 1 - level); }
    /// Metres between neighbouring samples of a level (the larger of the two directions).
    double cellSize(int level) const;
    /// Tiles across and down a level (tiles that would lie wholly outside the raster are not counted).
    int tilesX(int level) const;
    int tilesY(int level) const;
    /// True when the key names a tile of this pyramid.
    bool contains(TileKey key) const;
    /// The tile's rectangle in source pixels; the last tiles of a row or column extend past the raster.
    PixelWindow pixelRect(TileKey key) const;
    /// The tile's rectangle in map metres.
    MapRect mapRect(TileKey key) const;
    /// The raster's rectangle in map metres.
    MapRect bounds() const;
    /// Samples in the whole raster.
    double samples() const { return static_cast<double>(rasterWidth) * rasterHeight; }
};

} // namespace qinba
