// The video wall's addresses and epoch as given on the command line, and its sockets in one process over
// 127.0.0.1: what the lead sends arrives whole at a follower; an oversized packet is refused, not truncated.
#include "qinba/app/wall_link.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace qinba;
using namespace qinba::app;

TEST(WallOptions, EpochsAreUnixSecondsOrIsoUtc) {
    EXPECT_EQ(*parseWallEpoch("1798761600"), 1798761600.0);
    EXPECT_EQ(*parseWallEpoch("1798761600.25"), 1798761600.25);
    EXPECT_EQ(*parseWallEpoch("2027-01-01T00:00:00Z"), 1798761600.0);
    EXPECT_EQ(*parseWallEpoch("2027-01-01 08:30:00.5+00:00"), 1798761600.0 + 8.5 * 3600 + 0.5);
    for (const char* bad : {"", "soon", "2027-01-01T00:00:00", "2027-01-01T00:00:00+08:00",
                            "2027-13-01T00:00:00Z", "2027-02-30T00:00:00Z", "-5", "nan"}) {
        auto r = parseWallEpoch(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_NE(r.error().toString().find("--wall-epoch: expected Unix seconds or an ISO 8601 UTC time"),
                  std::string::npos);
    }
}

TEST(WallOptions, EndpointsAndPeerLists) {
    auto e = parseWallEndpoint("screen-2.local:47000", "--wall-peers");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->host, "screen-2.local");
    EXPECT_EQ(e->port, 47000);
    e = parseWallEndpoint("[::1]:5000", "--wall-peers");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->host, "::1");
    e = parseWallEndpoint("47000", "--wall-listen", true);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->host.empty());
    EXPECT_FALSE(parseWallEndpoint("47000", "--wall-peers"));
    EXPECT_FALSE(parseWallEndpoint("host:", "--wall-peers"));
    EXPECT_FALSE(parseWallEndpoint("host:0", "--wall-peers"));
    EXPECT_FALSE(parseWallEndpoint("::1:5000", "--wall-peers")); // IPv6 needs brackets
    auto peers = parseWallPeers("10.0.0.2:47000,10.0.0.3:47000", "--wall-peers");
    ASSERT_TRUE(peers);
    EXPECT_EQ(peers->size(), 2u);
    auto bad = parseWallPeers("10.0.0.2:47000,,10.0.0.3:47000", "--wall-peers");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().toString(), "--wall-peers: expected HOST:PORT, found ''");
}

namespace {

WallKey testKey() {
    WallKey k;
    for (int i = 0; i < 32; ++i)
        k.bytes.push_back(static_cast<std::uint8_t>(i * 7 + 3));
    return k;
}

/// Binds a follower to a free 127.0.0.1 port (tried from a range); returns the receiver and the port.
std::pair<std::optional<WallReceiver>, int> bindFree() {
    const int base = 30000 + static_cast<int>((getpid() * 53) % 20000);
    for (int i = 0; i < 20; ++i) {
        const int port = base + i * 13;
        auto r = WallReceiver::open({"127.0.0.1", port}, std::nullopt);
        if (r) return {std::move(*r), port};
    }
    return {std::nullopt, 0};
}

} // namespace

TEST(WallSockets, TheLeadsMessagesArriveWholeAndOversizedPacketsAreRefused) {
    auto [receiver, port] = bindFree();
    ASSERT_TRUE(receiver);
    auto sender = WallSender::open({{"127.0.0.1", port}}, std::nullopt, testKey());
    ASSERT_TRUE(sender) << sender.error().toString();
    ASSERT_EQ(sender->destinations(), std::vector<std::string>{"127.0.0.1:" + std::to_string(port)});
    WallFollower follower(testKey());
    const double now = 1.8e9;
    WallState s;
    s.stage = 4;
    s.visitor = true;
    s.scenarioSeconds = 3.25;
    s.camera.target = {1.5e5, -2.5e5, 1234.5};
    s.camera.heading = 12.0;
    EXPECT_EQ(sender->send(s, now), 1u);
    EXPECT_EQ(sender->send(s, now + 0.016), 2u);
    // An oversized packet from someone else.
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::vector<std::uint8_t> big(5000, 7);
    ASSERT_EQ(sendto(fd, big.data(), big.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to), 5000);
    close(fd);
    std::size_t read = 0;
    for (int i = 0; i < 100 && read < 3; ++i) { // loopback delivers at once; bounded all the same
        read += receiver->drain(follower, now + 0.02);
        if (read < 3) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(read, 3u);
    EXPECT_EQ(follower.counts().accepted, 2u);
    EXPECT_EQ(follower.counts().malformed, 1u);
    EXPECT_EQ(follower.latest().sequence, 2u);
    EXPECT_EQ(follower.latest().state.camera.target, s.camera.target);
    EXPECT_EQ(follower.latest().state.stage, 4);
    EXPECT_EQ(receiver->drain(follower, now + 0.03), 0u); // nothing waiting: returns at once
    EXPECT_EQ(sender->sendFailures(), 0u);
}
