// Video-wall messages: what a follower accepts from the lead and what it refuses and counts.
#include "test_support.h"

#include "qinba/core/wall_sync.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <vector>

using namespace qinba;

namespace {

WallKey key(std::uint8_t seed) {
    WallKey k;
    for (int i = 0; i < 32; ++i)
        k.bytes.push_back(static_cast<std::uint8_t>(seed + i * 13));
    return k;
}

constexpr double kNow = 1.80e9; // a Unix time in 2027

WallMessage message(std::uint64_t sequence, double sentAt = kNow, std::uint64_t sender = 42) {
    WallMessage m;
    m.sender = sender;
    m.sequence = sequence;
    m.sentAt = sentAt;
    m.state.scenarioSeconds = 12.5 + static_cast<double>(sequence);
    m.state.stage = 3;
    m.state.visitor = true;
    m.state.camera.target = {1.25e5, -3.5e4, 812.0};
    m.state.camera.distance = 6.0e4;
    m.state.camera.heading = 37.5;
    m.state.camera.pitch = 55.0;
    m.state.camera.fovY = 30.0;
    return m;
}

std::vector<std::uint8_t> bytes(const WallMessage& m, const WallKey& k) {
    const auto a = encodeWallMessage(m, k);
    return {a.begin(), a.end()};
}

} // namespace

TEST(WallSync, AFollowerTakesTheLeadersStateExactly) {
    WallFollower follower(key(1));
    EXPECT_FALSE(follower.leaderActive(kNow));
    ASSERT_EQ(follower.receive(bytes(message(1), key(1)), kNow + 0.01), WallRejection::None);
    const WallMessage& got = follower.latest();
    const WallMessage sent = message(1);
    EXPECT_EQ(got.sender, sent.sender);
    EXPECT_EQ(got.state.scenarioSeconds, sent.state.scenarioSeconds);
    EXPECT_EQ(got.state.stage, 3);
    EXPECT_TRUE(got.state.visitor);
    EXPECT_EQ(got.state.camera.target, sent.state.camera.target);
    EXPECT_EQ(got.state.camera.distance, sent.state.camera.distance);
    EXPECT_EQ(got.state.camera.heading, sent.state.camera.heading);
    EXPECT_EQ(got.state.camera.pitch, sent.state.camera.pitch);
    EXPECT_EQ(got.state.camera.fovY, sent.state.camera.fovY);
    EXPECT_EQ(follower.counts().accepted, 1u);
}

TEST(WallSync, ForgedReplayedTruncatedOversizedAndStalePacketsAreRefusedAndCounted) {
    WallFollower follower(key(1));
    ASSERT_EQ(follower.receive(bytes(message(5), key(1)), kNow), WallRejection::None);

    EXPECT_EQ(follower.receive(bytes(message(6), key(2)), kNow), WallRejection::Forged); // another wall's key
    auto tampered = bytes(message(6), key(1));
    tampered[60] ^= 0x01; // a changed camera coordinate
    EXPECT_EQ(follower.receive(tampered, kNow), WallRejection::Forged);
    EXPECT_EQ(follower.receive(bytes(message(5), key(1)), kNow), WallRejection::Replayed); // the same again
    EXPECT_EQ(follower.receive(bytes(message(4), key(1)), kNow), WallRejection::Replayed); // an older one
    auto truncated = bytes(message(7), key(1));
    truncated.pop_back();
    EXPECT_EQ(follower.receive(truncated, kNow), WallRejection::Malformed);
    auto oversized = bytes(message(7), key(1));
    oversized.resize(4096, 0);
    EXPECT_EQ(follower.receive(oversized, kNow), WallRejection::Malformed);
    EXPECT_EQ(follower.receive(std::vector<std::uint8_t>{}, kNow), WallRejection::Malformed);
    EXPECT_EQ(follower.receive(bytes(message(8, kNow - 60.0), key(1)), kNow), WallRejection::Stale);
    // A different sender (a restarted lead) is accepted only when newer than what was heard last.
    EXPECT_EQ(follower.receive(bytes(message(100, kNow - 1.0, 7), key(1)), kNow), WallRejection::Replayed);

    EXPECT_EQ(follower.latest().sequence, 5u); // nothing refused changed the state
    EXPECT_EQ(follower.receive(bytes(message(9), key(1)), kNow), WallRejection::None);
    EXPECT_EQ(follower.receive(bytes(message(1, kNow + 0.5, 7), key(1)), kNow), WallRejection::None);
    const WallCounts& c = follower.counts();
    EXPECT_EQ(c.accepted, 3u);
    EXPECT_EQ(c.forged, 2u);
    EXPECT_EQ(c.replayed, 3u);
    EXPECT_EQ(c.malformed, 3u);
    EXPECT_EQ(c.stale, 1u);
}

TEST(WallSync, SignedNonsenseIsMalformed) {
    // A key holder can still send nonsense (a bug in a lead): values out of range are refused.
    WallFollower follower(key(1));
    WallMessage m = message(1);
    m.state.camera.distance = std::nan("");
    EXPECT_EQ(follower.receive(bytes(m, key(1)), kNow), WallRejection::Malformed);
    m = message(1);
    m.state.camera.pitch = 120.0;
    EXPECT_EQ(follower.receive(bytes(m, key(1)), kNow), WallRejection::Malformed);
    m = message(0);
    EXPECT_EQ(follower.receive(bytes(m, key(1)), kNow), WallRejection::Malformed);
    EXPECT_EQ(follower.counts().malformed, 3u);
}

TEST(WallSync, TheFollowerFallsBackWhenTheLeaderFallsSilent) {
    WallFollower follower(key(1), 5.0, 3.0);
    ASSERT_EQ(follower.receive(bytes(message(1), key(1)), kNow), WallRejection::None);
    EXPECT_TRUE(follower.leaderActive(kNow + 2.9));
    EXPECT_FALSE(follower.leaderActive(kNow + 3.1));
}

TEST(WallSync, KeyFilesAreHexAndErrorsNameTheFile) {
    test::TempDir dir;
    const auto write = [&](const char* name, const std::string& text) {
        std::ofstream(dir.path() / name) << text;
        return dir.path() / name;
    };
    auto good = readWallKey(write("good.key", std::string(64, 'a') + "\n"));
    ASSERT_TRUE(good) << good.error().toString();
    EXPECT_EQ(good->bytes, std::vector<std::uint8_t>(32, 0xaa));
    auto shortKey = readWallKey(write("short.key", "abcd"));
    ASSERT_FALSE(shortKey);
    EXPECT_NE(shortKey.error().toString().find("short.key"), std::string::npos);
    EXPECT_NE(shortKey.error().toString().find("64 to 128"), std::string::npos);
    EXPECT_FALSE(readWallKey(write("text.key", std::string(64, 'z'))));
    EXPECT_FALSE(readWallKey(dir.path() / "missing.key"));
}

TEST(WallSync, TheSharedTourClockAgreesHoweverLateAScreenStarts) {
    const double epoch = 1.7e9, period = 95.0;
    // Two screens read the same system time: same tour moment, whenever each was started.
    EXPECT_DOUBLE_EQ(sharedTourSeconds(epoch + 1000.25, epoch, period), std::fmod(1000.25, period));
    // After 30 days the phase is still exact to well under a frame.
    const double thirtyDays = 30.0 * 86400.0;
    const double phase = 17.125;
    const double later = epoch + std::floor(thirtyDays / period) * period + phase;
    EXPECT_NEAR(sharedTourSeconds(later, epoch, period), phase, 1e-5);
    EXPECT_GE(sharedTourSeconds(epoch - 10.0, epoch, period), 0.0); // before the epoch: still in range
    EXPECT_NEAR(sharedTourSeconds(epoch - 10.0, epoch, period), period - 10.0, 1e-9);
}
