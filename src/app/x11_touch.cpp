#include "qinba/app/x11_touch.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

// Last: Xlib's macros (Bool, None, Status) would rewrite the headers above.
// clang-format off
#include "qinba/app/x11_touch_event.h"
// clang-format on

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

// GLFW's X11 native access (glfw3native.h declares them, but with GLFW_EXPOSE_NATIVE_X11 it also pulls in
// Xrandr's headers, which nothing here needs).
extern "C" {
Display* glfwGetX11Display(void);
Window glfwGetX11Window(GLFWwindow* window);
}

namespace qinba::app {

std::optional<TouchEvent> touchFromXiEvent(const XIDeviceEvent& e, double pixelScale, double now) {
    TouchEvent t;
    switch (e.evtype) {
    case XI_TouchBegin:
        t.phase = TouchPhase::Begin;
        break;
    case XI_TouchUpdate:
        t.phase = TouchPhase::Move;
        break;
    case XI_TouchEnd:
        t.phase = TouchPhase::End;
        break;
    default:
        return std::nullopt;
    }
    t.id = e.detail;
    t.position = glm::dvec2(e.event_x, e.event_y) * pixelScale;
    t.time = now;
    return t;
}

struct X11Touch::Impl {
    Display* display = nullptr;
    Window window = 0;
    int opcode = 0;
};

Result<std::unique_ptr<X11Touch>> X11Touch::attach(GLFWwindow* window) {

    Display* glfwDisplay = glfwGetX11Display();
    const Window xwindow = glfwGetX11Window(window);
    if (!glfwDisplay || !xwindow)
        return Error{"", "", _("touch: not an X11 session; touch works as a mouse only (one finger)")};
    std::unique_ptr<X11Touch> touch(new X11Touch());
    touch->impl_ = std::make_unique<Impl>();
    Impl& x = *touch->impl_;
    x.display = XOpenDisplay(DisplayString(glfwDisplay));
    if (!x.display) return Error{"", "", _("touch: cannot open a second connection to the X display")};
    x.window = xwindow;
    int event = 0, error = 0;
    int major = 2, minor = 2;
    if (!XQueryExtension(x.display, "XInputExtension", &x.opcode, &event, &error) ||
        XIQueryVersion(x.display, &major, &minor) != Success || major < 2 || (major == 2 && minor < 2)) {
        XCloseDisplay(x.display);
        x.display = nullptr;
        return Error{"", "", _("touch: the X server has no XInput 2.2; touch works as a mouse only")};
    }
    unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(bits, XI_TouchBegin);
    XISetMask(bits, XI_TouchUpdate);
    XISetMask(bits, XI_TouchEnd);
    XIEventMask mask{XIAllMasterDevices, static_cast<int>(sizeof bits), bits};
    XISelectEvents(x.display, x.window, &mask, 1);
    // A refused selection (BadAccess: someone else has the window's touches) arrives as an X error.
    static int lastError = 0;
    lastError = 0;
    XErrorHandler previous = XSetErrorHandler([](Display*, XErrorEvent* e) {
        lastError = e->error_code;
        return 0;
    });
    XSync(x.display, False);
    XSetErrorHandler(previous);
    if (lastError != 0) {
        XCloseDisplay(x.display);
        x.display = nullptr;
        return Error{
            "", "",
            formatText(_("touch: the X server refused touch events on the window (X error {})"), lastError)};
    }
    return touch;
}

X11Touch::~X11Touch() {
    if (impl_ && impl_->display) XCloseDisplay(impl_->display);
}

std::vector<std::string> X11Touch::touchScreens() const {
    std::vector<std::string> names;
    int count = 0;
    XIDeviceInfo* devices = XIQueryDevice(impl_->display, XIAllDevices, &count);
    for (int i = 0; i < count; ++i) {
        if (devices[i].use != XISlavePointer && devices[i].use != XIFloatingSlave) continue;
        for (int c = 0; c < devices[i].num_classes; ++c) {
            const XIAnyClassInfo* info = devices[i].classes[c];
            if (info->type == XITouchClass &&
                reinterpret_cast<const XITouchClassInfo*>(info)->mode == XIDirectTouch) {
                names.emplace_back(devices[i].name ? devices[i].name : "");
                break;
            }
        }
    }
    XIFreeDeviceInfo(devices);
    return names;
}

std::vector<TouchEvent> X11Touch::poll(double pixelScale, double now) {
    std::vector<TouchEvent> out;
    Display* d = impl_->display;
    while (XPending(d) > 0) {
        XEvent event;
        XNextEvent(d, &event);
        XGenericEventCookie* cookie = &event.xcookie;
        if (event.type != GenericEvent || cookie->extension != impl_->opcode || !XGetEventData(d, cookie))
            continue;
        const auto* e = static_cast<const XIDeviceEvent*>(cookie->data);
        if (e->event == impl_->window)
            if (const auto t = touchFromXiEvent(*e, pixelScale, now)) out.push_back(*t);
        XFreeEventData(d, cookie);
    }
    return out;
}

} // namespace qinba::app
