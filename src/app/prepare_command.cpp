#include "qinba/app/command_error.h"
#include "qinba/app/lod_commands.h"
#include "qinba/core/gdal_support.h"

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
    if (percent / 10 != shown / 10) std::fprintf(stderr, "prepare: %d %%\n", percent);
    shown = percent;
    return TRUE;
}

} // namespace

int runPrepare(const PrepareOptions& o) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    if (o.dem.rfind("/vsi", 0) != 0 && !std::filesystem::exists(o.dem))
        return fail(o.dem + ": file not found");
    GDALDatasetH ds = GDALOpenEx(o.dem.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) return fail(o.dem + ": GDAL cannot open it as a raster" + capture.suffix());
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
            return fail(o.cog + ": cannot write the Cloud-Optimized GeoTIFF" + capture.suffix());
        }
        GDALClose(out);
        std::error_code ec;
        std::filesystem::rename(tmp, o.cog, ec);
        if (ec) return fail(o.cog + ": cannot be put in place: " + ec.message());
        std::printf("%s: Cloud-Optimized GeoTIFF with overviews written\n", o.cog.c_str());
        return 0;
    }

    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (!band) {
        GDALClose(ds);
        return fail(o.dem + ": contains no raster band");
    }
    if (const int have = GDALGetOverviewCount(band); have > 0) {
        std::printf("%s: already has %d overview levels; nothing to do\n", o.dem.c_str(), have);
        GDALClose(ds);
        return 0;
    }
    // Halve until the smallest overview fits in one 256-sample block.
    std::vector<int> factors;
    const int side = std::max(GDALGetRasterXSize(ds), GDALGetRasterYSize(ds));
    for (int f = 2; side / f >= 128 && f < (1 << 20); f *= 2)
        factors.push_back(f);
    if (factors.empty()) {
        std::printf("%s: small enough to need no overviews\n", o.dem.c_str());
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
    if (err != CE_None) return fail(o.dem + ": building overviews failed" + capture.suffix());
    std::printf("%s: %zu overview levels added (%s.ovr)\n", o.dem.c_str(), factors.size(), o.dem.c_str());
    return 0;
}

} // namespace qinba::app
