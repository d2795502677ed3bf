// Layers drawn on the terrain: polygon fills with holes in the drape, and lines of constant screen width that
// stay visible on steep slopes.

#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/camera_spec.h"
#include "qinba/core/layer_overlay.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/zoning.h"
#include "qinba/render/offscreen.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <optional>

namespace qinba {
namespace {

Result<Layer> layerFrom(const test::TempDir& dir, const std::string& name, const std::string& geojson,
                        LayerStyle style) {
    const std::string path = dir.file(name);
    std::ofstream(path) << geojson;
    LayerOptions o = LayerOptions::fromPath(path);
    o.style = style;
    return openLayer(o, MapProjection::panQinba(), RenderEnvironment::dem->bounds());
}

/// Renders `layer` (drape and lines) over the default DEM from `camera`; haze and sky off.
Result<ImageRgba8> renderWith(const Layer& layer, const OrbitCamera& camera, Viewport viewport, bool drape) {
    SceneRenderer& r = *RenderEnvironment::renderer;
    r.setDrapedLayers(drape ? std::vector<const Layer*>{&layer} : std::vector<const Layer*>{});
    SceneFrame frame;
    frame.viewport = viewport;
    frame.style.haze = 0.0;
    frame.style.sky = false;
    frame.camera = camera;
    const TerrainSurface surface(*RenderEnvironment::dem, frame.style.exaggeration);
    DrawList list;
    std::vector<LabelRequest> labels;
    addLayerToDrawList(list, labels, layer, drapeLayer(layer, surface), 1.0f, 60);
    frame.overlay = &list;
    auto image = renderToImage(r, frame, 4);
    r.setDrapedLayers({});
    return image;
}

bool magenta(const std::uint8_t* p) {
    return p[0] > p[1] + 40 && p[2] > p[1] + 40;
}
bool yellowLine(const std::uint8_t* p) {
    return p[0] > 200 && p[1] > 200 && p[2] < 80;
}

TEST(LayersRender, PolygonFillKeepsItsHoleOpen) {
    REQUIRE_GL();
    test::TempDir dir;
    LayerStyle style;
    style.fill = {1.0f, 0.0f, 1.0f, 1.0f};
    style.outlineWidthPx = 0.0f;
    auto layer = layerFrom(dir, "donut.geojson",
                           R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"Polygon","coordinates":[[[106,32],[110,32],[110,35],[106,35],[106,32]],
            [[107,33],[109,33],[109,34],[107,34],[107,33]]]}}]})",
                           style);
    ASSERT_TRUE(layer) << layer.error().toString();
    const Viewport vp{640, 480};
    const TerrainSurface surface(*RenderEnvironment::dem, TerrainStyle{}.exaggeration);
    const OrbitCamera cam =
        cameraFromSpec({{108.0, 33.5}, 1100.0, 0.0, 90.0}, MapProjection::panQinba(), surface);
    auto image = renderWith(*layer, cam, vp, true);
    ASSERT_TRUE(image) << image.error().toString();
    (void)writePng(artifact("layer_donut.png"), *image);
    const CameraMatrices m = computeMatrices(cam, vp, surface.box());
    auto pixelAt = [&](double lon, double lat) {
        const MapPoint p = MapProjection::panQinba().toMap({lon, lat});
        const auto s = projectToScreen(m, vp, {p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0)});
        EXPECT_TRUE(s.has_value());
        return image->at(static_cast<int>(s->x), static_cast<int>(s->y));
    };
    EXPECT_TRUE(magenta(pixelAt(106.5, 32.5))) << "inside the ring";
    EXPECT_TRUE(magenta(pixelAt(109.5, 34.5))) << "inside the ring";
    EXPECT_FALSE(magenta(pixelAt(108.0, 33.5))) << "inside the hole";
    EXPECT_FALSE(magenta(pixelAt(111.5, 33.5))) << "outside";
}

/// Widths (pixels) of the line-coloured runs across the middle row and column of the image.
int runWidth(const ImageRgba8& img) {
    int best = 0;
    for (int x = 0; x < img.width; ++x) {
        int run = 0;
        for (int y = img.height / 3; y < 2 * img.height / 3; ++y)
            run += yellowLine(img.at(x, y)) ? 1 : 0;
        best = std::max(best, run);
    }
    return best;
}

TEST(LayersRender, LinesKeepTheirScreenWidthAndStayVisibleOnSlopes) {
    REQUIRE_GL();
    test::TempDir dir;
    LayerStyle style;
    style.outline = {1.0f, 0.95f, 0.0f, 1.0f};
    style.outlineWidthPx = 5.0f;
    // A north-south line over the Qinling crest near Taibai, the steepest ground of the region.
    auto layer = layerFrom(dir, "ridge.geojson",
                           R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"LineString","coordinates":[[107.75,33.5],[107.75,34.4]]}}]})",
                           style);
    ASSERT_TRUE(layer) << layer.error().toString();
    const Viewport vp{480, 480};
    const TerrainSurface surface(*RenderEnvironment::dem, TerrainStyle{}.exaggeration);
    const MapProjection proj = MapProjection::panQinba();
    // Seen from the east, low, so the line runs across the image over the ridge; near and far.
    std::vector<int> widths;
    for (double km : {180.0, 600.0}) {
        const OrbitCamera cam = cameraFromSpec({{107.75, 33.95}, km, 270.0, 30.0}, proj, surface);
        auto image = renderWith(*layer, cam, vp, false);
        ASSERT_TRUE(image) << image.error().toString();
        (void)writePng(artifact("layer_ridge_" + std::to_string(static_cast<int>(km)) + "km.png"), *image);
        // Along the line, every visible sample shows the line colour (not hidden in the slope).
        const CameraMatrices m = computeMatrices(cam, vp, surface.box());
        int visible = 0, drawn = 0;
        for (double lat = 33.55; lat <= 34.35; lat += 0.05) {
            const MapPoint p = proj.toMap({107.75, lat});
            const glm::dvec3 world{p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0)};
            if (hiddenByTerrain(surface, m, world)) continue;
            const auto s = projectToScreen(m, vp, world);
            if (!s || s->x < 3 || s->y < 3 || s->x > vp.width - 4 || s->y > vp.height - 4) continue;
            ++visible;
            bool found = false;
            for (int dy = -3; dy <= 3; ++dy)
                for (int dx = -3; dx <= 3; ++dx)
                    found = found ||
                            yellowLine(image->at(static_cast<int>(s->x) + dx, static_cast<int>(s->y) + dy));
            drawn += found;
        }
        EXPECT_GT(visible, 8);
        EXPECT_EQ(drawn, visible) << "line hidden in the slope at " << km << " km";
        widths.push_back(runWidth(*image));
    }
    // The line runs roughly left-right across the image: its vertical thickness is its screen width.
    ASSERT_EQ(widths.size(), 2u);
    EXPECT_NEAR(widths[0], widths[1], 2) << "constant screen width at any distance";
    EXPECT_GE(widths[0], 4);
    EXPECT_LE(widths[0], 9);
}

} // namespace
} // namespace qinba

namespace qinba {
namespace {

/// The nearest point of a named river (from assets/layers/rivers.geojson) to a geographic point.
std::optional<MapPoint> nearestRiverPoint(const Layer& rivers, const std::string& name, GeoPoint near) {
    const MapPoint target = MapProjection::panQinba().toMap(near);
    std::optional<MapPoint> best;
    double bestD = 1e300;
    for (const VectorFeature& f : rivers.features) {
        const auto it = f.attributes.find("name_en");
        if (it == f.attributes.end() || it->second != name) continue;
        for (const auto& line : f.lines)
            for (MapPoint p : line)
                if (const double d = std::hypot(p.x - target.x, p.y - target.y); d < bestD) {
                    bestD = d;
                    best = p;
                }
    }
    return best;
}

TEST(ReferenceLayers, GreenHeartRiversAndUrbanBeltWhereTheyBelong) {
    REQUIRE_GL();
    const MapProjection proj = MapProjection::panQinba();
    const std::filesystem::path dir = test::sourceDir() / "assets" / "layers";
    LayerStyle riverStyle;
    riverStyle.outline = {0.0f, 0.3f, 1.0f, 1.0f};
    riverStyle.outlineWidthPx = 3.0f;
    LayerOptions riverOptions = LayerOptions::fromPath((dir / "rivers.geojson").string());
    riverOptions.style = riverStyle;
    auto rivers = openLayer(riverOptions, proj, RenderEnvironment::dem->bounds());
    ASSERT_TRUE(rivers) << rivers.error().toString();
    LayerOptions provinceOptions = LayerOptions::fromPath((dir / "provinces.geojson").string());
    provinceOptions.style.fill = glm::vec4(0.0f);
    provinceOptions.style.outline = {0.3f, 0.3f, 0.3f, 1.0f};
    auto provinces = openLayer(provinceOptions, proj, RenderEnvironment::dem->bounds());
    ASSERT_TRUE(provinces) << provinces.error().toString();
    auto scenario =
        loadScenario((test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string());
    ASSERT_TRUE(scenario) << scenario.error().toString();
    const Zoning zoning =
        computeZoning(*RenderEnvironment::dem, proj, cityAreaCities(*scenario), ZoningParameters{});
    Layer zones = zoningLayer(zoning, *RenderEnvironment::dem);
    zones.options.style.opacity = 1.0f;

    // Straight down over the region, haze and sky off: what a planner sees as the default zoning map.
    SceneRenderer& r = *RenderEnvironment::renderer;
    r.setDrapedLayers({&zones, &*provinces, &*rivers});
    SceneFrame frame;
    frame.viewport = {1000, 750};
    frame.style.haze = 0.0;
    frame.style.sky = false;
    const TerrainSurface surface(*RenderEnvironment::dem, frame.style.exaggeration);
    frame.camera = cameraFromSpec({{109.0, 32.3}, 2100.0, 0.0, 90.0}, proj, surface);
    DrawList list;
    std::vector<LabelRequest> labels;
    addLayerToDrawList(list, labels, *provinces, drapeLayer(*provinces, surface), 1.0f, 60);
    addLayerToDrawList(list, labels, *rivers, drapeLayer(*rivers, surface), 1.0f, 61);
    frame.overlay = &list;
    auto image = renderToImage(r, frame, 4);
    r.setDrapedLayers({});
    ASSERT_TRUE(image) << image.error().toString();
    (void)writePng(artifact("reference_layers_zoning.png"), *image);

    const CameraMatrices m = computeMatrices(frame.camera, frame.viewport, surface.box());
    auto pixel = [&](MapPoint p, int radius) {
        const auto s =
            projectToScreen(m, frame.viewport, {p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0)});
        EXPECT_TRUE(s.has_value());
        return image->meanRgb(static_cast<int>(s->x), static_cast<int>(s->y), radius);
    };
    auto riverColoured = [&](MapPoint p) {
        const glm::dvec3 c = pixel(p, 1);
        return c.b > c.r + 40 && c.b > c.g;
    };
    for (const auto& [river, near] :
         std::vector<std::pair<std::string, GeoPoint>>{{"Han River", {109.02, 32.68}},
                                                       {"Wei River", {108.5, 34.4}},
                                                       {"Jialing River", {105.9, 32.2}}}) {
        const auto p = nearestRiverPoint(*rivers, river, near);
        ASSERT_TRUE(p.has_value()) << river << " missing from rivers.geojson";
        const GeoPoint g = proj.toGeo(*p);
        EXPECT_LT(std::hypot(g.lon - near.lon, g.lat - near.lat), 0.3) << river << " is not where it belongs";
        EXPECT_TRUE(riverColoured(*p)) << river << " not drawn near " << near.lon << "," << near.lat;
    }
    // Zone colours under the hillshade: the core is dark green, the urban belt red-brown.
    auto zoneAt = [&](GeoPoint g) { return pixel(proj.toMap(g), 2); };
    const glm::dvec3 taibai = zoneAt({107.75, 33.95});
    EXPECT_GT(taibai.g, taibai.r * 1.4) << "Qinling crest is ecological core (green)";
    EXPECT_GT(taibai.g, taibai.b * 1.4);
    const glm::dvec3 chengdu = zoneAt({104.2, 30.75}); // beside the city, inside its belt
    EXPECT_GT(chengdu.r, chengdu.g * 1.3) << "Chengdu lies in the urban belt (red-brown)";
    EXPECT_GT(chengdu.r, chengdu.b * 1.5);
    EXPECT_EQ(zoning.at(0, 0), ZoneClass::Other);
}

} // namespace
} // namespace qinba
