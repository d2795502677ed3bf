// Tours: keyframes hit exactly, continuous camera paths, terrain clearance, stages and captions by time.

#include <cmath>

#include <gtest/gtest.h>

#include "qinba/core/tour.h"

namespace qinba {
namespace {

/// A 1500 m hill on 100 m plains, 1 km samples, centred on the map origin (32°N 109°E).
Dem hill() {
    std::vector<float> h(161 * 161);
    for (int r = 0; r < 161; ++r)
        for (int c = 0; c < 161; ++c) {
            const double x = (c - 80) * 1000.0, y = (80 - r) * 1000.0;
            h[r * 161 + c] = static_cast<float>(100.0 + 1500.0 * std::exp(-(x * x + y * y) / (2 * 15000.0 * 15000.0)));
        }
    return Dem(161, 161, {-80500.0, 80500.0}, 1000.0, std::move(h));
}

Scenario withTour() {
    Scenario s;
    Stage a, b;
    a.id = "first";
    a.titleEn = "First stage";
    b.id = "second";
    b.titleEn = "Second stage";
    s.stages = {a, b};
    Tour t;
    t.id = "t";
    t.name = "T";
    auto key = [](double lon, double lat, double km, double heading, double pitch, double duration, double hold) {
        TourKeyframe k;
        k.camera = {{lon, lat}, km, heading, pitch};
        k.duration = duration;
        k.hold = hold;
        return k;
    };
    t.keyframes = {key(109.0, 32.0, 120.0, 350.0, 60.0, 0.0, 1.0), key(109.3, 32.2, 60.0, 20.0, 40.0, 4.0, 1.0),
                   key(108.7, 31.8, 30.0, 200.0, 15.0, 5.0, 0.5), key(109.0, 32.0, 90.0, 180.0, 70.0, 3.0, 0.0)};
    t.keyframes[0].stage = "first";
    t.keyframes[2].stage = "second";
    t.keyframes[2].captionEn = "Low over the hill";
    s.tours = {t};
    return s;
}

TEST(Tour, TimelineAndKeyframeStarts) {
    const Scenario s = withTour();
    const Tour& t = s.tours[0];
    EXPECT_DOUBLE_EQ(keyframeStart(t, 0), 0.0);
    EXPECT_DOUBLE_EQ(keyframeStart(t, 1), 1.0);
    EXPECT_DOUBLE_EQ(keyframeStart(t, 2), 6.0);
    EXPECT_DOUBLE_EQ(keyframeStart(t, 3), 11.5);
    EXPECT_DOUBLE_EQ(tourDuration(t), 14.5);
}

TEST(Tour, KeyframesAreHitExactly) {
    const Scenario s = withTour();
    const Tour& t = s.tours[0];
    const MapProjection proj = MapProjection::panQinba();
    const Dem dem = hill();
    const TerrainSurface surface(dem, 1.0);
    CameraLimits loose;
    loose.minPitch = 1.0;
    loose.eyeClearance = 0.0;
    for (std::size_t k = 0; k < t.keyframes.size(); ++k) {
        const double arrival = keyframeStart(t, k) + (k == 0 ? 0.0 : t.keyframes[k].duration);
        const TourMoment m = tourAt(s, t, arrival, proj, surface, loose);
        const MapPoint expected = proj.toMap(t.keyframes[k].camera.target);
        EXPECT_NEAR(m.camera.target.x, expected.x, 1e-3) << k;
        EXPECT_NEAR(m.camera.target.y, expected.y, 1e-3) << k;
        EXPECT_NEAR(m.camera.distance, t.keyframes[k].camera.distanceKm * 1000.0, 1e-3) << k;
        EXPECT_NEAR(m.camera.pitch, t.keyframes[k].camera.pitch, 1e-9) << k;
        EXPECT_NEAR(std::fmod(m.camera.heading - t.keyframes[k].camera.heading + 720.0, 360.0), 0.0, 1e-6) << k;
    }
}

TEST(Tour, CameraMovesContinuouslyAndKeepsClearOfTheTerrain) {
    const Scenario s = withTour();
    for (const bool even : {false, true}) {
        Tour t = s.tours[0];
        t.constantSpeed = even;
        const MapProjection proj = MapProjection::panQinba();
        const Dem dem = hill();
        const TerrainSurface surface(dem, 3.0);
        const CameraLimits limits;
        OrbitCamera prev = tourAt(s, t, 0.0, proj, surface, limits).camera;
        double worstStep = 0.0;
        for (double time = 0.01; time <= tourDuration(t); time += 0.01) {
            const OrbitCamera c = tourAt(s, t, time, proj, surface, limits).camera;
            const glm::dvec3 eye = c.eye();
            ASSERT_GE(eye.z, *surface.heightAt(eye.x, eye.y) + limits.eyeClearance - 1e-6) << "t=" << time;
            worstStep = std::max(worstStep, glm::length(c.eye() - prev.eye()));
            prev = c;
        }
        // Every 10 ms the eye moves far less than a kilometre: no jumps anywhere on the path.
        EXPECT_LT(worstStep, 1000.0) << (even ? "constant speed" : "eased");
    }
}

TEST(Tour, StagesCaptionsAndLayersFollowTheKeyframes) {
    Scenario s = withTour();
    s.tours[0].keyframes[1].layers["rivers"] = false;
    const MapProjection proj = MapProjection::panQinba();
    const Dem dem = hill();
    const TerrainSurface surface(dem, 1.0);
    const Tour& t = s.tours[0];
    TourMoment m = tourAt(s, t, 3.0, proj, surface);
    EXPECT_EQ(m.stage, std::optional<std::size_t>(0));
    EXPECT_DOUBLE_EQ(m.secondsIntoStage, 3.0);
    EXPECT_EQ(m.captionEn, "First stage") << "a keyframe without a caption shows its stage's title";
    EXPECT_FALSE(m.layers.at("rivers"));
    m = tourAt(s, t, 7.0, proj, surface);
    EXPECT_EQ(m.stage, std::optional<std::size_t>(1));
    EXPECT_EQ(m.previousStage, std::optional<std::size_t>(0));
    EXPECT_DOUBLE_EQ(m.secondsIntoStage, 1.0);
    EXPECT_EQ(m.captionEn, "Low over the hill");
    EXPECT_FALSE(m.finished);
    EXPECT_TRUE(tourAt(s, t, 99.0, proj, surface).finished);
}

} // namespace
} // namespace qinba
