#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawControlsHelp(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 26, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin(withId(_("Mouse and keyboard"), "controls").c_str(), &ctx.panels.mainMenu.showControls,
                      ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    static const char* rows[][2] = {
        {N_("Left drag"), N_("move the map (grab)")},
        {N_("Right or middle drag, Shift + left drag"), N_("turn and tilt")},
        {N_("Wheel"), N_("zoom towards the cursor")},
        {N_("W A S D, arrow keys"), N_("move")},
        {"Q / E", N_("turn left / right")},
        {"R / F", N_("tilt up / down")},
        {N_("+ / -, Page Up / Page Down"), N_("zoom in / out")},
        {N_("Shift (with keys)"), N_("faster")},
        {"Home", N_("reset the view")},
        {"1 - 9", N_("show stage 1 to 9")},
        {N_("Space"), N_("play or pause the stages")},
        {N_("L, or click the legend"), N_("fold or unfold the legend")},
        {"Ctrl+O", N_("open a DEM")},
        {"Ctrl+S", N_("save the scenario (tours, viewpoints, edits)")},
        {"Ctrl+Z / Ctrl+Y", N_("undo / redo a scenario edit")},
        {"F12", N_("save a screenshot (window size) in the last screenshot folder")},
        {"F3", N_("performance HUD: frame times, triangles, terrain tiles and caches")},
        {"F1", N_("this help")},
        {"Ctrl+Q", N_("quit")},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(_(r[0]));
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(_(r[1]));
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace qinba
