// The kiosk's attract/visitor state machine on an injected clock.

#include "qinba/core/clock.h"
#include "qinba/core/kiosk.h"

#include <gtest/gtest.h>

#include <cmath>

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
    // is the clock's reading less the start, exactly. (A sum of the frame steps, as the frame loop kept
    // before, is off by about 1e-10 s here: harmless, but exactness is what makes every frame reproducible.)
    const double boot = 30 * 86400.0;
    FrameClock frames(boot, 5.0, 0.25);
    FrameClock::Tick tick{};
    const long n = 10'000'000;
    double reading = boot;
    for (long i = 1; i <= n; ++i) {
        reading = boot + static_cast<double>(i) / 60.0;
        tick = frames.tick(reading);
        ASSERT_EQ(tick.time, 5.0 + (reading - boot)) << "frame " << i;
    }
    EXPECT_NEAR(tick.dt, 1.0 / 60.0, 1e-9);
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
