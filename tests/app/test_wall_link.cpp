// A video wall on one machine: `qinba kiosk` processes without a display, in real time, talking over
// 127.0.0.1 only (unicast; no multicast group is ever joined or sent to). Each writes a per-frame trace
// (--trace) the tests read: a follower shows the lead's camera and stage within a frame while a scripted
// visitor drives the lead and goes back to the shared tour clock when the lead stops; two screens started
// 10 s apart show the same tour moment; forged, replayed, stale and malformed packets are refused and
// counted.

#include "test_support.h"

#include "qinba/core/scenario_io.h"
#include "qinba/core/tour.h"
#include "qinba/core/wall_sync.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace qinba {
namespace {

using nlohmann::json;

constexpr double kEpoch = 1.7e9; ///< the wall's tour epoch (November 2023)
constexpr double kSilence = 3.0; ///< WallFollower's default silence, seconds
constexpr double kFrame = 1.0 / 60.0;

double unixNow() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// The default scenario with the two largest reference layers hidden (their lines are rebuilt every frame,
/// slow on llvmpipe), as the soak test does; returns its path.
std::string wallScenario(const test::TempDir& dir) {
    const std::filesystem::path source = test::sourceDir() / "assets" / "scenarios" / "qinba_default.json";
    std::ifstream in(source);
    json j = json::parse(in);
    for (auto& layer : j["layers"]) {
        layer["path"] = (source.parent_path() / layer["path"].get<std::string>()).lexically_normal().string();
        if (layer["id"] == "provinces" || layer["id"] == "rivers") layer["visible"] = false;
    }
    const std::string path = dir.file("wall.json");
    std::ofstream(path) << j.dump(1);
    return path;
}

/// Length of the scenario's default (attract) tour, seconds.
double tourLength(const std::string& scenario) {
    auto sc = loadScenario(scenario);
    EXPECT_TRUE(sc) << sc.error().toString();
    return tourDuration(*sc->findTour(sc->defaultTour));
}

std::string keyFile(const test::TempDir& dir, const std::string& name = "wall.key") {
    std::ofstream(dir.file(name)) << "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
    return dir.file(name);
}

/// `qinba kiosk` with its own config and cache; without a display unless `display`.
std::string env(const test::TempDir& dir, bool display = false) {
    return std::string(display ? "env" : "env -u DISPLAY -u WAYLAND_DISPLAY") + " QINBA_CONFIG_DIR='" +
           dir.file("config") + "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" + QINBA_EXE + "' kiosk ";
}

/// A kiosk started in the background: its output, exit status and trace go to files named after it.
struct Screen {
    std::string log, rc, trace, pid;
};

Screen start(const std::string& name, const std::string& args, const test::TempDir& dir, bool display) {
    Screen s{dir.file(name + ".log"), dir.file(name + ".rc"), dir.file(name + ".jsonl"),
             dir.file(name + ".pid")};
    for (const std::string& f : {s.log, s.rc, s.trace, s.pid}) // an earlier try's
        std::filesystem::remove(f);
    test::shell("(" + env(dir, display) + args + " --trace '" + s.trace + "' >'" + s.log +
                "' 2>&1 & echo $! >'" + s.pid + "'; wait $!; echo $? >'" + s.rc + "') >/dev/null 2>&1 &");
    return s;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The complete lines of a trace written so far.
std::vector<json> rows(const std::string& trace) {
    std::vector<json> out;
    std::istringstream lines(slurp(trace));
    for (std::string line; std::getline(lines, line);)
        if (json::accept(line)) out.push_back(json::parse(line));
    return out;
}

/// Polls `done` every 50 ms for at most `seconds`.
bool waitFor(const std::function<bool()>& done, double seconds) {
    const double until = unixNow() + seconds;
    while (!done()) {
        if (unixNow() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

/// Ends a headless screen the test started, by its process id: it finishes its frame and prints its summary.
void stop(const Screen& s) {
    ASSERT_TRUE(waitFor([&] { return !slurp(s.pid).empty(); }, 10.0));
    kill(static_cast<pid_t>(std::stol(slurp(s.pid))), SIGTERM);
}

bool finished(const Screen& s) {
    return std::filesystem::exists(s.rc) && !slurp(s.rc).empty();
}

/// Ends a screen still running when a test leaves early (a failed assertion), so none outlives its test.
struct StopAtEnd {
    Screen screen;
    ~StopAtEnd() {
        if (!finished(screen) && !slurp(screen.pid).empty())
            kill(static_cast<pid_t>(std::stol(slurp(screen.pid))), SIGTERM);
    }
};

/// Starts a follower listening on a free 127.0.0.1 port (a peer list cannot name port 0, so ports of a
/// range are tried in turn, at most 12) and waits for its first frame. Returns the screen and its port.
std::pair<Screen, int> startFollower(const std::string& name, const std::string& args,
                                     const test::TempDir& dir, bool display = false) {
    const int base = 20000 + static_cast<int>((getpid() * 131) % 30000);
    for (int attempt = 0; attempt < 12; ++attempt) {
        const int port = base + attempt * 97;
        Screen s = start(name, args + " --wall-listen 127.0.0.1:" + std::to_string(port), dir, display);
        EXPECT_TRUE(waitFor([&] { return finished(s) || !rows(s.trace).empty(); }, 120.0))
            << name << " did not start: " << slurp(s.log);
        if (!rows(s.trace).empty()) return {s, port};
        if (slurp(s.log).find("cannot listen") == std::string::npos) {
            ADD_FAILURE() << name << " failed: " << slurp(s.log);
            return {s, port};
        }
    }
    ADD_FAILURE() << "no free port for " << name;
    return {};
}

/// Seconds `a` is ahead of `b` in a loop of `period`, in (-period/2, period/2].
double loopDifference(double a, double b, double period) {
    double d = std::fmod(a - b, period);
    if (d > period / 2) d -= period;
    if (d <= -period / 2) d += period;
    return d;
}

std::string common(const std::string& scenario) {
    return "--scenario '" + scenario + "' --size 96x54 --triangles 2000 --idle-seconds 30 --wall-epoch " +
           std::to_string(static_cast<long>(kEpoch));
}

/// A UDP packet from the test to 127.0.0.1:`port`.
void sendTo(int port, const std::vector<std::uint8_t>& bytes) {
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to),
              static_cast<ssize_t>(bytes.size()));
    close(fd);
}

TEST(WallLink, AFollowerShowsTheLeadersFrameAndReturnsToTheSharedTourClock) {
    test::TempDir dir;
    const std::string scenario = wallScenario(dir), key = keyFile(dir);
    const double period = tourLength(scenario);
    auto [follower, port] =
        startFollower("follower", common(scenario) + " --wall-key '" + key + "' --headless-seconds 120", dir);
    const StopAtEnd guard{follower};
    ASSERT_GT(port, 0);
    // The visitor drags the map, taps the third stage, turns the camera, zooms in.
    std::ofstream(dir.file("visit.txt"))
        << "# a visitor at the lead screen\n0.3 drag 150 40 1.2\n1.8 stage 3\n"
           "2.4 orbit 80 -30 1.0\n3.6 zoom 2\n";
    const test::ShellRun lead =
        test::shell(env(dir) + common(scenario) + " --wall-key '" + key +
                    "' --wall-lead --wall-peers 127.0.0.1:" + std::to_string(port) +
                    " --headless-seconds 7 --visitor-script '" + dir.file("visit.txt") + "' --trace '" +
                    dir.file("lead.jsonl") + "'");
    ASSERT_EQ(lead.status, 0) << lead.out;
    // The follower runs on until it has shown 2 s past the lead's silence.
    const double leadStopped = rows(dir.file("lead.jsonl")).back()["at"];
    EXPECT_TRUE(waitFor(
        [&] {
            const auto r = rows(follower.trace);
            return finished(follower) || r.back()["unix"].get<double>() > leadStopped + kSilence + 3.0;
        },
        120.0));
    stop(follower);
    ASSERT_TRUE(waitFor([&] { return finished(follower); }, 120.0)) << slurp(follower.log);
    const std::string followerOut = slurp(follower.log);
    EXPECT_EQ(slurp(follower.rc), "0\n") << followerOut;

    const std::vector<json> sent = rows(dir.file("lead.jsonl")), shown = rows(follower.trace);
    ASSERT_GT(sent.size(), 20u);
    EXPECT_NE(lead.out.find("wall: " + std::to_string(sent.size()) +
                            " messages sent to 1 destinations, 0 sends failed"),
              std::string::npos)
        << lead.out;
    // The script drove the lead: a visitor, the third stage, the camera moved.
    bool visitor = false, third = false;
    for (const json& r : sent)
        visitor |= r["visitor"].get<bool>(), third |= r["visitor"].get<bool>() && r["stage"] == 2;
    EXPECT_TRUE(visitor && third) << "the scripted visitor did not take over the lead screen";
    EXPECT_NE(sent.front()["camera"], sent.back()["camera"]);

    // While the lead talks, the follower shows exactly the state of a message the lead sent, and not more
    // than one frame behind: at most one message newer than it had been sent 5 ms before the follower read.
    std::map<long, const json*> bySequence;
    for (const json& r : sent)
        bySequence[r["sequence"].get<long>()] = &r;
    long following = 0, followingVisitor = 0;
    for (const json& r : shown) {
        if (!r["leaderActive"].get<bool>()) continue;
        ++following;
        const long q = r["sequence"];
        ASSERT_TRUE(bySequence.count(q)) << "the follower shows a message the lead never sent: " << r;
        const json& l = *bySequence[q];
        EXPECT_EQ(r["camera"], l["camera"]) << "frame " << r["frame"];
        EXPECT_EQ(r["stage"], l["stage"]) << "frame " << r["frame"];
        EXPECT_EQ(r["visitor"], l["visitor"]) << "frame " << r["frame"];
        followingVisitor += l["visitor"].get<bool>();
        long newer = 0;
        for (const json& s : sent)
            newer += s["sequence"].get<long>() > q && s["at"].get<double>() < r["at"].get<double>() - 0.005;
        EXPECT_LE(newer, 1) << "the follower is " << newer << " messages behind at frame " << r["frame"];
    }
    EXPECT_GT(following, 10) << followerOut;
    EXPECT_GT(followingVisitor, 5) << "the follower did not follow the visitor";

    // After the lead stops: silence, then the shared tour clock within silence + 1 s, and its moment exact.
    const double leadEnd = sent.back()["at"];
    bool back = false;
    for (const json& r : shown) {
        const double t = r["unix"];
        if (t <= leadEnd + kSilence + 1.0) continue;
        back = true;
        EXPECT_FALSE(r["leaderActive"].get<bool>()) << "still following at frame " << r["frame"];
        EXPECT_FALSE(r["visitor"].get<bool>());
        EXPECT_NEAR(loopDifference(r["scenario"], sharedTourSeconds(t, kEpoch, period), period), 0.0, 2e-3)
            << "frame " << r["frame"] << " is not on the shared tour clock";
    }
    EXPECT_TRUE(back) << "the follower stopped before the lead's silence was over";
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        followerOut, m, std::regex(R"(wall: (\d+) accepted, 0 malformed, 0 forged, 0 replayed, 0 stale)")))
        << followerOut;
    EXPECT_EQ(std::stol(m[1]), static_cast<long>(sent.size())) << "every message the lead sent was accepted";
}

TEST(WallLink, TwoScreensStartedTenSecondsApartShowTheSameTourMoment) {
    test::TempDir dir;
    const std::string scenario = wallScenario(dir), key = keyFile(dir);
    const double period = tourLength(scenario);
    const std::string args = common(scenario) + " --wall-key '" + key + "'";
    auto [first, port1] = startFollower("first", args + " --headless-seconds 120", dir);
    const StopAtEnd guard{first};
    ASSERT_GT(port1, 0);
    const double firstShown = rows(first.trace).front()["unix"];
    std::this_thread::sleep_for(std::chrono::duration<double>(10.0 - (unixNow() - firstShown)));
    auto [second, port2] = startFollower("second", args + " --headless-seconds 4", dir);
    ASSERT_GT(port2, 0);
    ASSERT_TRUE(waitFor([&] { return finished(second); }, 120.0));
    stop(first);
    ASSERT_TRUE(waitFor([&] { return finished(first); }, 120.0));
    EXPECT_EQ(slurp(first.rc), "0\n") << slurp(first.log);
    EXPECT_EQ(slurp(second.rc), "0\n") << slurp(second.log);
    const std::vector<json> a = rows(first.trace), b = rows(second.trace);
    ASSERT_GT(b.front()["unix"].get<double>() - a.front()["unix"].get<double>(), 9.5);
    // Rows matched by system time: the tour moments differ by the time between the two frames, within a
    // frame period of 60 Hz.
    long compared = 0;
    for (const json& rb : b) {
        const double tb = rb["unix"];
        const json* nearest = nullptr;
        for (const json& ra : a)
            if (!nearest ||
                std::abs(ra["unix"].get<double>() - tb) < std::abs((*nearest)["unix"].get<double>() - tb))
                nearest = &ra;
        const double ta = (*nearest)["unix"];
        if (std::abs(ta - tb) > 0.25) continue; // the first screen had stopped
        ++compared;
        EXPECT_NEAR(loopDifference(rb["scenario"], (*nearest)["scenario"], period), tb - ta, kFrame)
            << "at " << std::fixed << tb;
    }
    EXPECT_GT(compared, 5) << "the two screens' runs did not overlap";
    for (const json& r : b)
        EXPECT_NEAR(loopDifference(r["scenario"], sharedTourSeconds(r["unix"], kEpoch, period), period), 0.0,
                    2e-3);
}

TEST(WallLink, ForgedReplayedStaleAndMalformedPacketsAreIgnoredAndCounted) {
    test::TempDir dir;
    const std::string scenario = wallScenario(dir), key = keyFile(dir);
    auto [follower, port] =
        startFollower("follower", common(scenario) + " --wall-key '" + key + "' --headless-seconds 6", dir);
    ASSERT_GT(port, 0);
    auto wallKey = readWallKey(key);
    ASSERT_TRUE(wallKey) << wallKey.error().toString();
    WallKey otherKey = *wallKey;
    otherKey.bytes[0] ^= 0xff;

    WallMessage m;
    m.sender = 99;
    m.sequence = 1;
    m.sentAt = unixNow();
    m.state.stage = 1;
    m.state.visitor = true;
    m.state.scenarioSeconds = 2.0;
    m.state.camera.target = {1.0e5, 2.0e5, 900.0};
    m.state.camera.distance = 4.0e5;
    m.state.camera.heading = 33.0;
    const auto good = encodeWallMessage(m, *wallKey);
    sendTo(port, {good.begin(), good.end()});
    sendTo(port, {good.begin(), good.end()}); // the same again: a replay
    WallMessage forged = m;
    forged.sequence = 2;
    forged.state.camera.heading = 200.0;
    const auto wrongKey = encodeWallMessage(forged, otherKey);
    sendTo(port, {wrongKey.begin(), wrongKey.end()});
    WallMessage stale = m;
    stale.sequence = 3;
    stale.sentAt -= 60.0;
    const auto old = encodeWallMessage(stale, *wallKey);
    sendTo(port, {old.begin(), old.end()});
    sendTo(port, std::vector<std::uint8_t>(10, 0x51));   // too short
    sendTo(port, std::vector<std::uint8_t>(3000, 0x51)); // too long
    ASSERT_TRUE(waitFor([&] { return finished(follower); }, 120.0));
    const std::string out = slurp(follower.log);
    EXPECT_EQ(slurp(follower.rc), "0\n") << out;
    EXPECT_NE(out.find("wall: 1 accepted, 2 malformed, 1 forged, 1 replayed, 1 stale"), std::string::npos)
        << out;
    // Only the genuine message was shown.
    long shown = 0;
    for (const json& r : rows(follower.trace)) {
        if (!r["leaderActive"].get<bool>()) continue;
        ++shown;
        EXPECT_EQ(r["sequence"], 1);
        EXPECT_EQ(r["camera"][4], 33.0);
    }
    EXPECT_GT(shown, 0);
}

// Run by ctest under xvfb-run (kiosk_wall_under_xvfb): the exhibition screen's own frame loop.
TEST(WallLinkWindowed, TheWindowedKioskKeepsTheSharedTourClockAndFollowsTheLead) {
    test::TempDir dir;
    const std::string scenario = wallScenario(dir), key = keyFile(dir);
    const double period = tourLength(scenario);
    auto [screen, port] = startFollower(
        "windowed", common(scenario) + " --windowed --max-frames 60 --wall-key '" + key + "'", dir, true);
    ASSERT_GT(port, 0);
    auto wallKey = readWallKey(key);
    ASSERT_TRUE(wallKey);
    // A lead played by the test: a message every 20 ms once the screen has shown a few frames on its own.
    ASSERT_TRUE(waitFor([&] { return finished(screen) || rows(screen.trace).size() >= 5; }, 60.0));
    WallMessage m;
    m.sender = 7;
    m.state.stage = 2;
    m.state.visitor = true;
    m.state.scenarioSeconds = 1.5;
    m.state.camera.target = {-2.0e5, 3.0e5, 1500.0};
    m.state.camera.distance = 3.5e5;
    m.state.camera.heading = 21.0;
    m.state.camera.pitch = 40.0;
    const double until = unixNow() + 120.0;
    while (!finished(screen) && unixNow() < until) {
        ++m.sequence;
        m.sentAt = unixNow();
        const auto bytes = encodeWallMessage(m, *wallKey);
        sendTo(port, {bytes.begin(), bytes.end()});
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(finished(screen));
    EXPECT_EQ(slurp(screen.rc), "0\n") << slurp(screen.log);
    long own = 0, led = 0;
    for (const json& r : rows(screen.trace)) {
        if (r["leaderActive"].get<bool>()) {
            ++led;
            EXPECT_EQ(r["camera"], json({-2.0e5, 3.0e5, 1500.0, 3.5e5, 21.0, 40.0, 30.0})) << r;
            EXPECT_EQ(r["stage"], 2) << r;
        } else if (led == 0) {
            ++own;
            EXPECT_NEAR(loopDifference(r["scenario"], sharedTourSeconds(r["unix"], kEpoch, period), period),
                        0.0, 2e-3)
                << r;
        }
    }
    EXPECT_GE(own, 5);
    EXPECT_GT(led, 10) << slurp(screen.log);
}

TEST(WallLinkErrors, TheKeyIsRequiredAndBadAddressesAreNamed) {
    test::TempDir dir;
    const std::string key = keyFile(dir);
    test::ShellRun r = test::shell(env(dir) + "--wall-lead --wall-peers 127.0.0.1:9 --max-frames 1");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--wall-key: required"), std::string::npos) << r.out;
    r = test::shell(env(dir) + "--wall-lead --wall-peers screen2 --wall-key '" + key + "'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--wall-peers: expected HOST:PORT, found 'screen2'"), std::string::npos) << r.out;
    r = test::shell(env(dir) + "--wall-lead --wall-peers 127.0.0.1:70000 --wall-key '" + key + "'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("port 70000 out of range"), std::string::npos) << r.out;
    r = test::shell(env(dir) + "--wall-group 127.0.0.1:4000 --wall-key '" + key + "' --wall-lead");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--wall-group: '127.0.0.1' is not a multicast address"), std::string::npos) << r.out;
    r = test::shell(env(dir) + "--wall-listen 127.0.0.1:4000 --wall-key '" + dir.file("missing.key") + "'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("missing.key"), std::string::npos) << r.out;
    r = test::shell(env(dir) + "--wall-epoch yesterday");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--wall-epoch: expected Unix seconds or an ISO 8601 UTC time"), std::string::npos)
        << r.out;
    // A port already bound is refused by name, at once.
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a), 0);
    socklen_t size = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size);
    r = test::shell(env(dir) + "--wall-listen 127.0.0.1:" + std::to_string(ntohs(a.sin_port)) +
                    " --wall-key '" + key + "'");
    close(fd);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("--wall-listen: cannot listen on 127.0.0.1:"), std::string::npos) << r.out;
}

} // namespace
} // namespace qinba
