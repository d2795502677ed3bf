// Green heart zoning: areas against an independent geodesic computation, the rules on synthetic terrain,
// the acceptance checks on the default DEM, parameters, timing and the exported files.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/zoning.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <sstream>

namespace qinba {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

/// A Dem in the map projection whose samples are `height(x, y)` at the cell centres (map metres).
template <typename F>
Dem syntheticDem(int width, int height, MapPoint origin, double cell, F&& heightAt) {
    std::vector<float> h(static_cast<std::size_t>(width) * height);
    for (int r = 0; r < height; ++r)
        for (int c = 0; c < width; ++c)
            h[static_cast<std::size_t>(r) * width + c] =
                static_cast<float>(heightAt(origin.x + (c + 0.5) * cell, origin.y - (r + 0.5) * cell, c, r));
    return Dem(width, height, origin, cell, std::move(h));
}

/// Four cities far outside a grid around the map origin, so that all of it lies inside their hull.
std::vector<GeoPoint> surroundingCities(const MapProjection& proj, double km) {
    std::vector<GeoPoint> out;
    for (const MapPoint m : {MapPoint{-km * 1e3, -km * 1e3}, MapPoint{km * 1e3, -km * 1e3},
                             MapPoint{km * 1e3, km * 1e3}, MapPoint{-km * 1e3, km * 1e3}})
        out.push_back(proj.toGeo(m));
    return out;
}

/// Ellipsoidal area of each cell in km², computed independently of the code under test: the cell's outline
/// (4 points an edge) goes from the map CRS through PROJ to a cylindrical equal-area projection of the WGS84
/// ellipsoid, where the shoelace formula gives the true area.
std::vector<double> independentCellAreasKm2(const Dem& dem, const MapProjection& proj) {
    constexpr int kSub = 4;
    const int nx = dem.width() * kSub + 1, ny = dem.height() * kSub + 1;
    std::vector<double> xs(static_cast<std::size_t>(nx) * ny), ys(xs.size());
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            xs[static_cast<std::size_t>(j) * nx + i] = dem.origin().x + i * dem.cellSize() / kSub;
            ys[static_cast<std::size_t>(j) * nx + i] = dem.origin().y - j * dem.cellSize() / kSub;
        }
    OGRSpatialReference map, cea;
    map.importFromWkt(proj.wkt().c_str());
    cea.SetFromUserInput("+proj=cea +lon_0=109 +lat_ts=0 +datum=WGS84 +units=m +no_defs");
    map.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    cea.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(&map, &cea));
    EXPECT_TRUE(t && t->Transform(xs.size(), xs.data(), ys.data()));
    std::vector<double> areas(static_cast<std::size_t>(dem.width()) * dem.height());
    std::vector<std::pair<int, int>> ring;
    for (int r = 0; r < dem.height(); ++r)
        for (int c = 0; c < dem.width(); ++c) {
            ring.clear();
            const int i0 = c * kSub, j0 = r * kSub;
            for (int k = 0; k < kSub; ++k)
                ring.push_back({i0 + k, j0});
            for (int k = 0; k < kSub; ++k)
                ring.push_back({i0 + kSub, j0 + k});
            for (int k = 0; k < kSub; ++k)
                ring.push_back({i0 + kSub - k, j0 + kSub});
            for (int k = 0; k < kSub; ++k)
                ring.push_back({i0, j0 + kSub - k});
            double twice = 0.0;
            for (std::size_t k = 0; k < ring.size(); ++k) {
                const auto [ia, ja] = ring[k];
                const auto [ib, jb] = ring[(k + 1) % ring.size()];
                const std::size_t a = static_cast<std::size_t>(ja) * nx + ia,
                                  b = static_cast<std::size_t>(jb) * nx + ib;
                twice += xs[a] * ys[b] - xs[b] * ys[a];
            }
            areas[static_cast<std::size_t>(r) * dem.width() + c] = std::abs(twice) / 2 * 1e-6;
        }
    return areas;
}

TEST(ZoningSynthetic, ClassesAndAreasMatchAnIndependentGeodesicComputation) {
    const MapProjection proj = MapProjection::panQinba();
    // 320 × 240 km around 32°N 109°E, where the projection's scale is 0.25 % off, so a missing 1/k² would
    // show as a 0.5 % error. A cone with a plateau, a flat basin, a 700 m plain, no data in 5 columns.
    const MapPoint mountain{-60e3, 20e3}, basin{80e3, -30e3}, city{20e3, 60e3};
    const Dem dem = syntheticDem(160, 120, {-160e3, 120e3}, 2000.0, [&](double x, double y, int c, int) {
        if (c < 5) return double(kNaN);
        const double dm = std::hypot(x - mountain.x, y - mountain.y),
                     db = std::hypot(x - basin.x, y - basin.y);
        if (db < 25e3) return 300.0;
        return std::max(700.0, 2600.0 - std::max(0.0, dm - 20e3) * 0.05);
    });
    std::vector<GeoPoint> cities = surroundingCities(proj, 500);
    cities.push_back(proj.toGeo(city));

    // Rules reduced to elevation bands and the city's disc, so the classes are known by construction.
    ZoningParameters p;
    p.hinterlandMaxGap = 180;
    p.coreMinElevation = 2000, p.coreMinRelief = 0, p.coreMinPatchKm2 = 0;
    p.bufferMinElevation = 1000, p.bufferMinRelief = 0;
    p.greenMaxElevation = 500, p.greenMaxSlope = 90, p.greenMinEnclosure = 0, p.greenMinPatchKm2 = 0;
    p.urbanBeltRadiusKm = 15, p.urbanAxisMaxKm = 0, p.urbanMaxSlope = 90, p.urbanMaxRise = 6000;
    const Zoning z = computeZoning(dem, proj, cities, p);
    ASSERT_EQ(z.width, dem.width());
    ASSERT_EQ(z.classes.size(), dem.heights().size());

    const std::vector<double> cellArea = independentCellAreasKm2(dem, proj);
    std::array<double, kZoneClassCount> expected{};
    double total = 0.0;
    int mismatches = 0;
    for (int r = 0; r < dem.height(); ++r)
        for (int c = 0; c < dem.width(); ++c) {
            const double h = dem.at(c, r);
            const MapPoint m = dem.sampleCentre(c, r);
            ZoneClass want = ZoneClass::Other;
            if (!std::isnan(h)) {
                if (std::hypot(m.x - city.x, m.y - city.y) <= 15e3)
                    want = ZoneClass::UrbanBelt;
                else if (h >= 2000)
                    want = ZoneClass::EcologicalCore;
                else if (h <= 500)
                    want = ZoneClass::GreenDevelopment;
                else if (h >= 1000)
                    want = ZoneClass::ConservationBuffer;
                const double a = cellArea[static_cast<std::size_t>(r) * dem.width() + c];
                expected[static_cast<int>(want)] += a;
                total += a;
            }
            mismatches += z.at(c, r) != want;
        }
    EXPECT_EQ(mismatches, 0);
    for (int r = 0; r < dem.height(); ++r)
        for (int c = 0; c < dem.width(); ++c)
            ASSERT_EQ(zoneAt(z, c, r), z.at(c, r)) << "drawn class at sample " << c << "," << r;
    for (int v = 0; v < kZoneClassCount; ++v) {
        SCOPED_TRACE(zoneName(static_cast<ZoneClass>(v)));
        EXPECT_GT(expected[v], 100.0); // every class is present
        EXPECT_NEAR(z.stats.areaKm2[v], expected[v], 1e-4 * expected[v]);
    }
    EXPECT_NEAR(z.stats.totalKm2, total, 1e-5 * total);
    // The plateau's core alone: a 32 km disc (≈ 3217 km² on the map), true area larger by 1/k².
    std::printf("core %.2f km2 (independent %.2f), total %.1f km2 (independent %.1f)\n", z.stats.areaKm2[1],
                expected[1], z.stats.totalKm2, total);
}

TEST(ZoningSynthetic, EnclosedBasinIsGreenDevelopmentAndOpenPlainIsNot) {
    const MapProjection proj = MapProjection::panQinba();
    const MapPoint basin{-60e3, 0};
    // A 300 m plain with a 1200 m ring ridge (radius 20–30 km) around a basin in its west.
    const Dem dem = syntheticDem(150, 80, {-150e3, 80e3}, 2000.0, [&](double x, double y, int, int) {
        const double d = std::hypot(x - basin.x, y - basin.y);
        return d >= 20e3 && d <= 30e3 ? 1200.0 : 300.0;
    });
    const Zoning z = computeZoning(dem, proj, surroundingCities(proj, 600), ZoningParameters{});
    auto classAt = [&](MapPoint m) {
        return z.at(static_cast<int>((m.x - dem.origin().x) / dem.cellSize()),
                    static_cast<int>((dem.origin().y - m.y) / dem.cellSize()));
    };
    EXPECT_EQ(classAt(basin), ZoneClass::GreenDevelopment);
    EXPECT_EQ(classAt({basin.x + 25e3, basin.y}), ZoneClass::ConservationBuffer); // the ridge
    EXPECT_EQ(classAt({120e3, 0}), ZoneClass::Other);                             // the open plain
}

TEST(ZoningSynthetic, GreenHeartStaysInsideTheRingOfCities) {
    const MapProjection proj = MapProjection::panQinba();
    // Rugged high mountains everywhere (1500–3100 m in 40 km waves), cities on a 100 km hexagon.
    const Dem dem = syntheticDem(120, 120, {-200e3, 200e3}, 3333.0, [](double x, double y, int, int) {
        return 2300.0 + 800.0 * std::sin(x / 6.4e3) * std::sin(y / 6.4e3);
    });
    std::vector<GeoPoint> ring;
    for (int i = 0; i < 6; ++i)
        ring.push_back(proj.toGeo({100e3 * std::cos(i * M_PI / 3), 100e3 * std::sin(i * M_PI / 3)}));
    ZoningParameters p;
    p.urbanBeltRadiusKm = 0;
    p.urbanAxisMaxKm = 0;
    const Zoning z = computeZoning(dem, proj, ring, p);
    std::size_t inside = 0;
    for (int r = 0; r < dem.height(); ++r)
        for (int c = 0; c < dem.width(); ++c) {
            const MapPoint m = dem.sampleCentre(c, r);
            const double d = std::hypot(m.x, m.y);
            if (d > 100e3) EXPECT_EQ(z.at(c, r), ZoneClass::Other) << "outside the ring at " << c << "," << r;
            if (d < 40e3) inside += z.at(c, r) == ZoneClass::EcologicalCore;
        }
    EXPECT_GT(inside, 100u);

    // A narrower largest gap keeps to the middle of the ring: the hinterland can only shrink.
    p.hinterlandMaxGap = 120;
    const Zoning narrow = computeZoning(dem, proj, ring, p);
    for (std::size_t i = 0; i < z.classes.size(); ++i)
        if (z.classes[i] == ZoneClass::Other) ASSERT_EQ(narrow.classes[i], ZoneClass::Other);
    EXPECT_LT(narrow.stats.areaKm2[1] + narrow.stats.areaKm2[2], z.stats.areaKm2[1] + z.stats.areaKm2[2]);
}

/// The default DEM and the default scenario's Central and City Area cities, loaded once.
struct DefaultInputs {
    MapProjection projection = MapProjection::panQinba();
    Dem dem;
    std::vector<GeoPoint> cities;
    std::string error;
    DefaultInputs() {
        auto loaded = loadDem(defaultDemPath().string(), projection);
        auto scenario =
            loadScenario((findDataDir() / "assets" / "scenarios" / "qinba_default.json").string());
        if (!loaded)
            error = loaded.error().toString();
        else if (!scenario)
            error = scenario.error().toString();
        else
            dem = std::move(*loaded), cities = cityAreaCities(*scenario);
    }
    ZoneClass classAt(const Zoning& z, GeoPoint g) const {
        const MapPoint m = projection.toMap(g);
        return z.at(static_cast<int>((m.x - dem.origin().x) / dem.cellSize()),
                    static_cast<int>((dem.origin().y - m.y) / dem.cellSize()));
    }
};
const DefaultInputs& defaults() {
    static const DefaultInputs inputs;
    return inputs;
}
const Zoning& defaultZoning() {
    static const Zoning z = computeZoning(defaults().dem, defaults().projection, defaults().cities, {});
    return z;
}

TEST(ZoningDefaultDem, MatchesTheGreenHeartModel) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    EXPECT_EQ(in.cities.size(), 26u); // 6 central cities and 20 more of the City Area
    const Zoning& z = defaultZoning();
    struct Check {
        const char* what;
        GeoPoint at;
        ZoneClass zone;
    };
    const Check checks[] = {
        {"Taibai Shan, Qinling crest", {107.75, 33.95}, ZoneClass::EcologicalCore},
        {"Qinling ridge south of Xi'an", {108.5, 33.9}, ZoneClass::EcologicalCore},
        {"Chengdu", {104.068, 30.672}, ZoneClass::UrbanBelt},
        {"Xi'an", {108.893, 34.277}, ZoneClass::UrbanBelt},
        {"Wuhan", {114.268, 30.582}, ZoneClass::UrbanBelt},
        {"Hanzhong basin", {107.03, 33.07}, ZoneClass::GreenDevelopment},
        {"Ankang, Han valley", {109.02, 32.68}, ZoneClass::GreenDevelopment},
    };
    for (const Check& c : checks)
        EXPECT_EQ(in.classAt(z, c.at), c.zone) << c.what << ": " << zoneName(in.classAt(z, c.at));
    const ZoneClass basinFloor = in.classAt(z, {105.6, 30.2}); // Sichuan Basin away from the cities
    EXPECT_NE(basinFloor, ZoneClass::EcologicalCore);
    EXPECT_NE(basinFloor, ZoneClass::ConservationBuffer);
    // No green heart on the Tibetan Plateau edge (3000–4500 m at 102°E) nor on the Loess Plateau.
    EXPECT_EQ(in.classAt(z, {102.0, 31.0}), ZoneClass::Other);
    EXPECT_EQ(in.classAt(z, {107.0, 36.5}), ZoneClass::Other);
    for (int v = 1; v < kZoneClassCount; ++v)
        EXPECT_GT(z.stats.areaKm2[v], 20000.0) << zoneName(static_cast<ZoneClass>(v));
    std::printf("default DEM:");
    for (int v = 0; v < kZoneClassCount; ++v)
        std::printf(" %d=%.0f", v, z.stats.areaKm2[v]);
    std::printf(" total=%.0f km2\n", z.stats.totalKm2);
}

/// Share of each class in what the terrain draws (zoneAt on `n` × `n` points per sample with data) and in the
/// table (z.stats), as fractions of the area with data.
std::pair<std::array<double, kZoneClassCount>, std::array<double, kZoneClassCount>>
drawnAndTableShares(const Zoning& z, const Dem& dem, int n) {
    std::array<double, kZoneClassCount> drawn{}, table{};
    double count = 0;
    for (int r = 0; r < z.height; ++r)
        for (int c = 0; c < z.width; ++c) {
            if (std::isnan(dem.at(c, r))) continue;
            for (int j = 0; j < n; ++j)
                for (int i = 0; i < n; ++i)
                    drawn[static_cast<int>(zoneAt(z, c - 0.5 + (i + 0.5) / n, r - 0.5 + (j + 0.5) / n))] += 1;
            count += n * n;
        }
    for (int v = 0; v < kZoneClassCount; ++v)
        drawn[v] /= count, table[v] = z.stats.share(static_cast<ZoneClass>(v));
    return {drawn, table};
}

TEST(ZoningDefaultDem, DrawnZonesAgreeWithTheSamplesAndTheTable) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    const Zoning& z = defaultZoning();
    ASSERT_EQ(z.margins.size(), z.classes.size());
    // At every sample centre the smooth drawing gives exactly the sample's class.
    int mismatches = 0;
    for (int r = 0; r < z.height; ++r)
        for (int c = 0; c < z.width; ++c)
            mismatches += zoneAt(z, c, r) != z.at(c, r);
    EXPECT_EQ(mismatches, 0);
    // Between samples the boundaries are curves, so the drawn areas differ from the table's (which counts
    // whole cells) only by what rounding the staircase into curves moves: under 1 % of the area with data
    // for each class, and under 5 % of the class's own area.
    const auto [drawn, table] = drawnAndTableShares(z, in.dem, 4);
    std::printf("share drawn / table:");
    for (int v = 0; v < kZoneClassCount; ++v) {
        std::printf(" %d=%.4f/%.4f", v, drawn[v], table[v]);
        EXPECT_NEAR(drawn[v], table[v], 0.01) << zoneName(static_cast<ZoneClass>(v));
        EXPECT_NEAR(drawn[v], table[v], 0.05 * table[v]) << zoneName(static_cast<ZoneClass>(v));
    }
    std::printf("\n");
}

TEST(ZoningDefaultDem, ParametersChangeTheResultMonotonically) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    const Zoning& base = defaultZoning();
    // `shrinks`: every sample of `zone` in `after` was already `zone` in `before`, and the area drops.
    auto shrinks = [](const Zoning& before, const Zoning& after, ZoneClass zone) {
        for (std::size_t i = 0; i < before.classes.size(); ++i)
            if (after.classes[i] == zone && before.classes[i] != zone) return false;
        return after.stats.areaKm2[static_cast<int>(zone)] < before.stats.areaKm2[static_cast<int>(zone)];
    };
    auto with = [&](const char* name, double value) {
        ZoningParameters p;
        EXPECT_TRUE(setZoningParameter(p, name, value).ok()) << name;
        return computeZoning(in.dem, in.projection, in.cities, p);
    };
    EXPECT_TRUE(shrinks(base, with("core_min_elevation_m", 1800), ZoneClass::EcologicalCore));
    EXPECT_TRUE(shrinks(base, with("core_min_relief_m", 900), ZoneClass::EcologicalCore));
    EXPECT_TRUE(shrinks(base, with("green_min_enclosure", 0.8), ZoneClass::GreenDevelopment));
    EXPECT_TRUE(shrinks(with("urban_belt_radius_km", 60), base, ZoneClass::UrbanBelt));
    const Zoning narrow = with("hinterland_max_gap_deg", 130);
    for (const ZoneClass zone : {ZoneClass::EcologicalCore, ZoneClass::GreenDevelopment})
        EXPECT_LT(narrow.stats.areaKm2[static_cast<int>(zone)], base.stats.areaKm2[static_cast<int>(zone)]);
    // The same inputs give the same zones.
    EXPECT_EQ(computeZoning(in.dem, in.projection, in.cities, {}).classes, base.classes);
}

TEST(ZoningDefaultDem, RecomputesWellUnderASecond) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    constexpr int kRuns = 5;
    ZoningParameters p;
    std::vector<double> ms, coreKm2;
    for (int i = 0; i < kRuns; ++i) {
        p.coreMinElevation = 1300 + 50 * i; // as a slider would
        const auto start = std::chrono::steady_clock::now();
        const Zoning z = computeZoning(in.dem, in.projection, in.cities, p);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        coreKm2.push_back(z.stats.areaKm2[static_cast<int>(ZoneClass::EcologicalCore)]);
    }
    // Each step of the slider is seen: a higher minimum elevation leaves a smaller core.
    for (int i = 1; i < kRuns; ++i)
        EXPECT_LT(coreKm2[i], coreKm2[i - 1]) << "core area at " << 1300 + 50 * i << " m";
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[kRuns / 2];
    std::printf("computeZoning on %dx%d samples: median %.1f ms, slowest %.1f ms of %d runs%s\n",
                in.dem.width(), in.dem.height(), median, sorted.back(), kRuns,
                test::kTimingBoundsApply ? "" : " (bound not checked: sanitizers or no optimisation)");
    RecordProperty("zoning_ms", std::to_string(median));
    // A slider drag recomputes the zoning at each step, so it has to come back well under a second: the
    // median of the runs (one slow run on a busy machine does not count) is held to 400 ms, 8 times the
    // 47-50 ms the 2-core development machine measured at -O1 beside two other builds.
    if constexpr (test::kTimingBoundsApply) EXPECT_LT(median, 400.0);
}

TEST(ZoningParameters, TableNamesDefaultsAndRanges) {
    const auto& table = zoningParameterTable();
    const std::vector<std::string> names = zoningParameterNames();
    ASSERT_EQ(names.size(), table.size());
    EXPECT_GE(names.size(), 15u);
    for (std::size_t i = 0; i < table.size(); ++i) {
        EXPECT_EQ(names[i], table[i].name);
        EXPECT_LT(table[i].min, table[i].max) << names[i];
        EXPECT_TRUE(*table[i].description) << names[i];
        for (std::size_t j = 0; j < i; ++j)
            EXPECT_NE(names[i], names[j]);
    }
    EXPECT_TRUE(validateZoningParameters(ZoningParameters{}).ok());
}

TEST(ZoningParameters, SetRejectsUnknownNamesAndOutOfRangeValues) {
    ZoningParameters p;
    ASSERT_TRUE(setZoningParameter(p, "core_min_elevation_m", 1800).ok());
    EXPECT_EQ(p.coreMinElevation, 1800);
    ASSERT_TRUE(applyZoningAssignment(p, "green_min_enclosure=0.25").ok());
    EXPECT_EQ(p.greenMinEnclosure, 0.25);

    const ZoningParameters before = p;
    auto rejected = [&](Status s, const std::string& field, const std::string& words) {
        if (s.ok()) return ::testing::AssertionFailure() << "accepted";
        if (s.error().field != field || s.error().message.find(words) == std::string::npos)
            return ::testing::AssertionFailure() << s.error().toString();
        return ::testing::AssertionSuccess();
    };
    EXPECT_TRUE(rejected(setZoningParameter(p, "core_min_elevation", 1800), "core_min_elevation", "unknown"));
    EXPECT_TRUE(rejected(setZoningParameter(p, "green_min_enclosure", 1.5), "green_min_enclosure", "0 to 1"));
    EXPECT_TRUE(rejected(setZoningParameter(p, "relief_radius_km", 0), "relief_radius_km", "out of range"));
    EXPECT_TRUE(
        rejected(setZoningParameter(p, "core_min_relief_m", std::nan("")), "core_min_relief_m", "range"));
    EXPECT_TRUE(
        rejected(applyZoningAssignment(p, "urban_belt_radius_km=far"), "urban_belt_radius_km", "number"));
    EXPECT_TRUE(
        rejected(applyZoningAssignment(p, "urban_belt_radius_km=40km"), "urban_belt_radius_km", "number"));
    EXPECT_TRUE(
        rejected(applyZoningAssignment(p, "urban_belt_radius_km="), "urban_belt_radius_km", "number"));
    EXPECT_TRUE(rejected(applyZoningAssignment(p, "urban_belt_radius_km"), "", "NAME=VALUE"));
    EXPECT_TRUE(rejected(applyZoningAssignment(p, "towns=3"), "towns", "unknown"));
    EXPECT_EQ(p.urbanBeltRadiusKm, before.urbanBeltRadiusKm);
    EXPECT_EQ(p.coreMinRelief, before.coreMinRelief);
    p.reliefRadiusKm = -1;
    EXPECT_TRUE(rejected(validateZoningParameters(p), "relief_radius_km", "range"));
}

TEST(ZoningLegend, NamesAndColours) {
    EXPECT_STREQ(zoneName(ZoneClass::EcologicalCore), "Ecological core (green heart)");
    EXPECT_STREQ(zoneNameZh(ZoneClass::EcologicalCore), "生态核心区（绿心）");
    EXPECT_STREQ(zoneNameZh(ZoneClass::ConservationBuffer), "生态保育缓冲区");
    EXPECT_STREQ(zoneNameZh(ZoneClass::GreenDevelopment), "绿色发展区");
    EXPECT_STREQ(zoneNameZh(ZoneClass::UrbanBelt), "城市集群带");
    EXPECT_EQ(zoneColor(ZoneClass::Other).a, 0.0f);
    const glm::vec4 core = zoneColor(ZoneClass::EcologicalCore),
                    buffer = zoneColor(ZoneClass::ConservationBuffer);
    EXPECT_GT(core.g, core.r);
    EXPECT_GT(buffer.g + buffer.r + buffer.b, core.g + core.r + core.b); // the buffer is the lighter green
    EXPECT_GT(zoneColor(ZoneClass::UrbanBelt).r, zoneColor(ZoneClass::UrbanBelt).g);
    for (int v = 1; v < kZoneClassCount; ++v)
        EXPECT_EQ(zoneColor(static_cast<ZoneClass>(v)).a, 1.0f);
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

TEST(ZoningExport, GeoTiffReopensWithClassesCrsAndLegend) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    const Zoning& z = defaultZoning();
    const test::TempDir dir;
    const std::string path = dir.file("zones.tif");
    ASSERT_TRUE(writeZoningGeoTiff(path, in.dem, z, in.projection).ok());
    ensureGdalRegistered();
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetRasterXSize(), z.width);
    ASSERT_EQ(ds->GetRasterYSize(), z.height);
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_DOUBLE_EQ(gt[0], in.dem.origin().x);
    EXPECT_DOUBLE_EQ(gt[3], in.dem.origin().y);
    EXPECT_DOUBLE_EQ(gt[1], in.dem.cellSize());
    EXPECT_DOUBLE_EQ(gt[5], -in.dem.cellSize());
    OGRSpatialReference map;
    map.importFromWkt(in.projection.wkt().c_str());
    ASSERT_TRUE(ds->GetSpatialRef());
    EXPECT_TRUE(ds->GetSpatialRef()->IsSame(&map));

    GDALRasterBand* band = ds->GetRasterBand(1);
    EXPECT_EQ(band->GetRasterDataType(), GDT_Byte);
    int hasNoData = 0;
    EXPECT_EQ(band->GetNoDataValue(&hasNoData), 0.0);
    EXPECT_TRUE(hasNoData);
    std::vector<std::uint8_t> pixels(z.classes.size());
    ASSERT_EQ(band->RasterIO(GF_Read, 0, 0, z.width, z.height, pixels.data(), z.width, z.height, GDT_Byte, 0,
                             0, nullptr),
              CE_None);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        ASSERT_EQ(pixels[i], static_cast<std::uint8_t>(z.classes[i])) << "sample " << i;
    const GDALColorTable* table = band->GetColorTable();
    ASSERT_TRUE(table);
    const GDALColorEntry* core = table->GetColorEntry(1);
    EXPECT_EQ(core->c2, std::lround(zoneColor(ZoneClass::EcologicalCore).g * 255));
    char** categories = band->GetCategoryNames();
    ASSERT_GE(CSLCount(categories), kZoneClassCount);
    EXPECT_STREQ(categories[3], zoneName(ZoneClass::GreenDevelopment));
    EXPECT_STREQ(ds->GetMetadataItem("ZONING_core_min_elevation_m"), "1300");
}

TEST(ZoningExport, GeoJsonHasPolygonsPerClassWhoseAreasAddUp) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    const Zoning& z = defaultZoning();
    const test::TempDir dir;
    const std::string path = dir.file("zones.geojson");
    ASSERT_TRUE(writeZoningGeoJson(path, in.dem, z, in.projection).ok());
    ensureGdalRegistered();
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    ASSERT_TRUE(layer && layer->GetSpatialRef());
    EXPECT_TRUE(layer->GetSpatialRef()->IsGeographic());
    std::array<double, kZoneClassCount> area{};
    std::array<int, kZoneClassCount> count{};
    OGREnvelope all;
    for (auto& f : *layer) {
        const int v = f->GetFieldAsInteger("class");
        ASSERT_TRUE(v >= 1 && v < kZoneClassCount);
        EXPECT_STREQ(f->GetFieldAsString("name_en"), zoneName(static_cast<ZoneClass>(v)));
        EXPECT_STREQ(f->GetFieldAsString("name_zh"), zoneNameZh(static_cast<ZoneClass>(v)));
        ASSERT_TRUE(f->GetGeometryRef());
        EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbPolygon);
        OGREnvelope e;
        f->GetGeometryRef()->getEnvelope(&e);
        all.Merge(e);
        area[v] += f->GetFieldAsDouble("area_km2");
        ++count[v];
    }
    for (int v = 1; v < kZoneClassCount; ++v) {
        SCOPED_TRACE(zoneName(static_cast<ZoneClass>(v)));
        EXPECT_GE(count[v], 1);
        EXPECT_NEAR(area[v], z.stats.areaKm2[v], 1e-3 * z.stats.areaKm2[v]);
    }
    // RFC 7946: longitude, latitude on WGS84.
    EXPECT_GT(all.MinX, 100.0);
    EXPECT_LT(all.MaxX, 118.0);
    EXPECT_GT(all.MinY, 26.0);
    EXPECT_LT(all.MaxY, 38.0);
}

TEST(ZoningExport, CsvParsesAndMatchesTheStats) {
    const Zoning& z = defaultZoning();
    ASSERT_FALSE(z.classes.empty());
    const test::TempDir dir;
    const std::string path = dir.file("zones.csv");
    ASSERT_TRUE(writeZoningCsv(path, z).ok());
    auto text = readFile(path);
    ASSERT_TRUE(text.ok());
    std::istringstream lines(*text);
    std::string line;
    std::getline(lines, line);
    // A byte order mark, so that Excel on Chinese Windows reads the Chinese names as UTF-8.
    EXPECT_EQ(line, "\xEF\xBB\xBF"
                    "class,name_en,name_zh,area_km2,share");
    double shares = 0.0;
    int rows = 0;
    while (std::getline(lines, line)) {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');)
            cells.push_back(cell);
        ASSERT_EQ(cells.size(), 5u) << line;
        const int v = std::stoi(cells[0]);
        ASSERT_EQ(v, rows);
        EXPECT_EQ(cells[1], zoneName(static_cast<ZoneClass>(v)));
        EXPECT_EQ(cells[2], zoneNameZh(static_cast<ZoneClass>(v)));
        EXPECT_NEAR(std::stod(cells[3]), z.stats.areaKm2[v], 1e-3);
        shares += std::stod(cells[4]);
        ++rows;
    }
    EXPECT_EQ(rows, kZoneClassCount);
    EXPECT_NEAR(shares, 1.0, 1e-5);
}

TEST(ZoningExport, ErrorsNameTheFile) {
    const DefaultInputs& in = defaults();
    ASSERT_TRUE(in.error.empty()) << in.error;
    const test::TempDir dir;
    const std::string missing = dir.file("no/such/folder/zones");
    for (const Status& s :
         {writeZoningCsv(missing + ".csv", defaultZoning()),
          writeZoningGeoTiff(missing + ".tif", in.dem, defaultZoning(), in.projection),
          writeZoningGeoJson(missing + ".geojson", in.dem, defaultZoning(), in.projection)}) {
        ASSERT_FALSE(s.ok());
        EXPECT_NE(s.error().toString().find("no/such/folder"), std::string::npos) << s.error().toString();
    }
    Zoning wrong = defaultZoning();
    wrong.width -= 1;
    const Status s = writeZoningGeoTiff(dir.file("z.tif"), in.dem, wrong, in.projection);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("grid"), std::string::npos);
}

} // namespace
} // namespace qinba
