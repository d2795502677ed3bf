// Video-wall geometry: --wall/--tile/--bezel parsing, the virtual canvas and each screen's part of it, and
// the off-axis projection that draws one screen's part of the whole wall's camera.

#include "qinba/core/camera.h"
#include "qinba/core/wall_layout.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace qinba {
namespace {

TEST(WallLayout, ParsesWallTileAndBezel) {
    auto t = parseWallTiling("3x2", "2,1", "24,16");
    ASSERT_TRUE(t) << t.error().toString();
    EXPECT_EQ(t->cols, 3);
    EXPECT_EQ(t->rows, 2);
    EXPECT_EQ(t->col, 2);
    EXPECT_EQ(t->row, 1);
    EXPECT_EQ(t->bezelX, 24);
    EXPECT_EQ(t->bezelY, 16);
    EXPECT_TRUE(t->isWall());
    auto none = parseWallTiling("", "", "");
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->isWall());
    auto noBezel = parseWallTiling("2X2", "0,0", "");
    ASSERT_TRUE(noBezel);
    EXPECT_EQ(noBezel->bezelX, 0);
}

TEST(WallLayout, BadOptionsAreRefusedNamingTheOption) {
    const struct {
        const char *wall, *tile, *bezel, *field, *says;
    } cases[] = {
        {"2x", "0,0", "", "--wall", "expected COLSxROWS"},
        {"0x2", "0,0", "", "--wall", "expected COLSxROWS"},
        {"17x1", "0,0", "", "--wall", "from 1 to 16"},
        {"2x2 ", "0,0", "", "--wall", "expected COLSxROWS"},
        {"2,2", "0,0", "", "--wall", "expected COLSxROWS"},
        {"2x2", "", "", "--tile", "--tile C,R"},
        {"2x2", "1", "", "--tile", "expected C,R"},
        {"2x2", "1;0", "", "--tile", "expected C,R"},
        {"2x2", "2,0", "", "--tile", "columns 0 to 1, rows 0 to 1"},
        {"2x2", "0,-1", "", "--tile", "is not on a 2x2 wall"},
        {"2x2", "0,0", "24", "--bezel", "expected H,V"},
        {"2x2", "0,0", "-1,0", "--bezel", "expected H,V"},
        {"2x2", "0,0", "2001,0", "--bezel", "0 to 2000"},
        {"", "0,0", "", "--tile", "needs a wall"},
        {"", "", "4,4", "--bezel", "needs a wall"},
    };
    for (const auto& c : cases) {
        auto r = parseWallTiling(c.wall, c.tile, c.bezel);
        ASSERT_FALSE(r) << c.wall << " " << c.tile << " " << c.bezel << " was taken";
        EXPECT_EQ(r.error().field, c.field) << c.wall << " " << c.tile << " " << c.bezel;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    }
}

TEST(WallLayout, CanvasSpansTheScreensAndTheBezels) {
    WallTiling w{3, 2, 0, 0, 24, 16};
    const Viewport tile{320, 180};
    const Viewport canvas = wallCanvas(w, tile);
    EXPECT_EQ(canvas.width, 3 * 320 + 2 * 24);
    EXPECT_EQ(canvas.height, 2 * 180 + 16);
    // The tiles lie in a grid with the bezels between them, inside the canvas, touching its edges.
    std::set<std::pair<int, int>> corners;
    for (w.row = 0; w.row < w.rows; ++w.row)
        for (w.col = 0; w.col < w.cols; ++w.col) {
            const PixelRect r = wallTileRect(w, tile);
            EXPECT_EQ(r.width, 320);
            EXPECT_EQ(r.height, 180);
            EXPECT_EQ(r.x, w.col * (320 + 24));
            EXPECT_EQ(r.y, w.row * (180 + 16));
            EXPECT_LE(r.x + r.width, canvas.width);
            EXPECT_LE(r.y + r.height, canvas.height);
            corners.insert({r.x, r.y});
        }
    EXPECT_EQ(corners.size(), 6u);
    w.col = 2, w.row = 1;
    const PixelRect last = wallTileRect(w, tile);
    EXPECT_EQ(last.x + last.width, canvas.width);
    EXPECT_EQ(last.y + last.height, canvas.height);
    EXPECT_EQ(wallCanvas(WallTiling{}, tile).width, 320);
}

// One screen's off-axis frustum: a world point lands on the screen's pixel at the canvas pixel minus the
// screen's offset, so the screens together show the whole wall's camera.
TEST(WallLayout, OffAxisFrustumShowsTheScreensPartOfTheWallsCamera) {
    OrbitCamera camera;
    camera.target = {1000.0, 2000.0, 500.0};
    camera.distance = 50000.0;
    camera.heading = 30.0;
    camera.pitch = 50.0;
    const WorldBox scene{{-1e5, -1e5, 0.0}, {1e5, 1e5, 3000.0}};
    WallTiling w{2, 2, 1, 0, 40, 30};
    const Viewport tile{320, 180};
    const Viewport canvas = wallCanvas(w, tile);
    const CameraMatrices whole = computeMatrices(camera, canvas, scene);
    const PixelRect rect = wallTileRect(w, tile);
    const CameraMatrices part = tileMatrices(whole, canvas, rect);
    for (const glm::dvec3 p : {glm::dvec3(1000.0, 2000.0, 500.0), glm::dvec3(9000.0, 5000.0, 1200.0),
                               glm::dvec3(-7000.0, 12000.0, 0.0)}) {
        const auto a = projectToScreen(whole, canvas, p);
        const auto b = projectToScreen(part, tile, p);
        ASSERT_TRUE(a && b);
        EXPECT_NEAR(b->x, a->x - rect.x, 1e-6);
        EXPECT_NEAR(b->y, a->y - rect.y, 1e-6);
        EXPECT_NEAR(b->z, a->z, 1e-9);
    }
}

} // namespace
} // namespace qinba
