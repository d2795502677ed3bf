#pragma once
// The one frame loop of the viewer, the kiosk and the kiosk's soak run. Each frame: the front end polls its
// input and draws its UI (FrameDriver::beginFrame), the session advances by the time the injected clock
// moved (at most maxStep), the front end reacts (afterAdvance: the kiosk's attract-tour director), the
// session carries out the commands, renders, and the front end presents the frame. The session's time is
// set from the clock's reading each frame (FrameClock), never summed from steps, so it stays exact over
// months of uptime.

#include "qinba/app/viewer_session.h"
#include "qinba/core/clock.h"

namespace qinba::app {

/// What differs between front ends.
class FrameDriver {
  public:
    virtual ~FrameDriver() = default;
    /// Whether to go on with another frame.
    virtual bool running() = 0;
    /// Polls input and draws the UI of this frame (ImGui::Render included).
    virtual void beginFrame() = 0;
    /// After the session advanced by `dt` seconds (the clamped step); `frameSeconds` is the unclamped time
    /// since the last frame.
    virtual void afterAdvance(double /*dt*/, double /*frameSeconds*/) {}
    /// Shows the frame (swap buffers) or waits for it (offscreen).
    virtual void present() {}
};

class FrameLoop {
  public:
    /// `clock` gives the time; a step longer than `maxStep` seconds (a stall, a breakpoint) is clamped. The
    /// session's time goes on from where it is.
    FrameLoop(ViewerSession& session, const Clock& clock, double maxStep = 0.25);

    /// One frame.
    void step(FrameDriver& driver);
    /// Frames until the driver stops or `maxFrames` have run (0: no limit); returns the frames run.
    long run(FrameDriver& driver, long maxFrames = 0);

  private:
    ViewerSession& session_;
    const Clock& clock_;
    FrameClock time_;
};

} // namespace qinba::app
