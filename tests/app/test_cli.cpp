// The qinba executable as a user runs it: headless rendering, and one-line errors for bad input.

#include "test_support.h"

#include "qinba/core/image.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace qinba {
namespace {

struct CommandRun {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs `qinba <args>` through the shell without a display, capturing stdout and stderr.
CommandRun qinba(const std::string& args, const test::TempDir& dir) {
    const std::string errFile = dir.file("stderr.txt");
    // Preferences and the route cache go to the test's own folder, never the user's.
    const std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") +
                            "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" + QINBA_EXE + "' " + args +
                            " 2>'" + errFile + "'";
    CommandRun r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
        r.out.append(buf, n);
    const int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    std::ifstream in(errFile);
    std::stringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    return r;
}

int lines(const std::string& s) {
    int n = 0;
    for (char c : s)
        n += c == '\n';
    return n;
}

TEST(Cli, RenderWritesThePngHeadless) {
    test::TempDir dir;
    const std::string png = dir.file("view.png");
    const CommandRun r =
        qinba("render --out '" + png + "' --size 320x200 --camera 107.7,33.4,600,20,45", dir);
    ASSERT_EQ(r.status, 0) << r.err;
    auto image = readImage(png);
    ASSERT_TRUE(image) << image.error().toString();
    EXPECT_EQ(image->width, 320);
    EXPECT_EQ(image->height, 200);
}

TEST(Cli, RenderShowsAUserDem) {
    test::TempDir dir;
    const std::string dem = dir.file("hill.tif");
    ASSERT_EQ(test::writeSyntheticGeographic(dem, "GTiff", test::SyntheticGrid{}), "");
    const std::string png = dir.file("hill.png");
    const CommandRun r =
        qinba("render --dem '" + dem + "' --out '" + png + "' --size 200x150 --ramp greys --no-sky", dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(readImage(png));
}

/// Every bad DEM: a non-zero exit and exactly one line on stderr naming the file and the problem, for the
/// headless renderer and for the viewer (which checks the DEM before it opens a window).
void expectBadDem(const std::string& path, const std::string& problem, const test::TempDir& dir) {
    for (const std::string& command :
         {"render --out '" + dir.file("x.png") + "' --dem '" + path + "'", "--dem '" + path + "'"}) {
        const CommandRun r = qinba(command, dir);
        EXPECT_NE(r.status, 0) << command;
        EXPECT_EQ(lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("ERROR 4"), std::string::npos) << "GDAL's own message leaked: " << r.err;
    }
}

TEST(CliErrors, MissingFile) {
    test::TempDir dir;
    expectBadDem(dir.file("nowhere.tif"), "file not found", dir);
}

TEST(CliErrors, NotARaster) {
    test::TempDir dir;
    const std::string path = dir.file("readme.tif");
    std::ofstream(path) << "plain text\n";
    expectBadDem(path, "GDAL cannot open it as a raster", dir);
}

TEST(CliErrors, NoGeoreferencing) {
    test::TempDir dir;
    const std::string path = dir.file("photo.png");
    test::SyntheticGrid g;
    g.geotransform = false;
    g.crs.clear();
    ASSERT_EQ(test::writeRaster(
                  path, "PNG", g, [](int c, int, double, double) { return c % 100; }, std::nullopt, "Byte"),
              "");
    expectBadDem(path, "no georeferencing", dir);
}

TEST(CliErrors, OneByOne) {
    test::TempDir dir;
    const std::string path = dir.file("dot.tif");
    ASSERT_EQ(test::writeSyntheticGeographic(path, "GTiff", {1, 1, 107.0, 33.0, 0.1, 0.1, "EPSG:4326", true}),
              "");
    expectBadDem(path, "1x1 raster", dir);
}

TEST(CliErrors, AllNodata) {
    test::TempDir dir;
    const std::string path = dir.file("void.tif");
    ASSERT_EQ(test::writeRaster(
                  path, "GTiff", test::SyntheticGrid{},
                  [](int, int, double, double) -> std::optional<double> { return std::nullopt; }, -1.0),
              "");
    expectBadDem(path, "no valid elevation samples", dir);
}

TEST(CliErrors, BadOptionsAreNamed) {
    test::TempDir dir;
    CommandRun r = qinba("render --out '" + dir.file("a.png") + "' --size 12by7", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("--size"), std::string::npos) << r.err;
    r = qinba("render --out '" + dir.file("a.png") + "' --camera 107,north,100", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("--camera"), std::string::npos) << r.err;
    r = qinba("render --out '" + dir.file("no/such/folder/a.png") + "' --size 64x64", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("no/such/folder/a.png"), std::string::npos) << r.err;
    r = qinba("render --out '" + dir.file("a.png") + "' --ramp rainbow", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("rainbow"), std::string::npos) << r.err;
}

TEST(Cli, CheckAcceptsTheDefaultScenario) {
    test::TempDir dir;
    const std::string path = (test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string();
    const CommandRun r = qinba("check '" + path + "'", dir);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("valid"), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(Cli, CheckListsEveryProblemWithItsJsonPath) {
    test::TempDir dir;
    const std::string path = dir.file("broken.json");
    std::ifstream in(test::sourceDir() / "assets" / "scenarios" / "qinba_default.json");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    // Two mistakes: an unknown place at the end of the first corridor, and a negative capacity.
    const auto from = text.find("\"from\": \"", text.find("\"corridors\""));
    ASSERT_NE(from, std::string::npos);
    text.insert(from + 9, "atlantis-");
    const auto capacity = text.find("\"capacity\": ");
    ASSERT_NE(capacity, std::string::npos);
    text.insert(capacity + 12, "-");
    std::ofstream(path) << text;
    const CommandRun r = qinba("check '" + path + "'", dir);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("/corridors/0/from"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("/corridors/0/capacity"), std::string::npos) << r.err;
    EXPECT_GE(lines(r.err), 2) << r.err;
    const CommandRun malformed = qinba("check '" + dir.file("stderr.txt") + "'", dir);
    EXPECT_EQ(malformed.status, 1);
}

TEST(Cli, RenderOfAStageAndBadStageNames) {
    test::TempDir dir;
    const std::string png = dir.file("stage.png");
    CommandRun r = qinba("render --stage core-sector --time 4 --size 320x180 --out '" + png + "'", dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(readImage(png));
    r = qinba("render --stage 42 --out '" + png + "'", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("--stage"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("core-sector"), std::string::npos) << "the error lists the choices: " << r.err;
    r = qinba("render --scenario '" + dir.file("none.json") + "' --out '" + png + "'", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("none.json"), std::string::npos) << r.err;
}

TEST(Cli, RenderDrawsLayersAndRejectsBadOnes) {
    test::TempDir dir;
    const std::string layer = dir.file("line.geojson");
    std::ofstream(layer)
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"L"},
        "geometry":{"type":"LineString","coordinates":[[104,30],[108,34]]}}]})";
    const std::string png = dir.file("layers.png");
    CommandRun r = qinba("render --size 320x200 --legend --scale-bar --north-arrow --layer '" + layer +
                             "' --out '" + png + "'",
                         dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(readImage(png));
    for (const std::string& bad : {dir.file("missing.geojson"), dir.file("stderr.txt")}) {
        r = qinba("render --layer '" + bad + "' --out '" + png + "'", dir);
        EXPECT_EQ(r.status, 1) << bad;
        EXPECT_EQ(lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    }
}

TEST(Cli, RenderDrapesAProjectedGeoJsonAndAShapefile) {
    test::TempDir dir;
    const std::string geojson = dir.file("utm.geojson"), shp = dir.file("line.shp");
    ASSERT_EQ(
        test::writeVector(geojson, "GeoJSON", "EPSG:32649",
                          {{"Square", "POLYGON ((600000 3700000,700000 3700000,700000 3800000,600000 3800000,"
                                      "600000 3700000))"}}),
        "");
    ASSERT_EQ(
        test::writeVector(shp, "ESRI Shapefile", "EPSG:4326", {{"Han", "LINESTRING (106.5 33,110.5 32.6)"}}),
        "");
    const std::string png = dir.file("both.png");
    const CommandRun r = qinba(
        "render --size 320x200 --layer '" + geojson + "' --layer '" + shp + "' --out '" + png + "'", dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(readImage(png));
}

TEST(Cli, ViewerWithoutDisplaySaysWhatToDo) {
    test::TempDir dir;
    const CommandRun r = qinba("--max-frames 1", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("xvfb-run"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("qinba render"), std::string::npos) << r.err;
}

} // namespace
} // namespace qinba
