#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

namespace qinba {

void drawMainMenu(AppContext& ctx) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open DEM...", "Ctrl+O")) ctx.view.showOpenDem = true;
        if (ImGui::MenuItem("Open embedded Pan-Qinba DEM", nullptr, false, !ctx.document.demPath.empty()))
            ctx.requests.openDem = std::make_pair(std::string(), std::string());
        ImGui::Separator();
        if (ImGui::BeginMenu("Open scenario")) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter =
                ImGui::InputTextWithHint("##open", "/path/to/scenario.json", &ctx.view.openScenarioInput,
                                         ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button("Open") || enter) && !ctx.view.openScenarioInput.empty()) {
                ctx.requests.openScenario = ctx.view.openScenarioInput;
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        const bool scenario = ctx.document.hasScenario;
        if (ImGui::MenuItem("Save scenario", "Ctrl+S", false, scenario)) ctx.requests.saveScenario = true;
        if (ImGui::BeginMenu("Save scenario as", scenario)) {
            std::string& path = ctx.view.saveAsPathInput;
            if (path.empty()) path = ctx.document.scenarioPath;
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter = ImGui::InputText("##saveas", &path, ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button("Save") || enter) && !path.empty()) {
                ctx.requests.saveScenarioAs = path;
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Import OD matrix", scenario)) {
            ImGui::TextDisabled("CSV: from, to, type, year or stage, volume, unit");
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter = ImGui::InputTextWithHint("##od", "/path/to/od.csv", &ctx.view.odPathInput,
                                                        ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button("Import") || enter) && !ctx.view.odPathInput.empty()) {
                ctx.requests.importOd = ctx.view.odPathInput;
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Save screenshot...")) ctx.view.showScreenshot = true;
        if (ImGui::MenuItem("Quick screenshot (window size)", "F12")) ctx.requests.quickScreenshot = true;
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) ctx.requests.quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        const std::string undo = ctx.history.undoLabel(), redo = ctx.history.redoLabel();
        if (ImGui::MenuItem(("Undo " + undo).c_str(), "Ctrl+Z", false, ctx.history.canUndo()))
            ctx.requests.undo = true;
        if (ImGui::MenuItem(("Redo " + redo).c_str(), "Ctrl+Y", false, ctx.history.canRedo()))
            ctx.requests.redo = true;
        ImGui::MenuItem("History", nullptr, &ctx.view.showHistory);
        ImGui::Separator();
        const bool scenario = ctx.document.hasScenario;
        if (ImGui::MenuItem("Add a place by clicking the terrain", nullptr, false, scenario))
            ctx.view.tool = EditTool::AddPlace;
        if (ImGui::MenuItem("New stage from the current one", nullptr, false, scenario))
            ctx.requests.edits.emplace_back(
                CreateStage{ctx.document.scenario.stages[ctx.view.playback.stage].id, "", "", ""});
        ImGui::TextDisabled("Click a place or corridor on the map to edit it");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Stages", nullptr, &ctx.prefs.showStagesPanel, ctx.document.hasScenario);
        ImGui::MenuItem("View panel", nullptr, &ctx.prefs.showViewPanel);
        ImGui::MenuItem("Layers", nullptr, &ctx.prefs.showLayersPanel);
        ImGui::MenuItem("Ecological zoning", nullptr, &ctx.prefs.showZoningPanel);
        ImGui::MenuItem("Tours and viewpoints", nullptr, &ctx.prefs.showTourPanel, ctx.document.hasScenario);
        ImGui::MenuItem("Record video", nullptr, &ctx.prefs.showRecordPanel, ctx.document.hasScenario);
        ImGui::Separator();
        ImGui::MenuItem("Legend on the map", nullptr, &ctx.prefs.showLegend);
        ImGui::MenuItem("Scale bar", nullptr, &ctx.prefs.showScaleBar);
        ImGui::MenuItem("North arrow", nullptr, &ctx.prefs.showNorthArrow);
        ImGui::MenuItem("Performance HUD", "F3", &ctx.prefs.showPerformanceHud);
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
