#include "qinba/ui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace qinba {

namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;

/// Large, touch-friendly stage buttons along the bottom edge, grouped by storyline. A button is named by
/// the stage's year, else by its step in the storyline; the caption at the top gives the full title.
void stageBar(AppContext& ctx, bool attract) {
    const Scenario& sc = *ctx.document.scenario;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const int language = static_cast<int>(ctx.scene.labels);
    // Bottom right, above the scale bar; the map's legend keeps the bottom left.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + vp->Size.y - em * 3.4f),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.75f);
    ImGui::Begin("##kioskstages", nullptr, kFixed);
    const ImVec2 button(em * 3.2f, em * 2.6f);
    std::size_t i = 0;
    bool firstGroup = true;
    while (i < sc.stages.size()) {
        const std::string storyline = sc.stages[i].storyline;
        std::string heading = storyline;
        for (const Storyline& l : sc.storylines)
            if (l.id == storyline) heading = language == 1 || l.titleZh.empty() ? l.titleEn : l.titleZh;
        if (!firstGroup) ImGui::SameLine(0.0f, em * 1.5f);
        firstGroup = false;
        ImGui::BeginGroup();
        ImGui::TextDisabled("%s", heading.c_str());
        for (int step = 1; i < sc.stages.size() && sc.stages[i].storyline == storyline; ++i, ++step) {
            const Stage& s = sc.stages[i];
            const std::string label =
                (s.year ? std::to_string(*s.year) : std::to_string(step)) + "##k" + std::to_string(i);
            if (step > 1) ImGui::SameLine();
            const bool current = !attract && i == ctx.view.playback.stage;
            if (current)
                ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
            const ImVec2 size(std::max(button.x, ImGui::CalcTextSize(label.c_str(), nullptr, true).x + em),
                              button.y);
            if (ImGui::Button(label.c_str(), size)) ctx.commands.post(cmd::JumpToStage{i});
            if (current) ImGui::PopStyleColor();
        }
        ImGui::EndGroup();
    }
    ImGui::SameLine(0.0f, em * 1.5f);
    ImGui::BeginGroup();
    ImGui::TextDisabled(" ");
    // 中文 / English: visitors read either. The button names the other language in that language and switches
    // the interface and the map's labels together; it changes no setting of the installation.
    const bool chinese = i18n::currentLanguage() == "zh_CN";
    if (ImGui::Button(chinese ? "English##lang" : "中文##lang", ImVec2(0, button.y))) {
        ctx.commands.post(cmd::SetLanguage{chinese ? "en" : "zh_CN", false});
        SceneSettings next = ctx.scene;
        next.labels = chinese ? LabelLanguage::English : LabelLanguage::Chinese;
        ctx.commands.post(cmd::SetScene{std::move(next)});
    }
    ImGui::EndGroup();
    reportControlWindow(ctx, "kiosk-stage-bar");
    ImGui::End();
}

} // namespace

void drawKioskUi(AppContext& ctx, bool attract, double secondsUntilAttract) {
    drawStageCaption(ctx);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    if (ctx.document.scenario.has_value()) stageBar(ctx, attract);
    // The hint sits above the stage bar.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + vp->Size.y - em * 10.0f),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##kioskhint", nullptr, kFixed | ImGuiWindowFlags_NoInputs);
    if (attract) {
        // A slow pulse draws the eye without flashing.
        const float a = 0.65f + 0.35f * static_cast<float>(std::sin(ctx.time * 2.0));
        ImGui::TextColored(ImVec4(1, 1, 1, a), "%s", _("Touch the map or a stage to explore"));
    } else {
        ImGui::TextUnformatted(_("Drag to move, pinch or wheel to zoom"));
        if (secondsUntilAttract < 15.0)
            ImGui::TextDisabled(_("The tour resumes in %.0f s"), std::ceil(secondsUntilAttract));
    }
    if (ctx.document.scenario.has_value() && anyIndicative(*ctx.document.scenario))
        ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s",
                           _("Flow volumes are indicative, not measured"));
    reportControlWindow(ctx, "kiosk-hint");
    ImGui::End();
    ctx.notifications.draw(ctx.time);
}

std::vector<std::string> kioskTexts() {
    return {"中文"}; // the language button's label in Chinese; everything else is in the catalogue
}

} // namespace qinba
