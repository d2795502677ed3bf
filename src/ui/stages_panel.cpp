#include "qinba/ui/panels.h"

#include <imgui.h>

#include <algorithm>

namespace qinba {

namespace {

const char* title(const Stage& s, int language) {
    return (language == 0 && !s.titleZh.empty()) ? s.titleZh.c_str() : s.titleEn.c_str();
}

/// The year series' stages (those with a year), in order.
std::vector<std::size_t> yearStages(const Scenario& sc) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < sc.stages.size(); ++i)
        if (sc.stages[i].year) out.push_back(i);
    return out;
}

void yearSlider(AppContext& ctx) {
    const Scenario& sc = ctx.document.scenario;
    const std::vector<std::size_t> years = yearStages(sc);
    if (years.size() < 2) return;
    const auto current = std::find(years.begin(), years.end(), ctx.view.playback.stage);
    int index = current == years.end() ? -1 : static_cast<int>(current - years.begin());
    const std::string label = index >= 0 ? std::to_string(*sc.stages[years[index]].year) : "-";
    ImGui::TextUnformatted("Year");
    ImGui::SameLine();
    int shown = std::max(index, 0);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##year", &shown, 0, static_cast<int>(years.size()) - 1, label.c_str()) &&
        shown != index)
        ctx.requests.jumpToStage = years[static_cast<std::size_t>(shown)];
}

} // namespace

void drawStagesPanel(AppContext& ctx) {
    if (!ctx.document.hasScenario) return;
    const Scenario& sc = ctx.document.scenario;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float menuH = ImGui::GetFrameHeight();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + em * 0.6f, vp->Pos.y + menuH + em * 0.6f),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(em * 22, em * 30), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Stages", &ctx.prefs.showStagesPanel)) {
        ImGui::End();
        return;
    }
    StagePlayback& pb = ctx.view.playback;
    const int language = ctx.prefs.labelLanguage;
    if (ImGui::Button("<")) ctx.requests.jumpToStage = (pb.stage + sc.stages.size() - 1) % sc.stages.size();
    ImGui::SameLine();
    if (ImGui::Button(pb.playing ? "Pause" : "Play")) ctx.requests.togglePlay = true;
    ImGui::SameLine();
    if (ImGui::Button(">")) ctx.requests.jumpToStage = (pb.stage + 1) % sc.stages.size();
    ImGui::SameLine();
    ImGui::TextDisabled("%zu / %zu  (1-9, space)", pb.stage + 1, sc.stages.size());
    yearSlider(ctx);
    ImGui::Separator();

    ImGui::BeginChild("##stages", ImVec2(0, em * 14), false);
    std::string storyline;
    for (std::size_t i = 0; i < sc.stages.size(); ++i) {
        const Stage& s = sc.stages[i];
        if (s.storyline != storyline) {
            storyline = s.storyline;
            const Storyline* line = nullptr;
            for (const Storyline& l : sc.storylines)
                if (l.id == storyline) line = &l;
            ImGui::Spacing();
            ImGui::TextDisabled(
                "%s", line ? (language == 0 && !line->titleZh.empty() ? line->titleZh : line->titleEn).c_str()
                           : storyline.c_str());
        }
        const std::string label =
            std::to_string(i + 1) + ". " + title(s, language) + "##stage" + std::to_string(i);
        if (ImGui::Selectable(label.c_str(), i == pb.stage)) ctx.requests.jumpToStage = i;
    }
    ImGui::EndChild();
    if (ImGui::SmallButton("Move up") && pb.stage > 0)
        ctx.requests.edits.emplace_back(MoveStage{pb.stage, pb.stage - 1}),
            ctx.requests.jumpToStage = pb.stage - 1;
    ImGui::SameLine();
    if (ImGui::SmallButton("Move down") && pb.stage + 1 < sc.stages.size())
        ctx.requests.edits.emplace_back(MoveStage{pb.stage, pb.stage + 1}),
            ctx.requests.jumpToStage = pb.stage + 1;
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy as new stage"))
        ctx.requests.edits.emplace_back(CreateStage{sc.stages[pb.stage].id, "", "", ""});
    ImGui::Separator();

    const Stage& s = sc.stages[pb.stage];
    ImGui::PushTextWrapPos(0.0f);
    if (language != 1) ImGui::TextUnformatted(s.captionZh.c_str());
    if (language != 0) ImGui::TextUnformatted(s.captionEn.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Separator();

    ImGui::Checkbox("Compare side by side with", &ctx.view.compare);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo(
            "##compare", title(sc.stages[std::min(ctx.view.compareStage, sc.stages.size() - 1)], language))) {
        for (std::size_t i = 0; i < sc.stages.size(); ++i) {
            const std::string label = std::to_string(i + 1) + ". " + title(sc.stages[i], language);
            if (ImGui::Selectable(label.c_str(), i == ctx.view.compareStage)) {
                ctx.view.compareStage = i;
                ctx.view.compare = true;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::TextUnformatted("Labels");
    ImGui::SameLine();
    ImGui::RadioButton("\xe4\xb8\xad\xe6\x96\x87", &ctx.prefs.labelLanguage, 0); // 中文
    ImGui::SameLine();
    ImGui::RadioButton("English", &ctx.prefs.labelLanguage, 1);
    ImGui::SameLine();
    ImGui::RadioButton("Both", &ctx.prefs.labelLanguage, 2);
    ImGui::End();
}

} // namespace qinba
