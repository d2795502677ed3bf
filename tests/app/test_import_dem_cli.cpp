// `qinba import-dem` as users run it: a folder of .hgt tiles (one zipped, one corrupt, one GeoTIFF in UTM)
// becomes a Cloud-Optimized GeoTIFF with overviews, the corrupt tile is named, and `render` stacks the result
// over the embedded DEM.

#include "test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace qinba {
namespace {

std::string qinba(const test::TempDir& dir, const std::string& args) {
    return "env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") +
           "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" QINBA_EXE "' " + args;
}

TEST(ImportDemCli, WritesACogWithOverviewsNamesTheBadTileAndStacksOverTheEmbeddedDem) {
    const test::TempDir dir;
    ASSERT_EQ(test::writeHgtTileSet(dir.path() / "tiles"), "");
    const std::string out = dir.file("region.tif");
    const test::ShellRun run =
        test::shell(qinba(dir, "import-dem '" + (dir.path() / "tiles").string() + "' --out '" + out + "'"));
    ASSERT_EQ(run.status, 0) << run.out;
    EXPECT_NE(run.out.find("skipped"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("N34E107.hgt"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("tiles used: 3"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("km²"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("100 %"), std::string::npos) << run.out; // the progress reached the end
    const test::ShellRun info = test::shell("gdalinfo '" + out + "'");
    ASSERT_EQ(info.status, 0) << info.out;
    EXPECT_NE(info.out.find("LAYOUT=COG"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Overviews:"), std::string::npos) << info.out;

    const test::ShellRun render =
        test::shell(qinba(dir, "render --dem '" + out + "' --dem embedded --size 160x90 --out '" +
                                   dir.file("stack.png") + "'"));
    EXPECT_EQ(render.status, 0) << render.out;
    EXPECT_TRUE(std::filesystem::exists(dir.file("stack.png")));

    const test::ShellRun none =
        test::shell(qinba(dir, "import-dem '" + (dir.path() / "tiles" / "N34E107.hgt").string() +
                                   "' --out '" + dir.file("none.tif") + "'"));
    EXPECT_NE(none.status, 0);
    EXPECT_NE(none.out.find("N34E107.hgt"), std::string::npos) << none.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("none.tif")));
}

} // namespace
} // namespace qinba
