// Elevation sources composited by priority: the finer source wins where it has data, the next shows through
// where it has none, and the edge between them is blended so no step shows; and import-dem's mosaics.

#include "test_support.h"

#include "qinba/core/dem_import.h"
#include "qinba/core/elevation_stack.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/scene_settings.h"
#include "qinba/core/tile_source.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>

namespace qinba {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST(ElevationStack, BlendWeightsRiseFromTheEdgeOfTheData) {
    std::vector<float> row{kNaN, 1, 1, 1, 1, 1, 1, 1};
    const auto w = blendWeights(row.data(), 8, 1, 4);
    EXPECT_FLOAT_EQ(w[0], 0.0f);
    EXPECT_FLOAT_EQ(w[1], 0.25f);
    EXPECT_FLOAT_EQ(w[2], 0.5f);
    EXPECT_FLOAT_EQ(w[3], 0.75f);
    EXPECT_FLOAT_EQ(w[4], 1.0f);
    EXPECT_FLOAT_EQ(w[7], 1.0f); // the grid's own border is not an edge
}

TEST(ElevationStack, FinerSourceWinsAndTheNextShowsThroughItsHoles) {
    const int w = 20, h = 1;
    std::vector<float> fine(w, 150.0f), middle(w, kNaN), base(w, 100.0f), bare(w, kNaN);
    for (int x = 12; x < w; ++x)
        fine[x] = kNaN; // fine data ends at 12
    for (int x = 14; x < 18; ++x)
        middle[x] = 120.0f;
    const auto out = compositeGrids({fine.data(), middle.data(), base.data()}, w, h, 4);
    EXPECT_FLOAT_EQ(out[3], 150.0f);  // priority: deep inside the finest source
    EXPECT_FLOAT_EQ(out[19], 100.0f); // fallback: only the base has data
    EXPECT_FLOAT_EQ(out[12], 100.0f); // neither fine nor middle
    EXPECT_GT(out[15], 100.0f);       // the middle source shows where the finest has none
    // A sample nothing covers stays without data; a fine sample over nothing is taken whole.
    const auto alone = compositeGrids({fine.data(), bare.data()}, w, h, 4);
    EXPECT_FLOAT_EQ(alone[11], 150.0f);
    EXPECT_TRUE(std::isnan(alone[15]));
}

/// A DEM in the map projection holding `value` on `cols` × `rows` cells of `cell` metres from (x0, y0).
Dem flatDem(double x0, double y0, int cols, int rows, double cell, float value) {
    Dem d(cols, rows, {x0, y0}, cell, std::vector<float>(static_cast<std::size_t>(cols) * rows, value));
    d.provenance.sourceWidth = cols;
    d.provenance.sourceHeight = rows;
    return d;
}

TEST(ElevationStack, HeightProfileAcrossTheSeamHasNoStep) {
    // Base: 100 m over 200 km; fine: 150 m over the western half, four times finer. Without blending the
    // profile would jump 50 m at the seam.
    const Dem base = flatDem(-100000, 100000, 200, 200, 1000.0, 100.0f);
    const Dem fine = flatDem(-100000, 100000, 400, 800, 250.0, 150.0f);
    auto dem = compositeDems({&fine, &base}, 2048, 4);
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_DOUBLE_EQ(dem->cellSize(), 250.0);
    EXPECT_EQ(dem->provenance.sourceWidth, 800);
    EXPECT_NEAR(*dem->elevationAt({-50000, 0}), 150.0, 1e-3);
    EXPECT_NEAR(*dem->elevationAt({50000, 0}), 100.0, 1e-3);
    double largest = 0.0, previous = *dem->elevationAt({-20000, 0});
    for (double x = -20000; x <= 20000; x += 50.0) {
        const double h = *dem->elevationAt({x, 0});
        largest = std::max(largest, std::abs(h - previous));
        previous = h;
    }
    EXPECT_LE(largest, 50.0 / 4 + 1e-3) << "a step along the seam";
}

/// Writes a GeoTIFF in the map projection with `value` (nodata where it returns NaN).
std::string writeMapTiff(const std::string& path, double x0, double y0, int cols, int rows, double cell,
                         const std::function<double(double, double)>& value) {
    test::SyntheticGrid g{cols, rows, x0, y0, cell, cell, MapProjection::panQinba().wkt(), true};
    return test::writeRaster(
        path, "GTiff", g,
        [&](int, int, double x, double y) -> std::optional<double> {
            const double v = value(x, y);
            if (std::isnan(v)) return std::nullopt;
            return v;
        },
        -9999.0);
}

TEST(ElevationStack, TilesOfAStackAgreeAtTheirEdgesAndBlendTheSeam) {
    const test::TempDir dir;
    const std::string base = dir.file("base.tif"), fine = dir.file("fine.tif");
    ASSERT_EQ(writeMapTiff(base, -100000, 100000, 200, 200, 1000.0, [](double, double) { return 100.0; }),
              "");
    // The fine source has a hole (a void it could not fill) where the base must show through.
    ASSERT_EQ(writeMapTiff(fine, -100000, 100000, 400, 800, 250.0,
                           [](double x, double y) {
                               return std::hypot(x + 60000, y - 60000) < 8000 ? std::nan("") : 150.0;
                           }),
              "");
    TileSourceSpec spec{fine, "", 32, {base}, 4};
    auto src = TileSource::open(spec, MapProjection::panQinba());
    ASSERT_TRUE(src) << src.error().toString();
    const TilePyramid& p = (*src)->info().pyramid;
    EXPECT_EQ((*src)->info().sources, 2);
    EXPECT_DOUBLE_EQ(p.pixelWidth, 250.0);
    EXPECT_EQ(p.rasterWidth, 800);
    // The texels of the finest tiles along the row through y = 0 (and through the hole), keyed by map x.
    const int level = p.finestLevel();
    auto profile = [&](double y) {
        std::map<long long, float> at;
        for (int tx = 0; tx < p.tilesX(level); ++tx) {
            const TileKey key{level, tx, static_cast<int>((p.origin.y - y) / p.pixelHeight) / (p.tileCells)};
            auto t = (*src)->read(key);
            EXPECT_TRUE(t) << t.error().toString();
            if (!t) continue;
            const double sx = (t->window.x1 - t->window.x0) / t->width,
                         sy = (t->window.y1 - t->window.y0) / t->height;
            const int row = static_cast<int>(((p.origin.y - y) / p.pixelHeight - t->window.y0) / sy);
            for (int i = 0; i < t->width; ++i) {
                const auto x =
                    static_cast<long long>(p.origin.x + (t->window.x0 + (i + 0.5) * sx) * p.pixelWidth);
                const float v = t->heights[static_cast<std::size_t>(row) * t->width + i];
                if (auto it = at.find(x); it != at.end())
                    EXPECT_FLOAT_EQ(it->second, v) << "tiles disagree at x = " << x;
                at[x] = v;
            }
        }
        return at;
    };
    const auto seam = profile(1000.0);
    ASSERT_GT(seam.size(), 100u);
    EXPECT_NEAR(seam.lower_bound(-50000)->second, 150.0f, 1e-3); // priority
    EXPECT_NEAR(seam.lower_bound(50000)->second, 100.0f, 1e-3);  // fallback outside the fine coverage
    float largest = 0.0f;
    for (auto it = std::next(seam.begin()); it != seam.end(); ++it)
        largest = std::max(largest, std::abs(it->second - std::prev(it)->second));
    EXPECT_LE(largest, 50.0f / 4 + 1e-3f) << "a step along the seam";
    const auto hole = profile(60000.0);
    EXPECT_NEAR(hole.lower_bound(-60000)->second, 100.0f, 1e-3); // the base shows through the fine's hole
}

TEST(DemImport, MosaicsHgtTilesZippedAndInAnotherCrsAndNamesTheCorruptOne) {
    const test::TempDir dir;
    ASSERT_EQ(test::writeHgtTileSet(dir.path() / "tiles"), "");
    DemImportOptions o;
    o.inputs = {(dir.path() / "tiles").string()};
    o.out = dir.file("region.tif");
    double last = 0.0;
    o.progress = [&](double f, const std::string&) {
        EXPECT_GE(f, last - 1e-9);
        last = f;
        return true;
    };
    auto r = importDem(o);
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->used.size(), 3u);
    ASSERT_EQ(r->skipped.size(), 1u);
    EXPECT_NE(r->skipped[0].path.find("N34E107.hgt"), std::string::npos);
    EXPECT_GE(r->voidsFilled, 2u);
    EXPECT_GE(r->voidsKept, 1u);
    EXPECT_GT(r->overviews, 0);
    EXPECT_NEAR(r->resolutionM, 78.0, 5.0); // 3" at 33.5°N
    EXPECT_GT(r->coverageKm2, 2 * 9000.0);
    EXPECT_NEAR(last, 1.0, 1e-9);

    GDALDataset* ds = GDALDataset::Open(o.out.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    const char* layout = ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE");
    EXPECT_STREQ(layout ? layout : "", "COG");
    EXPECT_GT(ds->GetRasterBand(1)->GetOverviewCount(), 0);
    double gt[6];
    ds->GetGeoTransform(gt);
    auto value = [&](double lon, double lat) {
        float v = 0;
        const int c = static_cast<int>((lon - gt[0]) / gt[1]), row = static_cast<int>((lat - gt[3]) / gt[5]);
        EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Read, c, row, 1, 1, &v, 1, 1, GDT_Float32, 0, 0),
                  CE_None);
        return v;
    };
    EXPECT_NEAR(value(test::kSmallVoidLon, test::kSmallVoidLat),
                test::syntheticHeight(test::kSmallVoidLon, test::kSmallVoidLat), 5.0); // filled
    EXPECT_EQ(value(test::kLargeVoidLon, test::kLargeVoidLat), -32768.0f);             // kept as nodata
    EXPECT_NEAR(value(109.2, 33.2), 900.0, 1e-3);                                      // the UTM tile
    GDALClose(ds);
}

TEST(DemImport, NoUsableTileIsAnErrorAndNothingIsWritten) {
    const test::TempDir dir;
    { std::ofstream(dir.file("N10E010.hgt")) << "not a DEM"; }
    DemImportOptions o;
    o.inputs = {dir.file("N10E010.hgt"), dir.file("missing.tif")};
    o.out = dir.file("out.tif");
    auto r = importDem(o);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("usable"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(o.out));
}

TEST(ElevationStack, ViewSettingsKeepTheListOfSources) {
    SceneSettings s;
    s.terrainSources = {"/data/region.tif", "embedded"};
    auto back = parseSceneSettings(formatSceneSettings(s), "view.json");
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(back->terrainSources, s.terrainSources);
    EXPECT_EQ(formatSceneSettings(SceneSettings{}).find("terrainSources"), std::string::npos);
    auto bad = parseSceneSettings(R"({"terrainSources": ["a.tif", 3]})", "view.json");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "terrainSources");
}

} // namespace
} // namespace qinba
