#include "qinba/app/import_dem_command.h"

#include "qinba/app/command_error.h"
#include "qinba/core/dem_import.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace qinba::app {

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

Result<std::array<double, 4>> parseBounds(const std::string& text) {
    std::array<double, 4> b{};
    std::istringstream in(text);
    char comma = ',';
    for (int i = 0; i < 4; ++i)
        if (!(in >> b[i]) || (i < 3 && !(in >> comma)) || comma != ',')
            return Error{"", "--bounds", formatText(_("expected W,S,E,N in degrees, got '{}'"), text)};
    std::string rest;
    if (in >> rest)
        return Error{"", "--bounds", formatText(_("expected W,S,E,N in degrees, got '{}'"), text)};
    return b;
}

} // namespace

int runImportDem(const ImportDemCli& o) {
    DemImportOptions opts;
    opts.inputs = o.inputs;
    opts.out = o.out;
    opts.crs = o.crs;
    opts.maxVoidCells = o.maxVoidCells;
    if (!o.bounds.empty()) {
        auto b = parseBounds(o.bounds);
        if (!b) return reportError("import-dem", b.error());
        opts.bounds = *b;
    }
    // A bar redrawn in place on a terminal, a line per tenth otherwise (logs, tests).
    const bool tty = isatty(fileno(stderr)) != 0;
    int shown = -1;
    std::string stage;
    opts.progress = [&](double f, const std::string& what) {
        if (!o.progressBar) return true;
        const int percent = static_cast<int>(std::floor(f * 100.0));
        if (tty) {
            if (percent == shown && what == stage) return true;
            const int filled = percent * 30 / 100;
            std::fprintf(stderr, "\r[%s%s] %3d %% %-40s", std::string(filled, '#').c_str(),
                         std::string(30 - filled, ' ').c_str(), percent, what.c_str());
            if (percent >= 100) std::fprintf(stderr, "\n");
        } else if (percent / 10 != shown / 10 || what != stage) {
            std::fprintf(stderr, "%s\n", formatText(_("import-dem: {} % {}"), percent, what).c_str());
        }
        shown = percent;
        stage = what;
        return true;
    };
    auto r = importDem(opts);
    if (tty && shown >= 0 && shown < 100) std::fprintf(stderr, "\n");
    if (!r) return reportError("import-dem", r.error());
    for (const SkippedTile& s : r->skipped)
        std::fprintf(stderr, "%s\n", formatText(_("import-dem: skipped {}: {}"), s.path, s.reason).c_str());
    std::printf("%s\n", formatText(_("{}: Cloud-Optimized GeoTIFF with {} overview levels written"), o.out,
                                   r->overviews)
                            .c_str());
    std::printf("%s\n",
                formatText(_("  tiles used: {} (skipped: {})"), r->used.size(), r->skipped.size()).c_str());
    std::printf("%s\n", formatText(_("  grid: {} x {} samples in {}, resolution {} m"), r->width, r->height,
                                   r->crsName, fixed(r->resolutionM, 1))
                            .c_str());
    std::printf("%s\n", formatText(_("  coverage: {} km²"), fixed(r->coverageKm2, 0)).c_str());
    std::printf("%s\n", formatText(_("  voids filled: {} ({} samples); voids kept as nodata: {}"),
                                   r->voidsFilled, r->cellsFilled, r->voidsKept)
                            .c_str());
    std::printf(
        "%s\n",
        formatText(_("  show it over the embedded DEM: qinba --dem {} --dem embedded"), o.out).c_str());
    return 0;
}

} // namespace qinba::app
