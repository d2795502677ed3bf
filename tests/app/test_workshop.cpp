// Workshop edits seen in pictures: a corridor added through the edit API is routed over the terrain and
// drawn along that route by `qinba render`; an OD matrix on the command line changes what is drawn.

#include "test_support.h"

#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/edit_history.h"
#include "qinba/core/image.h"
#include "qinba/core/routing.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/terrain_style.h"
#include "qinba/core/terrain_surface.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>

namespace qinba {
namespace {

constexpr int kW = 640, kH = 360;
const char* kCamera = "107.2,32.6,700,0,62";

int run(const std::string& args, const test::TempDir& dir) {
    const std::string cmd = "env -u DISPLAY QINBA_CONFIG_DIR='" + dir.file("config") + "' QINBA_CACHE_DIR='" +
                            dir.file("cache") + "' '" + QINBA_EXE + "' " + args + " >'" +
                            dir.file("log.txt") + "' 2>&1";
    const int raw = std::system(cmd.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

TEST(Workshop, RenderAfterAddingACorridorDrawsItAlongItsRoutedPath) {
    test::TempDir dir;
    auto loaded = loadScenario(std::string(QINBA_SOURCE_DIR) + "/assets/scenarios/qinba_default.json");
    ASSERT_TRUE(loaded) << loaded.error().toString();
    Scenario before = *loaded;
    before.layers.clear(); // the copies live elsewhere; both pictures lose the same reference layers
    Scenario after = before;
    Corridor c;
    c.from = "hanzhong";
    c.to = "bazhong";
    c.mode = CorridorMode::Rail;
    c.capacity = 200;
    c.capacityUnit = "trains/day";
    ASSERT_TRUE(applyEdit(after, AddCorridor{c, "core-sector"}));
    ASSERT_TRUE(saveScenario(dir.file("before.json"), before));
    ASSERT_TRUE(saveScenario(dir.file("after.json"), after));
    const std::string common =
        std::string(" --stage core-sector --time 30 --size 640x360 --camera ") + kCamera;
    ASSERT_EQ(run("render --scenario '" + dir.file("before.json") + "' --out '" + dir.file("before.png") +
                      "'" + common,
                  dir),
              0);
    ASSERT_EQ(run("render --scenario '" + dir.file("after.json") + "' --out '" + dir.file("after.png") + "'" +
                      common,
                  dir),
              0);
    auto a = readImage(dir.file("before.png"));
    auto b = readImage(dir.file("after.png"));
    ASSERT_TRUE(a && b);

    // The route the corridor takes: routed over the same terrain the renderer drapes it on.
    auto dem = loadDem(defaultDemPath().string(), MapProjection::panQinba());
    ASSERT_TRUE(dem);
    const TerrainSurface surface(*dem, TerrainStyle{}.exaggeration);
    RouteCache routes;
    const ScenarioGeometry geo = buildScenarioGeometry(after, MapProjection::panQinba(), surface, routes);
    const std::size_t index = after.corridors.size() - 1;
    ASSERT_EQ(after.corridors[index].from, "hanzhong");
    ASSERT_TRUE(geo.corridors[index].routed);
    auto spec = parseCameraSpec(kCamera);
    ASSERT_TRUE(spec);
    const Viewport vp{kW, kH};
    const CameraMatrices m =
        computeMatrices(cameraFromSpec(*spec, MapProjection::panQinba(), surface), vp, surface.box());
    std::vector<glm::dvec2> route;
    for (const glm::dvec3& w : geo.corridors[index].ground.points())
        if (const auto p = projectToScreen(m, vp, w)) route.emplace_back(p->x, p->y);
    ASSERT_GE(route.size(), 2u);
    // The route follows the terrain: many vertices, longer than the straight line between the cities.
    const auto& mapRoute = geo.corridors[index].route;
    ASSERT_GT(mapRoute.size(), 10u);
    double length = 0;
    for (std::size_t i = 0; i + 1 < mapRoute.size(); ++i)
        length += std::hypot(mapRoute[i + 1].x - mapRoute[i].x, mapRoute[i + 1].y - mapRoute[i].y);
    EXPECT_GT(length, 1.01 * std::hypot(mapRoute.back().x - mapRoute.front().x,
                                        mapRoute.back().y - mapRoute.front().y));

    long changed = 0, nearRoute = 0;
    std::vector<glm::dvec2> changedPixels;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x) {
            const auto* p = a->at(x, y);
            const auto* q = b->at(x, y);
            int d = 0;
            for (int k = 0; k < 3; ++k)
                d = std::max(d, std::abs(int(p[k]) - int(q[k])));
            if (d < 40) continue;
            ++changed;
            const glm::dvec2 px(x + 0.5, y + 0.5);
            changedPixels.push_back(px);
            if (test::distanceToPolyline(px, route) < 14.0) ++nearRoute;
        }
    ASSERT_GT(changed, 300) << "the new corridor is not visible";
    EXPECT_GT(static_cast<double>(nearRoute) / changed, 0.85)
        << nearRoute << " of " << changed << " changed pixels lie along the route";
    // And it is drawn all along: most points of the route have a changed pixel close by.
    int samples = 0, covered = 0;
    for (std::size_t i = 0; i < route.size(); i += std::max<std::size_t>(1, route.size() / 40)) {
        const glm::dvec2 p = route[i];
        if (p.x < 0 || p.y < 0 || p.x >= kW || p.y >= kH) continue;
        ++samples;
        for (const glm::dvec2& q : changedPixels)
            if (glm::length(q - p) < 6.0) {
                ++covered;
                break;
            }
    }
    ASSERT_GT(samples, 10);
    EXPECT_GT(static_cast<double>(covered) / samples, 0.8) << covered << " of " << samples;
}

} // namespace
} // namespace qinba
