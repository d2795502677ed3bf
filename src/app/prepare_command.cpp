#include "qinba/app/command_error.h"
#include "qinba/app/lod_commands.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <gdal_priv.h>
#include <gdal_utils.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace qinba::app {

namespace {

int fail(const std::string& message) {
    return reportError("prepare", message);
}

int progress(double done, const char*, void* last) {
    int& shown = *static_cast<int*>(last);
    const int percent = static_cast<int>(done * 100.0);
    if (percent / 10 != shown / 10)
        std::fprintf(stderr, "%s\n", formatText(_("prepare: {} %"), percent).c_str());
    shown = percent;
    return TRUE;
}

} // namespace

int runPrepare(const PrepareOptions& o) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    if (o.dem.rfind("/vsi", 0) != 0 && !std::filesystem::exists(o.dem))
        return fail(formatText(_("{}: file not found"), o.dem));
    GDALDatasetH ds = GDALOpenEx(o.dem.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) return fail(formatText(_("{}: GDAL cannot open it as a raster"), o.dem) + capture.suffix());
    int shown = -1;
    if (!o.cog.empty()) {
        // GDAL's COG driver tiles, compresses and adds overviews in one pass.
        std::vector<const char*> args{"-of",  "COG",
                                      "-co",  "COMPRESS=DEFLATE",
                                      "-co",  "PREDICTOR=2",
                                      "-co",  "OVERVIEWS=IGNORE_EXISTING",
                                      "-co",  "RESAMPLING=AVERAGE",
                                      "-co",  "BIGTIFF=IF_SAFER",
                                      nullptr};
        GDALTranslateOptions* opts = GDALTranslateOptionsNew(const_cast<char**>(args.data()), nullptr);
        GDALTranslateOptionsSetProgress(opts, progress, &shown);
        const std::string tmp = o.cog + ".partial";
        GDALDatasetH out = GDALTranslate(tmp.c_str(), ds, opts, nullptr);
        GDALTranslateOptionsFree(opts);
        GDALClose(ds);
        if (!out) {
            std::filesystem::remove(tmp);
            return fail(formatText(_("{}: cannot write the Cloud-Optimized GeoTIFF"), o.cog) +
                        capture.suffix());
        }
        GDALClose(out);
        std::error_code ec;
        std::filesystem::rename(tmp, o.cog, ec);
        if (ec) return fail(formatText(_("{}: cannot be put in place: {}"), o.cog, ec.message()));
        std::printf("%s\n",
                    formatText(_("{}: Cloud-Optimized GeoTIFF with overviews written"), o.cog).c_str());
        return 0;
    }

    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (!band) {
        GDALClose(ds);
        return fail(formatText(_("{}: contains no raster band"), o.dem));
    }
    if (const int have = GDALGetOverviewCount(band); have > 0) {
        std::printf("%s\n",
                    formatText(_("{}: already has {} overview levels; nothing to do"), o.dem, have).c_str());
        GDALClose(ds);
        return 0;
    }
    // Halve until the smallest overview fits in one 256-sample block.
    std::vector<int> factors;
    const int side = std::max(GDALGetRasterXSize(ds), GDALGetRasterYSize(ds));
    for (int f = 2; side / f >= 128 && f < (1 << 20); f *= 2)
        factors.push_back(f);
    if (factors.empty()) {
        std::printf("%s\n", formatText(_("{}: small enough to need no overviews"), o.dem).c_str());
        GDALClose(ds);
        return 0;
    }
    // Opened read-only, GDAL writes the overviews to a side file (.ovr), which works for every format and
    // leaves the original untouched.
    CPLSetConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
    CPLSetConfigOption("PREDICTOR_OVERVIEW", "2");
    CPLSetConfigOption("BIGTIFF_OVERVIEW", "IF_SAFER");
    const CPLErr err = GDALBuildOverviews(ds, "AVERAGE", static_cast<int>(factors.size()), factors.data(), 0,
                                          nullptr, progress, &shown);
    GDALClose(ds);
    if (err != CE_None) return fail(formatText(_("{}: building overviews failed"), o.dem) + capture.suffix());
    std::printf("%s\n",
                formatText(_("{0}: {1} overview levels added ({0}.ovr)"), o.dem, factors.size()).c_str());
    return 0;
}

} // namespace qinba::app
