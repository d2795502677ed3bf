#pragma once
// Turning GLFW and ImGui input state into NavigationInput for the camera, and shortcuts into requests.

#include "qinba/core/camera_controller.h"
#include "qinba/ui/app_context.h"

#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace qinba::app {

/// Tracks which drag started over the map, so a drag that leaves the map keeps going and one that
/// started on a panel never moves the camera.
class WindowInput {
  public:
    /// Listens for shortcut keys on `window`. Call before ImGui's GLFW backend is initialised, which then
    /// chains to this listener; key taps shorter than a frame are not lost that way.
    void install(GLFWwindow* window);
    /// Reads this frame's mouse and keys. `pixelScale` converts window to framebuffer coordinates.
    NavigationInput gather(GLFWwindow* window, double pixelScale);
    /// Application shortcuts pressed since the last call (Ctrl+O, Ctrl+Q, Ctrl+S, Ctrl+Z, Ctrl+Y, Home, F1,
    /// F12) into requests.
    void shortcuts(AppContext& ctx);
    /// Whether the user is steering the camera this frame (so an automatic flight should stop).
    static bool steering(const NavigationInput& in);

    struct KeyPress {
        int key;  ///< GLFW_KEY_*
        int mods; ///< GLFW_MOD_* bits
    };
    /// Turns the window manager's close button into a request the application answers (unsaved work).
    void interceptClose(GLFWwindow* window);
    /// Whether the close button was pressed since the last call.
    bool takeCloseRequest() { return std::exchange(closeRequested_, false); }

    /// The key presses since the last call, for a host that handles keys itself (the kiosk).
    std::vector<KeyPress> takePresses();
    /// Paths of the files dropped on the window since the last call (UTF-8, as GLFW gives them).
    std::vector<std::string> takeDrops() { return std::exchange(drops_, {}); }
    /// GLFW's drop callback, installed by install(): records the paths for takeDrops(). Public so a test can
    /// call it with a real window, as a drop from the desktop would.
    static void onDrop(GLFWwindow* window, int count, const char** paths);

  private:
    static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    std::vector<KeyPress> presses_;
    std::vector<std::string> drops_;
    enum class Drag { None, Pan, Orbit };
    Drag drag_ = Drag::None;
    bool closeRequested_ = false;
};

} // namespace qinba::app
