#include "qinba/core/i18n.h"
#include "qinba/ui/panels.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>
#include <string>

namespace qinba {

namespace {

/// File > Open Recent: most recent first; a file that is gone is greyed, and taken off the list when chosen.
void drawRecentFiles(AppContext& ctx) {
    if (!ImGui::BeginMenu(_("Open Recent"), !ctx.prefs.recentFiles.empty())) return;
    for (const std::string& path : ctx.prefs.recentFiles) {
        std::error_code ec;
        const bool there = std::filesystem::exists(path, ec);
        if (!there) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        const std::string name = std::filesystem::path(path).filename().string();
        if (ImGui::MenuItem((name + "##" + path).c_str(), nullptr)) ctx.commands.post(cmd::OpenRecent{path});
        if (!there) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", path.c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem(_("Clear the list"))) ctx.prefs.recentFiles.clear();
    ImGui::EndMenu();
}

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
    reportPanelWindow(ctx, "menu-bar");
    if (ImGui::BeginMenu(withId(_("File"), "file").c_str())) {
        if (ImGui::MenuItem(_("Open..."))) // anything: opened as what its content is, as when dropped
            ctx.panels.fileDialogs.open("menu-open-any", {FileDialogRequest::Mode::Open, _("Open"), {}, ""},
                                        ctx.prefs.recentFolders);
        drawRecentFiles(ctx);
        if (ImGui::MenuItem(_("Open DEM..."), "Ctrl+O")) ctx.panels.openDem.open = true;
        if (ImGui::MenuItem(_("Open embedded Pan-Qinba DEM"), nullptr, false, !ctx.document.demPath.empty()))
            ctx.commands.post(cmd::OpenDem{std::string(), std::string()});
        ImGui::Separator();
        if (ImGui::BeginMenu(withId(_("Open scenario"), "openscenario").c_str())) {
            ImGui::Dummy(ImVec2(ImGui::GetFontSize() * 28, 0));
            const bool go = pathField(ctx, "menu-open-scenario", ctx.panels.mainMenu.openScenarioPath,
                                      {FileDialogRequest::Mode::Open, _("Open scenario"), {"json"}, ""},
                                      _("/path/to/scenario.json"));
            if ((ImGui::Button(_("Open")) || go) && !ctx.panels.mainMenu.openScenarioPath.empty()) {
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
            ImGui::Dummy(ImVec2(ImGui::GetFontSize() * 28, 0));
            const bool go = pathField(ctx, "menu-save-scenario-as", path,
                                      {FileDialogRequest::Mode::Save, _("Save scenario as"), {"json"}, ""});
            if ((ImGui::Button(_("Save")) || go) && !path.empty()) {
                ctx.commands.post(cmd::SaveScenarioAs{path});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(withId(_("Import OD matrix"), "importod").c_str(), scenario)) {
            ImGui::TextDisabled("%s",
                                _("CSV (UTF-8 or GBK), .xlsx or .ods, or a folder of them: from, to, "
                                  "type, year or stage, volume, unit; or a wide matrix per type and year"));
            ImGui::Dummy(ImVec2(ImGui::GetFontSize() * 28, 0));
            const bool go = pathField(
                ctx, "menu-import-od", ctx.panels.mainMenu.odPath,
                {FileDialogRequest::Mode::Open, _("Import OD matrix"), {"csv", "xlsx", "ods", "txt"}, ""},
                _("/path/to/od.csv"));
            if ((ImGui::Button(_("Import")) || go) && !ctx.panels.mainMenu.odPath.empty()) {
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
            ImGui::Dummy(ImVec2(ImGui::GetFontSize() * 28, 0));
            const bool go = pathField(ctx, "menu-save-view", viewPath,
                                      {FileDialogRequest::Mode::Save, _("Save view settings"), {"json"}, ""},
                                      _("/path/to/view.json"));
            if ((ImGui::Button(_("Save")) || go) && !viewPath.empty()) {
                ctx.commands.post(cmd::SaveViewSettings{viewPath});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(withId(_("Load view settings"), "loadview").c_str())) {
            ImGui::Dummy(ImVec2(ImGui::GetFontSize() * 28, 0));
            const bool go = pathField(ctx, "menu-load-view", viewPath,
                                      {FileDialogRequest::Mode::Open, _("Load view settings"), {"json"}, ""},
                                      _("/path/to/view.json"));
            if ((ImGui::Button(_("Load")) || go) && !viewPath.empty()) {
                ctx.commands.post(cmd::LoadViewSettings{viewPath});
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(_("Export to GIS (GeoPackage, GeoJSON, Shapefile)..."), nullptr, false,
                            ctx.document.scenario.has_value()))
            ctx.panels.exportGis.open = true;
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
        ImGui::MenuItem(_("Terrain sources"), nullptr, &ctx.panels.terrainSources.open);
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
