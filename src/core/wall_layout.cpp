#include "qinba/core/wall_layout.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <charconv>

namespace qinba {

namespace {

/// Two whole numbers separated by `sep` ("2x2", "1,0"), nothing else.
bool parsePair(const std::string& text, const char* seps, int& a, int& b) {
    const auto at = text.find_first_of(seps);
    if (at == std::string::npos) return false;
    const auto number = [](std::string_view s, int& out) {
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return !s.empty() && ec == std::errc() && p == s.data() + s.size();
    };
    const std::string_view all(text);
    return number(all.substr(0, at), a) && number(all.substr(at + 1), b);
}

} // namespace

Result<WallTiling> parseWallTiling(const std::string& wall, const std::string& tile,
                                   const std::string& bezel) {
    WallTiling t;
    if (wall.empty()) {
        if (!tile.empty()) return Error{"", "--tile", _("a tile needs a wall: add --wall COLSxROWS")};
        if (!bezel.empty()) return Error{"", "--bezel", _("a bezel needs a wall: add --wall COLSxROWS")};
        return t;
    }
    if (!parsePair(wall, "xX", t.cols, t.rows) || t.cols < 1 || t.rows < 1 || t.cols > kMaxWallScreens ||
        t.rows > kMaxWallScreens)
        return Error{"", "--wall",
                     formatText(_("expected COLSxROWS, screens across and down from 1 to {}, such as 2x2, "
                                  "got '{}'"),
                                kMaxWallScreens, wall)};
    if (tile.empty())
        return Error{"", "--tile",
                     _("a wall needs the tile this screen shows: --tile C,R (0-based column from the left, "
                       "row from the top)")};
    if (!parsePair(tile, ",", t.col, t.row))
        return Error{"", "--tile",
                     formatText(_("expected C,R (0-based column from the left, row from the top), such as "
                                  "1,0, got '{}'"),
                                tile)};
    if (t.col < 0 || t.row < 0 || t.col >= t.cols || t.row >= t.rows)
        return Error{"", "--tile",
                     formatText(_("tile {} is not on a {}x{} wall: columns 0 to {}, rows 0 to {}"), tile,
                                t.cols, t.rows, t.cols - 1, t.rows - 1)};
    if (!bezel.empty() && (!parsePair(bezel, ",", t.bezelX, t.bezelY) || t.bezelX < 0 || t.bezelY < 0 ||
                           t.bezelX > kMaxBezelPx || t.bezelY > kMaxBezelPx))
        return Error{"", "--bezel",
                     formatText(_("expected H,V: pixels hidden between screens side by side and between "
                                  "screens one above the other, 0 to {}, such as 24,24, got '{}'"),
                                kMaxBezelPx, bezel)};
    return t;
}

Viewport wallCanvas(const WallTiling& wall, Viewport tile) {
    return {wall.cols * tile.width + (wall.cols - 1) * wall.bezelX,
            wall.rows * tile.height + (wall.rows - 1) * wall.bezelY};
}

PixelRect wallTileRect(const WallTiling& wall, Viewport tile) {
    return {wall.col * (tile.width + wall.bezelX), wall.row * (tile.height + wall.bezelY), tile.width,
            tile.height};
}

} // namespace qinba
