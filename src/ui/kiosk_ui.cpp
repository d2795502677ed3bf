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

constexpr int kControlRows = 4;          ///< zoom, turn, tilt (two buttons a row), home
constexpr float kControlButtonEm = 3.0f; ///< a button's side, in font heights: a fingertip, at arm's length

/// Zoom, turn, tilt and home as typed commands: the camera moves by short flights within the limits.
void cameraControls(AppContext& ctx) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const UiRect r = kioskControlsRect(vp->Size.x, vp->Size.y, em);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + r.x, vp->Pos.y + r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.width, r.height), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##kioskcontrols", nullptr, kFixed & ~ImGuiWindowFlags_AlwaysAutoResize);
    const ImVec2 button(em * kControlButtonEm, em * kControlButtonEm * 0.8f);
    const auto nudge = [&](const char* label, const char* id, const cmd::NudgeCamera& step, bool sameLine) {
        if (sameLine) ImGui::SameLine();
        if (ImGui::Button((std::string(label) + "##" + id).c_str(), button)) ctx.commands.post(step);
    };
    nudge("+", "zoomin", {1.0, 0.0, 0.0}, false);
    nudge("-", "zoomout", {-1.0, 0.0, 0.0}, true);
    nudge(_("Left"), "turnleft", {0.0, -30.0, 0.0}, false);
    nudge(_("Right"), "turnright", {0.0, 30.0, 0.0}, true);
    nudge(_("Flatter"), "tiltup", {0.0, 0.0, -15.0}, false);
    nudge(_("Steeper"), "tiltdown", {0.0, 0.0, 15.0}, true);
    if (ImGui::Button((std::string(_("Whole map")) + "##home").c_str(),
                      ImVec2(button.x * 2.0f + ImGui::GetStyle().ItemSpacing.x, button.y)))
        ctx.commands.post(cmd::ResetView{});
    reportControlWindow(ctx, "kiosk-camera-controls"); // the story's framing keeps clear of the buttons
    ImGui::End();
}

} // namespace

UiRect kioskControlsRect(float width, float height, float em) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button = em * kControlButtonEm;
    UiRect r;
    r.width = button * 2.0f + style.ItemSpacing.x + style.WindowPadding.x * 2.0f;
    r.height = kControlRows * button * 0.8f + (kControlRows - 1) * style.ItemSpacing.y +
               style.WindowPadding.y * 2.0f;
    // On the right edge, a little above the middle: clear of the caption above and the stage bar below.
    r.x = width - r.width - em * 0.6f;
    r.y = std::max(em * 4.0f, (height - r.height) * 0.4f);
    return r;
}

void drawKioskUi(AppContext& ctx, bool attract, double secondsUntilAttract) {
    drawStageCaption(ctx);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    if (ctx.document.scenario.has_value()) stageBar(ctx, attract);
    cameraControls(ctx);
    drawKioskCard(ctx);
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
        // Only what works on this screen: pinching and turning need a touch screen the kiosk can read.
        ImGui::TextUnformatted(ctx.view.multiTouch
                                   ? _("Drag to move, pinch to zoom, turn two fingers to rotate")
                                   : _("Drag to move; zoom and turn with the buttons"));
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
