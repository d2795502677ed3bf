// A stack of elevation sources drawn through the level-of-detail renderer: the fine DEM inside its coverage,
// the coarse one outside, and no crack along the seam (a magenta background shows through any).

#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_import.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/elevation_stack.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/image.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/tile_streamer.h"
#include "qinba/render/offscreen.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>
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
    if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) !=
        CE_None)
        ADD_FAILURE() << "cannot write the test DEM";
    int factors[] = {2, 4, 8, 16};
    if (ds->BuildOverviews("AVERAGE", 4, factors, 0, nullptr, nullptr, nullptr) != CE_None)
        ADD_FAILURE() << "cannot build the test DEM's overviews";
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

    SceneFrame f = magentaTerrainFrame();
    f.camera.distance = 5000.0;
    f.camera.pitch = 60.0;
    f.camera.heading = 0.0;
    f.camera.fovY = 60.0;
    auto image = renderToImage(**r, f, 0);
    ASSERT_TRUE(image) << image.error().toString();
    ASSERT_TRUE(writePng(artifact("stack_seam.png"), *image));
    EXPECT_EQ(magentaPixels(*image), 0) << "background shows through along the seam";
}

/// Heights of a tile source at its finest level, texel nearest to a map point (tiles read once).
class FinestSampler {
  public:
    explicit FinestSampler(const TileSource& src) : src_(src) {}
    std::optional<double> at(MapPoint m) {
        const TilePyramid& p = src_.info().pyramid;
        const int level = p.finestLevel();
        const double px = (m.x - p.origin.x) / p.pixelWidth, py = (p.origin.y - m.y) / p.pixelHeight;
        const TileKey key{level, static_cast<int>(px) / p.tileCells, static_cast<int>(py) / p.tileCells};
        auto it = tiles_.find(key.toString());
        if (it == tiles_.end()) {
            auto t = src_.read(key);
            if (!t) {
                ADD_FAILURE() << t.error().toString();
                return std::nullopt;
            }
            it = tiles_.emplace(key.toString(), std::move(*t)).first;
        }
        const TileData& t = it->second;
        const double sx = (t.window.x1 - t.window.x0) / t.width, sy = (t.window.y1 - t.window.y0) / t.height;
        const int c = static_cast<int>((px - t.window.x0) / sx),
                  r = static_cast<int>((py - t.window.y0) / sy);
        if (c < 0 || r < 0 || c >= t.width || r >= t.height) return std::nullopt;
        const float v = t.heights[static_cast<std::size_t>(r) * t.width + c];
        if (std::isnan(v)) return std::nullopt;
        return v;
    }

  private:
    const TileSource& src_;
    std::map<std::string, TileData> tiles_;
};

// The acceptance case of import-dem: a folder of SRTM tiles (one zipped, one corrupt, one in UTM) mosaicked
// to a COG and stacked over the embedded DEM. The synthetic tiles peak (2500 m) right on their southern
// edge, 33°N, where the embedded DEM is some 1900 m lower: the worst case for a seam.
TEST(StackRender, ImportedTilesOverTheEmbeddedDemShowFineDataInsideAndNoSeam) {
    REQUIRE_GL();
    const test::TempDir dir;
    ASSERT_EQ(test::writeHgtTileSet(dir.path() / "tiles"), "");
    DemImportOptions o;
    o.inputs = {(dir.path() / "tiles").string()};
    o.out = dir.file("region.tif");
    auto imported = importDem(o);
    ASSERT_TRUE(imported) << imported.error().toString();
    ASSERT_EQ(imported->skipped.size(), 1u);

    const MapProjection& proj = MapProjection::panQinba();
    auto embedded = loadDem(defaultDemPath().string(), proj);
    ASSERT_TRUE(embedded) << embedded.error().toString();
    constexpr int kBlend = 4;
    TileSourceSpec spec{o.out, "", 32, {kEmbeddedDemName}, kBlend};
    auto src = TileSource::open(spec, proj);
    ASSERT_TRUE(src) << src.error().toString();
    EXPECT_EQ((*src)->info().sources, 2);

    // Height profile north–south across the southern edge of the tiles at 107.5°E.
    FinestSampler stack(**src);
    const double cell = (*src)->info().pyramid.pixelHeight;
    const MapPoint seam = proj.toMap({107.5, 33.0});
    auto inside = stack.at(proj.toMap({107.5, 33.05}));
    auto outside = stack.at(proj.toMap({107.5, 32.95}));
    auto embeddedOutside = embedded->elevationAt(proj.toMap({107.5, 32.95}));
    ASSERT_TRUE(inside && outside && embeddedOutside);
    EXPECT_NEAR(*inside, test::syntheticHeight(107.5, 33.05), 15.0) << "the fine data inside its coverage";
    EXPECT_NEAR(*outside, *embeddedOutside, 60.0) << "the embedded DEM outside it";
    const double drop = std::abs(test::syntheticHeight(107.5, 33.0) - *embedded->elevationAt(seam));
    ASSERT_GT(drop, 500.0) << "the case is meant to be a large difference";
    double largest = 0.0, sum = 0.0;
    int steps = 0;
    std::optional<double> previous;
    for (double y = seam.y - 3000.0; y <= seam.y + 3000.0; y += cell) {
        const auto h = stack.at({seam.x, y});
        ASSERT_TRUE(h) << "no height " << y - seam.y << " m from the seam: a crack";
        if (previous) largest = std::max(largest, std::abs(*h - *previous)), sum += std::abs(*h - *previous);
        previous = h, ++steps;
    }
    // Without blending the profile drops `drop` metres in one sample; blended, over kBlend samples or more.
    std::printf("seam: %.0f m between the sources, largest step %.0f m per %.0f m sample, mean %.1f m\n",
                drop, largest, cell, sum / steps);
    EXPECT_LE(largest, drop / kBlend * 1.3 + 20.0) << "a step along the seam";

    // Drawn: looking along the seam from the south-east, nothing of the magenta background shows (the
    // skirts between tiles of different levels must reach down the whole cliff).
    auto r = SceneRenderer::create(shaderDir());
    ASSERT_TRUE(r) << r.error().toString();
    LodSettings s;
    s.maxScreenErrorPx = 2.0;
    s.tileCells = 32;
    auto streamer = TileStreamer::open(spec, proj, s);
    ASSERT_TRUE(streamer) << streamer.error().toString();
    ASSERT_TRUE((*r)->setStreamedTerrain(std::move(*streamer)));
    SceneFrame f = magentaTerrainFrame();
    f.style.exaggeration = 1.0;
    f.camera.target = {seam.x, seam.y, *embedded->elevationAt(seam)};
    f.camera.distance = 9000.0;
    f.camera.pitch = 35.0;
    f.camera.heading = 300.0;
    f.camera.fovY = 60.0;
    auto image = renderToImage(**r, f, 0);
    ASSERT_TRUE(image) << image.error().toString();
    ASSERT_TRUE(writePng(artifact("stack_imported_seam.png"), *image));
    EXPECT_EQ(magentaPixels(*image), 0) << "background shows through along the seam";
}

// A coarse source magnified under the finer texels of the stack is interpolated smoothly (a cubic
// B-spline), not bilinearly: bilinear texels show each coarse cell as a flat facet, with a crease (a jump
// in the shading) along every cell edge.
TEST(StackRender, ACoarseSourceMagnifiedHasNoFacets) {
    REQUIRE_GL();
    const test::TempDir dir;
    const std::string fine = writeHills(dir.file("fine.tif"), -30720, 30720, 64, 64, 30.0, 0.0);
    test::SyntheticGrid g{128, 128, -30720, 30720, 480.0, 480.0, MapProjection::panQinba().wkt(), true};
    const std::string coarse = dir.file("coarse.tif");
    ASSERT_EQ(test::writeRaster(coarse, "GTiff", g,
                                [](int, int, double x, double y) -> std::optional<double> {
                                    return 900.0 + 900.0 * std::sin(x / 2500.0) * std::cos(y / 1900.0);
                                }),
              "");
    auto r = SceneRenderer::create(shaderDir());
    ASSERT_TRUE(r) << r.error().toString();
    LodSettings s;
    s.tileCells = 32;
    TileSourceSpec spec{fine, "", 32, {coarse}, 4};
    auto streamer = TileStreamer::open(spec, MapProjection::panQinba(), s);
    ASSERT_TRUE(streamer) << streamer.error().toString();
    ASSERT_TRUE((*r)->setStreamedTerrain(std::move(*streamer)));
    SceneFrame f = magentaTerrainFrame();
    f.camera.target = {12000.0, -12000.0, 900.0 * f.style.exaggeration};
    f.camera.distance = 6000.0;
    f.camera.pitch = 50.0;
    f.camera.heading = 200.0;
    auto image = renderToImage(**r, f, 0);
    ASSERT_TRUE(image) << image.error().toString();
    ASSERT_TRUE(writePng(artifact("stack_magnified.png"), *image));
    ASSERT_EQ(magentaPixels(*image), 0);
    auto grey = [&](int x, int y) {
        const std::uint8_t* p = image->at(x, y);
        return (p[0] + p[1] + p[2]) / 3.0;
    };
    // A crease: the shading's slope changes abruptly, i.e. a large second difference over two pixels.
    int creases = 0;
    for (int y = 2; y + 2 < image->height; ++y)
        for (int x = 2; x + 2 < image->width; ++x) {
            const double c = grey(x, y);
            const double h = std::abs(grey(x - 2, y) + grey(x + 2, y) - 2 * c);
            const double v = std::abs(grey(x, y - 2) + grey(x, y + 2) - 2 * c);
            creases += std::max(h, v) > 2.0;
        }
    // Measured: 6 of 129 600 pixels with the B-spline, 4493 with bilinear texels.
    EXPECT_LT(creases, image->width * image->height / 1000) << "facets of the coarse source's cells";
}

} // namespace
} // namespace qinba
