// Touch gestures on the map from recorded touch sequences: the camera they leave and the picks they ask for.
// A flat plain, so "the ground under the finger" is exact and the map must stick to the fingers.

#include "qinba/core/touch_gestures.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba {
namespace {

Dem plainDem() {
    return Dem(101, 101, {-50500.0, 50500.0}, 1000.0, std::vector<float>(101 * 101, 100.0f));
}

/// A finger script on an 800 x 600 view of the plain, with the clock in the script's hands.
struct Script {
    Script() : dem(plainDem()), surface(dem, 1.0) {
        view.viewport = {800, 600};
        view.surface = &surface;
        camera.target = {0.0, 0.0, 100.0};
        camera.distance = 40000.0;
        camera.pitch = 60.0;
        camera.heading = 0.0;
        camera.fovY = 30.0;
    }
    void send(TouchPhase phase, long id, glm::dvec2 at) { gestures.handle({phase, id, at, t}, camera, view); }
    void begin(long id, glm::dvec2 at) { send(TouchPhase::Begin, id, at); }
    void move(long id, glm::dvec2 at) { send(TouchPhase::Move, id, at); }
    void end(long id, glm::dvec2 at) { send(TouchPhase::End, id, at); }
    void wait(double seconds) {
        t += seconds;
        gestures.update(t, camera, view);
    }
    /// Fingers `a` and `b` from their positions to new ones in `steps` frames of 1/60 s.
    void twoFingers(glm::dvec2 a0, glm::dvec2 a1, glm::dvec2 b0, glm::dvec2 b1, int steps = 20) {
        for (int i = 1; i <= steps; ++i) {
            const double k = static_cast<double>(i) / steps;
            t += 1.0 / 60.0;
            move(1, a0 + (a1 - a0) * k);
            move(2, b0 + (b1 - b0) * k);
        }
    }
    glm::dvec3 ground(glm::dvec2 pixel) const {
        const auto hit = surface.intersect(
            screenRay(computeMatrices(camera, view.viewport, surface.box()), view.viewport, pixel));
        EXPECT_TRUE(hit) << pixel.x << "," << pixel.y;
        return hit.value_or(glm::dvec3(0.0));
    }
    glm::dvec2 pixelOf(glm::dvec3 world) const {
        const auto p =
            projectToScreen(computeMatrices(camera, view.viewport, surface.box()), view.viewport, world);
        EXPECT_TRUE(p);
        return p ? glm::dvec2(*p) : glm::dvec2(-1.0);
    }

    Dem dem;
    TerrainSurface surface;
    TouchView view;
    OrbitCamera camera;
    TouchGestures gestures;
    double t = 100.0;
};

void expectPixel(glm::dvec2 actual, glm::dvec2 expected, double tolerance, const char* what) {
    EXPECT_NEAR(actual.x, expected.x, tolerance) << what;
    EXPECT_NEAR(actual.y, expected.y, tolerance) << what;
}

TEST(TouchGestures, OneFingerPanKeepsTheGroundUnderTheFinger) {
    Script s;
    const glm::dvec3 grabbed = s.ground({400, 300});
    s.begin(1, {400, 300});
    for (int i = 1; i <= 20; ++i) {
        s.t += 1.0 / 60.0;
        s.move(1, glm::dvec2(400, 300) + glm::dvec2(150, 60) * (i / 20.0));
    }
    expectPixel(s.pixelOf(grabbed), {550, 360}, 0.5, "the grabbed point follows the finger");
    // Held still before lifting: no glide.
    s.t += 0.3;
    s.end(1, {550, 360});
    const OrbitCamera lifted = s.camera;
    s.wait(0.5);
    EXPECT_FALSE(s.gestures.active());
    EXPECT_EQ(s.camera.target, lifted.target);
    EXPECT_TRUE(s.gestures.takeGestures().empty()) << "a pan is no tap";
}

TEST(TouchGestures, AFlickedPanGlidesOnSlowsDownAndStops) {
    Script s;
    s.begin(1, {400, 300});
    for (int i = 1; i <= 6; ++i) {
        s.t += 1.0 / 60.0;
        s.move(1, {400.0 + 20.0 * i, 300.0});
    }
    s.end(1, {520, 300});
    ASSERT_TRUE(s.gestures.active()) << "a flick glides";
    const glm::dvec3 released = s.camera.target;
    std::vector<double> steps;
    for (int i = 0; i < 180 && s.gestures.active(); ++i) {
        const glm::dvec3 before = s.camera.target;
        s.wait(1.0 / 60.0);
        // The finger moved right, so the map does: the target moves west (heading 0 looks north).
        EXPECT_LE(s.camera.target.x, before.x);
        steps.push_back(before.x - s.camera.target.x);
    }
    EXPECT_FALSE(s.gestures.active()) << "the glide stops within 3 s";
    ASSERT_GT(steps.size(), 10u);
    EXPECT_GT(steps.front(), 0.0);
    EXPECT_LT(steps.back(), steps.front() * 0.1) << "the glide slows down";
    EXPECT_LT(s.camera.target.x, released.x - 1000.0) << "the glide carries the map on";
}

TEST(TouchGestures, PinchZoomsAboutTheCentroidAndTheGroundStaysUnderTheFingers) {
    Script s;
    const glm::dvec3 underA = s.ground({300, 300}), underB = s.ground({500, 300});
    const double distance = s.camera.distance;
    s.begin(1, {300, 300});
    s.begin(2, {500, 300});
    // Spread apart by half as much again, and moved right by 40 px.
    s.twoFingers({300, 300}, {290, 300}, {500, 300}, {590, 300});
    EXPECT_NEAR(s.camera.distance, distance / 1.5, distance * 0.01);
    expectPixel(s.pixelOf(underA), {290, 300}, 0.5, "finger A");
    expectPixel(s.pixelOf(underB), {590, 300}, 0.5, "finger B");
    // Fingers at different heights on the screen: the ground under them still follows them.
    const glm::dvec3 lowA = s.ground({300, 420}), highB = s.ground({480, 220});
    s.end(1, {290, 300});
    s.end(2, {590, 300});
    s.begin(1, {300, 420});
    s.begin(2, {480, 220});
    s.twoFingers({300, 420}, {340, 380}, {480, 220}, {460, 240});
    EXPECT_GT(s.camera.distance, distance / 1.5) << "closer fingers zoom out";
    expectPixel(s.pixelOf(lowA), {340, 380}, 0.5, "finger A");
    expectPixel(s.pixelOf(highB), {460, 240}, 0.5, "finger B");
    EXPECT_NEAR(s.camera.pitch, 60.0, 1e-9) << "a pinch never tilts";
}

TEST(TouchGestures, TwoFingerTurnRotatesTheMapWithTheFingers) {
    Script s;
    const glm::dvec2 c(400, 300);
    const auto at = [&](double degrees) {
        const double r = degrees * M_PI / 180.0;
        return glm::dvec2(std::cos(r), std::sin(r)) * 100.0;
    };
    const glm::dvec3 underA = s.ground(c + at(180)), underB = s.ground(c + at(0));
    s.begin(1, c + at(180));
    s.begin(2, c + at(0));
    for (int i = 1; i <= 30; ++i) { // 30° clockwise on the screen (y points down)
        s.t += 1.0 / 60.0;
        s.move(1, c + at(180 + i));
        s.move(2, c + at(i));
    }
    // The map turned clockwise with the fingers, so the camera turned anticlockwise: by 30° on the screen,
    // somewhat more on the ground as the view is tilted.
    EXPECT_GT(s.camera.heading, 315.0);
    EXPECT_LT(s.camera.heading, 331.0);
    expectPixel(s.pixelOf(underA), c + at(210), 0.5, "finger A");
    expectPixel(s.pixelOf(underB), c + at(30), 0.5, "finger B");
}

TEST(TouchGestures, TwoFingersDraggedDownTogetherTiltAndNothingElse) {
    Script s;
    const OrbitCamera before = s.camera;
    s.begin(1, {300, 200});
    s.begin(2, {500, 200});
    s.twoFingers({300, 200}, {302, 300}, {500, 200}, {498, 300});
    EXPECT_NEAR(s.camera.pitch, before.pitch + 100 * 0.2, 1e-6) << "100 px down: 20° steeper";
    EXPECT_NEAR(s.camera.heading, before.heading, 1e-9);
    EXPECT_NEAR(s.camera.distance, before.distance, 1e-6);
    EXPECT_EQ(glm::dvec2(s.camera.target), glm::dvec2(before.target));
    // Up again, past the limit: the pitch stops at the least the limits allow.
    s.end(1, {302, 300});
    s.end(2, {498, 300});
    s.begin(1, {300, 500});
    s.begin(2, {500, 500});
    s.twoFingers({300, 500}, {300, 0}, {500, 500}, {500, 0});
    EXPECT_DOUBLE_EQ(s.camera.pitch, s.view.limits.minPitch);
}

TEST(TouchGestures, ATapPicksTheGroundUnderTheFingerAndMovesNothing) {
    Script s;
    const glm::dvec3 place{12000.0, 8000.0, 100.0};
    const glm::dvec2 pixel = s.pixelOf(place);
    const OrbitCamera before = s.camera;
    s.begin(7, pixel);
    s.t += 0.1;
    s.move(7, pixel + glm::dvec2(3, -2)); // a finger is never quite still
    s.t += 0.05;
    s.end(7, pixel + glm::dvec2(3, -2));
    const std::vector<Gesture> g = s.gestures.takeGestures();
    ASSERT_EQ(g.size(), 1u);
    EXPECT_EQ(g[0].kind, GestureKind::Tap);
    const glm::dvec3 picked = s.ground(g[0].position);
    EXPECT_NEAR(picked.x, place.x, 150.0);
    EXPECT_NEAR(picked.y, place.y, 150.0);
    EXPECT_EQ(s.camera.target, before.target);
    EXPECT_EQ(s.camera.distance, before.distance);
}

TEST(TouchGestures, ADoubleTapZoomsInAboutTheTappedPoint) {
    Script s;
    const glm::dvec2 pixel{520, 380};
    const glm::dvec3 place = s.ground(pixel);
    const double distance = s.camera.distance;
    for (int tap = 0; tap < 2; ++tap) {
        s.begin(tap + 1, pixel);
        s.t += 0.08;
        s.end(tap + 1, pixel);
        s.t += 0.12;
    }
    const std::vector<Gesture> g = s.gestures.takeGestures();
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g[0].kind, GestureKind::Tap);
    EXPECT_EQ(g[1].kind, GestureKind::DoubleTap);
    EXPECT_NEAR(s.camera.distance, distance * 0.5, 1e-6);
    expectPixel(s.pixelOf(place), pixel, 0.5, "the tapped place stays under the finger");
    // Two taps far apart, or too slow, are two taps.
    Script slow;
    for (int tap = 0; tap < 2; ++tap) {
        slow.begin(tap + 1, pixel);
        slow.t += 0.08;
        slow.end(tap + 1, pixel);
        slow.t += 0.6;
    }
    const std::vector<Gesture> two = slow.gestures.takeGestures();
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1].kind, GestureKind::Tap);
}

TEST(TouchGestures, ALongPressAsksForTheDetailCardOnceAndIsNoTap) {
    Script s;
    const OrbitCamera before = s.camera;
    s.begin(1, {200, 250});
    s.wait(0.4);
    EXPECT_TRUE(s.gestures.takeGestures().empty()) << "not yet";
    s.wait(0.4);
    std::vector<Gesture> g = s.gestures.takeGestures();
    ASSERT_EQ(g.size(), 1u);
    EXPECT_EQ(g[0].kind, GestureKind::LongPress);
    EXPECT_EQ(g[0].position, glm::dvec2(200, 250));
    s.wait(0.5);
    s.end(1, {201, 250});
    EXPECT_TRUE(s.gestures.takeGestures().empty()) << "no second card, no tap on release";
    EXPECT_EQ(s.camera.target, before.target);
}

TEST(TouchGestures, AThirdFingerChangesNothing) {
    Script plain, third;
    for (Script* s : {&plain, &third}) {
        s->begin(1, {300, 300});
        s->begin(2, {500, 300});
    }
    third.begin(3, {700, 500});
    for (int i = 1; i <= 20; ++i) {
        const double k = i / 20.0;
        for (Script* s : {&plain, &third}) {
            s->t += 1.0 / 60.0;
            s->move(1, glm::dvec2(300, 300) + glm::dvec2(-60, 20) * k);
            s->move(2, glm::dvec2(500, 300) + glm::dvec2(60, -20) * k);
        }
        third.move(3, glm::dvec2(700, 500) + glm::dvec2(-200, -300) * k); // a palm, a child's hand
        if (i == 10) third.end(3, {600, 350});
    }
    EXPECT_EQ(plain.camera.target, third.camera.target);
    EXPECT_EQ(plain.camera.distance, third.camera.distance);
    EXPECT_EQ(plain.camera.heading, third.camera.heading);
    EXPECT_LT(plain.camera.distance, 40000.0);
}

TEST(TouchGestures, AFingerLeavingMidPinchLeavesTheOtherPanningWithoutAJump) {
    Script s;
    s.begin(1, {300, 300});
    s.begin(2, {500, 300});
    s.twoFingers({300, 300}, {280, 300}, {500, 300}, {520, 300}, 10);
    s.end(2, {520, 300});
    const OrbitCamera lifted = s.camera;
    // The lift moved nothing; the finger left goes on panning from where it is.
    const glm::dvec3 grabbed = s.ground({280, 300});
    s.t += 1.0 / 60.0;
    s.move(1, {281, 300});
    EXPECT_NEAR(s.camera.distance, lifted.distance, 1e-6);
    for (int i = 1; i <= 10; ++i) {
        s.t += 1.0 / 60.0;
        s.move(1, glm::dvec2(281, 300) + glm::dvec2(0, 10.0 * i));
    }
    expectPixel(s.pixelOf(grabbed), {281, 400}, 1.0, "the remaining finger drags the map");
    // The platform cancels the last finger (a window manager grab): no tap, no glide.
    s.send(TouchPhase::Cancel, 1, {281, 400});
    EXPECT_FALSE(s.gestures.active());
    EXPECT_TRUE(s.gestures.takeGestures().empty());
}

TEST(TouchGestures, PinchingStopsAtTheSameLimitsAsTheMouse) {
    Script s;
    s.begin(1, {390, 300});
    s.begin(2, {410, 300});
    s.twoFingers({390, 300}, {0, 300}, {410, 300}, {800, 300}, 40); // 40 times closer
    EXPECT_DOUBLE_EQ(s.camera.distance, s.view.limits.minDistance);
    // Events for a finger never seen (it touched before the window listened) are ignored.
    const OrbitCamera before = s.camera;
    s.move(9, {100, 100});
    s.end(9, {100, 100});
    EXPECT_EQ(s.camera.target, before.target);
}

} // namespace
} // namespace qinba
