// The default scenario rendered headless: each stage draws its own corridors and flows and no others,
// and a moment renders the same every time and at any frame rate.

#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/camera_spec.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/render/offscreen.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace qinba {
namespace {

/// The default scenario routed over the default DEM once for all tests.
struct ScenarioFixture {
    Scenario scenario;
    ScenarioGeometry geometry;
    std::string failure;
};

const ScenarioFixture& fixture() {
    static const ScenarioFixture f = [] {
        ScenarioFixture out;
        auto sc = loadScenario((test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string());
        if (!sc) {
            out.failure = sc.error().toString();
            return out;
        }
        out.scenario = std::move(*sc);
        RouteCache routes; // memory only: tests leave no files behind
        const TerrainSurface surface(*RenderEnvironment::dem, TerrainStyle{}.exaggeration);
        out.geometry = buildScenarioGeometry(out.scenario, MapProjection::panQinba(), surface, routes);
        return out;
    }();
    return f;
}

const Viewport kView{960, 540};

/// A steep view of the whole Pan-Qinba Region, the same for every stage so they can be compared.
OrbitCamera regionCamera(const TerrainSurface& surface) {
    return cameraFromSpec({{109.0, 32.4}, 2300.0, 0.0, 72.0}, MapProjection::panQinba(), surface);
}

/// The stage `seconds` after it began (coming from the stage before it in play order).
Result<ImageRgba8> renderStage(std::size_t stage, double seconds, std::optional<std::size_t> previous,
                               double stageStartOnClock) {
    const ScenarioFixture& f = fixture();
    SceneFrame frame;
    frame.viewport = kView;
    frame.style.haze = 0.0;
    const TerrainSurface surface(*RenderEnvironment::dem, frame.style.exaggeration);
    frame.camera = regionCamera(surface);
    DrawList list;
    OverlayStyle style;
    style.metresPerPixel = metresPerPixel(frame.camera, frame.viewport);
    buildScenarioDrawList(list, f.scenario, f.geometry, appearanceAt(f.scenario, stage, previous, seconds),
                          stageStartOnClock + seconds, style);
    frame.overlay = &list;
    return renderToImage(*RenderEnvironment::renderer, frame, 4);
}

bool isRail(const std::uint8_t* p) {
    return p[0] > 130 && p[1] < 75 && p[2] < 80 && p[0] > 2 * p[1];
}
bool isRoad(const std::uint8_t* p) {
    // Road ribbons are a dull blue (69, 92, 168); the goods marks beside them a bright one (41, 107, 242).
    return p[2] > 125 && p[2] < 210 && p[0] < 115 && p[1] < 135 && p[2] > p[0] + 45;
}
bool isFlowMark(const std::uint8_t* p) {
    const bool orange = p[0] > 200 && p[1] > 95 && p[1] < 185 && p[2] < 90;  // people
    const bool blue = p[0] < 100 && p[1] > 70 && p[1] < 150 && p[2] > 215;   // goods
    const bool ivory = p[0] > 240 && p[1] > 235 && p[2] > 180 && p[2] < 230; // information
    return orange || blue || ivory;
}

/// Whether a pixel of the corridor's colour lies within `radius` pixels of (x, y).
bool ribbonNear(const ImageRgba8& img, glm::dvec2 at, int radius, CorridorMode mode) {
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const int x = static_cast<int>(at.x) + dx, y = static_cast<int>(at.y) + dy;
            if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
            const std::uint8_t* p = img.at(x, y);
            if (mode == CorridorMode::Rail ? isRail(p) : isRoad(p)) return true;
        }
    return false;
}

/// Screen positions of a corridor's route between `from` and `to` shares of its length.
std::vector<glm::dvec2> routeSamples(std::size_t corridor, const CameraMatrices& m, int count,
                                     double from = 0.2, double to = 0.8) {
    const Polyline3& ground = fixture().geometry.corridors[corridor].ground;
    std::vector<glm::dvec2> out;
    for (int k = 0; k < count; ++k) {
        const double s = ground.length() * (from + (to - from) * k / std::max(count - 1, 1));
        if (const auto p = projectToScreen(m, kView, ground.at(s)))
            if (p->x >= 0 && p->y >= 0 && p->x < kView.width && p->y < kView.height)
                out.emplace_back(p->x, p->y);
    }
    return out;
}

TEST(ScenarioRender, EachStageDrawsItsCorridorsAndNoOthers) {
    REQUIRE_GL();
    const ScenarioFixture& f = fixture();
    ASSERT_TRUE(f.failure.empty()) << f.failure;
    const TerrainSurface surface(*RenderEnvironment::dem, TerrainStyle{}.exaggeration);
    const CameraMatrices m = computeMatrices(regionCamera(surface), kView, surface.box());
    const StageTimeline timeline(f.scenario);
    // Samples under a place symbol show the symbol (whose ring may be red), not a ribbon.
    auto underSymbol = [&](glm::dvec2 p) {
        for (std::size_t i = 0; i < f.scenario.places.size(); ++i) {
            const auto q = projectToScreen(m, kView, f.geometry.places[i]);
            const double r = 0.5 * placeSymbolPx(f.scenario.places[i]) * 1.35 + 4.0;
            if (q && glm::length(glm::dvec2(q->x, q->y) - p) < r) return true;
        }
        return false;
    };
    int checkedInactive = 0;
    for (std::size_t stage = 0; stage < f.scenario.stages.size(); ++stage) {
        const Stage& st = f.scenario.stages[stage];
        auto image = renderStage(stage, kStageTransitionSeconds + 2.0, previousInPlayOrder(stage),
                                 timeline.startOf(stage));
        ASSERT_TRUE(image) << image.error().toString();
        (void)writePng(artifact("scenario_stage" + std::to_string(stage + 1) + ".png"), *image);

        std::vector<glm::dvec2> activePixels;
        for (std::size_t c = 0; c < f.scenario.corridors.size(); ++c) {
            const Corridor& corridor = f.scenario.corridors[c];
            const bool active =
                std::find(st.corridors.begin(), st.corridors.end(), corridor.id) != st.corridors.end();
            if (!active) continue;
            for (glm::dvec2 p : routeSamples(c, m, 200, 0.0, 1.0))
                activePixels.push_back(p);
            if (corridor.mode == CorridorMode::AirData) continue; // arcs, not ribbons
            std::vector<glm::dvec2> samples;
            for (glm::dvec2 p : routeSamples(c, m, 12))
                if (!underSymbol(p)) samples.push_back(p);
            int hits = 0;
            for (glm::dvec2 p : samples)
                hits += ribbonNear(*image, p, 3, corridor.mode);
            EXPECT_GE(hits, static_cast<int>(samples.size() * 3 / 4))
                << "stage " << st.id << ": corridor " << corridor.id << " not drawn along its route";
        }
        // Corridors the stage leaves out: no ribbon where no active corridor passes nearby.
        for (std::size_t c = 0; c < f.scenario.corridors.size(); ++c) {
            const Corridor& corridor = f.scenario.corridors[c];
            if (corridor.mode == CorridorMode::AirData ||
                std::find(st.corridors.begin(), st.corridors.end(), corridor.id) != st.corridors.end())
                continue;
            for (glm::dvec2 p : routeSamples(c, m, 12)) {
                if (underSymbol(p)) continue;
                bool nearActive = false;
                for (glm::dvec2 a : activePixels)
                    nearActive = nearActive || glm::length(a - p) < 14.0;
                if (nearActive) continue;
                ++checkedInactive;
                EXPECT_FALSE(ribbonNear(*image, p, 3, corridor.mode))
                    << "stage " << st.id << ": inactive corridor " << corridor.id << " drawn at " << p.x
                    << "," << p.y;
            }
        }
        // Flow marks sit on the stage's corridors.
        int marks = 0, marksOffRoute = 0;
        for (int y = 0; y < image->height; ++y)
            for (int x = 0; x < image->width; ++x) {
                if (!isFlowMark(image->at(x, y))) continue;
                ++marks;
                // The white place symbols' edges, blended with the terrain, look like the ivory marks.
                if (underSymbol(glm::dvec2(x, y))) continue;
                bool near = false;
                for (glm::dvec2 a : activePixels)
                    near = near || glm::length(a - glm::dvec2(x, y)) < 40.0;
                marksOffRoute += !near;
            }
        EXPECT_GT(marks, 30) << "stage " << st.id << " shows no flows";
        EXPECT_LT(marksOffRoute, marks / 20 + 5)
            << "stage " << st.id << ": flow marks away from its corridors";
    }
    EXPECT_GT(checkedInactive, 50) << "the test must look at places where inactive corridors would be";
}

TEST(ScenarioRender, LaterYearsShowMoreFlow) {
    REQUIRE_GL();
    const ScenarioFixture& f = fixture();
    ASSERT_TRUE(f.failure.empty()) << f.failure;
    const StageTimeline timeline(f.scenario);
    std::map<int, int> marksByYear;
    for (std::size_t stage = 0; stage < f.scenario.stages.size(); ++stage) {
        const auto year = f.scenario.stages[stage].year;
        if (!year) continue;
        // Flow marks move; summing a few moments evens out where they happen to be.
        int marks = 0;
        for (double t : {3.0, 4.1, 5.3}) {
            auto image = renderStage(stage, t, std::nullopt, timeline.startOf(stage));
            ASSERT_TRUE(image) << image.error().toString();
            for (std::size_t i = 0; i < image->pixels.size(); i += 4)
                marks += isFlowMark(&image->pixels[i]);
        }
        marksByYear[*year] = marks;
    }
    ASSERT_EQ(marksByYear.size(), 3u);
    EXPECT_LT(marksByYear[2014], marksByYear[2017]);
    EXPECT_LT(marksByYear[2017], marksByYear[2019]);
}

TEST(ScenarioRender, SameMomentRendersIdentically) {
    REQUIRE_GL();
    ASSERT_TRUE(fixture().failure.empty()) << fixture().failure;
    auto a = renderStage(2, 1.3, 1, 20.0);
    auto b = renderStage(2, 1.3, 1, 20.0);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->pixels, b->pixels);
    auto later = renderStage(2, 1.5, 1, 20.0);
    ASSERT_TRUE(later);
    EXPECT_NE(a->pixels, later->pixels) << "the picture must move with time";
}

TEST(ScenarioRender, TenAndSixtyFramesPerSecondReachTheSameFrame) {
    REQUIRE_GL();
    const ScenarioFixture& f = fixture();
    ASSERT_TRUE(f.failure.empty()) << f.failure;
    const StageTimeline timeline(f.scenario);
    // Play from the start to a moment inside the second stage's transition, at two frame rates.
    const double target = timeline.startOf(1) + 1.2;
    auto playTo = [&](double fps) {
        StagePlayback p;
        p.playing = true;
        const auto frames = static_cast<int>(std::lround(target * fps));
        for (int i = 1; i <= frames; ++i)
            p.update(f.scenario, i / fps);
        return p;
    };
    const StagePlayback slow = playTo(10.0), fast = playTo(60.0);
    ASSERT_EQ(slow.stage, 1u);
    ASSERT_EQ(fast.stage, 1u);
    auto a = renderStage(slow.stage, target - slow.stageStart, slow.previous, timeline.startOf(slow.stage));
    auto b = renderStage(fast.stage, target - fast.stageStart, fast.previous, timeline.startOf(fast.stage));
    ASSERT_TRUE(a && b);
    auto d = compareImages(*a, *b, 0);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->maxAbsolute, 0) << "the same moment must give the same pixels at any frame rate";
}

} // namespace
} // namespace qinba
