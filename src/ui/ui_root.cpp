#include "qinba/ui/panels.h"

namespace qinba {

void drawUi(AppContext& ctx) {
    ctx.view.panelRects.clear(); // each panel drawn below reports itself
    drawMainMenu(ctx);
    drawStageCaption(ctx);
    if (ctx.prefs.showStagesPanel) drawStagesPanel(ctx);
    if (ctx.prefs.showViewPanel) drawViewPanel(ctx);
    if (ctx.prefs.showLayersPanel) drawLayersPanel(ctx);
    if (ctx.panels.terrainSources.open) drawTerrainSourcesPanel(ctx);
    if (ctx.prefs.showZoningPanel) drawZoningPanel(ctx);
    if (ctx.prefs.showStatusBar) drawStatusBar(ctx);
    drawPickTooltip(ctx);
    drawDetailPanel(ctx);
    if (ctx.panels.mainMenu.showHistory) drawHistoryPanel(ctx);
    drawDocumentDialogs(ctx);
    if (ctx.prefs.showTourPanel) drawTourPanel(ctx);
    if (ctx.prefs.showRecordPanel) drawRecordPanel(ctx);
    if (ctx.panels.screenshot.open) drawScreenshotDialog(ctx);
    if (ctx.panels.exportGis.open) drawExportDialog(ctx);
    if (ctx.panels.openDem.open) drawOpenDemDialog(ctx);
    if (ctx.panels.mainMenu.showControls) drawControlsHelp(ctx);
    if (ctx.panels.mainMenu.showAbout) drawAboutDialog(ctx);
    if (ctx.prefs.showPerformanceHud) drawPerformanceHud(ctx);
    drawJobProgress(ctx);
    drawFileDialogs(ctx);
    ctx.notifications.draw(ctx.time);
    ctx.view.panelsDrawn = true;
}

} // namespace qinba
