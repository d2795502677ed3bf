// File > Export to GIS in the viewer: the document as it is now, not as it was saved.

#include "qinba/app/viewer_session.h"
#include "qinba/core/gis_export.h"
#include "qinba/core/i18n.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/core/text_format.h"

#include <memory>

namespace qinba::app {

void ViewerSession::exportGis(const cmd::ExportGis& request) {
    if (!ctx_.document.scenario) return ctx_.notifications.error(_("There is no scenario to export."));
    // The export routes the scenario as it is now (edits posted in the same frame included) on a worker:
    // the window may still show straight provisional lines for corridors whose routes are being computed,
    // and the file must hold the routes as they will be drawn. Known routes come from the shared cache.
    const Scenario scenario = *ctx_.document.scenario;
    const MapProjection projection = ctx_.projection;
    auto dem = std::make_shared<const Dem>(ctx_.document.dem);
    const double exaggeration = ctx_.scene.style.exaggeration;
    RouteCache& routes = presenter_.routes();
    jobs_.start(
        "export", formatText(_("Exporting to {}"), request.path),
        [=, this, &routes](JobControl& c) -> Result<BackgroundJobs::Apply> {
            auto geometry = buildScenarioGeometry(scenario, projection, TerrainSurface(*dem, exaggeration),
                                                  routes, [&c](double f) { return c.progress(0.9 * f); });
            if (!geometry) return Error{request.path, "", _("cancelled")};
            GisExportOptions options;
            options.crs = request.crs;
            options.stage = request.stage;
            auto report = exportScenarioGis(request.path, scenario,
                                            corridorLinesAsDrawn(*geometry, projection), options);
            if (!report) return report.error();
            std::string counts;
            for (std::size_t i = 0; i < std::size(kGisLayers); ++i)
                counts += (i ? ", " : "") + std::to_string(report->features[i]) + " " + kGisLayers[i];
            std::string files;
            for (const std::string& f : gisExportFiles(request.path, *gisFormatFromPath(request.path)))
                files += (files.empty() ? "" : ", ") + f;
            const std::string text = formatText(_("Exported {} ({}) to {}"), counts,
                                                request.crs.empty() ? "EPSG:4326" : request.crs, files);
            return BackgroundJobs::Apply([this, text] { ctx_.notifications.info(text); });
        });
}

} // namespace qinba::app
