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

  private:
    AppContext& ctx_;
    ViewerSession& session_;
    std::string tour_;
    KioskStateMachine machine_;
};

} // namespace qinba::app
