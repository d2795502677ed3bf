#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawJobProgress(AppContext& ctx) {
    if (ctx.view.jobs.empty()) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Bottom centre, above the status bar: visible without covering the map's middle.
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - em * 3),
        ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.85f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##jobs", nullptr, flags)) {
        for (const JobProgress& j : ctx.view.jobs) {
            ImGui::PushID(j.kind.c_str());
            ImGui::TextUnformatted(j.label.c_str());
            ImGui::ProgressBar(static_cast<float>(j.fraction), ImVec2(em * 18, 0));
            ImGui::SameLine();
            if (j.cancelling) ImGui::BeginDisabled();
            if (ImGui::Button(j.cancelling ? _("Cancelling...") : _("Cancel")))
                ctx.commands.post(cmd::CancelJob{j.kind});
            if (j.cancelling) ImGui::EndDisabled();
            ImGui::PopID();
        }
    }
    ImGui::End();
}

} // namespace qinba
