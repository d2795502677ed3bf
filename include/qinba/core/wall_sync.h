#pragma once
// Video-wall synchronisation: the messages a lead kiosk sends to the other screens of a wall, and the
// rules a follower applies to them. No sockets here (src/app/wall_link.cpp carries the bytes); this is the
// wire format and the checks, so they are unit-tested and fuzzed.
//
// A message is 136 bytes, little-endian: "QBWL", version 1, kind, 2 reserved bytes, the sender's random id
// (u64), a sequence number (u64), the sender's system time (double, Unix seconds), the state (scenario time,
// stage, flags, camera) and an HMAC-SHA256 of everything before it, keyed with the wall's shared key. A
// follower accepts a message only when it is well formed, its MAC checks, its sequence number is above the
// last one accepted from that sender, and its time is within the allowed clock skew of its own.

#include "qinba/core/camera.h"
#include "qinba/core/result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace qinba {

/// The secret all screens of one wall share: 32 to 64 bytes, from a key file.
struct WallKey {
    std::vector<std::uint8_t> bytes;
};

/// Reads a key file: 64 to 128 hexadecimal digits (whitespace ignored), as `openssl rand -hex 32` writes.
/// Errors name the file and what was expected.
Result<WallKey> readWallKey(const std::filesystem::path& path);

/// What the lead screen tells the others each frame.
struct WallState {
    double scenarioSeconds = 0.0; ///< the animation's clock, seconds
    int stage = 0;                ///< index of the stage shown
    bool visitor = false;         ///< true while a visitor drives the lead screen (false: attract tour)
    OrbitCamera camera;           ///< the whole wall's camera (target in world metres)
};

/// One message on the wire.
struct WallMessage {
    std::uint64_t sender = 0;   ///< random id the lead picks at start
    std::uint64_t sequence = 0; ///< counts up from 1 for each message the sender sends
    double sentAt = 0.0;        ///< sender's system time, Unix seconds
    WallState state;
};

inline constexpr std::size_t kWallMessageBytes = 136;

/// The message's bytes, MAC included.
std::array<std::uint8_t, kWallMessageBytes> encodeWallMessage(const WallMessage& message, const WallKey& key);

/// Why a packet was refused.
enum class WallRejection {
    None,      ///< accepted
    Malformed, ///< wrong size, magic or version, or values out of range
    Forged,    ///< the MAC does not match this wall's key
    Replayed,  ///< sequence not above the last accepted from that sender, or an older sender
    Stale,     ///< sent more than the allowed skew away from the receiver's clock
};

/// Counts of what a follower received, for its log and status line.
struct WallCounts {
    std::uint64_t accepted = 0, malformed = 0, forged = 0, replayed = 0, stale = 0;
};

/// A follower's view of the lead: which messages it accepts, and whether the lead is still talking.
class WallFollower {
  public:
    /// `maxSkewSeconds`: how far a message's time may be from ours; `silenceSeconds`: how long without an
    /// accepted message before the follower goes back to the shared tour clock.
    WallFollower(WallKey key, double maxSkewSeconds = 5.0, double silenceSeconds = 3.0);

    /// Checks one received packet at our system time `now` (Unix seconds); on acceptance the state is kept.
    WallRejection receive(std::span<const std::uint8_t> packet, double now);

    /// True while the lead has been heard within the silence period.
    bool leaderActive(double now) const;
    /// The last accepted state (valid once anything was accepted).
    const WallMessage& latest() const { return latest_; }
    const WallCounts& counts() const { return counts_; }

  private:
    WallKey key_;
    double maxSkew_, silence_;
    WallMessage latest_;
    bool any_ = false;
    double heardAt_ = 0.0;
    WallCounts counts_;
};

/// Seconds into the attract tour at system time `unixSeconds`, for a tour of `periodSeconds` whose first loop
/// started at `epochSeconds`: every screen started with the same epoch shows the same moment, however late
/// it was started. Exact after months (one subtraction and one fmod of doubles, no sums).
double sharedTourSeconds(double unixSeconds, double epochSeconds, double periodSeconds);

} // namespace qinba
