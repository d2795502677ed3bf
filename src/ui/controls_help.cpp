#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawControlsHelp(AppContext& ctx) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 26, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Mouse and keyboard", &ctx.panels.mainMenu.showControls,
                      ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    static const char* rows[][2] = {
        {"Left drag", "move the map (grab)"},
        {"Right or middle drag, Shift + left drag", "turn and tilt"},
        {"Wheel", "zoom towards the cursor"},
        {"W A S D, arrow keys", "move"},
        {"Q / E", "turn left / right"},
        {"R / F", "tilt up / down"},
        {"+ / -, Page Up / Page Down", "zoom in / out"},
        {"Shift (with keys)", "faster"},
        {"Home", "reset the view"},
        {"1 - 9", "show stage 1 to 9"},
        {"Space", "play or pause the stages"},
        {"Ctrl+O", "open a DEM"},
        {"Ctrl+S", "save the scenario (tours, viewpoints, edits)"},
        {"Ctrl+Z / Ctrl+Y", "undo / redo a scenario edit"},
        {"F12", "save a screenshot (window size) in the last screenshot folder"},
        {"F3", "performance HUD: frame times, triangles, terrain tiles and caches"},
        {"F1", "this help"},
        {"Ctrl+Q", "quit"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(r[0]);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(r[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

} // namespace qinba
