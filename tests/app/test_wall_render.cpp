// Video walls (`--wall COLSxROWS --tile C,R [--bezel H,V]` on render and record): the screens' pictures put
// side by side are the picture of the whole wall, with one legend, one caption and one set of labels laid
// out for the whole canvas and cut only by the screens' edges.

#include "test_support.h"

#include "qinba/core/image.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace qinba {
namespace {

using test::shell;
using test::ShellRun;

std::string qinba(const test::TempDir& dir) {
    return "env QINBA_CONFIG_DIR='" + dir.file("config") + "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" +
           QINBA_EXE + "'";
}

/// Kept in $QINBA_TEST_OUTPUT/wall for people to look at.
void keep(const ImageRgba8& image, const std::string& name) {
    const char* out = std::getenv("QINBA_TEST_OUTPUT");
    if (!out || !*out) return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(out) / "wall", ec);
    (void)writePng((std::filesystem::path(out) / "wall" / name).string(), image);
}

/// How far a picture is from another of the same size: the mean absolute difference over all channels
/// (grey levels), and the largest mean difference in any 8 × 8 block (a label or legend drawn in one and
/// not the other, or cut elsewhere, makes a block differ by tens of grey levels).
struct Difference {
    double mean = 0.0, worstBlock = 0.0;
    int worstX = 0, worstY = 0;
};

Difference difference(const ImageRgba8& a, const ImageRgba8& b) {
    Difference d;
    double total = 0.0;
    constexpr int kBlock = 8;
    for (int by = 0; by < a.height; by += kBlock)
        for (int bx = 0; bx < a.width; bx += kBlock) {
            double block = 0.0;
            int n = 0;
            for (int y = by; y < std::min(by + kBlock, a.height); ++y)
                for (int x = bx; x < std::min(bx + kBlock, a.width); ++x, ++n)
                    for (int c = 0; c < 3; ++c)
                        block += std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c]));
            total += block;
            if (block / (3.0 * n) > d.worstBlock)
                d.worstBlock = block / (3.0 * n), d.worstX = bx, d.worstY = by;
        }
    d.mean = total / (3.0 * a.width * a.height);
    return d;
}

/// `part` of `image`.
ImageRgba8 crop(const ImageRgba8& image, int x0, int y0, int w, int h) {
    ImageRgba8 out(w, h);
    for (int y = 0; y < h; ++y)
        std::copy_n(image.at(x0, y0 + y), 4 * w, out.at(0, y));
    return out;
}

/// Screens of `tileW` × `tileH` pixels of a `cols` × `rows` wall with bezels, drawn where they sit in the
/// canvas (the bezel strips stay black).
struct Wall {
    int cols = 2, rows = 2, tileW = 320, tileH = 180, bezelX = 0, bezelY = 0;
    int canvasW() const { return cols * tileW + (cols - 1) * bezelX; }
    int canvasH() const { return rows * tileH + (rows - 1) * bezelY; }
    std::string size() const { return std::to_string(tileW) + "x" + std::to_string(tileH); }
    std::string canvas() const { return std::to_string(canvasW()) + "x" + std::to_string(canvasH()); }
    std::string options(int c, int r) const {
        return " --wall " + std::to_string(cols) + "x" + std::to_string(rows) + " --tile " +
               std::to_string(c) + "," + std::to_string(r) + " --bezel " + std::to_string(bezelX) + "," +
               std::to_string(bezelY);
    }
};

/// Everything drawn over the map that depends on the picture's size: legend, scale bar, north arrow,
/// title, caption, credits, place labels, corridors and flow marks in pixels.
const char* const kBusyScene = " --stage 2 --time 6 --legend --scale-bar --north-arrow --title --captions "
                               "--credits --labels both";

/// Compares the screens' stitched pictures with the whole picture of the canvas; with bezels each screen is
/// compared with its crop of the whole.
void expectSeamless(const ImageRgba8& whole, const std::vector<ImageRgba8>& tiles, const Wall& w,
                    const std::string& name) {
    ASSERT_EQ(whole.width, w.canvasW());
    ASSERT_EQ(whole.height, w.canvasH());
    ImageRgba8 stitched(w.canvasW(), w.canvasH());
    ImageRgba8 visible = whole; // the whole picture with the bezel strips black, as the wall shows it
    std::fill(visible.pixels.begin(), visible.pixels.end(), std::uint8_t{0});
    for (int r = 0; r < w.rows; ++r)
        for (int c = 0; c < w.cols; ++c) {
            const ImageRgba8& t = tiles[static_cast<std::size_t>(r * w.cols + c)];
            ASSERT_EQ(t.width, w.tileW);
            ASSERT_EQ(t.height, w.tileH);
            const int x0 = c * (w.tileW + w.bezelX), y0 = r * (w.tileH + w.bezelY);
            for (int y = 0; y < w.tileH; ++y) {
                std::copy_n(t.at(0, y), 4 * w.tileW, stitched.at(x0, y0 + y));
                std::copy_n(whole.at(x0, y0 + y), 4 * w.tileW, visible.at(x0, y0 + y));
            }
            const Difference d = difference(t, crop(whole, x0, y0, w.tileW, w.tileH));
            EXPECT_LT(d.mean, 1.0) << name << ": screen " << c << "," << r;
            EXPECT_LT(d.worstBlock, 4.0) << name << ": screen " << c << "," << r << " differs at " << d.worstX
                                         << "," << d.worstY << " of the screen";
        }
    keep(stitched, name + "_stitched.png");
    keep(visible, name + "_whole.png");
    const Difference d = difference(stitched, visible);
    std::printf("%s: stitched vs whole: mean %.4f grey levels, worst 8x8 block %.2f at %d,%d\n", name.c_str(),
                d.mean, d.worstBlock, d.worstX, d.worstY);
    EXPECT_LT(d.mean, 1.0) << name << ": stitched differs from the whole by " << d.mean << " grey levels";
    EXPECT_LT(d.worstBlock, 4.0) << name << ": stitched differs from the whole at " << d.worstX << ","
                                 << d.worstY << " by " << d.worstBlock << " grey levels (8x8 block mean)";
}

std::vector<ImageRgba8> renderScreens(const test::TempDir& dir, const Wall& w, const std::string& args) {
    std::vector<ImageRgba8> tiles;
    for (int r = 0; r < w.rows; ++r)
        for (int c = 0; c < w.cols; ++c) {
            const std::string png = dir.file("tile_" + std::to_string(c) + "_" + std::to_string(r) + ".png");
            const ShellRun run = shell(qinba(dir) + " render" + args + " --size " + w.size() +
                                       w.options(c, r) + " --out '" + png + "'");
            EXPECT_EQ(run.status, 0) << run.out;
            auto image = readImage(png);
            EXPECT_TRUE(image) << png;
            if (!image) return {};
            tiles.push_back(std::move(*image));
        }
    return tiles;
}

TEST(WallRender, FourScreensStitchedEqualTheWholePicture) {
    test::TempDir dir;
    const Wall w;
    const ShellRun run = shell(qinba(dir) + " render" + kBusyScene + " --size " + w.canvas() + " --out '" +
                               dir.file("whole.png") + "'");
    ASSERT_EQ(run.status, 0) << run.out;
    auto whole = readImage(dir.file("whole.png"));
    ASSERT_TRUE(whole);
    const auto tiles = renderScreens(dir, w, kBusyScene);
    ASSERT_EQ(tiles.size(), 4u);
    expectSeamless(*whole, tiles, w, "render_2x2");
}

TEST(WallRender, BezelsHideTheirStripOfTheWholePicture) {
    test::TempDir dir;
    Wall w;
    w.bezelX = 40, w.bezelY = 24;
    const ShellRun run = shell(qinba(dir) + " render" + kBusyScene + " --size " + w.canvas() + " --out '" +
                               dir.file("whole.png") + "'");
    ASSERT_EQ(run.status, 0) << run.out;
    auto whole = readImage(dir.file("whole.png"));
    ASSERT_TRUE(whole);
    const auto tiles = renderScreens(dir, w, kBusyScene);
    ASSERT_EQ(tiles.size(), 4u);
    expectSeamless(*whole, tiles, w, "render_2x2_bezel");
}

TEST(WallRender, OneRecordedFrameOfFourScreensEqualsTheWholeFrame) {
    test::TempDir dir;
    const Wall w;
    const std::string common = " record --frames 10-10 --fps 2 --legend --captions --title --credits ";
    std::filesystem::create_directories(dir.file("whole"));
    ShellRun run =
        shell(qinba(dir) + common + "--size " + w.canvas() + " --out '" + dir.file("whole") + "/%05d.png'");
    ASSERT_EQ(run.status, 0) << run.out;
    auto whole = readImage(dir.file("whole") + "/00010.png");
    ASSERT_TRUE(whole);
    std::vector<ImageRgba8> tiles;
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c) {
            const std::string folder = dir.file("tile" + std::to_string(c) + std::to_string(r));
            std::filesystem::create_directories(folder);
            run = shell(qinba(dir) + common + "--size " + w.size() + w.options(c, r) + " --out '" + folder +
                        "/%05d.png'");
            ASSERT_EQ(run.status, 0) << run.out;
            auto image = readImage(folder + "/00010.png");
            ASSERT_TRUE(image);
            tiles.push_back(std::move(*image));
        }
    expectSeamless(*whole, tiles, w, "record_2x2");
}

TEST(WallRenderErrors, BadWallOptionsAreRefusedByName) {
    test::TempDir dir;
    const std::string out = " --out '" + dir.file("x.png") + "'";
    ShellRun r = shell(qinba(dir) + " render --tile 1,0" + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--tile: a tile needs a wall"), std::string::npos) << r.out;
    r = shell(qinba(dir) + " render --wall 2x2 --tile 2,0" + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--tile: tile 2,0 is not on a 2x2 wall"), std::string::npos) << r.out;
    r = shell(qinba(dir) + " render --wall 2x2 --tile 0,0 --bezel 12" + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--bezel: expected H,V"), std::string::npos) << r.out;
    // --tile N once meant the largest piece rendered at once; that is --max-tile N now.
    r = shell(qinba(dir) + " record --tile 512 --out '" + dir.file("f") + "/%05d.png'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--max-tile N"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.png")));
}

} // namespace
} // namespace qinba
