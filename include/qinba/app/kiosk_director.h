#pragma once
// The kiosk's attract loop over a viewer session: the attract tour plays until a visitor does something, and
// comes back after a quiet spell (KioskStateMachine in core decides when).

#include "qinba/app/viewer_session.h"
#include "qinba/core/kiosk.h"

#include <string>

namespace qinba::app {

class KioskDirector {
  public:
    /// Starts the attract tour `tour` (it must exist in the session's scenario) at its beginning.
    KioskDirector(AppContext& ctx, ViewerSession& session, std::string tour, double idleSeconds);

    /// After the frame's advance(): `interacted` is whether a visitor did anything this frame.
    void update(bool interacted);
    bool attract() const { return machine_.state() == KioskState::Attract; }
    double secondsUntilAttract() const { return machine_.secondsUntilAttract(ctx_.time); }
    /// The attract tour's id and length of one loop, seconds.
    const std::string& tour() const { return tour_; }
    double tourSeconds() const { return tourSeconds_; }
    /// Puts the attract tour at `seconds` into its loop, playing, unless it is already there (within a
    /// millisecond, modulo the loop): a video wall's tour clock (the shared epoch, or the lead's position)
    /// instead of this process's own. Call after the session's advance; it sets this frame's moment.
    void syncTour(double seconds);

  private:
    AppContext& ctx_;
    ViewerSession& session_;
    std::string tour_;
    double tourSeconds_;
    KioskStateMachine machine_;
};

} // namespace qinba::app
