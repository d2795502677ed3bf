#include "qinba/app/command_error.h"
#include "qinba/app/lod_commands.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

namespace qinba::app {

namespace {

int fail(const std::string& message) {
    return reportError("synth-dem", message);
}

/// Smooth value noise in [-1, 1] on an integer lattice, hashed from the seed.
double valueNoise(double x, double y, unsigned seed) {
    const auto hash = [seed](long long i, long long j) {
        std::uint64_t h = static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL ^
                          static_cast<std::uint64_t>(j) * 0xC2B2AE3D27D4EB4FULL ^
                          seed * 0x165667B19E3779F9ULL;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 29;
        return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53) * 2.0 - 1.0;
    };
    const double fx = std::floor(x), fy = std::floor(y);
    const auto i = static_cast<long long>(fx), j = static_cast<long long>(fy);
    const double u = x - fx, v = y - fy;
    const double su = u * u * (3 - 2 * u), sv = v * v * (3 - 2 * v);
    const double a = hash(i, j), b = hash(i + 1, j), c = hash(i, j + 1), d = hash(i + 1, j + 1);
    return (a + (b - a) * su) * (1 - sv) + (c + (d - c) * su) * sv;
}

} // namespace

int runSynthDem(const SynthDemOptions& o) {
    if (o.size < 16 || o.size > 200000)
        return fail(std::string("--size: ") + _("expected 16 to 200000 samples per side"));
    if (o.out.empty()) return fail(std::string("--out: ") + _("name the GeoTIFF to write"));
    const MapProjection projection = MapProjection::panQinba();
    DemLoadOptions load;
    load.maxSide = 1024;
    auto base = loadDem(defaultDemPath().string(), projection, load);
    if (!base) return fail(base.error().toString());
    const Dem& dem = *base;
    const std::vector<float> filled = dem.heightsFilledForDisplay();

    // A square crop of the default DEM's extent, centred on it, sampled N x N.
    const MapRect b = dem.bounds();
    const auto n = static_cast<int>(o.size);
    // Either the same square for every size (finer pixels as N grows) or pixels of a fixed size (a larger
    // square as N grows, centred on the same point).
    const double side = o.pixelMetres > 0.0 ? o.pixelMetres * n : std::min(b.width(), b.height());
    const MapPoint c = b.centre();
    const double x0 = c.x - side / 2, y0 = c.y + side / 2;
    const double pixel = side / n;

    ensureGdalRegistered();
    GdalErrorCapture capture;
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    char** co = nullptr;
    co = CSLSetNameValue(co, "TILED", "YES");
    co = CSLSetNameValue(co, "BLOCKXSIZE", "256");
    co = CSLSetNameValue(co, "BLOCKYSIZE", "256");
    co = CSLSetNameValue(co, "COMPRESS", "DEFLATE");
    co = CSLSetNameValue(co, "PREDICTOR", "2");
    co = CSLSetNameValue(co, "ZLEVEL", "1");
    co = CSLSetNameValue(co, "BIGTIFF", "IF_SAFER");
    const std::filesystem::path tmp = o.out + ".partial";
    GDALDataset* ds = gtiff->Create(tmp.c_str(), n, n, 1, GDT_Int16, co);
    CSLDestroy(co);
    if (!ds) return fail(formatText(_("{}: cannot be created"), o.out) + capture.suffix());
    double gt[6] = {x0, pixel, 0, y0, 0, -pixel};
    ds->SetGeoTransform(gt);
    ds->SetProjection(projection.wkt().c_str());
    ds->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION",
                        "Synthetic DEM for tests and benchmarks (illustrative, not measured): the embedded "
                        "Pan-Qinba DEM upsampled with fractal detail by qinba synth-dem");
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetUnitType("m");

    // Detail octaves from the base DEM's cell down to two output pixels; amplitude follows the local relief,
    // so basins stay smooth and ridges get rough.
    const double baseCell = dem.cellSize();
    // Relief per base sample (central differences), interpolated like the heights so the detail's amplitude
    // has no steps at the base cells' edges.
    const int bw = dem.width(), bh = dem.height();
    std::vector<float> relief(filled.size());
    for (int r = 0; r < bh; ++r)
        for (int col = 0; col < bw; ++col) {
            const auto h = [&](int cc, int rr) {
                return filled[static_cast<std::size_t>(std::clamp(rr, 0, bh - 1)) * bw +
                              std::clamp(cc, 0, bw - 1)];
            };
            const double gx = (h(col + 1, r) - h(col - 1, r)) / (2 * baseCell);
            const double gy = (h(col, r + 1) - h(col, r - 1)) / (2 * baseCell);
            relief[static_cast<std::size_t>(r) * bw + col] =
                static_cast<float>(std::clamp(std::hypot(gx, gy) * 4.0, 0.03, 1.0));
        }
    const int rowsPerStrip = 256;
    std::vector<std::int16_t> strip(static_cast<std::size_t>(rowsPerStrip) * n);
    const unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    int lastPercent = -1;
    for (int r0 = 0; r0 < n; r0 += rowsPerStrip) {
        const int rows = std::min(rowsPerStrip, n - r0);
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (int r = static_cast<int>(t); r < rows; r += static_cast<int>(threads)) {
                    const double y = y0 - (r0 + r + 0.5) * pixel;
                    const double fr =
                        std::clamp((dem.origin().y - y) / baseCell - 0.5, 0.0, dem.height() - 1.001);
                    const int br = static_cast<int>(fr);
                    const double v = fr - br;
                    for (int col = 0; col < n; ++col) {
                        const double x = x0 + (col + 0.5) * pixel;
                        const double fc =
                            std::clamp((x - dem.origin().x) / baseCell - 0.5, 0.0, dem.width() - 1.001);
                        const int bc = static_cast<int>(fc);
                        const double u = fc - bc;
                        const auto at = [&](int cc, int rr) {
                            return static_cast<double>(
                                filled[static_cast<std::size_t>(rr) * dem.width() + cc]);
                        };
                        const double h00 = at(bc, br), h10 = at(bc + 1, br), h01 = at(bc, br + 1),
                                     h11 = at(bc + 1, br + 1);
                        double h = (h00 + (h10 - h00) * u) * (1 - v) + (h01 + (h11 - h01) * u) * v;
                        const auto rel = [&](int cc, int rr) {
                            return static_cast<double>(relief[static_cast<std::size_t>(rr) * bw + cc]);
                        };
                        const double rough =
                            (rel(bc, br) + (rel(bc + 1, br) - rel(bc, br)) * u) * (1 - v) +
                            (rel(bc, br + 1) + (rel(bc + 1, br + 1) - rel(bc, br + 1)) * u) * v;
                        double wavelength = baseCell;
                        for (int octave = 0; octave < 12 && wavelength > 2 * pixel; ++octave) {
                            h += 0.08 * wavelength * rough *
                                 valueNoise(x / wavelength, y / wavelength, o.seed + octave);
                            wavelength *= 0.5;
                        }
                        strip[static_cast<std::size_t>(r) * n + col] =
                            static_cast<std::int16_t>(std::lround(std::clamp(h, -500.0, 9000.0)));
                    }
                }
            });
        for (std::thread& t : pool)
            t.join();
        if (band->RasterIO(GF_Write, 0, r0, n, rows, strip.data(), n, rows, GDT_Int16, 0, 0) != CE_None) {
            GDALClose(ds);
            std::filesystem::remove(tmp);
            return fail(formatText(_("{}: writing rows from {} failed"), o.out, r0) + capture.suffix());
        }
        const int percent = static_cast<int>(100.0 * (r0 + rows) / n);
        if (percent / 10 != lastPercent / 10)
            std::fprintf(stderr, "%s\n", formatText(_("synth-dem: {} % written"), percent).c_str());
        lastPercent = percent;
    }
    GDALClose(ds);
    std::error_code ec;
    std::filesystem::rename(tmp, o.out, ec);
    if (ec) return fail(formatText(_("{}: cannot be put in place: {}"), o.out, ec.message()));
    char count[32], metres[32];
    std::snprintf(count, sizeof count, "%.3g", static_cast<double>(n) * n);
    std::snprintf(metres, sizeof metres, "%.1f", pixel);
    std::printf("%s\n",
                formatText(_("{}: {} x {} samples ({}), {} m pixels, in the Pan-Qinba map projection"), o.out,
                           n, n, count, metres)
                    .c_str());
    if (!o.overviews) return 0;
    PrepareOptions prepare;
    prepare.dem = o.out;
    return runPrepare(prepare);
}

} // namespace qinba::app
