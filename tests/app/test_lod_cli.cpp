// The large-DEM commands as users run them: synth-dem writes a DEM with overviews, prepare adds overviews
// (or writes a COG), bench prints one JSON object on standard output; bad input is named.

#include "test_support.h"

#include "qinba/core/gdal_support.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace qinba {
namespace {

std::string qinba(const test::TempDir& dir, const std::string& args) {
    return "env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") +
           "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" QINBA_EXE "' " + args;
}

/// What GDAL sees in a raster file: its size, band 1's overviews (an external .ovr included), its layout
/// ("COG" for a Cloud-Optimized GeoTIFF) and the middle row of band 1.
struct RasterFacts {
    bool opened = false;
    int width = 0, height = 0, overviews = 0, firstOverviewWidth = 0;
    std::string layout;
    std::vector<float> middleRow;
};
RasterFacts rasterFacts(const std::string& path) {
    ensureGdalRegistered();
    RasterFacts f;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds || ds->GetRasterCount() < 1) return f;
    f.opened = true;
    f.width = ds->GetRasterXSize();
    f.height = ds->GetRasterYSize();
    GDALRasterBand* band = ds->GetRasterBand(1);
    f.overviews = band->GetOverviewCount();
    if (f.overviews > 0) f.firstOverviewWidth = band->GetOverview(0)->GetXSize();
    if (const char* layout = ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")) f.layout = layout;
    f.middleRow.resize(static_cast<std::size_t>(f.width));
    if (band->RasterIO(GF_Read, 0, f.height / 2, f.width, 1, f.middleRow.data(), f.width, 1, GDT_Float32, 0,
                       0, nullptr) != CE_None)
        f.middleRow.clear();
    return f;
}

TEST(LodCommands, SynthDemThenBenchPrintsTheFiguresAsJson) {
    test::TempDir dir;
    const std::string dem = dir.file("synth.tif");
    const test::ShellRun synth = test::shell(qinba(dir, "synth-dem --size 600 --out '" + dem + "'"));
    ASSERT_EQ(synth.status, 0) << synth.out;
    EXPECT_NE(synth.out.find("600 x 600 samples"), std::string::npos) << synth.out;
    EXPECT_NE(synth.out.find("overview levels added"), std::string::npos) << synth.out;
    const RasterFacts written = rasterFacts(dem);
    ASSERT_TRUE(written.opened);
    EXPECT_EQ(written.width, 600);
    EXPECT_EQ(written.height, 600);
    EXPECT_GT(written.overviews, 0);
    EXPECT_EQ(written.firstOverviewWidth, 300);

    // Standard output holds the JSON alone; logs and warnings go to standard error.
    const test::ShellRun bench = test::shell(
        qinba(dir, "bench --dem '" + dem + "' --frames 12 --size 320x180 --max-screen-error 2 2>/dev/null"));
    ASSERT_EQ(bench.status, 0) << bench.out;
    const auto j = nlohmann::json::parse(bench.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << bench.out;
    for (const char* key : {"median", "p95", "p99"})
        EXPECT_GT(j["frame_ms"][key].get<double>(), 0.0) << key;
    EXPECT_LE(j["frame_ms"]["median"].get<double>(), j["frame_ms"]["p95"].get<double>());
    EXPECT_GT(j["triangles"].get<long>(), 0);
    EXPECT_GT(j["draw_calls"].get<long>(), 0);
    EXPECT_GT(j["tiles_loaded"].get<long>(), 0);
    EXPECT_GE(j["tile_load_ms"]["p95"].get<double>(), j["tile_load_ms"]["median"].get<double>());
    EXPECT_GT(j["rss_mb"].get<double>(), 0.0);
    EXPECT_GT(j["gpu_mb"].get<double>(), 0.0);
    EXPECT_LE(j["gpu_mb"].get<double>(), j["settings"]["gpu_cache_budget_mb"].get<double>());
    EXPECT_LE(j["cpu_cache_mb"].get<double>(), j["settings"]["cpu_cache_budget_mb"].get<double>());
    EXPECT_EQ(j["dem"]["width"].get<int>(), 600);
    EXPECT_EQ(j["dem"]["samples"].get<double>(), 360000.0);
    EXPECT_GT(j["dem"]["overviews"].get<int>(), 0);
    EXPECT_EQ(j["settings"]["max_screen_error_px"].get<double>(), 2.0);
    EXPECT_EQ(j["settings"]["path"].get<std::string>(), "flyover");
}

TEST(LodCommands, PrepareAddsOverviewsOnceAndWritesACog) {
    test::TempDir dir;
    const std::string dem = dir.file("bare.tif");
    ASSERT_EQ(test::shell(qinba(dir, "synth-dem --size 700 --no-overviews --out '" + dem + "'")).status, 0);
    const RasterFacts bare = rasterFacts(dem);
    ASSERT_TRUE(bare.opened);
    ASSERT_EQ(bare.overviews, 0);
    ASSERT_EQ(bare.middleRow.size(), 700u);

    // Without overviews the viewer and the benchmark say what to do.
    const test::ShellRun warned =
        test::shell(qinba(dir, "bench --dem '" + dem + "' --frames 2 --size 160x90 --loader-threads 1"));
    ASSERT_EQ(warned.status, 0) << warned.out;
    EXPECT_NE(warned.out.find("has no overviews"), std::string::npos) << warned.out;
    EXPECT_NE(warned.out.find("qinba prepare " + dem), std::string::npos) << warned.out;

    const test::ShellRun prepared = test::shell(qinba(dir, "prepare '" + dem + "'"));
    ASSERT_EQ(prepared.status, 0) << prepared.out;
    const RasterFacts withOverviews = rasterFacts(dem);
    EXPECT_GT(withOverviews.overviews, 0) << "GDAL sees no overviews after prepare";
    EXPECT_EQ(withOverviews.firstOverviewWidth, 350);
    EXPECT_EQ(withOverviews.middleRow, bare.middleRow) << "prepare changed the data";
    const test::ShellRun again = test::shell(qinba(dir, "prepare '" + dem + "'"));
    EXPECT_EQ(again.status, 0);
    EXPECT_NE(again.out.find("already has"), std::string::npos) << again.out;

    const std::string cog = dir.file("bare_cog.tif");
    const test::ShellRun written = test::shell(qinba(dir, "prepare '" + dem + "' --cog '" + cog + "'"));
    ASSERT_EQ(written.status, 0) << written.out;
    // Read through GDAL's API, not the gdalinfo program (gdal-bin need not be installed).
    const RasterFacts c = rasterFacts(cog);
    ASSERT_TRUE(c.opened) << cog;
    EXPECT_EQ(c.layout, "COG");
    EXPECT_GT(c.overviews, 0);
    EXPECT_EQ(c.width, 700);
    EXPECT_EQ(c.height, 700);
    EXPECT_EQ(c.middleRow, bare.middleRow) << "the COG holds the same samples";
}

TEST(LodCommands, BadInputIsNamedAndExitsNonZero) {
    test::TempDir dir;
    const std::string dem = dir.file("small.tif");
    ASSERT_EQ(test::shell(qinba(dir, "synth-dem --size 300 --out '" + dem + "'")).status, 0);
    struct Case {
        std::string args, expected;
    } cases[] = {
        {"bench --dem /nonexistent/dem.tif --frames 2", "/nonexistent/dem.tif: file not found"},
        {"bench --dem '" + dem + "' --frames 2 --path loop", "unknown camera path 'loop'"},
        {"bench --dem '" + dem + "' --frames 2 --tile-cache-mb 0.001",
         "cannot hold even the two coarsest levels"},
        {"bench --dem '" + dem + "' --frames 2 --gpu-cache-mb 0.001", "GPU cache budget"},
        {"prepare /nonexistent/dem.tif", "/nonexistent/dem.tif: file not found"},
        {"synth-dem --size 3 --out '" + dir.file("x.tif") + "'", "--size: expected 16 to 200000"},
        {"synth-dem --size 100 --out /nonexistent/folder/x.tif", "/nonexistent/folder/x.tif"},
        {"render --dem '" + dem + "' --lod on --tile-cache-mb 0.001 --out '" + dir.file("r.png") + "'",
         "tile cache budget"},
    };
    for (const Case& c : cases) {
        const test::ShellRun run = test::shell(qinba(dir, c.args));
        EXPECT_NE(run.status, 0) << c.args;
        EXPECT_NE(run.out.find(c.expected), std::string::npos) << c.args << "\n" << run.out;
    }
}

} // namespace
} // namespace qinba
