// The embedded default DEM: plausible heights, and its smoothing kept peaks close to the raw decode.

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/gdal_support.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <memory>

namespace qinba {
namespace {

/// Band 1 of a geographic raster, read whole, with lookups by longitude and latitude.
struct GeoRaster {
    explicit GeoRaster(const std::string& path) {
        ensureGdalRegistered();
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!ds) return;
        ds->GetGeoTransform(gt);
        w = ds->GetRasterXSize();
        h = ds->GetRasterYSize();
        values.resize(static_cast<std::size_t>(w) * h);
        if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, w, h, values.data(), w, h, GDT_Float32, 0, 0,
                                           nullptr) != CE_None)
            values.clear();
    }
    bool ok() const { return !values.empty(); }
    double at(double lon, double lat) const {
        const int c = static_cast<int>((lon - gt[0]) / gt[1]), r = static_cast<int>((lat - gt[3]) / gt[5]);
        return values[static_cast<std::size_t>(r) * w + c];
    }
    double maxWithin(double lon, double lat, double radiusDeg) const {
        double best = -1e9;
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c) {
                const double x = gt[0] + (c + 0.5) * gt[1], y = gt[3] + (r + 0.5) * gt[5];
                if (std::hypot(x - lon, y - lat) <= radiusDeg)
                    best = std::max(best, double(values[r * w + c]));
            }
        return best;
    }
    double gt[6] = {};
    int w = 0, h = 0;
    std::vector<float> values;
};

TEST(DefaultDem, CoversThePanQinbaRegionInGeographicCoordinates) {
    const GeoRaster dem(defaultDemPath().string());
    ASSERT_TRUE(dem.ok()) << defaultDemPath();
    EXPECT_DOUBLE_EQ(dem.gt[0], 100.0);
    EXPECT_DOUBLE_EQ(dem.gt[3], 38.0);
    EXPECT_NEAR(dem.gt[0] + dem.w * dem.gt[1], 118.0, 1e-9);
    EXPECT_NEAR(dem.gt[3] + dem.h * dem.gt[5], 26.0, 1e-9);
}

TEST(DefaultDem, HeightsArePlausible) {
    const GeoRaster dem(defaultDemPath().string());
    ASSERT_TRUE(dem.ok());
    EXPECT_GT(dem.maxWithin(107.75, 33.95, 0.1), 3000.0) << "Taibai massif (true summit 3767 m)";
    EXPECT_LT(dem.at(105.5, 30.5), 600.0) << "Sichuan Basin floor";
    EXPECT_LT(dem.at(107.03, 33.07), 700.0) << "Hanzhong basin";
    EXPECT_LT(dem.at(108.9, 34.4), 600.0) << "Wei valley near Xi'an";
    EXPECT_GT(dem.maxWithin(110.28, 31.44, 0.1), 2500.0) << "Shennongding (3106 m)";
}

TEST(DefaultDem, LoadsIntoTheMapProjection) {
    const MapProjection p = MapProjection::panQinba();
    auto dem = loadDem(defaultDemPath().string(), p);
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_GT(dem->width(), 400);
    EXPECT_GT(dem->height(), 300);
    EXPECT_EQ(dem->provenance.filledVoids, 0u);
    const auto basin = dem->elevationAt(p.toMap({105.5, 30.5}));
    ASSERT_TRUE(basin);
    EXPECT_LT(*basin, 600.0);
}

TEST(DefaultDem, DrawnOutlineFollowsTheSourceFootprint) {
    const MapProjection p = MapProjection::panQinba();
    auto dem = loadDem(defaultDemPath().string(), p);
    ASSERT_TRUE(dem) << dem.error().toString();
    const std::vector<std::uint8_t> coverage = dem->displayCoverage();
    auto coverageAt = [&](double lon, double lat) {
        const MapPoint m = p.toMap({lon, lat});
        const int c = static_cast<int>((m.x - dem->origin().x) / dem->cellSize());
        const int r = static_cast<int>((dem->origin().y - m.y) / dem->cellSize());
        return coverage[static_cast<std::size_t>(r) * dem->width() + c];
    };
    // Across the western edge (100°E) at 32°N and the northern edge (38°N) at 109°E the coverage rises
    // through the middle value at the outline, within a cell (about 0.03°).
    EXPECT_LT(coverageAt(99.96, 32.0), 128);
    EXPECT_GE(coverageAt(100.04, 32.0), 128);
    EXPECT_LT(coverageAt(109.0, 38.03), 128);
    EXPECT_GE(coverageAt(109.0, 37.97), 128);
    EXPECT_EQ(coverageAt(105.0, 32.0), 255);
    std::size_t partial = 0;
    for (std::uint8_t v : coverage) partial += (v > 0 && v < 255);
    EXPECT_GT(partial, static_cast<std::size_t>(dem->width())) << "a smooth band along the outline";
}

/// With QINBA_RAW_VRT pointing at the unsmoothed decode (written by the DEM script for this test), the
/// smoothing must not have flattened peaks: the smoothed summits stay within about one grey step.
TEST(DefaultDem, SmoothingKeepsPeaksAndStaysCloseToTheDecode) {
    const char* raw = std::getenv("QINBA_RAW_VRT");
    if (!raw || !*raw) GTEST_SKIP() << "QINBA_RAW_VRT not set (ctest sets it)";
    const GeoRaster decoded(raw), smoothed(defaultDemPath().string());
    ASSERT_TRUE(decoded.ok()) << raw;
    ASSERT_TRUE(smoothed.ok());
    for (auto [lon, lat] : {std::pair{107.75, 33.95}, {110.28, 31.44}, {103.9, 33.0}}) {
        const double a = decoded.maxWithin(lon, lat, 0.1), b = smoothed.maxWithin(lon, lat, 0.1);
        EXPECT_GT(b, a - 110.0) << "peak near " << lon << "," << lat << " lowered from " << a << " to " << b;
    }
    double worst = 0.0;
    for (double lat = 26.02; lat < 38.0; lat += 1.0 / 30)
        for (double lon = 100.02; lon < 118.0; lon += 1.0 / 30)
            worst = std::max(worst, std::abs(decoded.at(lon, lat) - smoothed.at(lon, lat)));
    EXPECT_LT(worst, 160.0);
}

} // namespace
} // namespace qinba
