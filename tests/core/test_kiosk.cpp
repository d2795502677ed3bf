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

} // namespace
} // namespace qinba
