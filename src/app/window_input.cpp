#include "qinba/app/window_input.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace qinba::app {

NavigationInput WindowInput::gather(GLFWwindow* window, double pixelScale) {
    const ImGuiIO& io = ImGui::GetIO();
    NavigationInput in;
    in.mouse = glm::dvec2(io.MousePos.x, io.MousePos.y) * pixelScale;
    const bool validDelta = io.MousePos.x > -1e30f && io.MousePosPrev.x > -1e30f;
    in.mouseDelta = validDelta ? glm::dvec2(io.MouseDelta.x, io.MouseDelta.y) * pixelScale : glm::dvec2(0.0);

    const bool overMap = !io.WantCaptureMouse;
    const bool shift = io.KeyShift;
    if (drag_ == Drag::None && overMap) {
        if (io.MouseClicked[0]) drag_ = shift ? Drag::Orbit : Drag::Pan;
        if (io.MouseClicked[1] || io.MouseClicked[2]) drag_ = Drag::Orbit;
    }
    if (!io.MouseDown[0] && !io.MouseDown[1] && !io.MouseDown[2]) drag_ = Drag::None;
    in.panDrag = drag_ == Drag::Pan;
    in.orbitDrag = drag_ == Drag::Orbit;
    if (overMap) in.wheel = io.MouseWheel;

    if (!io.WantCaptureKeyboard && !io.KeyCtrl) {
        auto key = [&](int k) { return glfwGetKey(window, k) == GLFW_PRESS ? 1.0 : 0.0; };
        in.panX = key(GLFW_KEY_D) + key(GLFW_KEY_RIGHT) - key(GLFW_KEY_A) - key(GLFW_KEY_LEFT);
        in.panY = key(GLFW_KEY_W) + key(GLFW_KEY_UP) - key(GLFW_KEY_S) - key(GLFW_KEY_DOWN);
        in.turn = key(GLFW_KEY_E) - key(GLFW_KEY_Q);
        in.tilt = key(GLFW_KEY_F) - key(GLFW_KEY_R);
        in.zoom = key(GLFW_KEY_EQUAL) + key(GLFW_KEY_KP_ADD) + key(GLFW_KEY_PAGE_UP) - key(GLFW_KEY_MINUS) -
                  key(GLFW_KEY_KP_SUBTRACT) - key(GLFW_KEY_PAGE_DOWN);
        in.fast = shift;
    }
    return in;
}

void WindowInput::install(GLFWwindow* window) {
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, &WindowInput::onKey);
    glfwSetDropCallback(window, &WindowInput::onDrop);
}

void WindowInput::onDrop(GLFWwindow* window, int count, const char** paths) {
    auto* self = static_cast<WindowInput*>(glfwGetWindowUserPointer(window));
    if (!self) return;
    for (int i = 0; i < count; ++i)
        if (paths[i]) self->drops_.emplace_back(paths[i]);
}

void WindowInput::interceptClose(GLFWwindow* window) {
    glfwSetWindowCloseCallback(window, [](GLFWwindow* w) {
        glfwSetWindowShouldClose(w, GLFW_FALSE);
        if (auto* self = static_cast<WindowInput*>(glfwGetWindowUserPointer(w))) self->closeRequested_ = true;
    });
}

void WindowInput::onKey(GLFWwindow* window, int key, int, int action, int mods) {
    if (action != GLFW_PRESS) return;
    if (auto* self = static_cast<WindowInput*>(glfwGetWindowUserPointer(window)))
        self->presses_.push_back({key, mods});
}

void WindowInput::shortcuts(AppContext& ctx) {
    const bool typing = ImGui::GetIO().WantTextInput;
    for (const KeyPress& p : presses_) {
        const bool ctrl = (p.mods & GLFW_MOD_CONTROL) != 0;
        if (ctrl && p.key == GLFW_KEY_O) ctx.panels.openDem.open = true;
        if (ctrl && p.key == GLFW_KEY_Q) ctx.commands.post(cmd::Quit{});
        if (ctrl && p.key == GLFW_KEY_S && ctx.document.scenario) ctx.commands.post(cmd::SaveScenario{});
        if (p.key == GLFW_KEY_F12) ctx.commands.post(cmd::QuickScreenshot{});
        if (p.key == GLFW_KEY_F3) ctx.prefs.showPerformanceHud = !ctx.prefs.showPerformanceHud;
        if (typing) continue; // text fields have their own undo
        const bool shift = (p.mods & GLFW_MOD_SHIFT) != 0;
        if (ctrl && p.key == GLFW_KEY_Z)
            shift ? ctx.commands.post(cmd::Redo{}) : ctx.commands.post(cmd::Undo{});
        if (ctrl && p.key == GLFW_KEY_Y) ctx.commands.post(cmd::Redo{});
        if (ctrl) continue;
        if (p.key == GLFW_KEY_HOME) ctx.commands.post(cmd::ResetView{});
        if (p.key == GLFW_KEY_ESCAPE) ctx.view.tool = EditTool::None;
        if (p.key == GLFW_KEY_F1) ctx.panels.mainMenu.showControls = !ctx.panels.mainMenu.showControls;
        if (p.key >= GLFW_KEY_1 && p.key <= GLFW_KEY_9)
            ctx.commands.post(cmd::JumpToStage{static_cast<std::size_t>(p.key - GLFW_KEY_1)});
        if (p.key >= GLFW_KEY_KP_1 && p.key <= GLFW_KEY_KP_9)
            ctx.commands.post(cmd::JumpToStage{static_cast<std::size_t>(p.key - GLFW_KEY_KP_1)});
        if (p.key == GLFW_KEY_SPACE) ctx.commands.post(cmd::TogglePlay{});
        if (p.key == GLFW_KEY_L) ctx.commands.post(cmd::ToggleLegend{});
    }
    presses_.clear();
}

std::vector<WindowInput::KeyPress> WindowInput::takePresses() {
    std::vector<KeyPress> out;
    out.swap(presses_);
    return out;
}

bool WindowInput::steering(const NavigationInput& in) {
    return in.panDrag || in.orbitDrag || in.wheel != 0.0 || in.panX != 0.0 || in.panY != 0.0 ||
           in.turn != 0.0 || in.tilt != 0.0 || in.zoom != 0.0;
}

} // namespace qinba::app
