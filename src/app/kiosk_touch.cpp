#include "qinba/app/kiosk_touch.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace qinba::app {

bool overUi(float x, float y) {
    if (!ImGui::GetCurrentContext()) return false;
    // Before ImGui::NewFrame the windows still have the last frame's state.
    for (const ImGuiWindow* w : GImGui->Windows)
        if (w->Active && !w->Hidden && !(w->Flags & ImGuiWindowFlags_NoInputs) &&
            w->Rect().Contains(ImVec2(x, y)))
            return true;
    return false;
}

KioskTouch::KioskTouch(GlfwHost& host) : host_(host) {
    auto touch = X11Touch::attach(host.window());
    if (!touch) {
        spdlog::info("{}", touch.error().toString());
        return;
    }
    x11_ = std::move(*touch);
    const std::vector<std::string> screens = x11_->touchScreens();
    touchScreens_ = !screens.empty();
    if (screens.empty()) {
        spdlog::info("{}",
                     _("touch: no touch screen found; a touch works as the mouse (one finger, no pinch)"));
    } else {
        std::string names;
        for (const std::string& n : screens)
            names += (names.empty() ? "" : ", ") + n;
        spdlog::info("{}", formatText(_("touch: reading fingers from {}"), names));
    }
}

bool KioskTouch::beforeUi(double now) {
    ImGuiIO& io = ImGui::GetIO();
    if (uiRelease_) { // the press was shown last frame: now the release, so ImGui sees a click
        io.MouseDown[0] = false;
        io.MousePos = ImVec2(static_cast<float>(uiAt_.x), static_cast<float>(uiAt_.y));
        uiRelease_ = uiDown_ = false;
        uiFinger_ = -1;
    }
    if (!x11_) return false;
    // ImGui works in window coordinates; the camera in framebuffer pixels.
    const auto [ww, wh] = host_.windowSize();
    (void)wh;
    const double scale = static_cast<double>(host_.viewport().width) / std::max(ww, 1);
    const std::vector<TouchEvent> events = x11_->poll(scale, now);
    for (const TouchEvent& e : events) {
        const glm::dvec2 at = e.position / scale;
        const bool ui =
            e.id == uiFinger_ || std::find(uiOthers_.begin(), uiOthers_.end(), e.id) != uiOthers_.end();
        if (e.phase == TouchPhase::Begin && !ui &&
            overUi(static_cast<float>(at.x), static_cast<float>(at.y))) {
            if (uiFinger_ < 0 && !uiRelease_) {
                uiFinger_ = e.id;
                uiAt_ = at;
                uiDown_ = true;
            } else {
                uiOthers_.push_back(e.id);
            }
            continue;
        }
        if (!ui) {
            mapEvents_.push_back(e);
            continue;
        }
        if (e.id != uiFinger_) {
            if (e.phase != TouchPhase::Move) std::erase(uiOthers_, e.id);
            continue;
        }
        uiAt_ = at;
        if (e.phase != TouchPhase::Move) uiRelease_ = true;
    }
    if (uiFinger_ >= 0) {
        io.MousePos = ImVec2(static_cast<float>(uiAt_.x), static_cast<float>(uiAt_.y));
        io.MouseDown[0] = uiDown_;
    }
    return !events.empty();
}

void KioskTouch::apply(AppContext& ctx, double now, Viewport viewport, const CameraLimits& limits) {
    const TerrainSurface surface(ctx.document.dem, ctx.scene.style.exaggeration);
    TouchView view{viewport, &surface, limits};
    if (!mapEvents_.empty()) ctx.view.flight.reset(); // the visitor takes the camera
    for (const TouchEvent& e : mapEvents_)
        gestures_.handle(e, ctx.view.camera, view);
    mapEvents_.clear();
    if (ctx.view.flight) gestures_.stopInertia(); // a button's flight wins over a glide
    gestures_.update(now, ctx.view.camera, view);
    for (const Gesture& g : gestures_.takeGestures()) {
        if (g.kind == GestureKind::Tap) ctx.commands.post(cmd::PickAt{g.position.x, g.position.y, false});
        if (g.kind == GestureKind::LongPress)
            ctx.commands.post(cmd::PickAt{g.position.x, g.position.y, true});
        // A double tap zoomed in already (its first tap picked).
    }
}

} // namespace qinba::app
