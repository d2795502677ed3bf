#include "qinba/app/kiosk_wall.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace qinba::app {

namespace {

constexpr double kLogPeriod = 60.0; ///< seconds between the follower's counts in the log

} // namespace

WallState currentWallState(const AppContext& ctx, bool visitor) {
    WallState s;
    s.visitor = visitor;
    s.stage = static_cast<int>(ctx.view.playback.stage);
    s.camera = ctx.view.camera;
    s.scenarioSeconds = !ctx.view.tour.tour.empty() ? ctx.view.tour.seconds
                                                    : std::max(ctx.time - ctx.view.playback.stageStart, 0.0);
    return s;
}

Result<std::unique_ptr<KioskWall>> KioskWall::open(const WallOptions& o) {
    std::unique_ptr<KioskWall> wall(new KioskWall());
    if (!o.epoch.empty()) {
        auto epoch = parseWallEpoch(o.epoch);
        if (!epoch) return epoch.error();
        wall->epoch_ = *epoch;
    }
    const bool linked = o.lead || !o.peers.empty() || !o.group.empty() || !o.listen.empty();
    if (!linked) {
        if (!o.key.empty())
            return Error{"", "--wall-key",
                         _("a key without --wall-lead, --wall-peers, --wall-group or --wall-listen does "
                           "nothing")};
        return wall; // --wall-epoch alone: screens in step without a lead
    }
    // The wall is a network service: nothing is sent or listened to without the shared key.
    if (o.key.empty())
        return Error{"", "--wall-key",
                     _("required with the other wall options (make one with: openssl rand -hex 32 > "
                       "wall.key, and copy it to every screen)")};
    auto key = readWallKey(o.key);
    if (!key) return key.error();
    std::optional<WallEndpoint> group;
    if (!o.group.empty()) {
        auto g = parseWallEndpoint(o.group, "--wall-group");
        if (!g) return g.error();
        group = *g;
    }
    if (o.lead) {
        if (!o.listen.empty())
            return Error{"", "--wall-listen",
                         _("the lead screen sends and does not listen; give it to the "
                           "other screens")};
        if (o.peers.empty() && !group)
            return Error{"", "--wall-lead",
                         _("expected --wall-peers HOST:PORT,... or --wall-group ADDR:PORT")};
        std::vector<WallEndpoint> peers;
        if (!o.peers.empty()) {
            auto p = parseWallPeers(o.peers, "--wall-peers");
            if (!p) return p.error();
            peers = std::move(*p);
        }
        auto sender = WallSender::open(peers, group, std::move(*key));
        if (!sender) return sender.error();
        wall->sender_.emplace(std::move(*sender));
        std::string to;
        for (const std::string& d : wall->sender_->destinations())
            to += (to.empty() ? "" : ", ") + d;
        spdlog::info("{}", formatText(_("wall: lead screen, sending to {}"), to));
        return wall;
    }
    if (!o.peers.empty())
        return Error{"", "--wall-peers", _("only the lead screen (--wall-lead) sends to peers")};
    WallEndpoint listen;
    if (!o.listen.empty()) {
        auto l = parseWallEndpoint(o.listen, "--wall-listen", true);
        if (!l) return l.error();
        listen = *l;
        if (group && listen.port != group->port)
            return Error{"", "--wall-listen",
                         formatText(_("port {} differs from the group's port {}"), listen.port, group->port)};
    } else {
        listen.port = group->port;
    }
    auto receiver = WallReceiver::open(listen, group, o.listen.empty() ? "--wall-group" : "--wall-listen");
    if (!receiver) return receiver.error();
    wall->receiver_.emplace(std::move(*receiver));
    wall->follower_.emplace(std::move(*key));
    spdlog::info("{}", formatText(_("wall: following the lead screen on port {}"), listen.port));
    return wall;
}

void KioskWall::frame(AppContext& ctx, ViewerSession& session, KioskDirector& director, double frameUnix,
                      double unixNow) {
    logCounts(unixNow);
    if (follower_) return follow(ctx, session, director, frameUnix, unixNow);
    if (epoch_ && director.attract())
        director.syncTour(sharedTourSeconds(frameUnix, *epoch_, director.tourSeconds()));
    state_ = currentWallState(ctx, !director.attract());
    // The tour too is sent: followers then show exactly this frame, whatever their clocks.
    if (sender_) sequence_ = sender_->send(state_, unixNow), ++sent_;
}

void KioskWall::follow(AppContext& ctx, ViewerSession& session, KioskDirector& director, double frameUnix,
                       double unixNow) {
    receiver_->drain(*follower_, unixNow);
    const bool wasActive = active_;
    active_ = follower_->leaderActive(unixNow);
    if (!active_) {
        sequence_ = 0;
        // Back to the tour at once: on the shared clock, or (without an epoch) from its start.
        if (epoch_ && director.attract())
            director.syncTour(sharedTourSeconds(frameUnix, *epoch_, director.tourSeconds()));
        else if (wasActive && ctx.view.tour.tour.empty())
            director.syncTour(0.0);
        state_ = currentWallState(ctx, !director.attract());
        return;
    }
    const WallMessage& m = follower_->latest();
    const WallState& s = m.state;
    sequence_ = m.sequence;
    StagePlayback& pb = ctx.view.playback;
    const std::size_t stages = ctx.document.scenario ? ctx.document.scenario->stages.size() : 0;
    if (!s.visitor) {
        director.syncTour(s.scenarioSeconds); // the tour's captions and layers, as on the lead
    } else {
        session.stopTour();
        pb.playing = false;
        pb.stageStart = ctx.time - s.scenarioSeconds;
    }
    if (static_cast<std::size_t>(s.stage) < stages && pb.stage != static_cast<std::size_t>(s.stage)) {
        pb.previous = pb.stage;
        pb.stage = static_cast<std::size_t>(s.stage);
    }
    ctx.view.flight.reset();
    ctx.view.camera = s.camera;
    state_ = currentWallState(ctx, s.visitor);
}

void KioskWall::logCounts(double unixNow) {
    if (unixNow - lastLog_ < kLogPeriod) return;
    if (lastLog_ > 0.0) spdlog::info("{}", summary());
    lastLog_ = unixNow;
}

std::string KioskWall::summary() const {
    if (sender_)
        return formatText(_("wall: {} messages sent to {} destinations, {} sends failed"), sent_,
                          sender_->destinations().size(), sender_->sendFailures());
    if (!follower_) return formatText(_("wall: no link; tour on the shared clock"));
    const WallCounts& c = follower_->counts();
    return formatText(_("wall: {} accepted, {} malformed, {} forged, {} replayed, {} stale"), c.accepted,
                      c.malformed, c.forged, c.replayed, c.stale);
}

Result<KioskTrace> KioskTrace::open(const std::string& path) {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return Error{path, "--trace", _("cannot write the trace file")};
    return KioskTrace(std::move(out));
}

void KioskTrace::write(long frame, double unix, double at, const WallState& s, bool leaderActive,
                       std::uint64_t sequence) {
    const OrbitCamera& c = s.camera;
    const nlohmann::json row = {
        {"frame", frame},
        {"unix", unix},
        {"at", at},
        {"scenario", s.scenarioSeconds},
        {"stage", s.stage},
        {"camera", {c.target.x, c.target.y, c.target.z, c.distance, c.heading, c.pitch, c.fovY}},
        {"visitor", s.visitor},
        {"leaderActive", leaderActive},
        {"sequence", sequence}};
    out_ << row.dump() << '\n';
    out_.flush(); // a test reads it while the kiosk runs
}

void wallAndTraceFrame(KioskWall* wall, KioskTrace* trace, long frame, AppContext& ctx,
                       ViewerSession& session, KioskDirector& director, double frameUnix, double unixNow) {
    if (wall) wall->frame(ctx, session, director, frameUnix, unixNow);
    if (!trace) return;
    if (wall)
        trace->write(frame, frameUnix, unixNow, wall->state(), wall->following(), wall->sequence());
    else
        trace->write(frame, frameUnix, unixNow, currentWallState(ctx, !director.attract()), false, 0);
}

} // namespace qinba::app
