#include "qinba/core/tile_pyramid.h"

#include <algorithm>
#include <cmath>

namespace qinba {

std::string TileKey::toString() const {
    return "level " + std::to_string(level) + " tile (" + std::to_string(x) + ", " + std::to_string(y) + ")";
}

TilePyramid TilePyramid::make(int width, int height, MapPoint origin, double pixelWidth, double pixelHeight,
                              int tileCells) {
    TilePyramid p;
    p.rasterWidth = width;
    p.rasterHeight = height;
    p.origin = origin;
    p.pixelWidth = pixelWidth;
    p.pixelHeight = pixelHeight;
    p.tileCells = std::max(2, tileCells);
    p.levels = 1;
    while (static_cast<long long>(p.tileCells) * p.spacing(0) < std::max(width, height))
        ++p.levels;
    return p;
}

double TilePyramid::cellSize(int level) const {
    return static_cast<double>(spacing(level)) * std::max(pixelWidth, pixelHeight);
}

int TilePyramid::tilesX(int level) const {
    const long long span = tileCells * spacing(level);
    return static_cast<int>((rasterWidth + span - 1) / span);
}

int TilePyramid::tilesY(int level) const {
    const long long span = tileCells * spacing(level);
    return static_cast<int>((rasterHeight + span - 1) / span);
}

bool TilePyramid::contains(TileKey key) const {
    return key.level >= 0 && key.level < levels && key.x >= 0 && key.y >= 0 && key.x < tilesX(key.level) &&
           key.y < tilesY(key.level);
}

PixelWindow TilePyramid::pixelRect(TileKey key) const {
    const double span = static_cast<double>(tileCells * spacing(key.level));
    return {key.x * span, key.y * span, (key.x + 1) * span, (key.y + 1) * span};
}

MapRect TilePyramid::mapRect(TileKey key) const {
    const PixelWindow w = pixelRect(key);
    return {origin.x + w.x0 * pixelWidth, origin.y - w.y1 * pixelHeight, origin.x + w.x1 * pixelWidth,
            origin.y - w.y0 * pixelHeight};
}

MapRect TilePyramid::bounds() const {
    return {origin.x, origin.y - rasterHeight * pixelHeight, origin.x + rasterWidth * pixelWidth, origin.y};
}

} // namespace qinba
