#include "qinba/ui/panels.h"

namespace qinba {

void drawUi(AppContext& ctx) {
    drawMainMenu(ctx);
    drawStageCaption(ctx);
    if (ctx.prefs.showStagesPanel) drawStagesPanel(ctx);
    if (ctx.prefs.showViewPanel) drawViewPanel(ctx);
    if (ctx.prefs.showLayersPanel) drawLayersPanel(ctx);
    if (ctx.prefs.showZoningPanel) drawZoningPanel(ctx);
    if (ctx.prefs.showStatusBar) drawStatusBar(ctx);
    drawPickTooltip(ctx);
    drawDetailPanel(ctx);
    if (ctx.view.showHistory) drawHistoryPanel(ctx);
    drawDocumentDialogs(ctx);
    if (ctx.prefs.showTourPanel) drawTourPanel(ctx);
    if (ctx.prefs.showRecordPanel) drawRecordPanel(ctx);
    if (ctx.view.showScreenshot) drawScreenshotDialog(ctx);
    if (ctx.view.showOpenDem) drawOpenDemDialog(ctx);
    if (ctx.view.showControls) drawControlsHelp(ctx);
    if (ctx.view.showAbout) drawAboutDialog(ctx);
    if (ctx.prefs.showPerformanceHud) drawPerformanceHud(ctx);
    ctx.notifications.draw(ctx.time);
}

} // namespace qinba
