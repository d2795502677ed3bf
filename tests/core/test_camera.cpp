// Camera maths, navigation and its limits, on a synthetic hill.

#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/view_detail.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba {
namespace {

/// 101 x 101 samples, 1 km apart, centred on the origin; a 1500 m hill on 100 m plains.
Dem hillDem() {
    std::vector<float> h(101 * 101);
    for (int r = 0; r < 101; ++r)
        for (int c = 0; c < 101; ++c) {
            const double x = (c - 50) * 1000.0, y = (50 - r) * 1000.0;
            h[r * 101 + c] =
                static_cast<float>(100.0 + 1500.0 * std::exp(-(x * x + y * y) / (2 * 8000.0 * 8000.0)));
        }
    return Dem(101, 101, {-50500.0, 50500.0}, 1000.0, std::move(h));
}

const Viewport kView{800, 600};

TEST(Camera, EyeLooksAtTheTargetFromTheHeadingAndPitch) {
    OrbitCamera c;
    c.target = {0, 0, 0};
    c.distance = 1000;
    c.heading = 90; // looking east
    c.pitch = 30;
    const glm::dvec3 eye = c.eye();
    EXPECT_NEAR(eye.x, -1000 * std::cos(M_PI / 6), 1e-6);
    EXPECT_NEAR(eye.y, 0.0, 1e-6);
    EXPECT_NEAR(eye.z, 500.0, 1e-6);
    EXPECT_NEAR(glm::length(c.up()), 1.0, 1e-12);
    EXPECT_GT(c.up().z, 0.0);
}

TEST(Camera, ScreenRayAndProjectionAreInverse) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 3.0);
    OrbitCamera c = overviewCamera(s, kView);
    const CameraMatrices m = computeMatrices(c, kView, s.box());
    for (glm::dvec2 px : {glm::dvec2(400, 300), glm::dvec2(10, 20), glm::dvec2(790, 590)}) {
        const Ray ray = screenRay(m, kView, px);
        const auto back = projectToScreen(m, kView, ray.origin + ray.direction * 5000.0);
        ASSERT_TRUE(back);
        EXPECT_NEAR(back->x, px.x, 1e-6);
        EXPECT_NEAR(back->y, px.y, 1e-6);
    }
    // The target is in the middle of the image.
    const auto centre = projectToScreen(m, kView, c.target);
    ASSERT_TRUE(centre);
    EXPECT_NEAR(centre->x, 400.0, 1e-6);
    EXPECT_NEAR(centre->y, 300.0, 1e-6);
}

TEST(Camera, OverviewShowsTheWholeTerrain) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 5.0);
    const OrbitCamera c = overviewCamera(s, kView);
    const CameraMatrices m = computeMatrices(c, kView, s.box());
    const MapRect b = dem.bounds();
    for (auto [x, y] : {std::pair{b.minX, b.minY}, {b.maxX, b.minY}, {b.minX, b.maxY}, {b.maxX, b.maxY}}) {
        const auto p = projectToScreen(m, kView, {x, y, c.target.z});
        ASSERT_TRUE(p);
        EXPECT_GE(p->x, 0.0);
        EXPECT_LE(p->x, kView.width);
        EXPECT_GE(p->y, 0.0);
        EXPECT_LE(p->y, kView.height);
    }
}

TEST(Camera, PickingAtTheImageCentreFindsTheTargetAndItsElevation) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 4.0);
    OrbitCamera c;
    c.target = {3000.0, -2000.0, *s.heightAt(3000.0, -2000.0)};
    c.distance = 30000.0;
    c.heading = 45.0;
    c.pitch = 40.0;
    const CameraMatrices m = computeMatrices(c, kView, s.box());
    const auto hit = s.intersect(screenRay(m, kView, {400.0, 300.0}));
    ASSERT_TRUE(hit);
    EXPECT_NEAR(hit->x, 3000.0, 30.0);
    EXPECT_NEAR(hit->y, -2000.0, 30.0);
    // The readout is the true elevation: displayed height divided by the exaggeration.
    EXPECT_NEAR(*dem.elevationAt({hit->x, hit->y}), hit->z / 4.0, 0.5);
    EXPECT_NEAR(*dem.elevationAt({hit->x, hit->y}), *dem.elevationAt({3000.0, -2000.0}), 10.0);
}

TEST(CameraLimits, KeepTheEyeAboveTheTerrain) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 10.0);
    CameraLimits limits;
    OrbitCamera c;
    // Aim low and close across the hill top, whose displayed height is 16 km.
    c.target = {0, 12000, 0};
    c.heading = 0;
    c.pitch = 6;
    c.distance = 20000;
    applyLimits(c, limits, s);
    const glm::dvec3 eye = c.eye();
    EXPECT_GE(eye.z, *s.heightAt(eye.x, eye.y) + limits.eyeClearance - 1e-6);
    EXPECT_NEAR(c.target.z, *s.heightAt(c.target.x, c.target.y), 1e-6) << "target sits on the surface";
}

TEST(CameraLimits, ClampDistancePitchHeadingAndTarget) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 1.0);
    CameraLimits limits;
    OrbitCamera c;
    c.target = {1e7, -1e7, 0};
    c.distance = 1.0;
    c.pitch = 120;
    c.heading = -30;
    applyLimits(c, limits, s);
    EXPECT_GE(c.distance, limits.minDistance);
    EXPECT_LE(c.pitch, limits.maxPitch);
    EXPECT_NEAR(c.heading, 330.0, 1e-9);
    EXPECT_DOUBLE_EQ(c.target.x, dem.bounds().maxX);
    EXPECT_DOUBLE_EQ(c.target.y, dem.bounds().minY);
    c.distance = 1e12;
    c.pitch = -5;
    applyLimits(c, limits, s);
    EXPECT_LE(c.distance, limits.maxDistance);
    EXPECT_GE(c.pitch, limits.minPitch);
}

TEST(CameraNavigation, ZoomKeepsTheTerrainPointUnderTheCursor) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 3.0);
    OrbitCamera c = overviewCamera(s, kView);
    const glm::dvec2 cursor(560, 250);
    const auto before = s.intersect(screenRay(computeMatrices(c, kView, s.box()), kView, cursor));
    ASSERT_TRUE(before);
    zoomCamera(c, kView, s, cursor, 0.5);
    const auto p = projectToScreen(computeMatrices(c, kView, s.box()), kView, *before);
    ASSERT_TRUE(p);
    EXPECT_NEAR(p->x, cursor.x, 0.5);
    EXPECT_NEAR(p->y, cursor.y, 0.5);
}

TEST(CameraNavigation, PanMovesTheGrabbedPointWithTheCursor) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 3.0);
    OrbitCamera c = overviewCamera(s, kView);
    c.target.z = 0.0;
    const glm::dvec2 from(300, 350), to(420, 300);
    const Ray r = screenRay(computeMatrices(c, kView, s.box()), kView, from);
    const glm::dvec3 grabbed = r.origin + r.direction * ((0.0 - r.origin.z) / r.direction.z);
    panCamera(c, kView, s.box(), from, to);
    const auto p = projectToScreen(computeMatrices(c, kView, s.box()), kView, grabbed);
    ASSERT_TRUE(p);
    EXPECT_NEAR(p->x, to.x, 0.5);
    EXPECT_NEAR(p->y, to.y, 0.5);
}

TEST(CameraNavigation, KeyboardAndMouseInputMoveTheCamera) {
    const Dem dem = hillDem();
    const TerrainSurface s(dem, 3.0);
    const OrbitCamera start = overviewCamera(s, kView);
    OrbitCamera c = start;
    NavigationInput in;
    in.turn = 1.0; // 60°/s
    navigate(c, in, 0.5, kView, s, CameraLimits{});
    EXPECT_NEAR(c.heading, 30.0, 1e-9);
    in = NavigationInput{};
    in.orbitDrag = true;
    in.mouseDelta = {0.0, 50.0}; // 0.2°/px
    const double pitch = c.pitch;
    navigate(c, in, 0.016, kView, s, CameraLimits{});
    EXPECT_NEAR(c.pitch, pitch + 10.0, 1e-9);
    in = NavigationInput{};
    in.zoom = 1.0;
    const double distance = c.distance;
    navigate(c, in, 1.0, kView, s, CameraLimits{});
    EXPECT_NEAR(c.distance, distance / 3.0, 1e-6);
}

TEST(CameraFlight, InterpolatesSmoothlyAlongTheShorterTurn) {
    OrbitCamera a, b;
    a.heading = 350;
    b.heading = 10;
    a.distance = 1000;
    b.distance = 100000;
    const CameraFlight f{a, b, 2.0, 1.0};
    EXPECT_NEAR(f.at(2.0).heading, 350.0, 1e-9);
    EXPECT_NEAR(f.at(3.0).heading, 370.0, 1e-9);
    EXPECT_NEAR(f.at(2.5).heading, 360.0, 1e-9);
    EXPECT_NEAR(f.at(2.5).distance, 10000.0, 1e-6) << "geometric midpoint";
    EXPECT_TRUE(f.finished(3.0));
    EXPECT_FALSE(f.finished(2.9));
    EXPECT_DOUBLE_EQ(f.at(0.0).distance, 1000.0);
}

TEST(CameraSpec, ParsesFormatsAndRejects) {
    auto s = parseCameraSpec("107.5,33.2,250,30,45");
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(s->target.lon, 107.5);
    EXPECT_DOUBLE_EQ(s->distanceKm, 250.0);
    EXPECT_DOUBLE_EQ(s->pitch, 45.0);
    auto t = parseCameraSpec(formatCameraSpec(*s));
    ASSERT_TRUE(t);
    EXPECT_DOUBLE_EQ(t->heading, 30.0);
    EXPECT_TRUE(parseCameraSpec("107,33,100"));
    EXPECT_FALSE(parseCameraSpec("107,33"));
    EXPECT_FALSE(parseCameraSpec("107,north,100"));
    EXPECT_FALSE(parseCameraSpec("107,33,-5"));
    EXPECT_FALSE(parseCameraSpec("107,33,100,0,95"));
    EXPECT_FALSE(parseCameraSpec("1,2,3,4,5,6"));
}

TEST(ViewDetail, MagnifiedWhenACellSpansMoreThan25Pixels) {
    // 30° field of view over 1000 px: at 100 km the view is 53.6 km tall, so a 3.3 km cell spans 61.6 px.
    const double visible = 2 * 100e3 * std::tan(15.0 * M_PI / 180.0);
    EXPECT_NEAR(pixelsPerCell(3300.0, 100e3, 30.0, 1000), 3300.0 * 1000 / visible, 1e-9);
    EXPECT_TRUE(terrainMagnified(3300.0, 100e3, 30.0, 1000));
    // Twice the distance halves it; a taller viewport or a narrower field of view raises it.
    EXPECT_NEAR(pixelsPerCell(3300.0, 200e3, 30.0, 1000), 0.5 * pixelsPerCell(3300.0, 100e3, 30.0, 1000),
                1e-9);
    EXPECT_GT(pixelsPerCell(3300.0, 100e3, 20.0, 1000), pixelsPerCell(3300.0, 100e3, 30.0, 1000));
    // The threshold: 25 px per cell (4 cells per 100 px).
    const double at25 = 3300.0 * 1000 / (25.0 * 2 * std::tan(15.0 * M_PI / 180.0));
    EXPECT_TRUE(terrainMagnified(3300.0, at25 * 0.99, 30.0, 1000));
    EXPECT_FALSE(terrainMagnified(3300.0, at25 * 1.01, 30.0, 1000));
    // The whole region (2000 km away) is far from magnified; 30 m data at 100 km neither.
    EXPECT_FALSE(terrainMagnified(3300.0, 2000e3, 30.0, 1000));
    EXPECT_FALSE(terrainMagnified(30.0, 100e3, 30.0, 1000));
    // Degenerate input never claims magnification.
    EXPECT_EQ(pixelsPerCell(0.0, 100e3, 30.0, 1000), 0.0);
    EXPECT_EQ(pixelsPerCell(3300.0, 0.0, 30.0, 1000), 0.0);
    EXPECT_EQ(pixelsPerCell(3300.0, 100e3, 30.0, 0), 0.0);
    EXPECT_EQ(pixelsPerCell(std::nan(""), 100e3, 30.0, 1000), 0.0);
}

TEST(ViewDetail, NoteNamesTheDataResolution) {
    EXPECT_EQ(magnificationNote(3700.0, 60e3, 30.0, 1000), "terrain magnified: data has 3.7 km cells");
    EXPECT_EQ(magnificationNote(3700.0, 2000e3, 30.0, 1000), "");
    EXPECT_EQ(formatCellSize(90.0), "90 m");
    EXPECT_EQ(formatCellSize(30000.0), "30 km");
    EXPECT_EQ(formatCellSize(0.5), "0.5 m");
}

} // namespace
} // namespace qinba
