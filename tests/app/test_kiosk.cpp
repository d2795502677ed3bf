// `qinba kiosk` as an exhibition technician runs it: a headless soak run with scripted visitors that
// reports flat memory and GL objects, and a clear message for every bad setting. The windowed kiosk on a
// virtual display is run by ctest (kiosk_* tests in tests/CMakeLists.txt).

#include "test_support.h"

#include <gtest/gtest.h>

#include <regex>

namespace qinba {
namespace {

using test::ShellRun;

/// Runs `qinba kiosk <args>` without a display, stdout and stderr together, with its own config and cache.
ShellRun kiosk(const std::string& args, const test::TempDir& dir) {
    return test::shell("env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") +
                       "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" + QINBA_EXE + "' kiosk " + args);
}

TEST(Kiosk, HeadlessSoakCyclesVisitorsAndTheAttractTourAndReportsMemory) {
    test::TempDir dir;
    // 400 frames at 60 fps with a 1 s idle timeout: a scripted visit (drag, zoom, a stage button, a layer
    // toggle, the language button), the return to the attract tour, then a stretch of the tour.
    const ShellRun r = kiosk("--soak-frames 400 --size 160x90 --triangles 4000 --idle-seconds 1 "
                             "--growth-margin-mb 64",
                             dir);
    ASSERT_EQ(r.status, 0) << r.out;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"((\d+) visits, (\d+) returns to the attract tour)")))
        << r.out;
    EXPECT_GE(std::stoi(m[1]), 1);
    EXPECT_GE(std::stoi(m[2]), 1) << "the attract tour never came back after the visitor left";
    ASSERT_TRUE(
        std::regex_search(r.out, m, std::regex(R"(resident memory: ([\d.]+) MB .* ([\d.]+) MB at the end)")))
        << r.out;
    EXPECT_GT(std::stod(m[1]), 10.0) << "resident memory was not measured";
    ASSERT_TRUE(
        std::regex_search(r.out, m, std::regex(R"(GL objects: (\d+) after warm-up, (\d+) at the end)")))
        << r.out;
    EXPECT_GT(std::stoi(m[1]), 0);
    EXPECT_LE(std::stoi(m[2]), std::stoi(m[1]));
}

TEST(KioskErrors, UnknownTourBadChordAndBadIdleTimeAreNamed) {
    test::TempDir dir;
    ShellRun r = kiosk("--tour nowhere", dir);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no tour 'nowhere'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("story"), std::string::npos) << "the error lists the tours: " << r.out;

    r = kiosk("--exit-chord q", dir);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--exit-chord"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("no modifier"), std::string::npos) << r.out;

    r = kiosk("--exit-chord ctrl+banana", dir);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("unknown key 'banana'"), std::string::npos) << r.out;

    r = kiosk("--idle-seconds 0", dir);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--idle-seconds"), std::string::npos) << r.out;

    // Without a display the kiosk says how to get one, like the viewer.
    r = kiosk("--max-frames 1", dir);
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("xvfb-run"), std::string::npos) << r.out;
}

} // namespace
} // namespace qinba
