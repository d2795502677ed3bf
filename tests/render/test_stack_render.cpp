// A stack of elevation sources drawn through the level-of-detail renderer: the fine DEM inside its coverage,
// the coarse one outside, and no crack along the seam (a magenta background shows through any).

#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/image.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/tile_streamer.h"
#include "qinba/render/offscreen.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace qinba {
namespace {

double hills(double x, double y) {
    return 900.0 + 400.0 * std::sin(x / 1800.0) * std::cos(y / 1400.0) +
           60.0 * std::sin(x / 130.0 + y / 170.0);
}

/// A tiled GeoTIFF in the map projection over [x0, x0 + cols·cell] × [y0 − rows·cell, y0] holding
/// hills() + offset, with overviews.
std::string writeHills(const std::string& path, double x0, double y0, int cols, int rows, double cell,
                       double offset) {
    ensureGdalRegistered();
    char** co = CSLSetNameValue(nullptr, "TILED", "YES");
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), cols, rows, 1,
                                                                               GDT_Float32, co);
    CSLDestroy(co);
    double gt[6] = {x0, cell, 0, y0, 0, -cell};
    ds->SetGeoTransform(gt);
    ds->SetProjection(MapProjection::panQinba().wkt().c_str());
    std::vector<float> v(static_cast<std::size_t>(cols) * rows);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            v[static_cast<std::size_t>(r) * cols + c] =
                static_cast<float>(hills(x0 + (c + 0.5) * cell, y0 - (r + 0.5) * cell) + offset);
    (void)ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0);
    int factors[] = {2, 4, 8, 16};
    (void)ds->BuildOverviews("AVERAGE", 4, factors, 0, nullptr, nullptr, nullptr);
    GDALClose(ds);
    return path;
}

TEST(StackRender, FineInsideCoarseOutsideAndNoCrackAlongTheSeam) {
    REQUIRE_GL();
    const test::TempDir dir;
    // Fine: 30 m over the western half; coarse: 240 m over all, 80 m higher, so a seam would show.
    const std::string fine = writeHills(dir.file("fine.tif"), -30720, 30720, 1024, 2048, 30.0, 0.0);
    const std::string coarse = writeHills(dir.file("coarse.tif"), -30720, 30720, 256, 256, 240.0, 80.0);
    auto r = SceneRenderer::create(shaderDir());
    ASSERT_TRUE(r) << r.error().toString();
    LodSettings s;
    s.maxScreenErrorPx = 2.0;
    s.tileCells = 32;
    TileSourceSpec spec{fine, "", 32, {coarse}, 4};
    auto streamer = TileStreamer::open(spec, MapProjection::panQinba(), s);
    ASSERT_TRUE(streamer) << streamer.error().toString();
    ASSERT_TRUE((*r)->setStreamedTerrain(std::move(*streamer)));

    SceneFrame f;
    f.viewport = {480, 270};
    f.style.sky = false;
    f.style.exaggeration = 2.0;
    f.style.haze = 0.0;
    f.background = {1.0f, 0.0f, 1.0f}; // magenta, which the terrain never is
    f.camera.target = {0.0, 0.0, 900.0 * f.style.exaggeration};
    f.camera.distance = 5000.0;
    f.camera.pitch = 60.0;
    f.camera.heading = 0.0;
    f.camera.fovY = 60.0;
    auto image = renderToImage(**r, f, 0);
    ASSERT_TRUE(image) << image.error().toString();
    ASSERT_TRUE(writePng(artifact("stack_seam.png"), *image));
    int magenta = 0;
    for (int y = 0; y < image->height; ++y)
        for (int x = 0; x < image->width; ++x) {
            const std::uint8_t* p = image->at(x, y);
            magenta += p[0] > 240 && p[1] < 15 && p[2] > 240;
        }
    EXPECT_EQ(magenta, 0) << "background shows through along the seam";
}

} // namespace
} // namespace qinba
