// X11 touch input: the translation of XInput 2.2 events (synthetic XIDeviceEvent data), and the selection of
// touch events on a real window under Xvfb (which has no touch screen: no touch event ever arrives there).

#include "qinba/app/glfw_host.h"
#include "qinba/app/x11_touch.h"

#include <gtest/gtest.h>

#include <cstdlib>

// Last: Xlib's macros (Bool, None, Status) would rewrite the headers above.
// clang-format off
#include "qinba/app/x11_touch_event.h"
// clang-format on

namespace qinba::app {
namespace {

XIDeviceEvent xiEvent(int evtype, int touchId, double x, double y) {
    XIDeviceEvent e{};
    e.type = GenericEvent;
    e.evtype = evtype;
    e.detail = touchId;
    e.event_x = x;
    e.event_y = y;
    e.root_x = x + 1920.0; // the window on the second monitor: positions are the window's, not the root's
    e.root_y = y + 40.0;
    e.time = 4294967000u; // the server's millisecond clock, about to wrap: not used
    return e;
}

TEST(X11TouchEvents, BeginUpdateAndEndBecomeTouchEventsInFramebufferPixels) {
    const auto begin = touchFromXiEvent(xiEvent(XI_TouchBegin, 17, 100.5, 200.25), 2.0, 12.5);
    ASSERT_TRUE(begin);
    EXPECT_EQ(begin->phase, TouchPhase::Begin);
    EXPECT_EQ(begin->id, 17);
    EXPECT_EQ(begin->position, glm::dvec2(201.0, 400.5));
    EXPECT_EQ(begin->time, 12.5);
    const auto move = touchFromXiEvent(xiEvent(XI_TouchUpdate, 17, 110.0, 205.0), 1.0, 12.6);
    ASSERT_TRUE(move);
    EXPECT_EQ(move->phase, TouchPhase::Move);
    EXPECT_EQ(move->position, glm::dvec2(110.0, 205.0));
    const auto end = touchFromXiEvent(xiEvent(XI_TouchEnd, 17, 111.0, 206.0), 1.0, 12.7);
    ASSERT_TRUE(end);
    EXPECT_EQ(end->phase, TouchPhase::End);
    EXPECT_EQ(end->id, 17);
}

TEST(X11TouchEvents, OtherEventsAreNotTouches) {
    for (int type :
         {XI_Motion, XI_ButtonPress, XI_ButtonRelease, XI_Enter, XI_RawTouchBegin, XI_TouchOwnership})
        EXPECT_FALSE(touchFromXiEvent(xiEvent(type, 1, 0, 0), 1.0, 0.0)) << type;
}

TEST(X11TouchEvents, ARecordedPinchFromTheServerZoomsTheMap) {
    // Two fingers spread apart, as the server reports them (one event per finger and frame).
    const Dem dem(21, 21, {-10500.0, 10500.0}, 1000.0, std::vector<float>(21 * 21, 0.0f));
    const TerrainSurface surface(dem, 1.0);
    TouchView view;
    view.viewport = {640, 480};
    view.surface = &surface;
    OrbitCamera camera;
    camera.distance = 20000.0;
    camera.pitch = 70.0;
    TouchGestures gestures;
    double t = 0.0;
    const auto send = [&](int type, int id, double x, double y) {
        const auto e = touchFromXiEvent(xiEvent(type, id, x, y), 1.0, t);
        ASSERT_TRUE(e);
        gestures.handle(*e, camera, view);
    };
    send(XI_TouchBegin, 3, 280, 240);
    send(XI_TouchBegin, 4, 360, 240);
    for (int i = 1; i <= 10; ++i) {
        t += 0.016;
        send(XI_TouchUpdate, 3, 280 - 4.0 * i, 240);
        send(XI_TouchUpdate, 4, 360 + 4.0 * i, 240);
    }
    send(XI_TouchEnd, 3, 240, 240);
    send(XI_TouchEnd, 4, 400, 240);
    EXPECT_NEAR(camera.distance, 20000.0 * 80.0 / 160.0, 200.0);
    EXPECT_FALSE(gestures.active());
}

// Under Xvfb (ctest x11_touch_under_xvfb): selecting touch events on the window works, and the server
// reports no touch screen, which the kiosk logs once. Without a display it fails, never skips.
TEST(X11TouchDisplay, SelectingTouchEventsOnAWindowSucceedsAndFindsNoTouchScreenUnderXvfb) {
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "needs a display: run it under xvfb-run";
    WindowSpec spec;
    spec.title = "touch test";
    spec.width = 320;
    spec.height = 200;
    spec.msaaSamples = 0;
    auto host = GlfwHost::open(spec);
    ASSERT_TRUE(host) << host.error().toString();
    auto touch = X11Touch::attach((*host)->window());
    ASSERT_TRUE(touch) << touch.error().toString();
    EXPECT_TRUE((*touch)->touchScreens().empty()) << "Xvfb has no touch screen";
    EXPECT_TRUE((*touch)->poll(1.0, 0.0).empty());
    // A second listener on the same window is refused, and says so.
    auto second = X11Touch::attach((*host)->window());
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().toString().find("refused touch events"), std::string::npos)
        << second.error().toString();
}

} // namespace
} // namespace qinba::app
