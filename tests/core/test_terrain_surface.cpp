// Picking: rays against the displayed terrain, and elevation readout.

#include "qinba/core/terrain_surface.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba {
namespace {

Dem slopeDem() {
    // 61 x 41 samples, 500 m apart; elevation rises 10 m per km eastwards from 200 m; a no-data corner.
    std::vector<float> h(61 * 41);
    for (int r = 0; r < 41; ++r)
        for (int c = 0; c < 61; ++c)
            h[r * 61 + c] = (c < 3 && r < 3) ? NAN : static_cast<float>(200.0 + 5.0 * c);
    return Dem(61, 41, {0.0, 20500.0}, 500.0, std::move(h));
}

TEST(Dem, BilinearElevationAndBounds) {
    const Dem d = slopeDem();
    EXPECT_DOUBLE_EQ(d.bounds().maxX, 30500.0);
    EXPECT_DOUBLE_EQ(d.bounds().minY, 0.0);
    EXPECT_NEAR(*d.elevationAt({250.0 + 500.0 * 10.5, 10000.0}), 252.5, 1e-4);
    EXPECT_FALSE(d.elevationAt({-10.0, 1000.0}).has_value()) << "outside";
    EXPECT_FALSE(d.elevationAt({300.0, 20300.0}).has_value()) << "no data";
    EXPECT_EQ(d.validCount(), 61u * 41u - 9u);
    EXPECT_FLOAT_EQ(d.minElevation(), 200.0f + 5.0f * 0.0f);
}

TEST(Dem, DisplayFillCopiesNearestData) {
    const Dem d = slopeDem();
    const auto filled = d.heightsFilledForDisplay();
    for (float v : filled)
        EXPECT_FALSE(std::isnan(v));
    // The corner (0,0) is 3 steps from both (3,0) = 215 m and (0,3) = 200 m; either is a nearest sample.
    EXPECT_TRUE(filled[0] == 200.0f || filled[0] == 215.0f) << filled[0];
}

TEST(TerrainSurface, VerticalRayHitsTheExaggeratedSurface) {
    const Dem d = slopeDem();
    const TerrainSurface s(d, 4.0);
    const Ray down{{10250.0, 10250.0, 50000.0}, {0.0, 0.0, -1.0}};
    const auto hit = s.intersect(down);
    ASSERT_TRUE(hit);
    EXPECT_NEAR(hit->z, 4.0 * (200.0 + 5.0 * 20.0), 0.01);
    EXPECT_NEAR(hit->x, 10250.0, 1e-6);
}

TEST(TerrainSurface, ObliqueRayStopsAtTheFirstIntersection) {
    const Dem d = slopeDem();
    const TerrainSurface s(d, 10.0);
    // Looking east and slightly down at the rising slope, from the west, below the highest terrain.
    const glm::dvec3 dir = glm::normalize(glm::dvec3(1.0, 0.0, -0.05));
    const auto hit = s.intersect({{-5000.0, 10000.0, 3000.0}, dir});
    ASSERT_TRUE(hit);
    EXPECT_NEAR(hit->z, *s.heightAt(hit->x, hit->y), 0.5);
    // Along the ray z = 2750 - 0.05 x; the surface is 10 (200 + (x - 250) / 100) = 1975 + 0.1 x: x = 5166.7
    // m.
    EXPECT_NEAR(hit->x, 5166.7, 30.0);
}

TEST(TerrainSurface, MissesAboveAndOutside) {
    const Dem d = slopeDem();
    const TerrainSurface s(d, 1.0);
    EXPECT_FALSE(s.intersect({{5000.0, 5000.0, 10000.0}, {0.0, 0.0, 1.0}}));
    EXPECT_FALSE(s.intersect({{-1000.0, -1000.0, 10000.0}, {0.0, 0.0, -1.0}}));
    EXPECT_FALSE(s.intersect({{300.0, 20300.0, 10000.0}, {0.0, 0.0, -1.0}})) << "no-data corner";
}

} // namespace
} // namespace qinba
