// Atomic saving, preferences, colour ramps and image comparison.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/color_ramp.h"
#include "qinba/core/image.h"
#include "qinba/core/preferences.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>

namespace qinba {
namespace {

TEST(AtomicFile, ReplacesContentsAndLeavesNoTemporaryFiles) {
    test::TempDir dir;
    const std::string path = dir.file("doc.json");
    ASSERT_TRUE(writeFileAtomically(path, "first"));
    ASSERT_TRUE(writeFileAtomically(path, "second"));
    EXPECT_EQ(*readFile(path), "second");
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        (void)e, ++files;
    EXPECT_EQ(files, 1);
}

TEST(AtomicFile, FailedWriteKeepsThePreviousFile) {
    test::TempDir dir;
    const std::string path = dir.file("doc.json");
    ASSERT_TRUE(writeFileAtomically(path, "precious"));
    // Simulate a full disk: a file size limit makes write() fail part-way (EFBIG), even for root.
    rlimit old{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    auto* previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = old;
    tiny.rlim_cur = 1024;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const Status s = writeFileAtomically(path, std::string(64 * 1024, 'x'));
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().toString().find(path), std::string::npos);
    EXPECT_EQ(*readFile(path), "precious");
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        (void)e, ++files;
    EXPECT_EQ(files, 1) << "the temporary file was removed";
}

TEST(AtomicFile, WriteIntoAMissingFolderFailsWithTheFileName) {
    test::TempDir dir;
    const std::string path = dir.file("missing/doc.json");
    const Status s = writeFileAtomically(path, "x");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().file, path);
}

TEST(Preferences, RoundTripAndDefaults) {
    test::TempDir dir;
    const auto path = dir.path() / "sub" / "preferences.json";
    auto missing = loadPreferences(path);
    ASSERT_TRUE(missing);
    EXPECT_DOUBLE_EQ(missing->uiScale, 1.0);
    Preferences p;
    p.uiScale = 1.75;
    p.showLegend = false;
    p.terrainTriangles = 123456;
    p.lodMode = 1;
    p.maxScreenErrorPx = 1.5;
    p.tileCacheMb = 2048;
    p.gpuTileCacheMb = 64;
    p.showPerformanceHud = true;
    ASSERT_TRUE(savePreferences(path, p));
    auto back = loadPreferences(path);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_DOUBLE_EQ(back->uiScale, 1.75);
    EXPECT_FALSE(back->showLegend);
    EXPECT_EQ(back->terrainTriangles, 123456);
    EXPECT_EQ(back->lodMode, 1);
    EXPECT_DOUBLE_EQ(back->maxScreenErrorPx, 1.5);
    EXPECT_DOUBLE_EQ(back->tileCacheMb, 2048);
    EXPECT_DOUBLE_EQ(back->gpuTileCacheMb, 64);
    EXPECT_TRUE(back->showPerformanceHud);
}

TEST(Preferences, BadValuesNameTheFileAndField) {
    test::TempDir dir;
    const auto path = dir.path() / "preferences.json";
    std::ofstream(path) << R"({"uiScale": 40, "vsync": true})";
    auto p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "uiScale");
    EXPECT_EQ(p.error().file, path.string());
    std::ofstream(path) << R"({"vsync": "yes"})";
    p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "vsync");
    std::ofstream(path) << R"({"gpuTileCacheMb": 0.1})";
    p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "gpuTileCacheMb");
    std::ofstream(path) << "{ not json";
    EXPECT_FALSE(loadPreferences(path));
}

TEST(ColorRamp, InterpolatesAndClamps) {
    const ColorRamp* atlas = findRamp("atlas");
    ASSERT_NE(atlas, nullptr);
    EXPECT_EQ(&builtinRamps().front(), atlas);
    const glm::vec3 low = atlas->colorAt(300.0), high = atlas->colorAt(2500.0);
    EXPECT_GT(low.g, low.r) << "lowlands are green";
    EXPECT_GT(high.r, high.g) << "high mountains are brown";
    EXPECT_EQ(atlas->colorAt(-1e6), atlas->stops.front().color);
    EXPECT_EQ(atlas->colorAt(1e6), atlas->stops.back().color);
    const glm::vec3 mid = atlas->colorAt(100.0);
    EXPECT_NEAR(mid.g, (atlas->colorAt(0.0).g + atlas->colorAt(200.0).g) / 2, 1e-6);
    EXPECT_EQ(findRamp("nonexistent"), nullptr);
    for (const ColorRamp& r : builtinRamps())
        for (std::size_t i = 1; i < r.stops.size(); ++i)
            EXPECT_LT(r.stops[i - 1].elevation, r.stops[i].elevation);
}

TEST(Image, PngRoundTripAndComparison) {
    test::TempDir dir;
    ImageRgba8 a(4, 3);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 4; ++x) {
            std::uint8_t* p = a.at(x, y);
            p[0] = static_cast<std::uint8_t>(x * 60);
            p[1] = static_cast<std::uint8_t>(y * 100);
            p[2] = 7;
            p[3] = 255;
        }
    const std::string path = dir.file("a.png");
    ASSERT_TRUE(writePng(path, a));
    auto b = readImage(path);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->pixels, a.pixels);
    b->at(1, 1)[0] = static_cast<std::uint8_t>(b->at(1, 1)[0] + 50);
    auto d = compareImages(a, *b, 20);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->maxAbsolute, 50);
    EXPECT_DOUBLE_EQ(d->fractionAbove, 1.0 / 12.0);
    EXPECT_FALSE(compareImages(a, ImageRgba8(2, 2), 0));
    EXPECT_FALSE(readImage(dir.file("missing.png")));
    EXPECT_FALSE(writePng(dir.file("no/such/dir.png"), a));
}

} // namespace
} // namespace qinba
