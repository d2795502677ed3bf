#pragma once
// Video-wall geometry: a wall of COLS × ROWS equal screens shows one picture, a virtual canvas that spans
// all of them and the bezels between them; each screen (one `qinba` instance) draws its tile of it. The
// canvas is COLS·w + (COLS−1)·bezelX by ROWS·h + (ROWS−1)·bezelY pixels for tiles of w × h pixels; the
// bezel strips are behind the screens' frames, so what falls there is not shown. All sizes in pixels of
// the screens' pixel pitch, from the canvas's top-left corner.

#include "qinba/core/camera.h"
#include "qinba/core/result.h"

#include <string>

namespace qinba {

/// Which tile of which wall this instance draws.
struct WallTiling {
    int cols = 1, rows = 1; ///< screens across and down
    int col = 0, row = 0;   ///< this screen, 0-based: column from the left, row from the top
    int bezelX = 0;         ///< pixels hidden between two screens side by side
    int bezelY = 0;         ///< pixels hidden between two screens one above the other

    bool isWall() const { return cols > 1 || rows > 1; }
};

/// Largest number of screens across or down, and largest bezel, in pixels.
inline constexpr int kMaxWallScreens = 16;
inline constexpr int kMaxBezelPx = 2000;

/// Parses `--wall COLSxROWS`, `--tile C,R` and `--bezel H,V` (empty: no bezel). Errors name the option and
/// say what was expected: a tile outside the wall, negative or oversized numbers, stray characters; a
/// --tile or --bezel without --wall, or a --wall without --tile.
Result<WallTiling> parseWallTiling(const std::string& wall, const std::string& tile,
                                   const std::string& bezel);

/// The whole wall's virtual canvas for screens of `tile` pixels, bezels included.
Viewport wallCanvas(const WallTiling& wall, Viewport tile);

/// Where this screen's `tile`-sized picture lies in the canvas.
PixelRect wallTileRect(const WallTiling& wall, Viewport tile);

} // namespace qinba
