#include "qinba/app/frame_loop.h"

#include <algorithm>

namespace qinba::app {

FrameLoop::FrameLoop(ViewerSession& session, const Clock& clock, double maxStep)
    : session_(session), clock_(clock), maxStep_(maxStep), last_(clock.seconds()) {}

void FrameLoop::step(FrameDriver& driver) {
    driver.beginFrame();
    const double now = clock_.seconds();
    const double frameSeconds = now - last_;
    const double dt = std::clamp(frameSeconds, 0.0, maxStep_);
    last_ = now;
    session_.advance(dt);
    driver.afterAdvance(dt, frameSeconds);
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
