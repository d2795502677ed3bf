#pragma once
// A GLFW window with an OpenGL 3.3 core context and Dear ImGui on it: the host of the interactive viewer
// and of the kiosk.

#include "qinba/app/viewer_session.h"
#include "qinba/app/window_input.h"
#include "qinba/core/result.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

struct GLFWwindow;

namespace qinba::app {

struct WindowSpec {
    std::string title;
    int width = 1440, height = 900; ///< window size in screen coordinates (ignored when fullscreen)
    int msaaSamples = 4;
    bool vsync = true;
    std::optional<int> fullscreenMonitor; ///< 0-based monitor index; empty: a normal window
    std::string fullscreenMonitorName;    ///< or the monitor of this name (glfwGetMonitorName), if not empty
};

class GlfwHost final : public ViewerHost {
  public:
    /// Initialises GLFW, opens the window, makes its context current and sets up ImGui. Errors: no display,
    /// no OpenGL 3.3, a monitor index or name that does not exist (the message lists the monitors there are).
    static Result<std::unique_ptr<GlfwHost>> open(const WindowSpec& spec);
    ~GlfwHost() override;
    GlfwHost(const GlfwHost&) = delete;
    GlfwHost& operator=(const GlfwHost&) = delete;

    Viewport viewport() const override;
    NavigationInput navigation() override;
    void bindTarget() override;
    void setTitle(const std::string& title) override;
    void setClipboard(const std::string& text) override;
    void setVsync(bool on) override;
    void close() override;

    GLFWwindow* window() const { return window_; }
    WindowInput& input() { return input_; }
    /// Window size in screen coordinates (to save in preferences).
    std::pair<int, int> windowSize() const;
    /// The monitor's content scale (HiDPI), at least 1.
    float contentScale() const;
    bool shouldClose() const;
    /// Ignores requests to close the window from the window manager (kiosk), unless close() is called.
    void refuseWindowClose();
    /// Polls events and starts an ImGui frame; `beforeUi`, when given, runs between the backend's input
    /// update and ImGui's frame (the kiosk hands touches to ImGui there).
    void beginFrame(const std::function<void()>& beforeUi = {});
    void swap();

  private:
    GlfwHost() = default;
    GLFWwindow* window_ = nullptr;
    WindowInput input_;
    bool imgui_ = false;
    bool closeRequested_ = false;
};

/// "0: NAME 1920x1080, 1: ..." for the monitors GLFW sees (GLFW must be initialised).
std::string describeMonitors();

} // namespace qinba::app
