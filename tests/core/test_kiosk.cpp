// The kiosk's attract/visitor state machine on an injected clock.

#include <gtest/gtest.h>

#include <cmath>

#include "qinba/core/clock.h"
#include "qinba/core/kiosk.h"

namespace qinba {
namespace {

TEST(Kiosk, AttractLoopsUntilAVisitorTakesOver) {
    ManualClock clock;
    KioskStateMachine k(60.0, 100.0, clock.seconds());
    EXPECT_EQ(k.state(), KioskState::Attract);
    clock.advance(250.0);
    EXPECT_FALSE(k.update(clock.seconds(), false));
    EXPECT_DOUBLE_EQ(k.attractSeconds(clock.seconds()), 50.0) << "loops every 100 s";
    EXPECT_TRUE(k.update(clock.seconds(), true));
    EXPECT_EQ(k.state(), KioskState::Visitor);
    EXPECT_DOUBLE_EQ(k.attractSeconds(clock.seconds()), 0.0);
}

TEST(Kiosk, IdleTimeoutReturnsToTheStartOfTheLoop) {
    ManualClock clock;
    KioskStateMachine k(60.0, 100.0, clock.seconds());
    clock.advance(10.0);
    k.update(clock.seconds(), true); // visitor at t = 10
    clock.advance(30.0);
    k.update(clock.seconds(), true); // still busy at t = 40
    clock.advance(59.0);
    EXPECT_FALSE(k.update(clock.seconds(), false));
    EXPECT_EQ(k.state(), KioskState::Visitor);
    EXPECT_DOUBLE_EQ(k.secondsUntilAttract(clock.seconds()), 1.0);
    clock.advance(1.5);
    EXPECT_TRUE(k.update(clock.seconds(), false));
    EXPECT_EQ(k.state(), KioskState::Attract);
    EXPECT_DOUBLE_EQ(k.attractSeconds(clock.seconds()), 0.5) << "the loop restarted when the 60 s were up";
}

TEST(Kiosk, NoDriftAfterDaysAtAnyFrameRate) {
    // Three days of attract at 60 fps and at an uneven frame rate end at the same point of the tour.
    ManualClock a, b;
    KioskStateMachine ka(90.0, 127.0, 0.0), kb(90.0, 127.0, 0.0);
    const double days = 3 * 24 * 3600.0;
    for (double t = 0; t < days; t += 1.0 / 60.0 * 997) { // coarse steps keep the test quick
        a.set(t);
        ka.update(a.seconds(), false);
    }
    for (double t = 0; t < days; t += 0.7321 * 977) {
        b.set(t);
        kb.update(b.seconds(), false);
    }
    EXPECT_NEAR(ka.attractSeconds(days), kb.attractSeconds(days), 1e-6);
    EXPECT_NEAR(ka.attractSeconds(days), std::fmod(days, 127.0), 1e-6);
}

TEST(FrameClock, FollowsTheClockExactlyOverDaysOfFramesAndClampsOnlyStalls) {
    // Ten million frames at 60 fps (46 hours), starting 30 days into the machine's uptime: the animation time
    // is the clock's, to the nanosecond; a sum of frame steps drifts by far more.
    const double boot = 30 * 86400.0;
    FrameClock frames(boot, 5.0, 0.25);
    double summed = 5.0;
    FrameClock::Tick tick{};
    const long n = 10'000'000;
    for (long i = 1; i <= n; ++i) {
        tick = frames.tick(boot + static_cast<double>(i) / 60.0);
        summed += tick.dt;
    }
    EXPECT_NEAR(tick.time, 5.0 + static_cast<double>(n) / 60.0, 1e-9);
    EXPECT_NEAR(tick.dt, 1.0 / 60.0, 1e-9);
    EXPECT_GT(std::abs(summed - tick.time), 1e-8) << "the sum of steps this replaces drifts";
    // A stall of 10 s counts as 0.25 s; the frames after it step normally again.
    const double stalled = boot + n / 60.0 + 10.0;
    tick = frames.tick(stalled);
    EXPECT_DOUBLE_EQ(tick.dt, 0.25);
    EXPECT_NEAR(tick.frameSeconds, 10.0, 1e-6);
    EXPECT_NEAR(tick.time, 5.0 + n / 60.0 + 0.25, 1e-9);
    tick = frames.tick(stalled + 0.5 / 60.0);
    EXPECT_NEAR(tick.dt, 0.5 / 60.0, 1e-9);
    // A clock that steps back (it should not) never runs the animation backwards.
    tick = frames.tick(stalled);
    EXPECT_EQ(tick.dt, 0.0);
}

} // namespace
} // namespace qinba
