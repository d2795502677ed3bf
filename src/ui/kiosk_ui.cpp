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
    // 中文 / English: visitors read either; this changes no setting of the installation.
    if (ImGui::Button(language == 1 ? "\xe4\xb8\xad\xe6\x96\x87##lang" : "English##lang",
                      ImVec2(0, button.y))) {
        SceneSettings next = ctx.scene;
        next.labels = language == 1 ? LabelLanguage::Chinese : LabelLanguage::English;
        ctx.commands.post(cmd::SetScene{std::move(next)});
    }
    ImGui::EndGroup();
    ImGui::End();
}

} // namespace

void drawKioskUi(AppContext& ctx, bool attract, double secondsUntilAttract) {
    drawStageCaption(ctx);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    if (ctx.document.scenario.has_value()) stageBar(ctx, attract);
    const int language = ctx.scene.labels == LabelLanguage::English ? 1 : 0;
    // The hint sits above the stage bar.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em * 0.6f, vp->Pos.y + vp->Size.y - em * 10.0f),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("##kioskhint", nullptr, kFixed | ImGuiWindowFlags_NoInputs);
    if (attract) {
        // A slow pulse draws the eye without flashing.
        const float a = 0.65f + 0.35f * static_cast<float>(std::sin(ctx.time * 2.0));
        ImGui::TextColored(ImVec4(1, 1, 1, a), "%s",
                           language == 1 ? "Touch the map or a stage to explore"
                                         : "\xe8\xa7\xa6\xe6\x91\xb8\xe5\x9c\xb0\xe5\x9b\xbe\xe6\x88\x96\xe9"
                                           "\x98\xb6\xe6\xae\xb5"
                                           "\xe6\x8c\x89\xe9\x92\xae\xe5\xbc\x80\xe5\xa7\x8b\xe6\x8e\xa2\xe7"
                                           "\xb4\xa2"); // 触摸地图或阶段按钮开始探索
    } else {
        ImGui::TextUnformatted(
            language == 1 ? "Drag to move, pinch or wheel to zoom"
                          : "\xe6\x8b\x96\xe5\x8a\xa8\xe7\xa7\xbb\xe5\x8a\xa8\xef\xbc\x8c"
                            "\xe6\xbb\x9a\xe8\xbd\xae\xe7\xbc\xa9\xe6\x94\xbe"); // 拖动移动，滚轮缩放
        if (secondsUntilAttract < 15.0)
            ImGui::TextDisabled(
                language == 1 ? "The tour resumes in %.0f s"
                              : "\xe5\xb0\x86\xe5\x9c\xa8 %.0f \xe7\xa7\x92\xe5\x90\x8e"
                                "\xe7\xbb\xa7\xe7\xbb\xad\xe6\xbc\x94\xe7\xa4\xba", // 将在 N 秒后继续演示
                std::ceil(secondsUntilAttract));
    }
    if (ctx.document.scenario.has_value() && anyIndicative(*ctx.document.scenario))
        ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.45f, 1.0f), "%s",
                           language == 1 ? "Flow volumes are indicative, not measured"
                                         : "\xe6\xb5\x81\xe9\x87\x8f\xe4\xb8\xba\xe7\xa4\xba\xe6\x84\x8f\xe5"
                                           "\x80\xbc"
                                           "\xef\xbc\x8c\xe9\x9d\x9e\xe5\xae\x9e\xe6\xb5\x8b\xe6\x95\xb0\xe6"
                                           "\x8d\xae"); // 流量为示意值，非实测数据
    ImGui::End();
    ctx.notifications.draw(ctx.time);
}

/// The kiosk's own strings with CJK characters, for the font atlas.
std::vector<std::string> kioskTexts() {
    return {
        "\xe8\xa7\xa6\xe6\x91\xb8\xe5\x9c\xb0\xe5\x9b\xbe\xe6\x88\x96\xe9\x98\xb6\xe6\xae\xb5\xe6\x8c\x89\xe9"
        "\x92\xae"
        "\xe5\xbc\x80\xe5\xa7\x8b\xe6\x8e\xa2\xe7\xb4\xa2",
        "\xe6\x8b\x96\xe5\x8a\xa8\xe7\xa7\xbb\xe5\x8a\xa8\xef\xbc\x8c\xe6\xbb\x9a\xe8\xbd\xae\xe7\xbc\xa9\xe6"
        "\x94\xbe",
        "\xe5\xb0\x86\xe5\x9c\xa8\xe7\xa7\x92\xe5\x90\x8e\xe7\xbb\xa7\xe7\xbb\xad\xe6\xbc\x94\xe7\xa4\xba",
        "\xe6\xb5\x81\xe9\x87\x8f\xe4\xb8\xba\xe7\xa4\xba\xe6\x84\x8f\xe5\x80\xbc\xef\xbc\x8c\xe9\x9d\x9e"
        "\xe5\xae\x9e\xe6\xb5\x8b\xe6\x95\xb0\xe6\x8d\xae"};
}

} // namespace qinba
