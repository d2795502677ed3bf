#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

namespace {

/// The current ImGui window in framebuffer pixels.
ScreenRect windowRectPx() {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 origin = ImGui::GetMainViewport()->Pos;
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const glm::dvec2 k(io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);
    return {glm::dvec2(pos.x - origin.x, pos.y - origin.y) * k, glm::dvec2(size.x, size.y) * k};
}

} // namespace

void reportControlWindow(AppContext& ctx, const std::string& name) {
    reportScreenControl(ctx.view, name, windowRectPx());
}

void reportPanelWindow(AppContext& ctx, const std::string& name) {
    ctx.view.panelRects[name] = windowRectPx();
}

bool anyIndicative(const Scenario& sc) {
    for (const Flow& f : sc.flows)
        if (f.indicative) return true;
    return false;
}

void drawStageCaption(AppContext& ctx) {
    if (!ctx.document.scenario.has_value() || ctx.document.scenario->stages.empty()) return;
    // Captions burned into the map (as in recordings) take the place of this one.
    if (ctx.scene.decorations.captions) return;
    const Scenario& sc = *ctx.document.scenario;
    const Stage& s = sc.stages[ctx.view.playback.stage];
    const int language = static_cast<int>(ctx.scene.labels);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    ImGui::SetNextWindowPos(
        ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + ImGui::GetFrameHeight() + em * 0.5f),
        ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.72f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(em * 36, em * 12));
    ImGui::Begin("##stagecaption", nullptr, flags);
    ImGui::PushTextWrapPos(em * 35);
    const std::string heading = language == 1   ? s.titleEn
                                : language == 0 ? s.titleZh
                                                : s.titleZh + "  " + s.titleEn;
    const TourPlayback& tour = ctx.view.tour;
    const std::string& tourCaption =
        language == 1 || tour.captionZh.empty() ? tour.captionEn : tour.captionZh;
    if (!tour.tour.empty() && !tourCaption.empty() && tourCaption != s.titleEn && tourCaption != s.titleZh) {
        // A tour keyframe's own caption leads; the stage stays named under it.
        ImGui::TextUnformatted(tourCaption.c_str());
        ImGui::TextDisabled("%s", heading.c_str());
    } else {
        ImGui::TextUnformatted(heading.c_str());
        ImGui::TextDisabled("%s", (language == 0 ? s.captionZh : s.captionEn).c_str());
    }
    if (ctx.scene.compare && ctx.scene.compareStage < sc.stages.size()) {
        const Stage& other = sc.stages[ctx.scene.compareStage];
        ImGui::Text(_("Left: %s   |   Right: %s"), (language == 0 ? s.titleZh : s.titleEn).c_str(),
                    (language == 0 ? other.titleZh : other.titleEn).c_str());
    }
    ImGui::PopTextWrapPos();
    reportControlWindow(ctx, "stage-caption");
    ImGui::End();

    if (!anyIndicative(sc) || ctx.view.kiosk) return; // the kiosk says it in its own hint box
    ImGui::SetNextWindowPos(
        ImVec2(vp->Pos.x + vp->Size.x * 0.5f,
               vp->Pos.y + vp->Size.y - (ctx.prefs.showStatusBar ? em * 2.6f : em * 0.6f)),
        ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.65f);
    ImGui::Begin("##indicative", nullptr, flags);
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s",
                       _("Flow volumes: indicative values, not measured"));
    ImGui::End();
}

} // namespace qinba
