#pragma once
// The kiosk's touch screen. Touches that land on the kiosk's UI (stage buttons, camera controls, the card)
// act there as the mouse; touches on the map go to the gesture recogniser (core/touch_gestures.h), which
// moves the camera and whose taps and long presses become commands. Where the platform gives no touch
// points (not X11, no XInput 2.2, no touch screen) touch stays the window system's emulated mouse, and the
// log says so once.

#include "qinba/app/glfw_host.h"
#include "qinba/app/x11_touch.h"
#include "qinba/core/touch_gestures.h"
#include "qinba/ui/app_context.h"

#include <memory>
#include <vector>

namespace qinba::app {

class KioskTouch {
  public:
    /// Starts listening on the host's window and logs what it found.
    explicit KioskTouch(GlfwHost& host);
    /// Whether touch points are read (a touch screen on X11): pinch and turn work.
    bool multiTouch() const { return x11_ != nullptr && touchScreens_; }

    /// In GlfwHost::beginFrame's hook (before the UI frame), at clock time `now`: reads the touches; a finger
    /// that lands on the UI becomes ImGui's mouse. Returns whether any finger touched or moved.
    bool beforeUi(double now);
    /// After the session advanced: the map's touches move `ctx.view.camera` (stopping any flight), gestures
    /// post cmd::PickAt (a tap; a long press with the detail card) and a double tap zooms in.
    void apply(AppContext& ctx, double now, Viewport viewport, const CameraLimits& limits);

  private:
    GlfwHost& host_;
    std::unique_ptr<X11Touch> x11_;
    bool touchScreens_ = false;
    TouchGestures gestures_;
    std::vector<TouchEvent> mapEvents_;
    long uiFinger_ = -1;         ///< the finger acting as ImGui's mouse, if any
    bool uiDown_ = false;        ///< ImGui's button is held for it
    bool uiRelease_ = false;     ///< its release waits a frame, so that ImGui saw the press
    glm::dvec2 uiAt_{0.0};       ///< where, in ImGui's coordinates
    std::vector<long> uiOthers_; ///< further fingers that landed on the UI (ignored)
};

/// Whether ImGui point (x, y) lies on a window of the last UI frame that takes input.
bool overUi(float x, float y);

} // namespace qinba::app
