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
    const Scenario& sc = *ctx.document.scenario;
    const std::vector<std::size_t> years = yearStages(sc);
    if (years.size() < 2) return;
    const auto current = std::find(years.begin(), years.end(), ctx.view.playback.stage);
    int index = current == years.end() ? -1 : static_cast<int>(current - years.begin());
    const std::string label = index >= 0 ? std::to_string(*sc.stages[years[index]].year) : "-";
    ImGui::TextUnformatted(_("Year"));
    ImGui::SameLine();
    int shown = std::max(index, 0);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##year", &shown, 0, static_cast<int>(years.size()) - 1, label.c_str()) &&
        shown != index)
        ctx.commands.post(cmd::JumpToStage{years[static_cast<std::size_t>(shown)]});
}

} // namespace

void drawStagesPanel(AppContext& ctx) {
    if (!ctx.document.scenario.has_value()) return;
    const Scenario& sc = *ctx.document.scenario;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float menuH = ImGui::GetFrameHeight();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + em * 0.6f, vp->Pos.y + menuH + em * 0.6f),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(em * 22, em * 30), ImGuiCond_FirstUseEver);
    const bool shown = ImGui::Begin(withId(_("Stages"), "stages").c_str(), &ctx.prefs.showStagesPanel);
    reportPanelWindow(ctx, "stages");
    if (!shown) {
        ImGui::End();
        return;
    }
    StagePlayback& pb = ctx.view.playback;
    const int language = static_cast<int>(ctx.scene.labels);
    if (ImGui::Button("<"))
        ctx.commands.post(cmd::JumpToStage{(pb.stage + sc.stages.size() - 1) % sc.stages.size()});
    ImGui::SameLine();
    if (ImGui::Button(withId(pb.playing ? _("Pause") : _("Play"), "play").c_str()))
        ctx.commands.post(cmd::TogglePlay{});
    ImGui::SameLine();
    if (ImGui::Button(">")) ctx.commands.post(cmd::JumpToStage{(pb.stage + 1) % sc.stages.size()});
    ImGui::SameLine();
    ImGui::TextDisabled(_("%zu / %zu  (1-9, space)"), pb.stage + 1, sc.stages.size());
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
        if (ImGui::Selectable(label.c_str(), i == pb.stage)) ctx.commands.post(cmd::JumpToStage{i});
    }
    ImGui::EndChild();
    if (ImGui::SmallButton(withId(_("Move up"), "moveup").c_str()) && pb.stage > 0)
        ctx.commands.post(Edit{MoveStage{pb.stage, pb.stage - 1}}),
            ctx.commands.post(cmd::JumpToStage{pb.stage - 1});
    ImGui::SameLine();
    if (ImGui::SmallButton(withId(_("Move down"), "movedown").c_str()) && pb.stage + 1 < sc.stages.size())
        ctx.commands.post(Edit{MoveStage{pb.stage, pb.stage + 1}}),
            ctx.commands.post(cmd::JumpToStage{pb.stage + 1});
    ImGui::SameLine();
    if (ImGui::SmallButton(withId(_("Copy as new stage"), "copystage").c_str()))
        ctx.commands.post(Edit{CreateStage{sc.stages[pb.stage].id, "", "", ""}});
    ImGui::Separator();

    const Stage& s = sc.stages[pb.stage];
    ImGui::PushTextWrapPos(0.0f);
    if (language != 1) ImGui::TextUnformatted(s.captionZh.c_str());
    if (language != 0) ImGui::TextUnformatted(s.captionEn.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Separator();

    SceneSettings next = ctx.scene;
    bool changed = ImGui::Checkbox(withId(_("Compare side by side with"), "compare").c_str(), &next.compare);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##compare",
                          title(sc.stages[std::min(next.compareStage, sc.stages.size() - 1)], language))) {
        for (std::size_t i = 0; i < sc.stages.size(); ++i) {
            const std::string label = std::to_string(i + 1) + ". " + title(sc.stages[i], language);
            if (ImGui::Selectable(label.c_str(), i == next.compareStage)) {
                next.compareStage = i;
                next.compare = true;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::TextUnformatted(_("Map labels"));
    int labels = static_cast<int>(next.labels);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("中文", &labels, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("English", &labels, 1);
    ImGui::SameLine();
    changed |= ImGui::RadioButton(withId(_("Both"), "both").c_str(), &labels, 2);
    next.labels = static_cast<LabelLanguage>(labels);
    if (changed) ctx.commands.post(cmd::SetScene{std::move(next)});
    ImGui::End();
}

} // namespace qinba
