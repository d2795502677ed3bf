// The qinba executable as a user runs it: headless rendering, and one-line errors for bad input.

#include "test_support.h"

#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/image.h"
#include "qinba/core/terrain_style.h"
#include "qinba/core/terrain_surface.h"

#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
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

// ---- Reading the rendered images -------------------------------------------------------------------------

/// What `qinba render ARGS --out NAME` exited with and wrote; the image is kept as
/// $QINBA_TEST_OUTPUT/cli/NAME for people to look at.
struct Rendered {
    CommandRun run;
    std::optional<ImageRgba8> image;
    std::string problem; ///< why there is no image
};

Rendered render(const std::string& args, const std::string& name, const test::TempDir& dir) {
    const std::string png = dir.file(name);
    Rendered r{qinba("render " + args + " --out '" + png + "'", dir), std::nullopt, ""};
    if (r.run.status != 0) {
        r.problem = "exit status " + std::to_string(r.run.status) + ": " + r.run.err;
        return r;
    }
    auto image = readImage(png);
    if (!image) {
        r.problem = image.error().toString();
        return r;
    }
    r.image = std::move(*image);
    if (const char* out = std::getenv("QINBA_TEST_OUTPUT"); out && *out) {
        std::error_code ec;
        const std::filesystem::path kept = std::filesystem::path(out) / "cli";
        std::filesystem::create_directories(kept, ec);
        std::filesystem::copy_file(png, kept / name, std::filesystem::copy_options::overwrite_existing, ec);
    }
    return r;
}

using PixelTest = std::function<bool(const std::uint8_t*)>;

/// The horizon colour of the sky gradient (204, 219, 235), and the bluer sky above it.
bool isSky(const std::uint8_t* p) {
    return p[2] >= 200 && p[2] >= p[0] + 25;
}
/// The plain background of --no-sky (26, 28, 33).
bool isPlainBackground(const std::uint8_t* p) {
    return std::max({p[0], p[1], p[2]}) <= 45;
}
/// The light panels under the legend, the scale bar and the north arrow (white at 78 % over the map).
bool isPanel(const std::uint8_t* p) {
    return std::min({p[0], p[1], p[2]}) >= 215 &&
           std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) <= 30;
}
/// Near-black: text, the scale bar and the north arrow. The terrain's colours never come this dark.
bool isInk(const std::uint8_t* p) {
    return std::max({p[0], p[1], p[2]}) <= 60;
}
/// The dark red of rail corridors (as in tests/render/test_scenario_render.cpp).
bool isRail(const std::uint8_t* p) {
    return p[0] > 130 && p[1] < 75 && p[2] < 80 && p[0] > 2 * p[1];
}

/// Pixels from (x0, y0) up to but not including (x1, y1), clipped to the image.
struct Box {
    int x0, y0, x1, y1;
};

int count(const ImageRgba8& im, Box b, const PixelTest& test) {
    int n = 0;
    for (int y = std::max(b.y0, 0); y < std::min(b.y1, im.height); ++y)
        for (int x = std::max(b.x0, 0); x < std::min(b.x1, im.width); ++x)
            n += test(im.at(x, y));
    return n;
}
int count(const ImageRgba8& im, const PixelTest& test) {
    return count(im, {0, 0, im.width, im.height}, test);
}
/// Pixels passing `test` within `radius` of `at`.
int countNear(const ImageRgba8& im, glm::dvec2 at, int radius, const PixelTest& test) {
    const int cx = static_cast<int>(at.x), cy = static_cast<int>(at.y);
    return count(im, {cx - radius, cy - radius, cx + radius + 1, cy + radius + 1}, test);
}
/// The longest run of pixels passing `test` along one row of the box.
int longestRowRun(const ImageRgba8& im, Box b, const PixelTest& test) {
    int best = 0;
    for (int y = std::max(b.y0, 0); y < std::min(b.y1, im.height); ++y)
        for (int x = std::max(b.x0, 0), run = 0; x < std::min(b.x1, im.width); ++x)
            best = std::max(best, run = test(im.at(x, y)) ? run + 1 : 0);
    return best;
}
/// Largest difference of any channel between the two images at (x, y).
int difference(const ImageRgba8& a, const ImageRgba8& b, int x, int y) {
    int d = 0;
    for (int k = 0; k < 3; ++k)
        d = std::max(d, std::abs(int(a.at(x, y)[k]) - int(b.at(x, y)[k])));
    return d;
}
/// Green's share of the colour, 0-1.
double greenShare(glm::dvec3 c) {
    return c.g / std::max(c.r + c.g + c.b, 1.0);
}
std::string rgb(glm::dvec3 c) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "(%.0f, %.0f, %.0f)", c.r, c.g, c.b);
    return buf;
}

// ---- Where things land in them ---------------------------------------------------------------------------

/// The default DEM, loaded once (empty when it cannot be).
const Dem& defaultDem() {
    static const Dem dem = [] {
        auto loaded = loadDem(defaultDemPath().string(), MapProjection::panQinba());
        return loaded ? std::move(*loaded) : Dem();
    }();
    return dem;
}

/// A DEM drawn as `qinba render` draws it (default exaggeration), to find where places land in its images.
struct Scene {
    explicit Scene(const Dem& dem) : surface(dem, TerrainStyle{}.exaggeration) {}
    /// The camera of --camera SPEC (nullopt for a spec that does not parse), with the renderer's limits;
    /// `ortho`: with --ortho (no limits then, as in the renderer).
    std::optional<OrbitCamera> camera(const std::string& spec, bool ortho = false) const {
        auto parsed = parseCameraSpec(spec);
        if (!parsed) return std::nullopt;
        OrbitCamera c = cameraFromSpec(*parsed, MapProjection::panQinba(), surface);
        c.orthographic = ortho;
        if (!ortho) applyLimits(c, CameraLimits{}, surface);
        return c;
    }
    /// The camera without --camera: the whole DEM.
    OrbitCamera overview(Viewport vp) const {
        OrbitCamera c = overviewCamera(surface, vp);
        applyLimits(c, CameraLimits{}, surface);
        return c;
    }
    /// Where the terrain at `place` lands in the image, nullopt when outside it (or off the DEM, unless
    /// `height` is given).
    std::optional<glm::dvec2> at(const OrbitCamera& camera, Viewport vp, GeoPoint place,
                                 std::optional<double> height = std::nullopt) const {
        const MapPoint xy = MapProjection::panQinba().toMap(place);
        const auto h = height ? height : surface.heightAt(xy.x, xy.y);
        if (!h) return std::nullopt;
        const auto p = projectToScreen(computeMatrices(camera, vp, surface.box()), vp, {xy.x, xy.y, *h});
        if (!p || p->x < 0 || p->y < 0 || p->x >= vp.width || p->y >= vp.height) return std::nullopt;
        return glm::dvec2(p->x, p->y);
    }
    TerrainSurface surface;
};

/// Where a straight line between two geographic points lands, sampled at `n` points (those on screen).
std::vector<glm::dvec2> screenLine(const Scene& scene, const OrbitCamera& camera, Viewport vp, GeoPoint a,
                                   GeoPoint b, int n = 60) {
    std::vector<glm::dvec2> out;
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        if (auto p = scene.at(camera, vp, {a.lon + (b.lon - a.lon) * t, a.lat + (b.lat - a.lat) * t}))
            out.push_back(*p);
    }
    return out;
}

int lines(const std::string& s) {
    int n = 0;
    for (char c : s)
        n += c == '\n';
    return n;
}

// Places the render tests look for: a high crest of the Qinling and the basin south of it.
const GeoPoint kTaibai{107.75, 33.95};   // Taibai massif, over 3000 m
const GeoPoint kHanzhong{107.03, 33.07}; // Hanzhong basin, under 700 m

TEST(Cli, RenderWritesThePngHeadless) {
    test::TempDir dir;
    ASSERT_FALSE(defaultDem().empty());
    const Scene scene(defaultDem());
    const Viewport vp{320, 200};
    // Looking north-north-east, then south-south-west, at the Qinling from 600 km at 45°, and low (15°).
    for (const char* spec : {"107.7,33.4,600,20,45", "107.7,33.4,600,200,45"}) {
        SCOPED_TRACE(spec);
        const Rendered r = render("--size 320x200 --camera " + std::string(spec),
                                  "camera_" + std::string(spec) + ".png", dir);
        ASSERT_TRUE(r.image) << r.problem;
        const ImageRgba8& im = *r.image;
        EXPECT_EQ(im.width, 320);
        EXPECT_EQ(im.height, 200);
        // Close in and steep: terrain fills the frame, no sky.
        EXPECT_EQ(count(im, isSky), 0);
        // The crest and the basin are where the camera puts them: the crest ochre to brown, the basin green.
        const auto camera = scene.camera(spec);
        ASSERT_TRUE(camera);
        const auto crest = scene.at(*camera, vp, kTaibai), basin = scene.at(*camera, vp, kHanzhong);
        ASSERT_TRUE(crest && basin);
        const glm::dvec3 c = im.meanRgb(int(crest->x), int(crest->y), 2),
                         b = im.meanRgb(int(basin->x), int(basin->y), 2);
        std::printf("%s: crest at (%.0f, %.0f) %s, basin at (%.0f, %.0f) %s\n", spec, crest->x, crest->y,
                    rgb(c).c_str(), basin->x, basin->y, rgb(b).c_str());
        EXPECT_GE(c.r, c.g) << "crest " << rgb(c);
        EXPECT_GT(b.g, b.r) << "basin " << rgb(b);
        EXPECT_GT(greenShare(b), greenShare(c) + 0.02) << rgb(b) << " " << rgb(c);
    }
    // Turned round, the crest north of the basin moves from above it on screen to below it.
    const auto north = scene.camera("107.7,33.4,600,20,45"), south = scene.camera("107.7,33.4,600,200,45");
    ASSERT_TRUE(north && south);
    EXPECT_LT(scene.at(*north, vp, kTaibai)->y, scene.at(*north, vp, kHanzhong)->y);
    EXPECT_GT(scene.at(*south, vp, kTaibai)->y, scene.at(*south, vp, kHanzhong)->y);

    // Low over the mountains the sky fills the top rows and the terrain the lower half.
    const Rendered low = render("--size 320x200 --camera 107.7,33.4,600,20,15", "camera_low.png", dir);
    ASSERT_TRUE(low.image) << low.problem;
    const int topSky = count(*low.image, {0, 0, 320, 20}, isSky),
              bottomSky = count(*low.image, {0, 100, 320, 200}, isSky);
    std::printf("low camera: sky in %d of 6400 top pixels, %d of 32000 in the lower half\n", topSky,
                bottomSky);
    EXPECT_EQ(topSky, 320 * 20);
    EXPECT_EQ(bottomSky, 0);
}

TEST(Cli, RenderShowsAUserDem) {
    test::TempDir dir;
    const std::string dem = dir.file("hill.tif");
    ASSERT_EQ(test::writeSyntheticGeographic(dem, "GTiff", test::SyntheticGrid{}), "");
    const Rendered r =
        render("--dem '" + dem + "' --size 200x150 --ramp greys --no-sky", "user_dem.png", dir);
    ASSERT_TRUE(r.image) << r.problem;
    const ImageRgba8& im = *r.image;
    EXPECT_EQ(im.width, 200);
    EXPECT_EQ(im.height, 150);
    // --no-sky: the plain background in the corners the DEM leaves free, no sky anywhere.
    EXPECT_EQ(count(im, isSky), 0);
    EXPECT_TRUE(isPlainBackground(im.at(0, 0)) && isPlainBackground(im.at(199, 0)))
        << rgb(im.meanRgb(0, 0, 0));
    // The greys ramp: every terrain pixel is grey, cooled a little by the bluish haze (never warmer: no
    // channel above blue, where the default ramp's greens and ochres have green or red above it).
    const int terrain = count(im, [](const std::uint8_t* p) { return !isPlainBackground(p); });
    const int coloured = count(im, [](const std::uint8_t* p) {
        return !isPlainBackground(p) && (p[0] > p[2] + 2 || p[1] > p[2] + 2 || p[2] - p[0] > 25);
    });
    std::printf("user DEM: %d terrain pixels, %d of them not grey\n", terrain, coloured);
    EXPECT_GT(terrain, 200 * 150 / 3);
    EXPECT_LT(coloured, terrain / 100);
    // The user's DEM, not the default one: its 2500 m hill (centre 107.5°E 33°N) stands light over the
    // dark 500 m plain around it, where the overview of this DEM puts them.
    auto loaded = loadDem(dem, MapProjection::panQinba());
    ASSERT_TRUE(loaded) << loaded.error().toString();
    const Scene scene(*loaded);
    const OrbitCamera camera = scene.overview({200, 150});
    const auto top = scene.at(camera, {200, 150}, {107.5, 33.0}),
               plain = scene.at(camera, {200, 150}, {105.4, 34.0});
    ASSERT_TRUE(top && plain);
    const glm::dvec3 t = im.meanRgb(int(top->x), int(top->y), 2),
                     p = im.meanRgb(int(plain->x), int(plain->y), 2);
    std::printf("hill top at (%.0f, %.0f) %s, plain at (%.0f, %.0f) %s\n", top->x, top->y, rgb(t).c_str(),
                plain->x, plain->y, rgb(p).c_str());
    EXPECT_GT(t.g, p.g + 25) << rgb(t) << " " << rgb(p);

    // Without --no-sky the same corners show the sky.
    const Rendered sky = render("--dem '" + dem + "' --size 200x150 --ramp greys", "user_dem_sky.png", dir);
    ASSERT_TRUE(sky.image) << sky.problem;
    EXPECT_TRUE(isSky(sky.image->at(0, 0)) && isSky(sky.image->at(199, 0)))
        << rgb(sky.image->meanRgb(0, 0, 0));
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

TEST(Cli, CheckAcceptsOdTablesInEveryForm) {
    test::TempDir dir;
    const std::string scenario = (test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string();
    const auto data = [](const std::string& name) {
        return "'" + (test::sourceDir() / "tests" / "data" / "od" / name).string() + "'";
    };
    for (const std::string& od :
         {data("od_long_utf8.csv"), data("od_long_bom.csv"), data("od_long_gbk.csv"),
          data("od_long_gb18030.csv"), data("od_long.xlsx"), data("od_long.ods"), data("od_wide.xlsx"),
          data("wide_csv"),
          data("wide_csv/people_2014.csv") + " " + data("wide_csv/people_2017.csv") + " " +
              data("wide_csv/人流_2019.csv") + " " + data("wide_csv/goods_2019.csv")}) {
        SCOPED_TRACE(od);
        const CommandRun r = qinba("check '" + scenario + "' --od " + od, dir);
        EXPECT_EQ(r.status, 0) << r.err;
        // The same five volumes however they are written: three flows measured, two of them new.
        EXPECT_NE(r.out.find("valid OD matrix for 'qinba-default': 5 rows; importing it would give measured "
                             "volumes to 3 flows (2 of them new)"),
                  std::string::npos)
            << r.out;
        const bool gbk = od.find("gb") != std::string::npos || od.find("wide_csv") != std::string::npos;
        EXPECT_EQ(r.out.find("converted from GB") != std::string::npos, gbk) << r.out;
    }
    const CommandRun bad = qinba("check '" + scenario + "' --od " + data("od_bad.xlsx"), dir);
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.err.find("od_bad.xlsx: sheet 人流_2019, row 2, column 2 (volume): not a number: 'many'"),
              std::string::npos)
        << bad.err;
    EXPECT_NE(bad.err.find("od_bad.xlsx: sheet long, row 3, column 5 (volume): negative volume"),
              std::string::npos)
        << bad.err;
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

// A stage rendered without --camera is framed as the viewer frames it: with the legend, caption and title
// burned in, every central city of the stage shows its ring, none hidden under the legend (stage 3's own
// viewpoint put Chengdu under the legend at 16:9).
TEST(Cli, RenderOfAStageKeepsItsCitiesClearOfTheLegend) {
    test::TempDir dir;
    ASSERT_FALSE(defaultDem().empty());
    const Viewport vp{960, 540};
    const Rendered stage =
        render("--stage 3 --legend --captions --title --scale-bar --size 960x540", "stage3_framed.png", dir);
    ASSERT_TRUE(stage.image) << stage.problem;
    const std::size_t said = stage.run.out.find("camera ");
    ASSERT_NE(said, std::string::npos) << stage.run.out;
    const Scene scene(defaultDem());
    const auto camera =
        scene.camera(stage.run.out.substr(said + 7, stage.run.out.find(')', said) - said - 7));
    ASSERT_TRUE(camera);
    const auto ring = [](const std::uint8_t* p) { return p[0] > 130 && p[1] < 70 && p[2] < 70; };
    for (auto [name, place] : {std::pair{"Xi'an", GeoPoint{108.893, 34.277}},
                               {"Chengdu", {104.068, 30.672}},
                               {"Chongqing", {106.593, 29.567}},
                               {"Lanzhou", {103.834, 36.061}},
                               {"Zhengzhou", {113.625, 34.747}},
                               {"Wuhan", {114.305, 30.593}}}) {
        const auto at = scene.at(*camera, vp, place);
        ASSERT_TRUE(at) << name << " is outside the picture";
        EXPECT_GT(countNear(*stage.image, *at, 12, ring), 4) << name << " at " << at->x << "," << at->y;
    }
}

TEST(Cli, RenderOfAStageAndBadStageNames) {
    test::TempDir dir;
    ASSERT_FALSE(defaultDem().empty());
    // Stage 1 links Xi'an, Chengdu and Chongqing by rail.
    const Rendered stage = render("--stage core-sector --time 4 --size 320x180", "stage.png", dir);
    ASSERT_TRUE(stage.image) << stage.problem;
    // The camera is the stage's viewpoint (106.5,31.6,1150,0,50) framed as the viewer frames it, and the
    // same view without the stage has no corridors or labels.
    const std::size_t said = stage.run.out.find("camera ");
    ASSERT_NE(said, std::string::npos) << stage.run.out;
    const std::string viewpoint = stage.run.out.substr(said + 7, stage.run.out.find(')', said) - said - 7);
    EXPECT_NE(viewpoint, "106.50000,31.60000,1150.000,0.00,50.00") << "the stage is framed for the picture";
    const Rendered plain =
        render("--camera " + viewpoint + " --size 320x180", "stage_viewpoint_plain.png", dir);
    ASSERT_TRUE(plain.image) << plain.problem;
    const ImageRgba8& im = *stage.image;
    const int rail = count(im, isRail), ink = count(im, isInk);
    std::printf("stage: %d rail pixels, %d ink pixels; without the stage: %d, %d\n", rail, ink,
                count(*plain.image, isRail), count(*plain.image, isInk));
    EXPECT_GT(rail, 300);
    EXPECT_GT(ink, 100) << "place labels";
    EXPECT_EQ(count(*plain.image, isRail), 0);
    EXPECT_EQ(count(*plain.image, isInk), 0);

    const Scene scene(defaultDem());
    const auto camera = scene.camera(viewpoint);
    ASSERT_TRUE(camera);
    const Viewport vp{320, 180};
    const GeoPoint xian{108.893, 34.277}, chengdu{104.068, 30.672}, chongqing{106.593, 29.567};
    for (auto [name, place] : {std::pair{"Xi'an", xian}, {"Chengdu", chengdu}, {"Chongqing", chongqing}}) {
        const auto at = scene.at(*camera, vp, place);
        ASSERT_TRUE(at) << name;
        std::printf("%s at (%.0f, %.0f): %d rail, %d ink pixels within 12 / 30 px\n", name, at->x, at->y,
                    countNear(im, *at, 12, isRail), countNear(im, *at, 30, isInk));
        EXPECT_GT(countNear(im, *at, 12, isRail), 10) << name << ": a corridor starts there";
        EXPECT_GT(countNear(im, *at, 30, isInk), 10) << name << ": its label";
    }
    // The corridors run between those three cities: their rail-coloured pixels lie among them.
    glm::dvec2 lo(1e9), hi(-1e9);
    for (const GeoPoint place : {xian, chengdu, chongqing}) {
        lo = glm::min(lo, *scene.at(*camera, vp, place));
        hi = glm::max(hi, *scene.at(*camera, vp, place));
    }
    const int among = count(im, {int(lo.x) - 15, int(lo.y) - 15, int(hi.x) + 16, int(hi.y) + 16}, isRail);
    std::printf("%d of %d rail pixels among the three cities\n", among, rail);
    EXPECT_GT(among, rail * 9 / 10);

    CommandRun r = qinba("render --stage 42 --out '" + dir.file("x.png") + "'", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("--stage"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("core-sector"), std::string::npos) << "the error lists the choices: " << r.err;
    r = qinba("render --scenario '" + dir.file("none.json") + "' --out '" + dir.file("x.png") + "'", dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("none.json"), std::string::npos) << r.err;
}

/// The three pieces of map furniture in a 640 x 400 render: where each sits and whether it is there.
struct Furniture {
    bool legend, scaleBar, northArrow;
};
Furniture furnitureIn(const ImageRgba8& im) {
    const int w = im.width, h = im.height;
    const Box legend{0, h / 2, w / 2, h}, scaleBar{3 * w / 4, h - 70, w, h - 20},
        arrow{w - 80, h - 160, w, h - 70};
    std::printf(
        "legend corner: %d panel, %d ink; scale bar: %d panel, ink run %d; north arrow: %d panel, %d ink\n",
        count(im, legend, isPanel), count(im, legend, isInk), count(im, scaleBar, isPanel),
        longestRowRun(im, scaleBar, isInk), count(im, arrow, isPanel), count(im, arrow, isInk));
    return {count(im, legend, isPanel) > 5000 && count(im, legend, isInk) > 200,
            count(im, scaleBar, isPanel) > 1000 && longestRowRun(im, scaleBar, isInk) >= 100,
            count(im, arrow, isPanel) > 1000 && count(im, arrow, isInk) > 50};
}
/// A whole piece is there, or none of it: no panel or ink in its corner.
void expectFurniture(const ImageRgba8& im, Furniture expected) {
    const int w = im.width, h = im.height;
    const Furniture f = furnitureIn(im);
    EXPECT_EQ(f.legend, expected.legend);
    EXPECT_EQ(f.scaleBar, expected.scaleBar);
    EXPECT_EQ(f.northArrow, expected.northArrow);
    if (!expected.legend) EXPECT_LT(count(im, {0, h / 2, w / 2, h}, isPanel), 500);
    if (!expected.scaleBar) EXPECT_EQ(count(im, {3 * w / 4, h - 70, w, h - 20}, isInk), 0);
    if (!expected.northArrow) EXPECT_EQ(count(im, {w - 80, h - 160, w, h - 70}, isPanel), 0);
}

TEST(Cli, RenderDrawsLayersAndRejectsBadOnes) {
    test::TempDir dir;
    ASSERT_FALSE(defaultDem().empty());
    const std::string layer = dir.file("line.geojson");
    std::ofstream(layer)
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"L"},
        "geometry":{"type":"LineString","coordinates":[[104,30],[108,34]]}}]})";
    const std::string size = "--size 640x400 ";
    const Rendered all =
        render(size + "--legend --scale-bar --north-arrow --layer '" + layer + "'", "furniture_all.png", dir);
    const Rendered scaleOnly =
        render(size + "--scale-bar --layer '" + layer + "'", "furniture_scale_bar.png", dir);
    const Rendered none = render(size + "--layer '" + layer + "'", "furniture_none.png", dir);
    const Rendered terrain = render(size, "furniture_no_layer.png", dir);
    ASSERT_TRUE(all.image) << all.problem;
    ASSERT_TRUE(scaleOnly.image) << scaleOnly.problem;
    ASSERT_TRUE(none.image) << none.problem;
    ASSERT_TRUE(terrain.image) << terrain.problem;
    // Legend bottom left, scale bar bottom right, north arrow above it: each only when asked for.
    {
        SCOPED_TRACE("--legend --scale-bar --north-arrow");
        expectFurniture(*all.image, {true, true, true});
    }
    {
        SCOPED_TRACE("--scale-bar");
        expectFurniture(*scaleOnly.image, {false, true, false});
    }
    {
        SCOPED_TRACE("no furniture");
        expectFurniture(*none.image, {false, false, false});
    }
    // The layer's line from 104°E 30°N to 108°E 34°N: what it changes lies along it, and it is drawn along
    // its length.
    const Scene scene(defaultDem());
    const Viewport vp{640, 400};
    const std::vector<glm::dvec2> line = screenLine(scene, scene.overview(vp), vp, {104, 30}, {108, 34});
    ASSERT_GT(line.size(), 50u);
    long changed = 0, along = 0;
    std::vector<glm::dvec2> changedPixels;
    for (int y = 0; y < vp.height; ++y)
        for (int x = 0; x < vp.width; ++x)
            if (difference(*none.image, *terrain.image, x, y) >= 40) {
                ++changed;
                changedPixels.emplace_back(x + 0.5, y + 0.5);
                along += test::distanceToPolyline({x + 0.5, y + 0.5}, line) < 12.0;
            }
    int covered = 0;
    for (const glm::dvec2 p : line)
        covered += std::any_of(changedPixels.begin(), changedPixels.end(),
                               [&](glm::dvec2 q) { return glm::length(q - p) < 4.0; });
    std::printf("layer: %ld changed pixels, %ld along the line; %d of %zu line points drawn\n", changed,
                along, covered, line.size());
    EXPECT_GT(changed, 200);
    EXPECT_GT(static_cast<double>(along) / std::max(changed, 1L), 0.9);
    EXPECT_GT(covered, static_cast<int>(line.size() * 9 / 10));

    for (const std::string& bad : {dir.file("missing.geojson"), dir.file("stderr.txt")}) {
        const CommandRun r = qinba("render --layer '" + bad + "' --out '" + dir.file("bad.png") + "'", dir);
        EXPECT_EQ(r.status, 1) << bad;
        EXPECT_EQ(lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    }
}

TEST(Cli, RenderOrthoIsAParallelProjection) {
    test::TempDir dir;
    ASSERT_FALSE(defaultDem().empty());
    const Scene scene(defaultDem());
    const Viewport vp{320, 200};
    // The whole DEM (100-118°E, 26-38°N) seen at 40°: in perspective its far (north) side is much shorter
    // than the near one, in a parallel projection hardly (only as the map projection draws it).
    const std::string spec = "109,32,2600,0,40";
    for (const bool ortho : {true, false}) {
        SCOPED_TRACE(ortho ? "--ortho" : "perspective");
        const Rendered r = render("--size 320x200 --camera " + spec + (ortho ? " --ortho" : ""),
                                  ortho ? "ortho.png" : "perspective.png", dir);
        ASSERT_TRUE(r.image) << r.problem;
        const auto camera = scene.camera(spec, ortho), other = scene.camera(spec, !ortho);
        ASSERT_TRUE(camera && other);
        // Each corner of the DEM: terrain just inside it and the sky just outside it, where this projection
        // puts them (the other projection puts them at least 10 pixels away).
        for (const auto& [lon, lat] : {std::pair{100.0, 26.0}, {118.0, 26.0}, {100.0, 38.0}, {118.0, 38.0}}) {
            const double inward = 0.6, east = lon < 109 ? 1 : -1, north = lat < 32 ? 1 : -1;
            const auto in = scene.at(*camera, vp, {lon + east * inward, lat + north * inward});
            const auto out = scene.at(*camera, vp, {lon - east * inward, lat - north * inward}, 0.0);
            const auto elsewhere = scene.at(*other, vp, {lon + east * inward, lat + north * inward});
            ASSERT_TRUE(in) << lon << " " << lat;
            std::printf("%s: corner %.0f, %.0f inside at (%.0f, %.0f), the other projection's (%.0f, %.0f)\n",
                        ortho ? "ortho" : "perspective", lon, lat, in->x, in->y,
                        elsewhere ? elsewhere->x : -1.0, elsewhere ? elsewhere->y : -1.0);
            EXPECT_FALSE(isSky(r.image->at(int(in->x), int(in->y)))) << "inside corner " << lon << " " << lat;
            if (out)
                EXPECT_TRUE(isSky(r.image->at(int(out->x), int(out->y))))
                    << "outside corner " << lon << " " << lat << ": "
                    << rgb(r.image->meanRgb(int(out->x), int(out->y), 0));
            if (elsewhere) EXPECT_GT(glm::length(*elsewhere - *in), 10.0);
        }
    }
}

/// UTM zone 49N (EPSG:32649) easting and northing as longitude and latitude, through OGR.
GeoPoint fromUtm49(double easting, double northing) {
    OGRSpatialReference utm, wgs84;
    utm.importFromEPSG(32649);
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(&utm, &wgs84));
    double x = easting, y = northing;
    if (!t || !t->Transform(1, &x, &y)) return {std::nan(""), std::nan("")};
    return {x, y};
}

TEST(Cli, RenderDrapesAProjectedGeoJsonAndAShapefile) {
    test::TempDir dir;
    ASSERT_FALSE(defaultDem().empty());
    const std::string geojson = dir.file("utm.geojson"), shp = dir.file("line.shp");
    ASSERT_EQ(
        test::writeVector(geojson, "GeoJSON", "EPSG:32649",
                          {{"Square", "POLYGON ((600000 3700000,700000 3700000,700000 3800000,600000 3800000,"
                                      "600000 3700000))"}}),
        "");
    ASSERT_EQ(
        test::writeVector(shp, "ESRI Shapefile", "EPSG:4326", {{"Han", "LINESTRING (106.5 33,110.5 32.6)"}}),
        "");
    // Close enough that the 100 km square (112.1-113.2°E, 33.4-34.3°N) is about 50 pixels a side.
    const std::string view = "--size 640x400 --camera 109.9,33.3,900,0,80";
    const Rendered both = render(view + " --layer '" + geojson + "' --layer '" + shp + "'", "drape.png", dir);
    const Rendered terrain = render(view, "drape_no_layer.png", dir);
    ASSERT_TRUE(both.image) << both.problem;
    ASSERT_TRUE(terrain.image) << terrain.problem;
    const Scene scene(defaultDem());
    const Viewport vp{640, 400};
    const auto camera = scene.camera("109.9,33.3,900,0,80");
    ASSERT_TRUE(camera);
    // The square, 100 km a side in UTM, is tinted by its green fill inside (the middle of each quarter,
    // clear of its label in the middle): red drops and green stands further above it. 40 km beyond its west
    // side nothing changes.
    for (const auto& [e, n] : {std::pair{625000.0, 3725000.0},
                               {675000.0, 3725000.0},
                               {625000.0, 3775000.0},
                               {675000.0, 3775000.0}}) {
        const auto at = scene.at(*camera, vp, fromUtm49(e, n));
        ASSERT_TRUE(at) << e << " " << n;
        const glm::dvec3 a = both.image->meanRgb(int(at->x), int(at->y), 1),
                         b = terrain.image->meanRgb(int(at->x), int(at->y), 1);
        std::printf("inside the square (%.0f, %.0f) at (%.0f, %.0f): %s against %s\n", e, n, at->x, at->y,
                    rgb(a).c_str(), rgb(b).c_str());
        EXPECT_LT(a.r, b.r - 8) << "UTM " << e << " " << n << ": " << rgb(a) << " vs " << rgb(b);
        EXPECT_GT(a.g - a.r, b.g - b.r + 5) << "UTM " << e << " " << n << ": " << rgb(a) << " vs " << rgb(b);
    }
    const auto outside = scene.at(*camera, vp, fromUtm49(560000, 3750000));
    ASSERT_TRUE(outside);
    EXPECT_LE(difference(*both.image, *terrain.image, int(outside->x), int(outside->y)), 4)
        << "40 km west of the square";
    // The shapefile's line, in longitude and latitude, is drawn where it runs.
    const std::vector<glm::dvec2> line = screenLine(scene, *camera, vp, {106.5, 33}, {110.5, 32.6}, 20);
    ASSERT_GT(line.size(), 15u);
    int drawn = 0;
    for (const glm::dvec2 p : line) {
        int best = 0;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const int x = int(p.x) + dx, y = int(p.y) + dy;
                if (x >= 0 && y >= 0 && x < vp.width && y < vp.height)
                    best = std::max(best, difference(*both.image, *terrain.image, x, y));
            }
        drawn += best >= 40;
    }
    std::printf("shapefile line: %d of %zu points drawn\n", drawn, line.size());
    EXPECT_GE(drawn, static_cast<int>(line.size()) - 2);
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
