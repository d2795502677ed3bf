// File > Export to GIS in the viewer: the document as it is now, not as it was saved.

#include "qinba/app/viewer_session.h"
#include "qinba/core/gis_export.h"
#include "qinba/core/i18n.h"

namespace qinba::app {

void ViewerSession::exportGis(const cmd::ExportGis& request) {
    if (!ctx_.document.scenario) return ctx_.notifications.error(_("There is no scenario to export."));
    // Edits posted before the export in the same frame are routed now, as the next frame would draw them.
    afterEdits();
    const Scenario& scenario = *ctx_.document.scenario;
    if (!presenter_.prepared() || presenter_.geometry().corridors.size() != scenario.corridors.size())
        prepareScenario();
    GisExportOptions options;
    options.crs = request.crs;
    options.stage = request.stage;
    auto report = exportScenarioGis(request.path, scenario,
                                    corridorLinesAsDrawn(presenter_.geometry(), ctx_.projection), options);
    if (!report) return ctx_.notifications.error(report.error().toString());
    std::string counts;
    for (std::size_t i = 0; i < std::size(kGisLayers); ++i)
        counts += (i ? ", " : "") + std::to_string(report->features[i]) + " " + kGisLayers[i];
    std::string files;
    for (const std::string& f : gisExportFiles(request.path, *gisFormatFromPath(request.path)))
        files += (files.empty() ? "" : ", ") + f;
    ctx_.notifications.info(std::string(_("Exported")) + " " + counts + " (" + request.crs + ") " + _("to") +
                            " " + files);
}

} // namespace qinba::app
