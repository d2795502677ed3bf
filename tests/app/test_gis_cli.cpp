// `qinba export`, `qinba render --ortho` and `qinba zoning --crs` as a GIS user checks them: ogrinfo and
// gdalinfo list what was asked for, the corridors are the routed paths the viewer draws, and a city's
// symbol lies on the pixel its longitude and latitude give.

#include "test_support.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/gis_export.h"
#include "qinba/core/image.h"
#include "qinba/core/routing.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/terrain_surface.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace qinba {
namespace {

/// Runs `qinba ARGS` with its preferences and route cache in `dir`; stdout and stderr together.
test::ShellRun qinba(const std::string& args, const test::TempDir& dir) {
    return test::shell("env -u DISPLAY -u WAYLAND_DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") +
                       "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" + QINBA_EXE + "' " + args);
}

struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset open(const std::string& path, unsigned kind) {
    GDALAllRegister();
    return Dataset(GDALDataset::Open(path.c_str(), kind | GDAL_OF_READONLY));
}

const Scenario& defaultScenario() {
    static const Scenario s =
        *loadScenario((test::sourceDir() / "assets/scenarios/qinba_default.json").string());
    return s;
}

TEST(GisExportCli, GeoPackageInCgcs2000HoldsTheRoutedCorridors) {
    test::TempDir dir;
    const std::string out = dir.file("qinba.gpkg");
    const test::ShellRun run = qinba("export --out '" + out + "' --crs EPSG:4490", dir);
    ASSERT_EQ(run.status, 0) << run.out;
    EXPECT_NE(run.out.find(out), std::string::npos) << "the files written are listed: " << run.out;

    const Scenario& s = defaultScenario();
    const test::ShellRun info = test::shell("ogrinfo -ro -so -al '" + out + "'");
    ASSERT_EQ(info.status, 0) << info.out;
    for (const char* layer : kGisLayers)
        EXPECT_NE(info.out.find(std::string("Layer name: ") + layer), std::string::npos) << layer;
    EXPECT_NE(info.out.find("Feature Count: " + std::to_string(s.places.size())), std::string::npos);
    EXPECT_NE(info.out.find("Feature Count: " + std::to_string(s.corridors.size())), std::string::npos);
    EXPECT_NE(info.out.find("ID[\"EPSG\",4490]"), std::string::npos) << info.out;
    const test::ShellRun xian = test::shell("ogrinfo -ro -q -where \"id='xian'\" '" + out + "' places");
    EXPECT_NE(xian.out.find("name_zh (String) = 西安"), std::string::npos) << xian.out;

    // The same routes as the viewer: the default DEM, the route cache the command filled, the same overlay.
    const MapProjection projection = MapProjection::panQinba();
    auto dem = loadDem(defaultDemPath().string(), projection);
    ASSERT_TRUE(dem.ok()) << dem.error().toString();
    RouteCache routes(std::filesystem::path(dir.file("cache")) / "routes");
    const ScenarioGeometry geometry = buildScenarioGeometry(s, projection, TerrainSurface(*dem, 1.0), routes);
    EXPECT_EQ(routes.computed(), 0u) << "every route was in the cache the export command wrote";
    // What the overlay draws: each corridor's route in map metres, taken back to longitude and latitude here.
    std::vector<std::vector<GeoPoint>> want;
    for (const CorridorPaths& paths : geometry.corridors) {
        want.emplace_back();
        for (const MapPoint& p : paths.route)
            want.back().push_back(projection.toGeo(p));
    }

    Dataset ds = open(out, GDAL_OF_VECTOR);
    ASSERT_TRUE(ds);
    OGRLayer* corridors = ds->GetLayerByName("corridors");
    ASSERT_NE(corridors, nullptr);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference cgcs(*corridors->GetSpatialRef());
    cgcs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> back(OGRCreateCoordinateTransformation(&cgcs, &wgs84));
    ASSERT_TRUE(back);
    std::size_t routed = 0;
    for (auto& f : *corridors) {
        const Corridor* c = s.findCorridor(f->GetFieldAsString("id"));
        ASSERT_NE(c, nullptr);
        const auto& line = want[static_cast<std::size_t>(c - s.corridors.data())];
        std::unique_ptr<OGRGeometry> g(f->GetGeometryRef()->clone());
        ASSERT_EQ(g->transform(back.get()), OGRERR_NONE);
        const OGRLineString* l = g->toLineString();
        ASSERT_EQ(static_cast<std::size_t>(l->getNumPoints()), line.size()) << c->id;
        for (int k = 0; k < l->getNumPoints(); ++k) {
            EXPECT_NEAR(l->getX(k), line[k].lon, 1e-7) << c->id << " vertex " << k;
            EXPECT_NEAR(l->getY(k), line[k].lat, 1e-7) << c->id << " vertex " << k;
        }
        if (c->mode != CorridorMode::AirData && l->getNumPoints() > 2) ++routed;
    }
    EXPECT_GT(routed, 10u) << "ground corridors follow the terrain, not straight lines";
}

TEST(GisExportCli, GeoJsonAndShapefilePerLayerAndOneStage) {
    test::TempDir dir;
    const Scenario& s = defaultScenario();
    const test::ShellRun json =
        qinba("export --out '" + dir.file("q.geojson") + "' --stage core-sector", dir);
    ASSERT_EQ(json.status, 0) << json.out;
    const test::ShellRun corridors =
        test::shell("ogrinfo -ro -so -al '" + dir.file("q_corridors.geojson") + "'");
    EXPECT_NE(corridors.out.find("Feature Count: " + std::to_string(s.stages[0].corridors.size())),
              std::string::npos)
        << corridors.out;
    EXPECT_NE(corridors.out.find("ID[\"EPSG\",4326]"), std::string::npos) << corridors.out;

    const test::ShellRun shp = qinba("export --out '" + dir.file("q.shp") + "' --crs EPSG:3857", dir);
    ASSERT_EQ(shp.status, 0) << shp.out;
    const test::ShellRun places = test::shell("ogrinfo -ro -al '" + dir.file("q_places.shp") + "'");
    EXPECT_NE(places.out.find("Feature Count: " + std::to_string(s.places.size())), std::string::npos);
    EXPECT_NE(places.out.find("Pseudo-Mercator"), std::string::npos) << places.out.substr(0, 3000);
    EXPECT_NE(places.out.find("name_zh (String) = 西安"), std::string::npos);
}

TEST(GisExportCli, BadRequestsNameWhatIsWrong) {
    test::TempDir dir;
    const test::ShellRun stage =
        qinba("export --out '" + dir.file("a.gpkg") + "' --stage no-such-stage", dir);
    EXPECT_EQ(stage.status, 1);
    EXPECT_NE(stage.out.find("no-such-stage"), std::string::npos) << stage.out;
    const test::ShellRun crs = qinba("export --out '" + dir.file("a.gpkg") + "' --crs EPSG:999999", dir);
    EXPECT_EQ(crs.status, 1);
    EXPECT_NE(crs.out.find("--crs"), std::string::npos) << crs.out;
    const test::ShellRun ext = qinba("export --out '" + dir.file("a.kml") + "'", dir);
    EXPECT_EQ(ext.status, 1);
    EXPECT_NE(ext.out.find("a.kml"), std::string::npos) << ext.out;
    const test::ShellRun folder = qinba("export --out '" + dir.file("missing/a.gpkg") + "'", dir);
    EXPECT_EQ(folder.status, 1);
    EXPECT_NE(folder.out.find("missing/a.gpkg"), std::string::npos) << folder.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.gpkg")));
}

/// Centre of the red ring of the place symbol within `radius` pixels of `near` in `with`, where `without`
/// (the same view with no scenario) differs; nullopt when there is none.
std::optional<glm::dvec2> symbolCentre(const ImageRgba8& with, const ImageRgba8& without, glm::dvec2 near,
                                       int radius) {
    glm::dvec2 sum(0.0);
    int n = 0;
    for (int y = std::max(0, int(near.y) - radius); y < std::min(with.height, int(near.y) + radius); ++y)
        for (int x = std::max(0, int(near.x) - radius); x < std::min(with.width, int(near.x) + radius); ++x) {
            const std::uint8_t *a = with.at(x, y), *b = without.at(x, y);
            const int diff = std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
            if (diff > 60 && a[0] > 120 && a[1] < 90 && a[2] < 90) sum += glm::dvec2(x + 0.5, y + 0.5), ++n;
        }
    if (n < 10) return std::nullopt;
    return sum / double(n);
}

TEST(RenderOrthoCli, GeoTiffAndWorldFilePutXianOnItsPixel) {
    test::TempDir dir;
    const std::string scenario = (test::sourceDir() / "tests/data/one_place_scenario.json").string();
    const std::string common = "render --ortho --size 640x480 --no-legend --no-scale-bar --no-north-arrow ";
    const test::ShellRun tif =
        qinba(common + "--scenario '" + scenario + "' --out '" + dir.file("map.tif") + "'", dir);
    ASSERT_EQ(tif.status, 0) << tif.out;
    const test::ShellRun png =
        qinba(common + "--scenario '" + scenario + "' --out '" + dir.file("map.png") + "'", dir);
    ASSERT_EQ(png.status, 0) << png.out;
    const test::ShellRun bare = qinba(common + "--out '" + dir.file("bare.png") + "'", dir);
    ASSERT_EQ(bare.status, 0) << bare.out;
    for (const char* sidecar : {"map.pgw", "map.prj", "map.png.aux.xml"})
        EXPECT_TRUE(std::filesystem::exists(dir.file(sidecar))) << sidecar;

    const test::ShellRun info = test::shell("gdalinfo '" + dir.file("map.tif") + "'");
    EXPECT_NE(info.out.find("Lambert Conic Conformal"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Pixel Size = ("), std::string::npos) << info.out;

    const MapProjection projection = MapProjection::panQinba();
    const MapPoint xian = projection.toMap({108.893, 34.277});
    auto image = readImage(dir.file("map.png"));
    auto without = readImage(dir.file("bare.png"));
    ASSERT_TRUE(image.ok() && without.ok());
    for (const char* file : {"map.tif", "map.png"}) {
        SCOPED_TRACE(file);
        Dataset ds = open(dir.file(file), GDAL_OF_RASTER);
        ASSERT_TRUE(ds);
        double gt[6];
        ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
        const OGRSpatialReference* srs = ds->GetSpatialRef();
        ASSERT_NE(srs, nullptr);
        OGRSpatialReference map;
        map.importFromWkt(projection.wkt().c_str());
        EXPECT_TRUE(srs->IsSame(&map));
        EXPECT_EQ(ds->GetRasterXSize(), 640);
        // North up, square pixels: the pixel of Xi'an from the geotransform.
        EXPECT_DOUBLE_EQ(gt[2], 0.0);
        EXPECT_NEAR(gt[5], -gt[1], 1e-6 * gt[1]);
        const glm::dvec2 pixel((xian.x - gt[0]) / gt[1], (xian.y - gt[3]) / gt[5]);
        const auto centre = symbolCentre(*image, *without, pixel, 30);
        ASSERT_TRUE(centre.has_value()) << "no place symbol near pixel " << pixel.x << "," << pixel.y;
        std::printf("%s: Xi'an symbol at %.2f,%.2f; its lon/lat give %.2f,%.2f\n", file, centre->x, centre->y,
                    pixel.x, pixel.y);
        EXPECT_NEAR(centre->x, pixel.x, 1.5);
        EXPECT_NEAR(centre->y, pixel.y, 1.5);
    }

    // A GeoTIFF needs a straight-down parallel view.
    const test::ShellRun persp = qinba("render --size 64x48 --out '" + dir.file("p.tif") + "'", dir);
    EXPECT_EQ(persp.status, 1);
    EXPECT_NE(persp.out.find("--ortho"), std::string::npos) << persp.out;
}

TEST(ZoningCli, CrsReprojectsTheGeoTiffAndTheGeoJson) {
    test::TempDir dir;
    const test::ShellRun run = qinba("zoning --crs EPSG:4490 --out '" + dir.file("z") + "'", dir);
    ASSERT_EQ(run.status, 0) << run.out;
    const test::ShellRun tif = test::shell("gdalinfo '" + dir.file("z.tif") + "'");
    EXPECT_NE(tif.out.find("ID[\"EPSG\",4490]"), std::string::npos) << tif.out.substr(0, 3000);
    EXPECT_NE(tif.out.find("Color Table"), std::string::npos);
    const test::ShellRun json = test::shell("ogrinfo -ro -so -al '" + dir.file("z.geojson") + "'");
    EXPECT_NE(json.out.find("4490"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("Feature Count:"), std::string::npos) << json.out;
    const test::ShellRun bad = qinba("zoning --crs nonsense --out '" + dir.file("b") + "'", dir);
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.out.find("--crs"), std::string::npos) << bad.out;
}

} // namespace
} // namespace qinba
