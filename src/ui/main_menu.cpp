#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

namespace qinba {

namespace {

/// View > Language: follow the system's locale, or one of the catalogues, each named in its own language.
void languageMenu(AppContext& ctx) {
    if (!ImGui::BeginMenu(withId(_("Language"), "language").c_str())) return;
    const std::string& chosen = ctx.prefs.language;
    std::string systemName = i18n::environmentLanguage();
    for (const i18n::Language& l : i18n::availableLanguages())
        if (l.code == systemName) systemName = l.nativeName;
    const std::string system = i18n::format(_("Follow system (%s)"), systemName.c_str());
    if (ImGui::MenuItem(withId(system.c_str(), "system").c_str(), nullptr, chosen.empty()))
        ctx.commands.post(cmd::SetLanguage{""});
    for (const i18n::Language& l : i18n::availableLanguages())
        if (ImGui::MenuItem(l.nativeName.c_str(), nullptr, chosen == l.code))
            ctx.commands.post(cmd::SetLanguage{l.code});
    ImGui::EndMenu();
}

} // namespace

void drawMainMenu(AppContext& ctx) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(withId(_("File"), "file").c_str())) {
        if (ImGui::MenuItem(_("Open DEM..."), "Ctrl+O")) ctx.panels.openDem.open = true;
        if (ImGui::MenuItem(_("Open embedded Pan-Qinba DEM"), nullptr, false, !ctx.document.demPath.empty()))
            ctx.commands.post(cmd::OpenDem{std::string(), std::string()});
        ImGui::Separator();
        if (ImGui::BeginMenu(withId(_("Open scenario"), "openscenario").c_str())) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter = ImGui::InputTextWithHint("##open", _("/path/to/scenario.json"),
                                                        &ctx.panels.mainMenu.openScenarioPath,
                                                        ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button(_("Open")) || enter) && !ctx.panels.mainMenu.openScenarioPath.empty()) {
                ctx.commands.post(cmd::OpenScenario{ctx.panels.mainMenu.openScenarioPath});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        const bool scenario = ctx.document.scenario.has_value();
        if (ImGui::MenuItem(_("Save scenario"), "Ctrl+S", false, scenario))
            ctx.commands.post(cmd::SaveScenario{});
        if (ImGui::BeginMenu(withId(_("Save scenario as"), "saveas").c_str(), scenario)) {
            std::string& path = ctx.panels.mainMenu.saveAsPath;
            if (path.empty()) path = ctx.document.scenarioPath;
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter = ImGui::InputText("##saveas", &path, ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button(_("Save")) || enter) && !path.empty()) {
                ctx.commands.post(cmd::SaveScenarioAs{path});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(withId(_("Import OD matrix"), "importod").c_str(), scenario)) {
            ImGui::TextDisabled("%s", _("CSV: from, to, type, year or stage, volume, unit"));
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter =
                ImGui::InputTextWithHint("##od", _("/path/to/od.csv"), &ctx.panels.mainMenu.odPath,
                                         ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button(_("Import")) || enter) && !ctx.panels.mainMenu.odPath.empty()) {
                ctx.commands.post(cmd::ImportOd{ctx.panels.mainMenu.odPath});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        // The picture's settings (style, labels, layers, zoning, decorations) for render, record and kiosk
        // --view, or to come back to later.
        std::string& viewPath = ctx.panels.mainMenu.viewSettingsPath;
        if (ImGui::BeginMenu(withId(_("Save view settings"), "saveview").c_str())) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter = ImGui::InputTextWithHint("##saveview", _("/path/to/view.json"), &viewPath,
                                                        ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button(_("Save")) || enter) && !viewPath.empty()) {
                ctx.commands.post(cmd::SaveViewSettings{viewPath});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(withId(_("Load view settings"), "loadview").c_str())) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
            const bool enter = ImGui::InputTextWithHint("##loadview", _("/path/to/view.json"), &viewPath,
                                                        ImGuiInputTextFlags_EnterReturnsTrue);
            if ((ImGui::Button(_("Load")) || enter) && !viewPath.empty()) {
                ctx.commands.post(cmd::LoadViewSettings{viewPath});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(_("Save screenshot..."))) ctx.panels.screenshot.open = true;
        if (ImGui::MenuItem(_("Quick screenshot (window size)"), "F12"))
            ctx.commands.post(cmd::QuickScreenshot{});
        ImGui::Separator();
        if (ImGui::MenuItem(_("Quit"), "Ctrl+Q")) ctx.commands.post(cmd::Quit{});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(withId(_("Edit"), "edit").c_str())) {
        const std::string undo = ctx.history.undoLabel(), redo = ctx.history.redoLabel();
        if (ImGui::MenuItem(withId(i18n::format(_("Undo %s"), undo.c_str()).c_str(), "undo").c_str(),
                            "Ctrl+Z", false, ctx.history.canUndo()))
            ctx.commands.post(cmd::Undo{});
        if (ImGui::MenuItem(withId(i18n::format(_("Redo %s"), redo.c_str()).c_str(), "redo").c_str(),
                            "Ctrl+Y", false, ctx.history.canRedo()))
            ctx.commands.post(cmd::Redo{});
        ImGui::MenuItem(_("History"), nullptr, &ctx.panels.mainMenu.showHistory);
        ImGui::Separator();
        const bool scenario = ctx.document.scenario.has_value();
        if (ImGui::MenuItem(_("Add a place by clicking the terrain"), nullptr, false, scenario))
            ctx.view.tool = EditTool::AddPlace;
        if (ImGui::MenuItem(_("New stage from the current one"), nullptr, false, scenario))
            ctx.commands.post(
                Edit{CreateStage{ctx.document.scenario->stages[ctx.view.playback.stage].id, "", "", ""}});
        ImGui::TextDisabled("%s", _("Click a place or corridor on the map to edit it"));
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(withId(_("View"), "view").c_str())) {
        ImGui::MenuItem(_("Stages"), nullptr, &ctx.prefs.showStagesPanel, ctx.document.scenario.has_value());
        ImGui::MenuItem(_("View panel"), nullptr, &ctx.prefs.showViewPanel);
        ImGui::MenuItem(_("Layers"), nullptr, &ctx.prefs.showLayersPanel);
        ImGui::MenuItem(_("Ecological zoning"), nullptr, &ctx.prefs.showZoningPanel);
        ImGui::MenuItem(_("Tours and viewpoints"), nullptr, &ctx.prefs.showTourPanel,
                        ctx.document.scenario.has_value());
        ImGui::MenuItem(_("Record video"), nullptr, &ctx.prefs.showRecordPanel,
                        ctx.document.scenario.has_value());
        ImGui::Separator();
        {
            SceneSettings next = ctx.scene;
            SceneDecorations& d = next.decorations;
            // One statement each: the order of the operands of | is not the order of evaluation.
            bool changed = ImGui::MenuItem(_("Legend on the map"), nullptr, &d.legend);
            changed |= ImGui::MenuItem(_("Scale bar"), nullptr, &d.scaleBar);
            changed |= ImGui::MenuItem(_("North arrow"), nullptr, &d.northArrow);
            if (changed) ctx.commands.post(cmd::SetScene{std::move(next)});
        }
        ImGui::MenuItem(_("Performance HUD"), "F3", &ctx.prefs.showPerformanceHud);
        ImGui::MenuItem(_("Status bar"), nullptr, &ctx.prefs.showStatusBar);
        languageMenu(ctx);
        ImGui::Separator();
        if (ImGui::MenuItem(_("Reset view"), "Home")) ctx.commands.post(cmd::ResetView{});
        if (ImGui::MenuItem(_("Copy view as --camera"))) ctx.commands.post(cmd::CopyView{});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(withId(_("Help"), "help").c_str())) {
        if (ImGui::MenuItem(_("Mouse and keyboard"), "F1")) ctx.panels.mainMenu.showControls = true;
        if (ImGui::MenuItem(_("About Qinba Atlas"))) ctx.panels.mainMenu.showAbout = true;
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

} // namespace qinba
