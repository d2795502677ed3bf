#pragma once
// The video wall's network link: plain POSIX UDP sockets that carry the wall messages (core/wall_sync.h)
// from the lead kiosk to the others. The lead sends each message to every unicast peer (HOST:PORT, names
// or numbers) and to a multicast group (TTL 1: it never leaves the LAN segment; loopback on, so a follower
// on the lead's own PC hears it too). A follower binds a UDP port, never blocks, and each frame hands every
// packet waiting to its WallFollower, which checks the MAC, the sequence number and the time.

#include "qinba/core/result.h"
#include "qinba/core/wall_sync.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qinba::app {

/// A UDP address as given on the command line.
struct WallEndpoint {
    std::string host; ///< a name or a numeric IPv4/IPv6 address; empty: any address (binding only)
    int port = 0;     ///< 1 to 65535
};

/// Parses "HOST:PORT" ("[v6addr]:PORT" for IPv6 literals); with `hostOptional`, "PORT" alone too (host
/// empty). Errors name `option` and say what was expected.
Result<WallEndpoint> parseWallEndpoint(const std::string& text, const std::string& option,
                                       bool hostOptional = false);
/// Parses "HOST:PORT,HOST:PORT,..." (at least one).
Result<std::vector<WallEndpoint>> parseWallPeers(const std::string& text, const std::string& option);
/// Parses the wall's tour epoch: Unix seconds ("1798761600", fractions allowed) or ISO 8601 UTC
/// ("2027-01-01T00:00:00Z", the Z or +00:00 required, a space allowed for the T). Unix seconds out.
Result<double> parseWallEpoch(const std::string& text, const std::string& option = "--wall-epoch");

/// Sends wall messages: numbers them, stamps them with the sender's id and signs them.
class WallSender {
  public:
    /// Resolves every peer (getaddrinfo) and the group (a multicast address) and opens one socket per
    /// address family. Errors name `peersOption` or `groupOption` and the address at fault.
    static Result<WallSender> open(const std::vector<WallEndpoint>& peers, std::optional<WallEndpoint> group,
                                   WallKey key, const std::string& peersOption = "--wall-peers",
                                   const std::string& groupOption = "--wall-group");
    WallSender(WallSender&& other) noexcept;
    WallSender& operator=(WallSender&&) = delete;
    WallSender(const WallSender&) = delete;
    ~WallSender();

    /// Sends `state` to every destination, stamped with `unixNow` (seconds); returns the sequence number
    /// used. A destination that fails is counted (sendFailures()), never fatal: a screen may be off.
    std::uint64_t send(const WallState& state, double unixNow);
    std::uint64_t sendFailures() const { return failures_; }
    /// Each destination, as "address:port", for the log.
    const std::vector<std::string>& destinations() const { return names_; }

  private:
    WallSender() = default;
    struct Destination;
    std::vector<Destination> destinations_;
    std::vector<std::string> names_;
    int socket4_ = -1, socket6_ = -1;
    WallKey key_;
    std::uint64_t id_ = 0, sequence_ = 0, failures_ = 0;
};

/// Receives wall messages on a bound UDP port without blocking.
class WallReceiver {
  public:
    /// Binds `listen` (host empty: every address, 0.0.0.0) and, with `group`, joins that multicast group on
    /// the default interface. Errors (a bad address, a port in use) name `option`.
    static Result<WallReceiver> open(const WallEndpoint& listen, std::optional<WallEndpoint> group,
                                     const std::string& option = "--wall-listen");
    WallReceiver(WallReceiver&& other) noexcept;
    WallReceiver& operator=(WallReceiver&&) = delete;
    WallReceiver(const WallReceiver&) = delete;
    ~WallReceiver();

    /// Hands every packet waiting (at most `maxPackets`, so a flood cannot stall a frame) to `follower` at
    /// our time `unixNow`; returns how many were read. Oversized packets reach it whole-sized, so they are
    /// refused as malformed rather than read truncated.
    std::size_t drain(WallFollower& follower, double unixNow, std::size_t maxPackets = 1024);

  private:
    WallReceiver() = default;
    int socket_ = -1;
};

} // namespace qinba::app
