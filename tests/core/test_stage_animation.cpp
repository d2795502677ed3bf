// Stage transitions, playback and flow marks: pure functions of scenario time.

#include "qinba/core/flow_particles.h"
#include "qinba/core/place_labels.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/stage_animation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba {
namespace {

/// Three places in a row, two corridors, a flow each way on the first and one on the second.
Scenario smallScenario() {
    Scenario s;
    s.id = "small";
    s.places = {{"a", "A", "", {105.0, 31.0}, PlaceRole::Central, 1, "", ""},
                {"b", "B", "", {107.0, 32.0}, PlaceRole::Central, 1, "", ""},
                {"c", "C", "", {109.0, 33.0}, PlaceRole::CityArea, 3, "", ""}};
    s.corridors = {{"ab", "a", "b", {}, CorridorMode::Rail, 100.0, "trains/day"},
                   {"bc", "b", "c", {}, CorridorMode::Road, 50.0, "trains/day"}};
    s.flows = {{"ab-people", "ab", false, FlowType::People, "k/day", {{"one", 10.0}, {"two", 30.0}}, true},
               {"ba-goods", "ab", true, FlowType::Goods, "kt/day", {{"one", 5.0}, {"two", 5.0}}, true},
               {"bc-info", "bc", false, FlowType::Information, "TB/day", {{"two", 8.0}}, true}};
    s.storylines = {{"main", "Main", "", ""}};
    Stage one;
    one.id = "one";
    one.storyline = "main";
    one.corridors = {"ab"};
    one.places = {"a"};
    one.duration = 6.0;
    Stage two = one;
    two.id = "two";
    two.corridors = {"ab", "bc"};
    two.places = {"c"};
    two.duration = 4.0;
    s.stages = {one, two};
    return s;
}

const CorridorAppearance* corridor(const StageAppearance& a, std::size_t index) {
    for (const auto& c : a.corridors)
        if (c.corridor == index) return &c;
    return nullptr;
}

TEST(StageAnimation, NewCorridorsGrowAndFlowsRescaleOverTheTransition) {
    const Scenario s = smallScenario();
    const StageAppearance start = appearanceAt(s, 1, 0, 0.0);
    ASSERT_NE(corridor(start, 1), nullptr);
    EXPECT_DOUBLE_EQ(corridor(start, 1)->grown, 0.0) << "bc is new in stage two";
    EXPECT_DOUBLE_EQ(corridor(start, 0)->grown, 1.0) << "ab was already there";
    EXPECT_DOUBLE_EQ(start.flows[0].volume, 10.0);
    const StageAppearance mid = appearanceAt(s, 1, 0, kStageTransitionSeconds / 2);
    EXPECT_NEAR(corridor(mid, 1)->grown, 0.5, 1e-12);
    EXPECT_NEAR(mid.flows[0].volume, 20.0, 1e-9);
    const StageAppearance end = appearanceAt(s, 1, 0, kStageTransitionSeconds + 1.0);
    EXPECT_DOUBLE_EQ(corridor(end, 1)->grown, 1.0);
    EXPECT_DOUBLE_EQ(end.flows[0].volume, 30.0);
    EXPECT_DOUBLE_EQ(end.placeEmphasis[2], 1.0);
    EXPECT_DOUBLE_EQ(end.placeEmphasis[0], 0.0);
    // Going back, bc fades out and its flow with it.
    const StageAppearance back = appearanceAt(s, 0, 1, kStageTransitionSeconds);
    EXPECT_DOUBLE_EQ(corridor(back, 1)->opacity, 0.0);
    EXPECT_EQ(appearanceAt(s, 0, std::nullopt, 1.0).corridors.size(), 1u);
}

TEST(StageAnimation, TimelineLocatesStagesAndWraps) {
    const Scenario s = smallScenario();
    const StageTimeline timeline(s);
    EXPECT_DOUBLE_EQ(timeline.total(), 10.0);
    EXPECT_DOUBLE_EQ(timeline.startOf(1), 6.0);
    EXPECT_EQ(timeline.locate(7.5).first, 1u);
    EXPECT_DOUBLE_EQ(timeline.locate(7.5).second, 1.5);
    EXPECT_EQ(timeline.locate(12.0).first, 0u);
    EXPECT_EQ(previousInPlayOrder(0), std::nullopt);
    EXPECT_EQ(previousInPlayOrder(1), std::optional<std::size_t>(0));
}

TEST(StageAnimation, PlaybackReachesTheSameStateAtAnyFrameRate) {
    const Scenario s = smallScenario();
    auto play = [&](double fps, double until) {
        StagePlayback p;
        p.playing = true;
        const auto frames = static_cast<int>(std::lround(until * fps));
        for (int i = 1; i <= frames; ++i)
            p.update(s, i / fps);
        return p;
    };
    for (double t : {5.0, 7.0, 13.0}) {
        const StagePlayback slow = play(10.0, t), fast = play(60.0, t);
        EXPECT_EQ(slow.stage, fast.stage) << t;
        EXPECT_EQ(slow.previous, fast.previous) << t;
        EXPECT_NEAR(slow.stageStart, fast.stageStart, 1e-9) << t;
    }
    EXPECT_EQ(play(60.0, 7.0).stage, 1u);
    EXPECT_DOUBLE_EQ(play(60.0, 7.0).stageStart, 6.0) << "stages change at their end time, not at a frame";
    EXPECT_EQ(play(60.0, 10.5).stage, 0u) << "wraps after the last stage";
}

Polyline3 straightPath() {
    return Polyline3({{0.0, 0.0, 0.0}, {500000.0, 0.0, 0.0}});
}

TEST(FlowParticles, SameTimeGivesTheSameMarks) {
    const Polyline3 path = straightPath();
    FlowMarksInput in;
    in.volume = 20.0;
    in.maxVolume = 30.0;
    std::vector<FlowParticle> a, b;
    appendFlowParticles(a, in, path, 12.345);
    appendFlowParticles(b, in, path, 12.345);
    ASSERT_FALSE(a.empty());
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].position, b[i].position);
        EXPECT_EQ(a[i].alpha, b[i].alpha);
    }
}

TEST(FlowParticles, DensityFollowsVolumeAndMarksMoveTowardsTheDestination) {
    const Polyline3 path = straightPath();
    FlowMarksInput in;
    in.maxVolume = 100.0;
    auto count = [&](double volume) {
        in.volume = volume;
        std::vector<FlowParticle> out;
        appendFlowParticles(out, in, path, 3.0);
        return out.size();
    };
    EXPECT_LT(count(20.0), count(60.0));
    EXPECT_LT(count(60.0), count(100.0));
    EXPECT_EQ(count(0.0), 0u);

    // Between two close times every mark moves forward along x (or backward for the reverse flow).
    for (const bool reverse : {false, true}) {
        in.volume = 100.0;
        in.reverse = reverse;
        std::vector<FlowParticle> t0, t1;
        appendFlowParticles(t0, in, path, 3.0);
        appendFlowParticles(t1, in, path, 3.01);
        ASSERT_EQ(t0.size(), t1.size());
        int forward = 0;
        for (std::size_t i = 0; i < t0.size(); ++i)
            forward += (t1[i].position.x > t0[i].position.x) ? 1 : -1;
        // A mark that wrapped round from the end counts against; nearly all move the right way.
        EXPECT_GT(reverse ? -forward : forward, static_cast<int>(t0.size()) - 4) << "reverse " << reverse;
        EXPECT_LT(t0.front().direction.x * (reverse ? -1.0 : 1.0), 0.0 + 2.0);
        EXPECT_GT(t0.front().direction.x * (reverse ? -1.0 : 1.0), 0.0);
    }
}

TEST(FlowParticles, OnlyTheGrownPartCarriesMarks) {
    const Polyline3 path = straightPath();
    FlowMarksInput in;
    in.volume = in.maxVolume = 10.0;
    in.grown = 0.3;
    std::vector<FlowParticle> out;
    appendFlowParticles(out, in, path, 7.0);
    ASSERT_FALSE(out.empty());
    for (const FlowParticle& p : out)
        EXPECT_LE(p.position.x, 0.3 * 500000.0 + 1e-6);
}

TEST(PlaceLabels, PlacesBehindARidgeAreHidden) {
    // A 3000 m ridge along y = 0 on flat 100 m ground, samples 1 km apart.
    std::vector<float> h(81 * 81);
    for (int r = 0; r < 81; ++r)
        for (int c = 0; c < 81; ++c) {
            const double y = (40 - r) * 1000.0;
            h[r * 81 + c] = static_cast<float>(100.0 + 2900.0 * std::exp(-y * y / (2 * 3000.0 * 3000.0)));
        }
    const Dem dem(81, 81, {-40500.0, 40500.0}, 1000.0, std::move(h));
    const TerrainSurface surface(dem, 1.0);
    OrbitCamera c;
    c.target = {0.0, 0.0, 3000.0};
    c.heading = 0.0; // looking north, from the south side of the ridge
    c.pitch = 5.0;
    c.distance = 30000.0;
    const CameraMatrices m = computeMatrices(c, {800, 600}, surface.box());
    EXPECT_FALSE(hiddenByTerrain(surface, m, {0.0, -15000.0, 100.0})) << "in front of the ridge";
    EXPECT_TRUE(hiddenByTerrain(surface, m, {0.0, 15000.0, 100.0})) << "behind the ridge";
    EXPECT_FALSE(hiddenByTerrain(surface, m, {0.0, 0.0, 3000.0})) << "on the crest";
}

TEST(PlaceLabels, LayoutRunsOnlyWhenTheViewChanges) {
    const Dem dem(81, 81, {-40500.0, 40500.0}, 1000.0, std::vector<float>(81 * 81, 100.0f));
    const TerrainSurface surface(dem, 1.0);
    OrbitCamera c;
    c.target = {0.0, 0.0, 100.0};
    c.pitch = 60.0;
    c.distance = 60000.0;
    std::vector<LabelRequest> requests;
    for (int i = 0; i < 5; ++i) {
        LabelRequest r;
        r.world = {-20000.0 + 10000.0 * i, 5000.0 * (i % 2), 100.0};
        r.text = "place " + std::to_string(i);
        requests.push_back(r);
    }
    int measured = 0;
    const TextMeasure measure = [&](std::string_view text, double px) {
        ++measured;
        return glm::dvec2(0.6 * px * static_cast<double>(text.size()), px);
    };
    LabelLayoutCache cache;
    DrawList first, second, moved;
    placeLabels(first, requests, c, {800, 600}, surface, 1.0f, measure, {}, &cache);
    const int afterFirst = measured;
    ASSERT_EQ(first.texts.size(), 5u);
    placeLabels(second, requests, c, {800, 600}, surface, 1.0f, measure, {}, &cache);
    EXPECT_EQ(measured, afterFirst) << "the same view must reuse the layout";
    EXPECT_EQ(cache.layouts, 1);
    ASSERT_EQ(second.texts.size(), first.texts.size());
    for (std::size_t i = 0; i < first.texts.size(); ++i)
        EXPECT_EQ(second.texts[i].topLeft, first.texts[i].topLeft);
    c.heading = 20.0;
    placeLabels(moved, requests, c, {800, 600}, surface, 1.0f, measure, {}, &cache);
    EXPECT_EQ(cache.layouts, 2) << "a moved camera lays the labels out again";
    EXPECT_GT(measured, afterFirst);
    ASSERT_FALSE(moved.texts.empty());
    EXPECT_NE(moved.texts[0].topLeft, first.texts[0].topLeft);
}

TEST(FlowParticles, KindsMoveAtTheirOwnSpeeds) {
    // The same mark of each kind, one second later, has travelled its kind's distance: goods slowest,
    // information fastest, so the kinds differ in motion as well as in shape and colour.
    const Polyline3 path({{0, 0, 0}, {2000000.0, 0, 0}});
    const FlowParticleStyle style;
    double travelled[3] = {};
    for (int type = 0; type < 3; ++type) {
        FlowMarksInput in;
        in.type = static_cast<FlowType>(type);
        in.volume = in.maxVolume = 1.0;
        std::vector<FlowParticle> a, b;
        appendFlowParticles(a, in, path, 1.0, style);
        appendFlowParticles(b, in, path, 1.02, style);
        ASSERT_FALSE(a.empty());
        ASSERT_FALSE(b.empty());
        // In 0.02 s a mark moves less than the least gap between marks, so the smallest step forward from a
        // mark to any mark of the later moment is its own.
        double best = 1e18;
        for (const FlowParticle& p : a)
            for (const FlowParticle& q : b)
                if (q.position.x > p.position.x) best = std::min(best, q.position.x - p.position.x);
        travelled[type] = best / 0.02;
    }
    EXPECT_NEAR(travelled[0], style.groundSpeedKmPerS * 1000.0, 10.0);
    EXPECT_NEAR(travelled[1], style.goodsSpeedKmPerS * 1000.0, 10.0);
    EXPECT_NEAR(travelled[2], style.pulseSpeedKmPerS * 1000.0, 10.0);
    EXPECT_LT(travelled[1], 0.7 * travelled[0]);
    EXPECT_GT(travelled[2], 2.0 * travelled[0]);
}

TEST(PlaceLabels, TextFollowsTheLanguage) {
    const Place p{"xian", "Xi'an", "\xe8\xa5\xbf\xe5\xae\x89", {108.9, 34.3}, PlaceRole::Central, 1, "", ""};
    EXPECT_EQ(placeLabel(p, LabelLanguage::Chinese), "\xe8\xa5\xbf\xe5\xae\x89");
    EXPECT_EQ(placeLabel(p, LabelLanguage::English), "Xi'an");
    EXPECT_EQ(placeLabel(p, LabelLanguage::Both), "\xe8\xa5\xbf\xe5\xae\x89 Xi'an");
}

TEST(Polyline, MeasuresInterpolatesAndCuts) {
    const Polyline3 line({{0, 0, 0}, {3, 4, 0}, {3, 4, 10}});
    EXPECT_DOUBLE_EQ(line.length(), 15.0);
    EXPECT_EQ(line.at(2.5), glm::dvec3(1.5, 2.0, 0.0));
    EXPECT_EQ(line.at(10.0), glm::dvec3(3.0, 4.0, 5.0));
    EXPECT_EQ(line.at(99.0), glm::dvec3(3.0, 4.0, 10.0));
    EXPECT_EQ(line.tangentAt(12.0), glm::dvec3(0.0, 0.0, 1.0));
    EXPECT_DOUBLE_EQ(line.prefix(7.0).length(), 7.0);
    EXPECT_DOUBLE_EQ(line.prefix(100.0).length(), 15.0);
}

} // namespace
} // namespace qinba
