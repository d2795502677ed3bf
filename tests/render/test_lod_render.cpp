// Level-of-detail terrain rendered for real (llvmpipe in CI): no cracks between levels, and the
// screen-space error bound keeps a LOD frame close to the full-resolution frame of the same DEM.

#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/image.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/tile_streamer.h"
#include "qinba/render/offscreen.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <vector>

namespace qinba {
namespace {

constexpr int kSide = 2048;     // samples per side of the test DEM
constexpr double kPixel = 30.0; // metres
constexpr int kTileCells = 32;

/// Rough terrain with detail at every scale, so neighbouring levels differ visibly.
double roughHeight(double c, double r) {
    return 900.0 + 600.0 * std::sin(c / 61.0) * std::cos(r / 47.0) + 250.0 * std::sin(c / 9.3 + r / 13.1) +
           90.0 * std::sin(c / 2.1) * std::sin(r / 1.7) + 40.0 * std::cos((c + 2 * r) / 1.3);
}

const std::string& roughDem() {
    static const std::string path = [] {
        ensureGdalRegistered();
        // One per process: ctest runs the tests of this file side by side.
        static const test::TempDir dir;
        const std::string p = dir.file("lod_rough_dem.tif");
        char** co = CSLSetNameValue(nullptr, "TILED", "YES");
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(p.c_str(), kSide, kSide, 1,
                                                                                   GDT_Float32, co);
        CSLDestroy(co);
        double gt[6] = {-kSide * kPixel / 2, kPixel, 0, kSide * kPixel / 2, 0, -kPixel};
        ds->SetGeoTransform(gt);
        ds->SetProjection(MapProjection::panQinba().wkt().c_str());
        std::vector<float> v(static_cast<std::size_t>(kSide) * kSide);
        for (int r = 0; r < kSide; ++r)
            for (int c = 0; c < kSide; ++c)
                v[static_cast<std::size_t>(r) * kSide + c] = static_cast<float>(roughHeight(c, r));
        if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kSide, kSide, v.data(), kSide, kSide, GDT_Float32,
                                           0, 0) != CE_None)
            ADD_FAILURE() << "cannot write the test DEM";
        int factors[] = {2, 4, 8, 16, 32, 64};
        if (ds->BuildOverviews("AVERAGE", 6, factors, 0, nullptr, nullptr, nullptr) != CE_None)
            ADD_FAILURE() << "cannot build the test DEM's overviews";
        GDALClose(ds);
        return p;
    }();
    return path;
}

/// A renderer of its own drawing the rough DEM streamed with the error bound `tau`.
std::unique_ptr<SceneRenderer> lodRenderer(double tau) {
    auto r = SceneRenderer::create(shaderDir());
    EXPECT_TRUE(r) << r.error().toString();
    if (!r) return nullptr;
    LodSettings s;
    s.maxScreenErrorPx = tau;
    s.tileCells = kTileCells;
    auto streamer = TileStreamer::open({roughDem(), "", kTileCells}, MapProjection::panQinba(), s);
    EXPECT_TRUE(streamer) << streamer.error().toString();
    if (!streamer) return nullptr;
    EXPECT_TRUE((*r)->setStreamedTerrain(std::move(*streamer)));
    return std::move(*r);
}

/// Low and oblique over the middle of the DEM: every pixel shows terrain, from full detail in front to
/// coarse levels behind.
SceneFrame obliqueFrame() {
    SceneFrame f = magentaTerrainFrame();
    f.camera.distance = 6000.0;
    f.camera.pitch = 25.0;
    f.camera.heading = 20.0;
    return f;
}

TEST(LodRender, NoBackgroundShowsThroughBetweenLevels) {
    REQUIRE_GL();
    auto r = lodRenderer(2.0);
    ASSERT_TRUE(r);
    // Looking steeply down, so that behind a crack there is only the background.
    SceneFrame f = obliqueFrame();
    f.camera.pitch = 60.0;
    f.camera.fovY = 60.0;
    f.camera.distance = 5000.0;
    auto image = renderToImage(*r, f, 0);
    ASSERT_TRUE(image) << image.error().toString();
    ASSERT_TRUE(writePng(artifact("lod_cracks_skirts.png"), *image));
    // Several levels meet in this view, so there are level boundaries to crack.
    const FrameStats stats = r->render(f);
    EXPECT_GE(stats.lod.finestLevel - stats.lod.coarsestLevel, 1)
        << stats.lod.coarsestLevel << " to " << stats.lod.finestLevel;
    EXPECT_EQ(magentaPixels(*image), 0);

    // Without skirts and geomorphing the same view shows the gaps they close: the check above can fail.
    r->lod()->setSkirts(false);
    r->lod()->setGeomorphing(false);
    auto bare = renderToImage(*r, f, 0);
    ASSERT_TRUE(bare);
    ASSERT_TRUE(writePng(artifact("lod_cracks_without_skirts.png"), *bare));
    EXPECT_GT(magentaPixels(*bare), 0);
}

struct Difference {
    double mean = 0.0; ///< mean absolute difference per channel, 0–255
    double p99 = 0.0;  ///< 99th percentile of the per-pixel largest channel difference
};

Difference compare(const ImageRgba8& a, const ImageRgba8& b) {
    std::vector<int> worst;
    double sum = 0.0;
    for (std::size_t i = 0; i < a.pixels.size(); i += 4) {
        int w = 0;
        for (int c = 0; c < 3; ++c) {
            const int d = std::abs(static_cast<int>(a.pixels[i + c]) - static_cast<int>(b.pixels[i + c]));
            sum += d;
            w = std::max(w, d);
        }
        worst.push_back(w);
    }
    std::sort(worst.begin(), worst.end());
    return {sum / (a.pixels.size() / 4 * 3.0), static_cast<double>(worst[worst.size() * 99 / 100])};
}

TEST(LodRender, TheScreenSpaceErrorBoundKeepsTheFrameCloseToFullResolution) {
    REQUIRE_GL();
    SceneFrame f = obliqueFrame();
    f.style.sky = true;
    // Every tile at the finest level: the full-resolution frame.
    auto full = lodRenderer(0.01);
    ASSERT_TRUE(full);
    auto reference = renderToImage(*full, f, 0);
    ASSERT_TRUE(reference);
    const FrameStats fullStats = full->render(f);
    EXPECT_EQ(fullStats.lod.coarsestLevel, fullStats.lod.finestLevel);
    ASSERT_TRUE(writePng(artifact("lod_error_full.png"), *reference));

    std::vector<Difference> diffs;
    std::vector<int> triangles;
    for (double tau : {2.0, 4.0, 16.0}) {
        auto r = lodRenderer(tau);
        ASSERT_TRUE(r);
        auto image = renderToImage(*r, f, 0);
        ASSERT_TRUE(image);
        ASSERT_TRUE(
            writePng(artifact("lod_error_tau" + std::to_string(static_cast<int>(tau)) + ".png"), *image));
        diffs.push_back(compare(*image, *reference));
        triangles.push_back(r->render(f).triangles);
        std::printf("max screen error %.0f px: %d triangles (full resolution %d), mean difference %.2f, 99th "
                    "percentile %.0f\n",
                    tau, triangles.back(), fullStats.triangles, diffs.back().mean, diffs.back().p99);
    }
    // Within two pixels of error the frame is nearly the full-resolution one, with fewer triangles.
    EXPECT_LT(triangles[0], fullStats.triangles);
    EXPECT_LT(diffs[0].mean, 1.0);
    EXPECT_LT(diffs[0].p99, 16.0);
    // A looser bound draws fewer triangles and strays further from the full-resolution frame.
    EXPECT_LT(triangles[2], triangles[1]);
    EXPECT_LT(triangles[1], triangles[0]);
    EXPECT_LT(diffs[0].mean, diffs[1].mean);
    EXPECT_LT(diffs[1].mean, diffs[2].mean);
}

// Tile edges must not show in the shading: the slope at a tile's edge texels takes samples from beyond the
// edge (two texels away while a level morphs), so tiles carry a margin of two samples. On a smooth surface
// the image is then smooth: no pixel stands out from its neighbours on both sides.
TEST(LodRender, TileEdgesDoNotShowInTheShading) {
    REQUIRE_GL();
    const test::TempDir dir;
    const std::string path = dir.file("smooth.tif");
    test::SyntheticGrid g{1024, 1024, -15360.0, 15360.0, 30.0, 30.0, MapProjection::panQinba().wkt(), true};
    ASSERT_EQ(test::writeRaster(path, "GTiff", g,
                                [](int, int, double x, double y) -> std::optional<double> {
                                    return 900.0 + 500.0 * std::sin(x / 4000.0) * std::cos(y / 3000.0);
                                }),
              "");
    auto r = SceneRenderer::create(shaderDir());
    ASSERT_TRUE(r) << r.error().toString();
    LodSettings s;
    s.tileCells = kTileCells;
    auto streamer = TileStreamer::open({path, "", kTileCells}, MapProjection::panQinba(), s);
    ASSERT_TRUE(streamer) << streamer.error().toString();
    ASSERT_TRUE((*r)->setStreamedTerrain(std::move(*streamer)));
    SceneFrame f = magentaTerrainFrame();
    f.camera.distance = 9000.0;
    f.camera.pitch = 40.0;
    f.camera.heading = 30.0;
    auto image = renderToImage(**r, f, 0);
    ASSERT_TRUE(image) << image.error().toString();
    ASSERT_TRUE(writePng(artifact("lod_tile_edges.png"), *image));
    ASSERT_EQ(magentaPixels(*image), 0);
    auto grey = [&](int x, int y) {
        const std::uint8_t* p = image->at(x, y);
        return (p[0] + p[1] + p[2]) / 3.0;
    };
    // A thin line: a pixel brighter or darker than both pixels two away across it (lines are up to two
    // pixels wide), by more than 1.5 grey levels; the smooth shading gives a few hundredths of the image.
    int ridges = 0;
    for (int y = 2; y + 2 < image->height; ++y)
        for (int x = 2; x + 2 < image->width; ++x) {
            const double c = grey(x, y), l = grey(x - 2, y), rt = grey(x + 2, y), u = grey(x, y - 2),
                         d = grey(x, y + 2);
            const bool acrossH = (c - l) * (c - rt) > 0 && std::min(std::abs(c - l), std::abs(c - rt)) > 1.5;
            const bool acrossV = (c - u) * (c - d) > 0 && std::min(std::abs(c - u), std::abs(c - d)) > 1.5;
            ridges += acrossH || acrossV;
        }
    // Measured: 41 of 129 600 pixels with two samples of margin, 2845 with one (the lines show).
    EXPECT_LT(ridges, image->width * image->height / 1000) << "thin lines along the tile edges";
}

} // namespace
} // namespace qinba
