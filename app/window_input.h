#pragma once
// Turning GLFW and ImGui input state into NavigationInput for the camera, and shortcuts into requests.

#include "qinba/core/camera_controller.h"
#include "qinba/ui/app_context.h"

struct GLFWwindow;

namespace qinba::app {

/// Tracks which drag started over the map, so a drag that leaves the map keeps going and one that
/// started on a panel never moves the camera.
class WindowInput {
  public:
    /// Reads this frame's mouse and keys. `pixelScale` converts window to framebuffer coordinates.
    NavigationInput gather(GLFWwindow* window, double pixelScale);
    /// Application shortcuts (Ctrl+O, Ctrl+Q, Home, F1) into requests.
    static void shortcuts(AppContext& ctx);
    /// Whether the user is steering the camera this frame (so an automatic flight should stop).
    static bool steering(const NavigationInput& in);

  private:
    enum class Drag { None, Pan, Orbit };
    Drag drag_ = Drag::None;
};

} // namespace qinba::app
