#include "qinba/app/glfw_host.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/render/gl.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace qinba::app {

std::string describeMonitors() {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    std::string out;
    for (int i = 0; i < count; ++i) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
        const char* name = glfwGetMonitorName(monitors[i]);
        out += (i ? ", " : "") + std::to_string(i) + ": " + (name ? name : "unnamed") +
               (mode ? " " + std::to_string(mode->width) + "x" + std::to_string(mode->height) : "");
    }
    return count ? out : "none";
}

Result<std::unique_ptr<GlfwHost>> GlfwHost::open(const WindowSpec& spec) {
    glfwSetErrorCallback([](int, const char* msg) { spdlog::debug("GLFW: {}", msg); });
    if (!glfwInit())
        return Error{
            "", "",
            "no display: the viewer needs a graphical session (X11 or Wayland). On a machine without "
            "one, run it under a virtual display (xvfb-run -a qinba) or render images headless "
            "(qinba render --out view.png --size 1920x1080)"};
    std::unique_ptr<GlfwHost> host(new GlfwHost());
    GLFWmonitor* monitor = nullptr;
    if (!spec.fullscreenMonitorName.empty()) {
        // By name: the same screen whichever connector it is plugged into (indices follow the cables).
        int count = 0;
        GLFWmonitor** monitors = glfwGetMonitors(&count);
        for (int i = 0; i < count && !monitor; ++i)
            if (const char* name = glfwGetMonitorName(monitors[i]);
                name && spec.fullscreenMonitorName == name)
                monitor = monitors[i];
        if (!monitor) {
            Error e{"", "--monitor",
                    formatText(_("there is no monitor named '{}'; this display has {} ({})"),
                               spec.fullscreenMonitorName, count, describeMonitors())};
            glfwTerminate();
            return e;
        }
    } else if (spec.fullscreenMonitor) {
        int count = 0;
        GLFWmonitor** monitors = glfwGetMonitors(&count);
        if (*spec.fullscreenMonitor < 0 || *spec.fullscreenMonitor >= count) {
            Error e{"", "--monitor",
                    "there is no monitor " + std::to_string(*spec.fullscreenMonitor) + "; this display has " +
                        std::to_string(count) + " (" + describeMonitors() + ")"};
            glfwTerminate();
            return e;
        }
        monitor = monitors[*spec.fullscreenMonitor];
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, spec.msaaSamples);
    int width = spec.width, height = spec.height;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE); // an exhibition screen never minimises itself
    }
    host->window_ = glfwCreateWindow(width, height, spec.title.c_str(), monitor, nullptr);
    if (!host->window_) {
        glfwTerminate();
        return Error{"", "", "cannot open an OpenGL 3.3 core window on this display"};
    }
    glfwMakeContextCurrent(host->window_);
    glfwSwapInterval(spec.vsync ? 1 : 0);
    if (spec.msaaSamples > 1) glEnable(GL_MULTISAMPLE);
    host->input_.install(host->window_);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // panel placement is not worth a file beside the user's data
    ImGui_ImplGlfw_InitForOpenGL(host->window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    host->imgui_ = true;
    return host;
}

GlfwHost::~GlfwHost() {
    if (imgui_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

Viewport GlfwHost::viewport() const {
    int w = 1, h = 1;
    glfwGetFramebufferSize(window_, &w, &h);
    return {std::max(w, 1), std::max(h, 1)};
}

std::pair<int, int> GlfwHost::windowSize() const {
    int w = 0, h = 0;
    glfwGetWindowSize(window_, &w, &h);
    return {w, h};
}

NavigationInput GlfwHost::navigation() {
    const auto [ww, wh] = windowSize();
    (void)wh;
    return input_.gather(window_, static_cast<double>(viewport().width) / std::max(ww, 1));
}

void GlfwHost::bindTarget() {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}
void GlfwHost::setTitle(const std::string& title) {
    glfwSetWindowTitle(window_, title.c_str());
}
void GlfwHost::setClipboard(const std::string& text) {
    glfwSetClipboardString(window_, text.c_str());
}
void GlfwHost::setVsync(bool on) {
    glfwSwapInterval(on ? 1 : 0);
}

void GlfwHost::close() {
    closeRequested_ = true;
    glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

float GlfwHost::contentScale() const {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(window_, &x, &y);
    return std::max(x, 1.0f);
}

bool GlfwHost::shouldClose() const {
    return glfwWindowShouldClose(window_) != 0;
}

void GlfwHost::refuseWindowClose() {
    glfwSetWindowCloseCallback(window_, [](GLFWwindow* w) { glfwSetWindowShouldClose(w, GLFW_FALSE); });
}

void GlfwHost::beginFrame(const std::function<void()>& beforeUi) {
    glfwPollEvents();
    if (closeRequested_) glfwSetWindowShouldClose(window_, GLFW_TRUE);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (beforeUi) beforeUi();
    ImGui::NewFrame();
}

void GlfwHost::swap() {
    glfwSwapBuffers(window_);
}

} // namespace qinba::app
