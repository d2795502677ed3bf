// `qinba kiosk` as an exhibition technician runs it: a headless soak run with scripted visitors that
// reports flat memory and GL objects, and a clear message for every bad setting. The windowed kiosk on a
// virtual display is run by ctest (kiosk_* tests in tests/CMakeLists.txt).

#include "test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace qinba {
namespace {

using test::ShellRun;

/// Runs `qinba kiosk <args>` without a display, stdout and stderr together, with its own config and cache.
ShellRun kiosk(const std::string& args, const test::TempDir& dir) {
    return test::shell("env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") +
                       "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" + QINBA_EXE + "' kiosk " + args);
}

/// Runs a soak: under AddressSanitizer with a small quarantine, since freed memory held in the default one
/// (256 MB) fills up over the run and would read as growth.
ShellRun soak(const std::string& args, const test::TempDir& dir) {
    if constexpr (test::kSanitizerBuild)
        return test::shell("ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4\" "
                           "env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" +
                           dir.file("config") + "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" +
                           QINBA_EXE + "' kiosk " + args);
    return kiosk(args, dir);
}

/// The numbers after `label` to the end of its line; "a/b" pairs count as two numbers.
std::vector<double> numbersAfter(const std::string& out, const std::string& label) {
    std::vector<double> values;
    const auto at = out.find(label);
    if (at == std::string::npos) return values;
    std::istringstream line(out.substr(at + label.size(), out.find('\n', at) - at - label.size()));
    std::string word;
    while (line >> word)
        for (std::size_t start = 0; start < word.size();) {
            const std::size_t slash = word.find('/', start);
            values.push_back(std::stod(word.substr(start, slash - start)));
            start = slash == std::string::npos ? word.size() : slash + 1;
        }
    return values;
}

// The soak run takes one scripted visit per period of --idle-seconds plus a stretch of the tour (3 to 12 s):
// 4 s of kiosk time, 240 frames at 60 fps, with a 1 s idle time. A visit drags, shows another stage and
// goes back to the one it found, hides a layer and shows it again, switches the language and back, zooms;
// then the attract tour returns and plays. The first period is the warm-up; memory is sampled at the start
// of every later visit, and the second half of the samples is compared with the first.
constexpr long kPeriodFrames = 240;

/// The default scenario with its two largest reference layers (provinces, rivers) hidden at the start:
/// their lines are rebuilt for the GPU every frame, about 50 ms a frame on llvmpipe against 13 ms without
/// them, too slow for enough visits in a test. The scripted visitor still shows and hides each layer in turn.
std::string soakScenario(const test::TempDir& dir) {
    const std::filesystem::path source = test::sourceDir() / "assets" / "scenarios" / "qinba_default.json";
    std::ifstream in(source);
    nlohmann::json j = nlohmann::json::parse(in);
    for (auto& layer : j["layers"]) {
        layer["path"] = (source.parent_path() / layer["path"].get<std::string>()).lexically_normal().string();
        if (layer["id"] == "provinces" || layer["id"] == "rivers") layer["visible"] = false;
    }
    const std::string path = dir.file("soak.json");
    std::ofstream(path) << j.dump(1);
    return path;
}

/// Resident memory and the heap may grow this much from the first half of the visits to the second. Without
/// sanitizers the samples stayed within 0.5 MB of each other over 20 visits; AddressSanitizer's allocator
/// (whose heap mallinfo2 does not see) is given a wider margin.
constexpr const char* kGrowthMarginMb = test::kSanitizerBuild ? "16" : "4";

TEST(Kiosk, HeadlessSoakCyclesVisitorsAndTheAttractTourAndReportsMemory) {
    test::TempDir dir;
    // Seven periods: the warm-up and six visits sampled after it.
    const ShellRun r =
        soak("--scenario '" + soakScenario(dir) + "' --soak-frames " + std::to_string(7 * kPeriodFrames) +
                 " --size 96x54 --triangles 2000 --idle-seconds 1 --growth-margin-mb " + kGrowthMarginMb,
             dir);
    ASSERT_EQ(r.status, 0) << r.out;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"((\d+) visits, (\d+) returns to the attract tour)")))
        << r.out;
    EXPECT_EQ(std::stoi(m[1]), 7) << r.out;
    EXPECT_GE(std::stoi(m[2]), 6) << "the attract tour did not come back after every visitor: " << r.out;
    ASSERT_TRUE(std::regex_search(
        r.out, m,
        std::regex(R"(resident memory: ([\d.]+) MB after (\d+) warm-up frames, ([\d.]+) MB at the end)")))
        << r.out;
    EXPECT_GT(std::stod(m[1]), 10.0) << "resident memory was not measured";
    EXPECT_EQ(std::stol(m[2]), kPeriodFrames) << "the warm-up is one visit period";
    // Six samples of resident memory and heap in use, one at the start of each visit after the warm-up.
    const std::vector<double> samples = numbersAfter(r.out, "at each visit after the warm-up:");
    ASSERT_EQ(samples.size(), 12u) << r.out;
    for (std::size_t i = 0; i < samples.size(); i += 2)
        EXPECT_GT(samples[i], 10.0) << "resident memory at visit " << i / 2 + 1 << ": " << r.out;
    // The comparison ran and stayed within the margin.
    ASSERT_TRUE(
        std::regex_search(r.out, m,
                          std::regex(R"(growth from the first half of the visits to the second: resident )"
                                     R"(([-+\d.]+) MB, heap in use ([-+\d.]+) MB \(margin ([\d.]+) MB\))")))
        << "the memory comparison did not run: " << r.out;
    EXPECT_EQ(m[3], std::string(kGrowthMarginMb) + ".0");
    EXPECT_LE(std::stod(m[1]), std::stod(m[3])) << r.out;
    EXPECT_LE(std::stod(m[2]), std::stod(m[3])) << r.out;
    ASSERT_TRUE(
        std::regex_search(r.out, m, std::regex(R"(GL objects: (\d+) after warm-up, (\d+) at the end)")))
        << r.out;
    EXPECT_GT(std::stoi(m[1]), 0);
    EXPECT_LE(std::stoi(m[2]), std::stoi(m[1]));
}

TEST(Kiosk, ASoakRunTooShortToCompareMemoryFails) {
    test::TempDir dir;
    // One visit after the warm-up: too few to compare halves, so the run must not pass as flat.
    const ShellRun r =
        soak("--scenario '" + soakScenario(dir) + "' --soak-frames " + std::to_string(2 * kPeriodFrames) +
                 " --size 96x54 --triangles 2000 --idle-seconds 1",
             dir);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(
        r.out.find("too few visits after the warm-up to compare memory (1; 4 are needed): run at least " +
                   std::to_string(4 * kPeriodFrames + 1) + " frames"),
        std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("growth from the first half"), std::string::npos) << r.out;
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
