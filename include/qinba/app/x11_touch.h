#pragma once
// Touch points from an X11 touch screen (XInput 2.2) on a GLFW window. GLFW 3.3 gives touch only as an
// emulated mouse (one finger); this listens for the touch events themselves on a second connection to the
// same X display, so GLFW's own event loop neither sees nor drops them. While it listens, the X server stops
// emulating the mouse for touches on the window: the caller routes touches to the UI itself.

#include "qinba/core/result.h"
#include "qinba/core/touch_gestures.h"

#include <memory>
#include <vector>

struct GLFWwindow;

namespace qinba::app {

class X11Touch {
  public:
    /// Selects XI_TouchBegin, XI_TouchUpdate and XI_TouchEnd on `window`. Errors name what is missing: not
    /// an X11 session (Wayland, headless), no XInput 2.2 on the server, or the selection refused (another
    /// client listens for touch on the window).
    static Result<std::unique_ptr<X11Touch>> attach(GLFWwindow* window);
    ~X11Touch();
    X11Touch(const X11Touch&) = delete;
    X11Touch& operator=(const X11Touch&) = delete;

    /// Names of the direct-touch devices (touch screens) the server has; empty when there is none.
    std::vector<std::string> touchScreens() const;
    /// The touch events that arrived since the last call, in order; positions times `pixelScale` (window to
    /// framebuffer pixels), stamped with clock time `now` (seconds).
    std::vector<TouchEvent> poll(double pixelScale, double now);

  private:
    X11Touch() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace qinba::app
