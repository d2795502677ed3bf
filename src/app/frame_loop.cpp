#include "qinba/app/frame_loop.h"

#include <algorithm>

namespace qinba::app {

FrameLoop::FrameLoop(ViewerSession& session, const Clock& clock, double maxStep)
    : session_(session), clock_(clock), time_(clock.seconds(), session.time(), maxStep) {}

void FrameLoop::step(FrameDriver& driver) {
    driver.beginFrame();
    const FrameClock::Tick tick = time_.tick(clock_.seconds());
    session_.advanceTo(tick.time);
    driver.afterAdvance(tick.dt, tick.frameSeconds);
    session_.handleCommands();
    session_.render();
    driver.present();
}

long FrameLoop::run(FrameDriver& driver, long maxFrames) {
    long frames = 0;
    while (driver.running() && (maxFrames == 0 || frames < maxFrames)) {
        step(driver);
        ++frames;
    }
    return frames;
}

} // namespace qinba::app
