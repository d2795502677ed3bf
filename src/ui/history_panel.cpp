#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawHistoryPanel(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 22, em * 18), ImGuiCond_FirstUseEver);
    const bool shown =
        ImGui::Begin(withId(_("Edit history"), "history").c_str(), &ctx.panels.mainMenu.showHistory);
    reportPanelWindow(ctx, "history");
    if (!shown) return ImGui::End();
    const std::vector<std::string> labels = ctx.history.labels();
    const std::size_t position = ctx.history.position();
    ImGui::TextDisabled("%s", _("Click a step to go back or forward to it."));
    if (ImGui::Selectable(withId(_("(as opened)"), "opened").c_str(), position == 0))
        ctx.commands.post(cmd::HistoryGoTo{0});
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool applied = i < position;
        if (!applied) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        const std::string label = std::to_string(i + 1) + ". " + labels[i] + "##h" + std::to_string(i);
        if (ImGui::Selectable(label.c_str(), i + 1 == position)) ctx.commands.post(cmd::HistoryGoTo{i + 1});
        if (!applied) ImGui::PopStyleColor();
    }
    ImGui::End();
}

void drawDocumentDialogs(AppContext& ctx) {
    ViewState& v = ctx.view;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 centre(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f);
    const std::string unsaved = withId(_("Unsaved changes"), "unsaved");
    if (v.confirmDiscard) ImGui::OpenPopup(unsaved.c_str());
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal(unsaved.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text(_("The scenario %s has unsaved changes."), ctx.document.scenarioPath.c_str());
        if (ImGui::Button(withId(_("Save"), "save").c_str())) {
            ctx.commands.post(cmd::SaveThenContinue{}); // saved first, so nothing is lost
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Discard changes"), "discard").c_str())) {
            ctx.commands.post(cmd::DiscardAndContinue{});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Cancel"), "cancel").c_str())) {
            ctx.commands.post(cmd::CancelPendingOpen{});
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    const std::string recover = withId(_("Recover unsaved changes?"), "recover");
    if (v.recoveryOffer) ImGui::OpenPopup(recover.c_str());
    ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal(recover.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (v.recoveryOffer) {
            ImGui::Text(_("Qinba Atlas did not close normally. Changes to %s were autosaved at %s (UTC)."),
                        ctx.document.scenarioPath.c_str(), v.recoveryOffer->savedAt.c_str());
            ImGui::TextDisabled(_("Recovery file: %s"), v.recoveryOffer->path.c_str());
        }
        if (ImGui::Button(withId(_("Recover"), "recover").c_str())) {
            ctx.commands.post(cmd::AcceptRecovery{});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(withId(_("Discard"), "discardrecovery").c_str())) {
            ctx.commands.post(cmd::DeclineRecovery{});
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (v.tool != EditTool::None) {
        const char* text =
            v.tool == EditTool::ConnectPlaces ? _("Click the place to connect to (Esc cancels)")
            : v.tool == EditTool::AddPlace    ? _("Click the terrain where the new place is (Esc cancels)")
                                              : _("Click the terrain to add waypoints (Esc ends)");
        ImGui::SetNextWindowPos(ImVec2(centre.x, vp->Pos.y + vp->Size.y * 0.2f), ImGuiCond_Always,
                                ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowBgAlpha(0.8f);
        ImGui::Begin("##tool", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing |
                         ImGuiWindowFlags_NoNav);
        ImGui::TextColored(ImVec4(1.0f, 0.92f, 0.3f, 1.0f), "%s", text);
        ImGui::End();
    }
}

} // namespace qinba
