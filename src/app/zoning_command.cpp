#include "qinba/app/zoning_command.h"

#include "qinba/app/command_error.h"
#include "qinba/app/scenario_setup.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/core/zoning.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace qinba::app {

namespace {
int fail(const Error& e) {
    return reportError("zoning", e);
}
} // namespace

int runZoning(const ZoningOptions& options) {
    ZoningParameters parameters;
    for (const std::string& setting : options.settings)
        if (auto s = applyZoningAssignment(parameters, setting); !s) {
            Error e = s.error();
            e.field = "--set" + (e.field.empty() ? std::string() : " " + e.field);
            return fail(e);
        }
    if (options.out.empty()) return fail(Error{"", "--out", _("an output prefix is required")});
    const MapProjection projection = MapProjection::panQinba();
    auto dem = loadTerrain(options.terrain, projection);
    if (!dem) return fail(dem.error());
    auto scenario = loadScenarioOption(options.scenario);
    if (!scenario) return fail(scenario.error());
    const std::vector<GeoPoint> cities = cityAreaCities(*scenario);

    const auto start = std::chrono::steady_clock::now();
    const Zoning zoning = computeZoning(*dem, projection, cities, parameters);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    const std::string tif = options.out + ".tif", geojson = options.out + ".geojson",
                      csv = options.out + ".csv";
    const auto withCrsField = [](Error e) {
        if (e.field == "crs") e.field = "--crs";
        return e;
    };
    if (auto s = writeZoningGeoTiff(tif, *dem, zoning, projection, options.crs); !s)
        return fail(withCrsField(s.error()));
    if (auto s = writeZoningGeoJson(geojson, *dem, zoning, projection, options.crs); !s)
        return fail(withCrsField(s.error()));
    if (auto s = writeZoningCsv(csv, zoning); !s) return fail(s.error());

    std::printf("%s\n", formatText(_("Zoning of {}x{} samples around {} cities in {} ms:"), zoning.width,
                                   zoning.height, cities.size(), std::lround(ms))
                            .c_str());
    for (int v = 1; v < kZoneClassCount; ++v) {
        const auto zone = static_cast<ZoneClass>(v);
        std::printf("  %d %-32s %10.0f km2  %5.1f %%\n", v, _(zoneName(zone)), zoning.stats.areaKm2[v],
                    100.0 * zoning.stats.share(zone));
    }
    std::printf("  %-34s %10.0f km2\n%s\n", _("all samples with data"), zoning.stats.totalKm2,
                formatText(_("Wrote {}, {}, {}"), tif, geojson, csv).c_str());
    return 0;
}

} // namespace qinba::app
