// Views magnified far beyond the data's cells: the zoning's class boundaries must follow smooth curves
// (contours of the interpolated inputs), not the DEM's cell edges.

#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/camera.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/view_detail.h"
#include "qinba/core/zoning.h"
#include "qinba/render/offscreen.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <functional>
#include <utility>

namespace qinba {
namespace {

/// Opaque, far apart colours for classes 1–4, so that every pixel's class can be read back.
constexpr std::array<glm::vec4, 4> kPure = {glm::vec4{0, 1, 0, 1}, glm::vec4{0, 0, 1, 1},
                                            glm::vec4{1, 1, 0, 1}, glm::vec4{1, 0, 1, 1}};

/// Class 1–4 of the nearest pure colour, 0 when none is near (terrain without zone, the ramp shows).
int labelOf(const std::uint8_t* p) {
    int best = 0;
    double bestD = 110.0;
    for (int k = 0; k < 4; ++k) {
        const double d =
            std::hypot(p[0] - 255.0 * kPure[k].r, p[1] - 255.0 * kPure[k].g, p[2] - 255.0 * kPure[k].b);
        if (d < bestD) bestD = d, best = k + 1;
    }
    return best;
}

struct BoundaryMeasure {
    int boundaryPixels = 0;
    int axisAligned = 0;
    double share() const { return boundaryPixels ? double(axisAligned) / boundaryPixels : 1.0; }
};

/// Half-length, in pixels, of the straight run that makes a boundary pixel's edge "exactly horizontal or
/// vertical": a line within atan(1/13) = 4.4 degrees of an axis, seen over 13 pixels.
constexpr int kRun = 6;

/// The measure: over every pixel whose label differs from a 4-neighbour's, the share whose boundary with
/// that neighbour runs exactly horizontally or vertically for kRun pixels either way (the same two labels on
/// both sides of the same row or column edge). Magnified cells (32 px) give long straight runs, most of the
/// boundary; a smooth curve only where its tangent is within 4.4 degrees of an axis.
BoundaryMeasure measureBoundaries(int w, int h, const std::function<int(int, int)>& label) {
    BoundaryMeasure m;
    for (int y = kRun + 1; y < h - kRun - 1; ++y)
        for (int x = kRun + 1; x < w - kRun - 1; ++x) {
            const int l = label(x, y);
            bool boundary = false, straight = false;
            for (const auto [nx, ny] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                const int other = label(x + nx, y + ny);
                if (other == l) continue;
                boundary = true;
                bool run = true; // along the edge: x for a row edge (ny != 0), y for a column edge
                for (int t = -kRun; t <= kRun && run; ++t) {
                    const int ax = ny != 0 ? x + t : x, ay = ny != 0 ? y : y + t;
                    run = label(ax, ay) == l && label(ax + nx, ay + ny) == other;
                }
                straight = straight || run;
            }
            if (!boundary) continue;
            ++m.boundaryPixels;
            m.axisAligned += straight;
        }
    return m;
}

TEST(ZoningRender, BoundariesAreSmoothCurvesWhenCellsAreMagnified) {
    REQUIRE_GL();
    const Dem& dem = *RenderEnvironment::dem;
    const MapProjection proj = MapProjection::panQinba();
    auto scenario =
        loadScenario((test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string());
    ASSERT_TRUE(scenario) << scenario.error().toString();
    const Zoning zoning = computeZoning(dem, proj, cityAreaCities(*scenario), ZoningParameters{});
    Layer zones = zoningLayer(zoning, dem);
    zones.options.style.opacity = 1.0f;
    for (std::size_t i = 0; i < zoning.classes.size(); ++i) {
        const int c = static_cast<int>(zoning.classes[i]);
        const glm::vec4 col = c == 0 ? glm::vec4(0.0f) : kPure[c - 1];
        for (int k = 0; k < 4; ++k)
            zones.raster.rgba[i * 4 + k] = static_cast<std::uint8_t>(std::lround(col[k] * 255.0f));
    }
    for (std::size_t k = 0; k < kZoneRules.size(); ++k)
        zones.raster.ruleColors[k] = kPure[static_cast<int>(kZoneRules[k]) - 1];

    // Straight down on the Hanzhong basin (green development, urban belt, buffer, core), so close that one
    // DEM cell spans 32 pixels; flat light (ambient 1), so a pixel shows its zone's colour unshaded.
    SceneFrame frame;
    frame.viewport = {640, 480};
    frame.style.haze = 0.0;
    frame.style.sky = false;
    frame.style.ambient = 1.0;
    const double pxPerCell = 32.0;
    const double distance = dem.cellSize() * frame.viewport.height /
                            (2.0 * std::tan(frame.camera.fovY * M_PI / 360.0) * pxPerCell);
    ASSERT_NEAR(pixelsPerCell(dem.cellSize(), distance, frame.camera.fovY, frame.viewport.height), pxPerCell,
                1e-6);
    const TerrainSurface surface(dem, frame.style.exaggeration);
    frame.camera = cameraFromSpec({{107.03, 33.07}, distance / 1000.0, 0.0, 90.0}, proj, surface);
    SceneRenderer& r = *RenderEnvironment::renderer;
    r.setDrapedLayers({&zones});
    auto image = renderToImage(r, frame, 4);
    r.setDrapedLayers({});
    ASSERT_TRUE(image) << image.error().toString();
    (void)writePng(artifact("zoning_magnified.png"), *image);

    const BoundaryMeasure drawn = measureBoundaries(image->width, image->height,
                                                    [&](int x, int y) { return labelOf(image->at(x, y)); });
    // What smooth curves give under the same measure: circles of the radii the view's patches have.
    BoundaryMeasure circles;
    for (double radius : {60.0, 95.0, 150.0, 230.0}) {
        const BoundaryMeasure c = measureBoundaries(
            640, 480, [&](int x, int y) { return std::hypot(x - 320.3, y - 240.7) < radius ? 1 : 0; });
        circles.boundaryPixels += c.boundaryPixels;
        circles.axisAligned += c.axisAligned;
    }
    std::printf("boundary pixels %d, exactly horizontal or vertical: %.3f (circles: %.3f)\n",
                drawn.boundaryPixels, drawn.share(), circles.share());
    ASSERT_GT(drawn.boundaryPixels, 500) << "the view should cross several class boundaries";
    // Cell-edge boundaries run straight along the axes for most of their length (the bilinearly magnified
    // zoning of before measured 0.33, this 0.10); smooth curves only near their axis-parallel tangents
    // (circles: 0.06).
    EXPECT_LT(drawn.share(), circles.share() + 0.1) << "class boundaries follow the DEM's cell edges";

    // The shader draws the zone the core's zoneAt() gives at each pixel's ground point (the km² table is
    // checked against zoneAt in core): every pixel away from a boundary (its 5 x 5 neighbourhood one label).
    const CameraMatrices m = computeMatrices(frame.camera, frame.viewport, surface.box());
    int compared = 0, differing = 0;
    for (int y = 2; y < image->height - 2; y += 3)
        for (int x = 2; x < image->width - 2; x += 3) {
            const int l = labelOf(image->at(x, y));
            bool uniform = true;
            for (int dy = -2; dy <= 2 && uniform; ++dy)
                for (int dx = -2; dx <= 2 && uniform; ++dx)
                    uniform = labelOf(image->at(x + dx, y + dy)) == l;
            const auto hit = surface.intersect(screenRay(m, frame.viewport, {x + 0.5, y + 0.5}));
            if (!uniform || !hit) continue;
            const double col = (hit->x - dem.origin().x) / dem.cellSize() - 0.5;
            const double row = (dem.origin().y - hit->y) / dem.cellSize() - 0.5;
            ++compared;
            differing += static_cast<int>(zoneAt(zoning, col, row)) != l;
        }
    std::printf("%d of %d pixels away from boundaries differ from zoneAt()\n", differing, compared);
    ASSERT_GT(compared, 10000);
    EXPECT_LE(differing, compared / 5000) << "the drawn zones are not the core's"; // Catmull-Rom drawn: 27
}

} // namespace
} // namespace qinba
