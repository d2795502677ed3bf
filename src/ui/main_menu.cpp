#include "qinba/ui/panels.h"

#include <imgui.h>

namespace qinba {

void drawMainMenu(AppContext& ctx) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open DEM...", "Ctrl+O")) ctx.view.showOpenDem = true;
        if (ImGui::MenuItem("Open embedded Pan-Qinba DEM", nullptr, false, !ctx.document.demPath.empty()))
            ctx.requests.openDem = std::make_pair(std::string(), std::string());
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) ctx.requests.quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Stages", nullptr, &ctx.prefs.showStagesPanel, ctx.document.hasScenario);
        ImGui::MenuItem("View panel", nullptr, &ctx.prefs.showViewPanel);
        ImGui::MenuItem("Layers", nullptr, &ctx.prefs.showLayersPanel);
        ImGui::MenuItem("Ecological zoning", nullptr, &ctx.prefs.showZoningPanel);
        ImGui::Separator();
        ImGui::MenuItem("Legend on the map", nullptr, &ctx.prefs.showLegend);
        ImGui::MenuItem("Scale bar", nullptr, &ctx.prefs.showScaleBar);
        ImGui::MenuItem("North arrow", nullptr, &ctx.prefs.showNorthArrow);
        ImGui::MenuItem("Status bar", nullptr, &ctx.prefs.showStatusBar);
        ImGui::Separator();
        if (ImGui::MenuItem("Reset view", "Home")) ctx.requests.resetView = true;
        if (ImGui::MenuItem("Copy view as --camera")) ctx.requests.copyView = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Mouse and keyboard", "F1")) ctx.view.showControls = true;
        if (ImGui::MenuItem("About Qinba Atlas")) ctx.view.showAbout = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

} // namespace qinba
