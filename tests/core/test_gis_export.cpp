// The scenario as GIS layers: GeoPackage, GeoJSON and Shapefile written, reopened with OGR and read with the
// ogrinfo program, in the CRSs asked for, with the Chinese names intact and the corridor lines vertex for
// vertex.

#include "test_support.h"

#include "qinba/core/gis_export.h"
#include "qinba/core/scenario_io.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

namespace qinba {
namespace {

const Scenario& defaultScenario() {
    static const Scenario s = [] {
        auto loaded = loadScenario((test::sourceDir() / "assets/scenarios/qinba_default.json").string());
        EXPECT_TRUE(loaded.ok()) << loaded.error().toString();
        return loaded.ok() ? *loaded : Scenario{};
    }();
    return s;
}

/// Known bent lines between each corridor's ends (what routing would give), so vertices can be compared.
CorridorLines bentLines(const Scenario& s) {
    CorridorLines out;
    for (const Corridor& c : s.corridors) {
        const GeoPoint a = s.findPlace(c.from)->location, b = s.findPlace(c.to)->location;
        std::vector<GeoPoint> line;
        for (int k = 0; k <= 8; ++k) {
            const double t = k / 8.0, bend = 0.15 * std::sin(M_PI * t) * (k % 2 ? 1.0 : 0.6);
            line.push_back({a.lon + (b.lon - a.lon) * t - (b.lat - a.lat) * bend,
                            a.lat + (b.lat - a.lat) * t + (b.lon - a.lon) * bend});
        }
        out.lines.push_back(std::move(line));
        out.routed.push_back(true);
    }
    return out;
}

/// Flow features expected: one per flow and stage whose corridor is active and whose volume key is set.
std::size_t expectedFlows(const Scenario& s, std::optional<std::size_t> only = std::nullopt) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.stages.size(); ++i) {
        if (only && *only != i) continue;
        const Stage& st = s.stages[i];
        const std::string key = st.volumeKey.empty() ? st.id : st.volumeKey;
        for (const Flow& f : s.flows)
            if (f.volumes.count(key) &&
                std::find(st.corridors.begin(), st.corridors.end(), f.corridor) != st.corridors.end())
                ++n;
    }
    return n;
}

struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, Closer>;

Dataset openVector(const std::string& path) {
    return Dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

/// The one layer of `file` (GeoJSON, Shapefile) or the layer called `name` (GeoPackage).
OGRLayer* layerOf(GDALDataset& ds, const std::string& name) {
    return ds.GetLayerCount() == 1 ? ds.GetLayer(0) : ds.GetLayerByName(name.c_str());
}

int epsgOf(const OGRSpatialReference* srs) {
    if (!srs) return 0;
    OGRSpatialReference copy(*srs);
    if (copy.AutoIdentifyEPSG() != OGRERR_NONE && !copy.GetAuthorityCode(nullptr)) {
        // ESRI .prj files carry names, not codes: ask PROJ for the best match.
        int count = 0;
        int* confidence = nullptr;
        OGRSpatialReferenceH* matches = copy.FindMatches(nullptr, &count, &confidence);
        int code = 0;
        if (count > 0 && confidence[0] >= 70) {
            const char* c = OSRGetAuthorityCode(matches[0], nullptr);
            code = c ? std::atoi(c) : 0;
        }
        OSRFreeSRSArray(matches);
        CPLFree(confidence);
        return code;
    }
    const char* code = copy.GetAuthorityCode(nullptr);
    return code ? std::atoi(code) : 0;
}

struct Case {
    std::string extension;
    int epsg;
};

class GisExportFormats : public ::testing::TestWithParam<Case> {};

TEST_P(GisExportFormats, LayersCountsCrsChineseAndCorridorVertices) {
    const Scenario& s = defaultScenario();
    const CorridorLines lines = bentLines(s);
    test::TempDir dir;
    const std::string out = dir.file("qinba" + GetParam().extension);
    GisExportOptions options;
    options.crs = "EPSG:" + std::to_string(GetParam().epsg);
    auto written = exportScenarioGis(out, s, lines, options);
    ASSERT_TRUE(written.ok()) << written.error().toString();
    const GisFormat format = *gisFormatFromPath(out);
    const std::vector<std::string> files = gisExportFiles(out, format);
    for (const std::string& f : files)
        EXPECT_NE(std::find(written->files.begin(), written->files.end(), f), written->files.end())
            << f << " not reported";
    if (format == GisFormat::Shapefile)
        for (const char* sidecar : {".shx", ".dbf", ".prj", ".cpg"})
            EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(files[0]).replace_extension(sidecar)))
                << sidecar;

    const std::map<std::string, std::size_t> counts{{"places", s.places.size()},
                                                    {"agglomerations", s.agglomerations.size()},
                                                    {"corridors", s.corridors.size()},
                                                    {"flows", expectedFlows(s)}};
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    for (std::size_t li = 0; li < std::size(kGisLayers); ++li) {
        const std::string name = kGisLayers[li];
        SCOPED_TRACE(name);
        Dataset ds = openVector(files[format == GisFormat::GeoPackage ? 0 : li]);
        ASSERT_TRUE(ds);
        OGRLayer* layer = layerOf(*ds, name);
        ASSERT_NE(layer, nullptr);
        EXPECT_EQ(static_cast<std::size_t>(layer->GetFeatureCount()), counts.at(name));
        EXPECT_EQ(epsgOf(layer->GetSpatialRef()), GetParam().epsg);
        OGRSpatialReference target(*layer->GetSpatialRef());
        target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> back(OGRCreateCoordinateTransformation(&target, &wgs84));
        ASSERT_TRUE(back);

        layer->ResetReading();
        std::size_t seen = 0;
        for (auto& f : *layer) {
            ++seen;
            std::unique_ptr<OGRGeometry> g(f->GetGeometryRef()->clone());
            ASSERT_EQ(g->transform(back.get()), OGRERR_NONE);
            if (name == "places" && std::string(f->GetFieldAsString("id")) == "xian") {
                EXPECT_STREQ(f->GetFieldAsString("name_zh"), "西安");
                EXPECT_STREQ(f->GetFieldAsString("role"), "central");
                const OGRPoint* p = g->toPoint();
                EXPECT_NEAR(p->getX(), s.findPlace("xian")->location.lon, 1e-6);
                EXPECT_NEAR(p->getY(), s.findPlace("xian")->location.lat, 1e-6);
            }
            if (name == "corridors" || name == "flows") {
                const std::string cid = f->GetFieldAsString(name == "corridors" ? "id" : "corridor");
                const Corridor* c = s.findCorridor(cid);
                ASSERT_NE(c, nullptr) << cid;
                const std::vector<GeoPoint>& want =
                    lines.lines[static_cast<std::size_t>(c - s.corridors.data())];
                const bool reversed =
                    name == "flows" && std::string(f->GetFieldAsString("direction")) == "reverse";
                const OGRLineString* l = g->toLineString();
                ASSERT_EQ(static_cast<std::size_t>(l->getNumPoints()), want.size()) << cid;
                for (int k = 0; k < l->getNumPoints(); ++k) {
                    const GeoPoint& w = want[reversed ? want.size() - 1 - k : k];
                    EXPECT_NEAR(l->getX(k), w.lon, 1e-6) << cid << " vertex " << k;
                    EXPECT_NEAR(l->getY(k), w.lat, 1e-6) << cid << " vertex " << k;
                }
                if (name == "corridors" && cid == "xian-chengdu")
                    EXPECT_STREQ(f->GetFieldAsString("to_zh"), "成都");
            }
            if (name == "flows" && std::string(f->GetFieldAsString("flow_id")) == "nc-xian-chengdu-people" &&
                std::string(f->GetFieldAsString("stage")) == "core-sector") {
                EXPECT_STREQ(f->GetFieldAsString("type"), "people");
                EXPECT_STREQ(f->GetFieldAsString("direction"), "forward");
                EXPECT_STREQ(f->GetFieldAsString("origin"), "xian");
                EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("volume"), 22.0);
                EXPECT_STREQ(f->GetFieldAsString("unit"), "thousand trips/day");
                EXPECT_EQ(f->GetFieldAsInteger("indicative"), 1);
                EXPECT_NE(std::string(f->GetFieldAsString("stage_zh")).find("西安"), std::string::npos);
            }
        }
        EXPECT_EQ(seen, counts.at(name));
    }

    // The ogrinfo program, as a GIS user would check the files.
    const test::ShellRun info = test::shell("ogrinfo -ro -so -al '" + files[0] + "'");
    ASSERT_EQ(info.status, 0) << info.out;
    EXPECT_NE(info.out.find("Feature Count: " + std::to_string(s.places.size())), std::string::npos)
        << info.out;
    EXPECT_NE(info.out.find("ID[\"EPSG\"," + std::to_string(GetParam().epsg) + "]"), std::string::npos)
        << info.out;
    const test::ShellRun xian = test::shell("ogrinfo -ro -al -q -where \"id='xian'\" '" + files[0] + "' " +
                                            (format == GisFormat::GeoPackage ? "places" : ""));
    EXPECT_NE(xian.out.find("name_zh (String) = 西安"), std::string::npos) << xian.out;
    if (format != GisFormat::Shapefile) {
        const test::ShellRun all = test::shell("ogrinfo -ro -so -al '" + files.back() + "'");
        EXPECT_NE(all.out.find("Feature Count: " + std::to_string(expectedFlows(s))), std::string::npos)
            << all.out;
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, GisExportFormats,
                         ::testing::Values(Case{".gpkg", 4490}, Case{".gpkg", 3857}, Case{".geojson", 4326},
                                           Case{".geojson", 4490}, Case{".shp", 4490}, Case{".shp", 3857}),
                         [](const auto& info) {
                             return info.param.extension.substr(1) + "_" + std::to_string(info.param.epsg);
                         });

TEST(GisExport, OneStageKeepsItsCorridorsAndFlows) {
    const Scenario& s = defaultScenario();
    test::TempDir dir;
    GisExportOptions options;
    options.stage = 1;
    auto written = exportScenarioGis(dir.file("stage.gpkg"), s, bentLines(s), options);
    ASSERT_TRUE(written.ok()) << written.error().toString();
    Dataset ds = openVector(dir.file("stage.gpkg"));
    ASSERT_TRUE(ds);
    EXPECT_EQ(static_cast<std::size_t>(ds->GetLayerByName("corridors")->GetFeatureCount()),
              s.stages[1].corridors.size());
    EXPECT_EQ(static_cast<std::size_t>(ds->GetLayerByName("flows")->GetFeatureCount()), expectedFlows(s, 1));
    for (auto& f : *ds->GetLayerByName("flows"))
        EXPECT_EQ(std::string(f->GetFieldAsString("stage")), s.stages[1].id);
    // Illustrative data are labelled in the layer's description, too.
    const char* description = ds->GetLayerByName("flows")->GetMetadataItem("DESCRIPTION");
    ASSERT_NE(description, nullptr);
    EXPECT_NE(std::string(description).find("ILLUSTRATIVE"), std::string::npos);
}

TEST(GisExport, ErrorsNameTheFileOrTheField) {
    const Scenario& s = defaultScenario();
    const CorridorLines lines = bentLines(s);
    test::TempDir dir;
    auto ext = exportScenarioGis(dir.file("out.kml"), s, lines);
    ASSERT_FALSE(ext.ok());
    EXPECT_EQ(ext.error().file, dir.file("out.kml"));
    EXPECT_NE(ext.error().message.find(".gpkg"), std::string::npos);

    GisExportOptions bad;
    bad.crs = "EPSG:999999";
    auto crs = exportScenarioGis(dir.file("out.gpkg"), s, lines, bad);
    ASSERT_FALSE(crs.ok());
    EXPECT_EQ(crs.error().field, "crs");
    EXPECT_NE(crs.error().message.find("EPSG:999999"), std::string::npos);

    const std::string missing = dir.file("no/such/folder/out.shp");
    auto folder = exportScenarioGis(missing, s, lines);
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.error().file.find("no/such/folder/out_"), std::string::npos)
        << folder.error().toString();

    GisExportOptions stage;
    stage.stage = s.stages.size();
    EXPECT_FALSE(exportScenarioGis(dir.file("out.gpkg"), s, lines, stage).ok());
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.gpkg")));
}

} // namespace
} // namespace qinba
