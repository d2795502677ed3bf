#include "test_support.h"

#include "qinba/core/gdal_support.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace qinba::test {

namespace {
// Tests compare English messages, so every test program, and every qinba it starts, runs in English whatever
// the developer's locale: LANGUAGE wins over LANG and LC_ALL for messages. A test of another language sets
// its own. (ctest's ENVIRONMENT cannot carry it: gtest_discover_tests splits a list-valued property.)
[[maybe_unused]] const bool kEnglish = setenv("LANGUAGE", "en", 1) == 0;
// Nor can it carry these: preferences, recent files and caches that tests write stay under build/test-output,
// never in the developer's own ~/.config and ~/.cache.
[[maybe_unused]] const bool kOwnConfig =
    setenv("QINBA_CONFIG_DIR", QINBA_TEST_OUTPUT_DIR "/test-config", 0) == 0 &&
    setenv("QINBA_CACHE_DIR", QINBA_TEST_OUTPUT_DIR "/test-cache", 0) == 0;
} // namespace

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "qinba-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

double syntheticHeight(double lon, double lat) {
    const double d2 = (lon - 107.5) * (lon - 107.5) + (lat - 33.0) * (lat - 33.0);
    return 500.0 + 2000.0 * std::exp(-d2 / 0.5);
}

std::string writeRaster(const std::string& path, const std::string& driver, const SyntheticGrid& g,
                        const std::function<std::optional<double>(int, int, double, double)>& value,
                        std::optional<double> noData, const char* dataType) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (!out) return "no GDAL driver " + driver;
    const GDALDataType type = GDALGetDataTypeByName(dataType);
    GDALDataset* ds = mem->Create("", g.width, g.height, 1, type, nullptr);
    if (g.geotransform) {
        double gt[6] = {g.x0, g.dx, 0.0, g.y0, 0.0, -g.dy};
        ds->SetGeoTransform(gt);
    }
    if (!g.crs.empty()) {
        OGRSpatialReference srs;
        srs.SetFromUserInput(g.crs.c_str());
        ds->SetSpatialRef(&srs);
    }
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (noData) band->SetNoDataValue(*noData);
    std::vector<double> values(static_cast<std::size_t>(g.width) * g.height);
    for (int r = 0; r < g.height; ++r)
        for (int c = 0; c < g.width; ++c) {
            const double x = g.x0 + (c + 0.5) * g.dx, y = g.y0 - (r + 0.5) * g.dy;
            values[static_cast<std::size_t>(r) * g.width + c] =
                value(c, r, x, y).value_or(noData.value_or(0.0));
        }
    if (band->RasterIO(GF_Write, 0, 0, g.width, g.height, values.data(), g.width, g.height, GDT_Float64, 0, 0,
                       nullptr) != CE_None) {
        GDALClose(ds);
        return "cannot fill the in-memory raster";
    }
    GDALDataset* written = out->CreateCopy(path.c_str(), ds, FALSE, nullptr, nullptr, nullptr);
    GDALClose(ds);
    if (!written) return "GDAL " + driver + " CreateCopy failed: " + capture.last();
    GDALClose(written);
    return {};
}

std::string writeSyntheticGeographic(const std::string& path, const std::string& driver,
                                     const SyntheticGrid& g) {
    return writeRaster(path, driver, g,
                       [](int, int, double lon, double lat) { return syntheticHeight(lon, lat); });
}

std::string writeHgtTileSet(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const double cell = 1.0 / 1200.0;
    auto hgt = [&](const std::string& path, double lon, double lat, double voidHalf0, double voidLon0,
                   double voidLat0, double voidHalf1, double voidLon1, double voidLat1) {
        SyntheticGrid g{1201, 1201, lon - cell / 2, lat + 1 + cell / 2, cell, cell, "EPSG:4326", true};
        return writeRaster(
            path, "SRTMHGT", g,
            [&](int, int, double x, double y) -> std::optional<double> {
                const auto in = [&](double half, double cx, double cy) {
                    return std::abs(x - cx) < half * cell && std::abs(y - cy) < half * cell;
                };
                if (in(voidHalf0, voidLon0, voidLat0) || in(voidHalf1, voidLon1, voidLat1))
                    return std::nullopt;
                return std::round(syntheticHeight(x, y));
            },
            -32768.0, "Int16");
    };
    if (auto e = hgt((dir / "N33E107.hgt").string(), 107, 33, 2.5, kSmallVoidLon, kSmallVoidLat, 30.0,
                     kLargeVoidLon, kLargeVoidLat);
        !e.empty())
        return e;
    if (auto e = hgt("/vsizip/" + (dir / "N33E108.hgt.zip").string() + "/N33E108.hgt", 108, 33, 1.0, 108.5,
                     33.5, 0.0, 0.0, 0.0);
        !e.empty())
        return e;
    {
        std::ofstream corrupt(dir / "N34E107.hgt", std::ios::binary);
        corrupt << std::string(1000, 'x');
    }
    // UTM 49N: 109.0°E 33.0°N lies near (313 000, 3 653 000).
    SyntheticGrid utm{200, 200, 313000.0, 3700000.0, 150.0, 150.0, "EPSG:32649", true};
    return writeRaster((dir / "utm49n.tif").string(), "GTiff", utm,
                       [](int, int, double, double) { return 900.0; }, -9999.0, "Float32");
}

std::string copyRaster(const std::string& source, const std::string& path, const std::string& driver) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    GDALDataset* src = GDALDataset::Open(source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    if (!out || !src) {
        if (src) GDALClose(src);
        return "cannot open " + source + " or find driver " + driver;
    }
    GDALDataset* written = out->CreateCopy(path.c_str(), src, FALSE, nullptr, nullptr, nullptr);
    if (written) GDALClose(written);
    GDALClose(src);
    return written ? std::string() : "GDAL " + driver + " CreateCopy failed: " + capture.last();
}

std::string writeVector(const std::string& path, const char* driver, const std::string& crs,
                        const std::vector<std::pair<std::string, std::string>>& namedWkt) {
    GDALAllRegister();
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver);
    if (!d) return std::string("no driver ") + driver;
    std::unique_ptr<GDALDataset> ds(d->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) return "cannot create " + path;
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.c_str());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("features", &srs, wkbUnknown, nullptr);
    if (!layer) return "cannot create a layer";
    OGRFieldDefn name("name", OFTString);
    layer->CreateField(&name);
    for (const auto& [label, wkt] : namedWkt) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("name", label.c_str());
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkt(wkt.c_str(), &srs, &g) != OGRERR_NONE) return "bad WKT " + wkt;
        f.SetGeometryDirectly(g);
        if (layer->CreateFeature(&f) != OGRERR_NONE) return "cannot write a feature";
    }
    return {};
}

std::filesystem::path sourceDir() {
    return QINBA_SOURCE_DIR;
}

ShellRun shell(const std::string& command) {
    ShellRun r;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
        r.out.append(buf, n);
    const int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

double distanceToPolyline(glm::dvec2 p, const std::vector<glm::dvec2>& line) {
    double best = 1e300;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const glm::dvec2 a = line[i], ab = line[i + 1] - a;
        const double len2 = glm::dot(ab, ab);
        const double t = len2 > 0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
        best = std::min(best, glm::length(p - (a + t * ab)));
    }
    return best;
}

} // namespace qinba::test
