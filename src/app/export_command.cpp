#include "qinba/app/export_command.h"

#include "qinba/app/command_error.h"
#include "qinba/app/scenario_setup.h"
#include "qinba/core/gis_export.h"
#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/core/routing.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/terrain_surface.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace qinba::app {

namespace {
int fail(const Error& e) {
    return reportError("export", e);
}
} // namespace

int runExport(const ExportOptions& options) {
    if (options.out.empty()) return fail(Error{"", "--out", _("an output file is required")});
    if (auto format = gisFormatFromPath(options.out); !format) {
        Error e = format.error();
        e.field = "--out";
        return fail(e);
    }
    auto scenario = loadScenarioOption(options.scenario);
    if (!scenario) return fail(scenario.error());
    if (!options.od.empty()) {
        auto matrix = readOdFile(options.od);
        if (!matrix) return fail(matrix.error());
        if (auto applied = applyOd(*scenario, *matrix, options.od, utcTimestamp()); !applied)
            return fail(applied.error());
    }
    GisExportOptions gis;
    gis.crs = options.crs;
    if (!options.stage.empty()) {
        auto index = resolveStage(*scenario, options.stage);
        if (!index) return fail(index.error());
        gis.stage = *index;
    }
    const MapProjection projection = MapProjection::panQinba();
    auto dem = loadTerrain(options.terrain, projection);
    if (!dem) return fail(dem.error());

    // The routes the viewer draws: the same DEM, the same cost model and the same route cache.
    RouteCache routes(defaultRouteCacheDir());
    const ScenarioGeometry geometry =
        buildScenarioGeometry(*scenario, projection, TerrainSurface(*dem, 1.0), routes);
    for (const std::string& w : geometry.warnings)
        spdlog::warn("{}", w);
    auto report = exportScenarioGis(options.out, *scenario, corridorLinesAsDrawn(geometry, projection), gis);
    if (!report) {
        Error e = report.error();
        if (e.field == "crs") e.field = "--crs";
        return fail(e);
    }
    std::printf("%s", _("Exported"));
    for (std::size_t i = 0; i < std::size(kGisLayers); ++i)
        std::printf("%s %zu %s", i ? "," : "", report->features[i], kGisLayers[i]);
    std::printf(" (%s)\n", options.crs.c_str());
    for (const std::string& file : report->files)
        std::printf("  %s\n", file.c_str());
    return 0;
}

} // namespace qinba::app
