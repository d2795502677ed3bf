#pragma once
// The kiosk's side of a video wall: the screens of a wall keep in step without a server. The attract tour's
// moment comes from the system clock (kept equal by NTP/chrony) and a shared epoch, so screens started at
// different times show the same moment. The lead screen (--wall-lead) sends its state every frame: camera
// (the whole wall's), stage, scenario time, visitor flag. A follower shows the latest state it accepted
// while the lead is heard; after WallFollower's silence (3 s) it cuts back at once to the shared tour clock.
// Visitors' input on a follower is ignored while the lead is heard.

#include "qinba/app/kiosk_director.h"
#include "qinba/app/viewer_session.h"
#include "qinba/app/wall_link.h"
#include "qinba/core/result.h"
#include "qinba/core/wall_sync.h"

#include <fstream>
#include <memory>
#include <optional>
#include <string>

namespace qinba::app {

/// The kiosk's wall options, as given on the command line.
struct WallOptions {
    bool lead = false;  ///< --wall-lead: this screen sends
    std::string peers;  ///< --wall-peers HOST:PORT,...: unicast destinations of the lead
    std::string group;  ///< --wall-group ADDR:PORT: multicast group the lead sends to and followers join
    std::string listen; ///< --wall-listen [ADDR:]PORT: where a follower receives (default address 0.0.0.0)
    std::string key;    ///< --wall-key FILE: the shared HMAC key (required with any wall option)
    std::string
        epoch; ///< --wall-epoch: Unix seconds or ISO 8601 UTC; empty: the tour starts with the process
    /// Whether any wall option was given.
    bool any() const {
        return lead || !peers.empty() || !group.empty() || !listen.empty() || !key.empty() || !epoch.empty();
    }
};

/// What the screen shows this frame, as the wall messages carry it.
WallState currentWallState(const AppContext& ctx, bool visitor);

class KioskWall {
  public:
    /// Checks the options (which combinations make sense, the key file, the addresses) and opens the
    /// sockets. Errors name the option.
    static Result<std::unique_ptr<KioskWall>> open(const WallOptions& options);

    /// The shared epoch (Unix seconds), when given: the attract tour then runs on the system clock.
    std::optional<double> epoch() const { return epoch_; }
    bool lead() const { return sender_.has_value(); }
    /// True on a follower while the lead is heard: local visitors' input is to be ignored.
    bool following() const { return active_; }

    /// Once a frame, after the session's commands and before it renders: the lead sends its state; a
    /// follower reads what arrived and shows the lead's state, or the shared tour clock. `frameUnix`: the
    /// frame's clock reading (Unix seconds, the system clock); `unixNow`: the system clock now.
    void frame(AppContext& ctx, ViewerSession& session, KioskDirector& director, double frameUnix,
               double unixNow);

    /// The state sent or applied this frame, and the sequence number of that message (0: none).
    const WallState& state() const { return state_; }
    std::uint64_t sequence() const { return sequence_; }
    const WallCounts& counts() const { return follower_ ? follower_->counts() : noCounts_; }
    /// One line for the log (once a minute) and the end of the run: what was sent, or what was received and
    /// refused.
    std::string summary() const;

  private:
    KioskWall() = default;
    void follow(AppContext& ctx, ViewerSession& session, KioskDirector& director, double frameUnix,
                double unixNow);
    void logCounts(double unixNow);

    std::optional<double> epoch_;
    std::optional<WallSender> sender_;
    std::optional<WallReceiver> receiver_;
    std::optional<WallFollower> follower_;
    WallCounts noCounts_;
    WallState state_;
    std::uint64_t sequence_ = 0, sent_ = 0;
    bool active_ = false;
    double lastLog_ = 0.0;
};

/// Per-frame JSON lines for tests and for checking a wall: {"frame", "unix" (the frame's clock reading),
/// "at" (when the wall message was sent or the packets read), "scenario" (seconds into the tour, or into
/// the stage while a visitor drives), "stage", "camera" [target x, y, z (m), distance (m), heading, pitch,
/// vertical field of view (degrees)], "visitor", "leaderActive", "sequence"}.
class KioskTrace {
  public:
    static Result<KioskTrace> open(const std::string& path);
    void write(long frame, double unix, double at, const WallState& state, bool leaderActive,
               std::uint64_t sequence);

  private:
    explicit KioskTrace(std::ofstream out) : out_(std::move(out)) {}
    std::ofstream out_;
};

/// The end of a kiosk frame (FrameDriver::beforeRender): the wall's exchange, then the trace's line; either
/// may be null. `frame` counts from 0.
void wallAndTraceFrame(KioskWall* wall, KioskTrace* trace, long frame, AppContext& ctx,
                       ViewerSession& session, KioskDirector& director, double frameUnix, double unixNow);

} // namespace qinba::app
