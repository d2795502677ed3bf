#pragma once
// The ImGui panels of the viewer, one source file each. Every function draws into the current ImGui frame
// and records what the user asked for in ctx.requests; nothing here touches OpenGL or files directly.

#include "qinba/core/i18n.h"
#include "qinba/ui/app_context.h"

#include <string>
#include <vector>

namespace qinba {

void drawMainMenu(AppContext& ctx);            ///< main_menu.cpp: File, Edit, View (with Language), Help
void drawViewPanel(AppContext& ctx);           ///< view_panel.cpp: exaggeration, sun, ramp, haze, display
void drawStatusBar(AppContext& ctx);           ///< status_bar.cpp: cursor position and elevation, fps
void drawAboutDialog(AppContext& ctx);         ///< about_dialog.cpp: version, data credits, renderer
void drawOpenDemDialog(AppContext& ctx);       ///< open_dem_dialog.cpp: open another DEM by path
void drawControlsHelp(AppContext& ctx);        ///< controls_help.cpp: mouse and keyboard
void drawTerrainSourcesPanel(AppContext& ctx); ///< terrain_sources_panel.cpp: the stacked DEMs, add, order
void drawLayersPanel(AppContext& ctx);      ///< layers_panel.cpp: visibility, order, style, add, zoom, remove
void drawZoningPanel(AppContext& ctx);      ///< zoning_panel.cpp: zoning parameters, areas, export
void drawStagesPanel(AppContext& ctx);      ///< stages_panel.cpp: stages, play, year, compare, label language
void drawStageCaption(AppContext& ctx);     ///< stage_caption.cpp: the stage's title and caption on the map
void drawTourPanel(AppContext& ctx);        ///< tour_panel.cpp: tours, keyframes, timeline, viewpoints
void drawScreenshotDialog(AppContext& ctx); ///< screenshot_dialog.cpp: PNG of the view at a chosen size
void drawExportDialog(AppContext& ctx);     ///< export_dialog.cpp: the scenario to GeoPackage, GeoJSON, SHP
void drawRecordPanel(AppContext& ctx);      ///< record_panel.cpp: record a tour to video in the background
void drawPickTooltip(AppContext& ctx);      ///< detail_panel.cpp: name and flows of what is under the cursor
void drawDetailPanel(AppContext& ctx); ///< detail_panel.cpp: the selected place or corridor, its flows, edits
void drawHistoryPanel(AppContext& ctx); ///< history_panel.cpp: the undo history, click to go to a step
/// performance_hud.cpp: frame time graph, triangles, draw calls, tiles resident and cache use.
void drawPerformanceHud(AppContext& ctx);
/// history_panel.cpp: unsaved-changes and crash-recovery questions, and the active edit tool's hint.
void drawDocumentDialogs(AppContext& ctx);
/// Exhibition mode: large stage buttons, the camera controls, the caption, a hint and the detail card,
/// nothing that edits or configures.
void drawKioskUi(AppContext& ctx, bool attract, double secondsUntilAttract);
/// A rectangle on the screen, pixels from the top-left (ImGui's coordinates).
struct UiRect {
    float x = 0, y = 0, width = 0, height = 0;
    bool contains(float px, float py) const {
        return px >= x && py >= y && px < x + width && py < y + height;
    }
};
/// kiosk_ui.cpp: where the kiosk's on-screen camera controls (zoom, turn, tilt, home: large buttons for
/// single-touch screens) go on a `width` × `height` display at font size `em` pixels: the one place it is
/// computed, so that overlays can keep clear of it.
UiRect kioskControlsRect(float width, float height, float em);
/// detail_panel.cpp: the kiosk's card of the selected place or corridor (a long press opens it), with Close.
void drawKioskCard(AppContext& ctx);
/// kiosk_ui.cpp: text the kiosk shows beyond the catalogue's (none now: its strings are in the catalogue,
/// whose characters the font always holds); kept for the kiosk's font set-up.
std::vector<std::string> kioskTexts();
/// stage_caption.cpp: whether any flow of the scenario has illustrative (not measured) volumes.
bool anyIndicative(const Scenario& scenario);
/// Reports the current ImGui window, in framebuffer pixels, as the on-screen control `name` (see
/// reportScreenControl()): the map's legend, labels and stage framings keep clear of it. Call between
/// ImGui::Begin and ImGui::End.
void reportControlWindow(AppContext& ctx, const std::string& name);
/// Records the current ImGui window (between Begin and End) as the viewer's panel `name` in
/// ViewState::panelRects, framebuffer pixels.
void reportPanelWindow(AppContext& ctx, const std::string& name);
/// job_progress.cpp: the background work in progress (opening, routing, zoning, importing) with Cancel.
void drawJobProgress(AppContext& ctx);
/// "text###id": ImGui shows the (translated) text and keys the widget by `id`, so a window's place and a
/// menu's or header's state survive a change of language.
inline std::string withId(const char* text, const char* id) {
    return std::string(text) + "###" + id;
}
/// All panels in their fixed order, then the notifications.
void drawUi(AppContext& ctx);

} // namespace qinba
