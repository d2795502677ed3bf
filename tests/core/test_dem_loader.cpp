// DEM loading through GDAL: formats, CRSs, nodata, units, and every kind of bad input.

#include "test_support.h"

#include "qinba/core/dem_loader.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <fstream>

namespace qinba {
namespace {

using test::SyntheticGrid;
using test::TempDir;

const MapProjection& projection() {
    static const MapProjection p = MapProjection::panQinba();
    return p;
}

/// The loaded elevation at a geographic point.
std::optional<double> elevationAtGeo(const Dem& dem, double lon, double lat) {
    return dem.elevationAt(projection().toMap({lon, lat}));
}

/// Checks a DEM made from syntheticHeight: the hill top and points on its flank and on the plain.
void expectSyntheticTerrain(const Dem& dem, double tolerance) {
    for (auto [lon, lat] :
         {std::pair{107.5, 33.0}, {107.0, 33.3}, {108.0, 32.6}, {106.2, 34.0}, {108.8, 32.2}}) {
        const auto h = elevationAtGeo(dem, lon, lat);
        ASSERT_TRUE(h.has_value()) << lon << "," << lat;
        EXPECT_NEAR(*h, test::syntheticHeight(lon, lat), tolerance) << lon << "," << lat;
    }
}

TEST(DemLoader, GeoTiffInGeographicCoordinates) {
    TempDir dir;
    const std::string path = dir.file("hill.tif");
    ASSERT_EQ(test::writeSyntheticGeographic(path, "GTiff", SyntheticGrid{}), "");
    auto dem = loadDem(path, projection());
    ASSERT_TRUE(dem) << dem.error().toString();
    expectSyntheticTerrain(*dem, 40.0);
    EXPECT_EQ(dem->provenance.driver, "GTiff");
    EXPECT_EQ(dem->provenance.sourceWidth, 100);
    EXPECT_FALSE(dem->provenance.crsAssumed);
    // 0.05° is about 4.6 km east-west at 33°N and 5.5 km north-south; the square grid sits in between.
    EXPECT_GT(dem->cellSize(), 3000.0);
    EXPECT_LT(dem->cellSize(), 6000.0);
    EXPECT_NEAR(dem->maxElevation(), 2500.0, 60.0);
}

TEST(DemLoader, VrtNetcdfAndAsciiGrid) {
    TempDir dir;
    const std::string tif = dir.file("base.tif");
    ASSERT_EQ(test::writeSyntheticGeographic(tif, "GTiff", SyntheticGrid{}), "");
    for (const char* driver : {"VRT", "netCDF", "AAIGrid"}) {
        const std::string ext = std::string(driver) == "VRT"      ? "vrt"
                                : std::string(driver) == "netCDF" ? "nc"
                                                                  : "asc";
        const std::string path = dir.file(std::string("hill.") + ext);
        ASSERT_EQ(test::copyRaster(tif, path, driver), "") << driver;
        auto dem = loadDem(path, projection());
        ASSERT_TRUE(dem) << driver << ": " << dem.error().toString();
        expectSyntheticTerrain(*dem, 40.0);
        EXPECT_EQ(dem->provenance.driver, driver);
    }
}

TEST(DemLoader, AsciiGridWithoutCrsIsTakenAsLongitudeLatitude) {
    TempDir dir;
    const std::string path = dir.file("nocrs.asc");
    SyntheticGrid g;
    g.crs.clear();
    ASSERT_EQ(test::writeSyntheticGeographic(path, "AAIGrid", g), "");
    std::filesystem::remove(dir.file("nocrs.prj"));
    auto dem = loadDem(path, projection());
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_TRUE(dem->provenance.crsAssumed);
    expectSyntheticTerrain(*dem, 40.0);
}

TEST(DemLoader, SrtmHgtTile) {
    TempDir dir;
    // SRTM3 tiles are 1201 x 1201 samples for one degree, named by their south-west corner.
    const std::string path = dir.file("N33E107.hgt");
    SyntheticGrid g{1201,       1201,       107.0 - 0.5 / 1200, 34.0 + 0.5 / 1200,
                    1.0 / 1200, 1.0 / 1200, "EPSG:4326",        true};
    ASSERT_EQ(
        test::writeRaster(
            path, "SRTMHGT", g,
            [](int, int, double lon, double lat) { return std::round(test::syntheticHeight(lon, lat)); },
            std::nullopt, "Int16"),
        "");
    auto dem = loadDem(path, projection());
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_EQ(dem->provenance.driver, "SRTMHGT");
    for (auto [lon, lat] : {std::pair{107.5, 33.5}, {107.2, 33.1}, {107.8, 33.9}}) {
        const auto h = elevationAtGeo(*dem, lon, lat);
        ASSERT_TRUE(h.has_value());
        EXPECT_NEAR(*h, test::syntheticHeight(lon, lat), 5.0);
    }
}

TEST(DemLoader, ProjectedUtmInput) {
    TempDir dir;
    const std::string path = dir.file("utm.tif");
    OGRSpatialReference utm, wgs;
    utm.SetFromUserInput("EPSG:32648"); // UTM zone 48N, central meridian 105°E
    wgs.SetWellKnownGeogCS("WGS84");
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> toGeo(OGRCreateCoordinateTransformation(&utm, &wgs));
    // 300 km x 240 km around the hill at 2 km cells.
    SyntheticGrid g{150, 120, 580000.0, 3780000.0, 2000.0, 2000.0, "EPSG:32648", true};
    ASSERT_EQ(test::writeRaster(path, "GTiff", g,
                                [&](int, int, double x, double y) -> std::optional<double> {
                                    toGeo->Transform(1, &x, &y);
                                    return test::syntheticHeight(x, y);
                                }),
              "");
    auto dem = loadDem(path, projection());
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_NEAR(dem->cellSize(), 2000.0, 150.0);
    EXPECT_NE(dem->provenance.sourceCrs.find("UTM"), std::string::npos) << dem->provenance.sourceCrs;
    expectSyntheticTerrain(*dem, 40.0);
}

TEST(DemLoader, InteriorVoidsAreFilledAndEdgeGapsMasked) {
    TempDir dir;
    const std::string path = dir.file("holes.tif");
    // A 6 x 6 void inside the data, and the western 10 columns without data.
    ASSERT_EQ(test::writeRaster(
                  path, "GTiff", SyntheticGrid{},
                  [](int c, int r, double lon, double lat) -> std::optional<double> {
                      if (c < 10) return std::nullopt;
                      if (c >= 40 && c < 46 && r >= 30 && r < 36) return std::nullopt;
                      return test::syntheticHeight(lon, lat);
                  },
                  -9999.0),
              "");
    auto dem = loadDem(path, projection());
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_EQ(dem->provenance.filledVoids, 36u);
    // Inside the former void (105 + 43 * 0.05 = 107.15°E, 35 - 33 * 0.05 = 33.35°N) the interpolated value
    // follows the hill's flank.
    const auto filled = elevationAtGeo(*dem, 107.175, 33.325);
    ASSERT_TRUE(filled.has_value());
    EXPECT_NEAR(*filled, test::syntheticHeight(107.175, 33.325), 150.0);
    // The edge gap (105.0–105.5°E) has no data after loading.
    EXPECT_FALSE(elevationAtGeo(*dem, 105.2, 33.0).has_value());
    EXPECT_TRUE(elevationAtGeo(*dem, 105.8, 33.0).has_value());
    EXPECT_GT(dem->minElevation(), 400.0) << "nodata value leaked into the elevations";
}

TEST(DemLoader, FeetAndScaleAreConvertedToMetres) {
    TempDir dir;
    const std::string path = dir.file("feet.tif");
    ASSERT_EQ(test::writeRaster(path, "GTiff", SyntheticGrid{},
                                [](int, int, double lon, double lat) -> std::optional<double> {
                                    return test::syntheticHeight(lon, lat) / 0.3048 / 2.0;
                                }),
              "");
    {
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_UPDATE | GDAL_OF_RASTER));
        ASSERT_TRUE(ds);
        ds->GetRasterBand(1)->SetUnitType("ft");
        ds->GetRasterBand(1)->SetScale(2.0);
    }
    auto dem = loadDem(path, projection());
    ASSERT_TRUE(dem) << dem.error().toString();
    expectSyntheticTerrain(*dem, 40.0);
}

TEST(DemLoader, LargeSourcesAreResampledToTheGridLimit) {
    TempDir dir;
    const std::string path = dir.file("big.tif");
    SyntheticGrid g{1000, 800, 105.0, 35.0, 0.005, 0.005, "EPSG:4326", true};
    ASSERT_EQ(test::writeSyntheticGeographic(path, "GTiff", g), "");
    DemLoadOptions options;
    options.maxSide = 256;
    auto dem = loadDem(path, projection(), options);
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_LE(std::max(dem->width(), dem->height()), 256);
    EXPECT_GE(std::max(dem->width(), dem->height()), 250);
    expectSyntheticTerrain(*dem, 40.0);
}

// ---- bad input: each gives one line naming the file and the problem --------------------------------

void expectOneLineError(const Result<Dem>& result, const std::string& path, const std::string& problem) {
    ASSERT_FALSE(result) << "expected an error for " << path;
    const std::string text = result.error().toString();
    EXPECT_EQ(result.error().file, path);
    EXPECT_NE(text.find(path), std::string::npos) << text;
    EXPECT_NE(text.find(problem), std::string::npos) << text;
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
}

TEST(DemLoaderErrors, MissingFile) {
    TempDir dir;
    const std::string path = dir.file("does-not-exist.tif");
    expectOneLineError(loadDem(path, projection()), path, "file not found");
}

TEST(DemLoaderErrors, FileGdalCannotOpen) {
    TempDir dir;
    const std::string path = dir.file("notes.tif");
    std::ofstream(path) << "this is a text file, not a raster\n";
    expectOneLineError(loadDem(path, projection()), path, "GDAL cannot open it as a raster");
}

TEST(DemLoaderErrors, RasterWithoutGeoreferencing) {
    TempDir dir;
    const std::string path = dir.file("plain.png");
    SyntheticGrid g;
    g.geotransform = false;
    g.crs.clear();
    ASSERT_EQ(
        test::writeRaster(
            path, "PNG", g, [](int c, int r, double, double) { return (c + r) % 200; }, std::nullopt, "Byte"),
        "");
    expectOneLineError(loadDem(path, projection()), path, "no georeferencing");
}

TEST(DemLoaderErrors, OneByOneRaster) {
    TempDir dir;
    const std::string path = dir.file("single.tif");
    SyntheticGrid g{1, 1, 107.0, 33.0, 0.1, 0.1, "EPSG:4326", true};
    ASSERT_EQ(test::writeSyntheticGeographic(path, "GTiff", g), "");
    expectOneLineError(loadDem(path, projection()), path, "1x1 raster");
}

TEST(DemLoaderErrors, AllNodataRaster) {
    TempDir dir;
    const std::string path = dir.file("empty.tif");
    ASSERT_EQ(test::writeRaster(
                  path, "GTiff", SyntheticGrid{},
                  [](int, int, double, double) -> std::optional<double> { return std::nullopt; }, -32768.0),
              "");
    expectOneLineError(loadDem(path, projection()), path, "no valid elevation samples");
}

TEST(DemLoaderErrors, AbsurdSizeFromADamagedHeader) {
    // Found by fuzz_dem: a header declaring 20774912 samples per row made GDAL allocate 21 GB.
    TempDir dir;
    const std::string path = dir.file("huge.vrt");
    std::ofstream(path) << R"(<VRTDataset rasterXSize="20774912" rasterYSize="65539">
  <SRS>EPSG:4326</SRS>
  <GeoTransform>100, 0.000001, 0, 40, 0, -0.0001</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1"/>
</VRTDataset>)";
    expectOneLineError(loadDem(path, projection()), path, "declares 20774912x65539 samples");
}

TEST(DemLoaderErrors, DegenerateGeotransform) {
    // Found by fuzz_dem: pixels of size 0 were read in full (4 billion samples) before the extent failed.
    TempDir dir;
    const std::string path = dir.file("flat.vrt");
    std::ofstream(path) << R"(<VRTDataset rasterXSize="64" rasterYSize="64">
  <SRS>EPSG:4326</SRS>
  <GeoTransform>108, 0, 0, 34, 0, 0</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1"/>
</VRTDataset>)";
    expectOneLineError(loadDem(path, projection()), path, "degenerate geotransform");
}

TEST(DemLoaderErrors, ProjectedLookingCoordinatesWithoutCrs) {
    TempDir dir;
    const std::string path = dir.file("nocrs.tif");
    SyntheticGrid g{50, 40, 580000.0, 3780000.0, 2000.0, 2000.0, "", true};
    ASSERT_EQ(test::writeRaster(path, "GTiff", g, [](int, int, double, double) { return 800.0; }), "");
    expectOneLineError(loadDem(path, projection()), path, "--dem-crs");
    DemLoadOptions options;
    options.assumedCrs = "EPSG:32648";
    auto dem = loadDem(path, projection(), options);
    ASSERT_TRUE(dem) << dem.error().toString();
    EXPECT_TRUE(dem->provenance.crsAssumed);
    EXPECT_NEAR(dem->maxElevation(), 800.0, 1e-3);
}

} // namespace
} // namespace qinba
