// The interpolating cubic spline the zoning is drawn from: exact at every sample, smooth between them, and
// linear data stays linear.

#include "qinba/core/cubic_spline.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace qinba {
namespace {

struct Grid {
    int w, h, channels;
    std::vector<float> samples;
    std::vector<float> coefficients;
    double at(int channel, double col, double row) const {
        return evaluateSpline(coefficients, w + 2 * kSplinePad, h + 2 * kSplinePad, channels, channel, col,
                              row);
    }
};

Grid randomGrid(int w, int h, int channels, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> value(-4.0f, 4.0f);
    Grid g{w, h, channels, {}, {}};
    g.samples.resize(static_cast<std::size_t>(w) * h * channels);
    for (float& v : g.samples)
        v = value(rng);
    g.coefficients = cubicSplineCoefficients(g.samples, w, h, channels);
    return g;
}

TEST(CubicSpline, PassesThroughEverySample) {
    for (auto [w, h] : {std::pair{1, 1}, std::pair{2, 3}, std::pair{17, 9}, std::pair{64, 40}}) {
        const Grid g = randomGrid(w, h, 4, 7u + static_cast<unsigned>(w));
        ASSERT_EQ(g.coefficients.size(), static_cast<std::size_t>(w + 4) * (h + 4) * 4);
        double worst = 0.0;
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c)
                for (int k = 0; k < 4; ++k)
                    worst =
                        std::max(worst, std::abs(g.at(k, c, r) -
                                                 g.samples[(static_cast<std::size_t>(r) * w + c) * 4 + k]));
        EXPECT_LT(worst, 1e-5) << w << " x " << h;
    }
}

TEST(CubicSpline, IsSmoothBetweenSamples) {
    // The slope just before and just after a sample (where the pieces meet) agree, and no value between
    // samples leaves the range of the data by more than the spline's usual overshoot.
    const Grid g = randomGrid(24, 16, 1, 3u);
    const double e = 1e-4;
    double worstKink = 0.0;
    for (int r = 2; r < 14; ++r)
        for (int c = 2; c < 22; ++c) {
            const double left = (g.at(0, c, r + 0.3) - g.at(0, c - e, r + 0.3)) / e;
            const double right = (g.at(0, c + e, r + 0.3) - g.at(0, c, r + 0.3)) / e;
            worstKink = std::max(worstKink, std::abs(left - right));
        }
    EXPECT_LT(worstKink, 1e-2); // a bilinear surface's slopes jump by whole units here
    for (double r = 0.0; r < 15.0; r += 0.37)
        for (double c = 0.0; c < 23.0; c += 0.41)
            EXPECT_LT(std::abs(g.at(0, c, r)), 4.0 * 1.5);
}

TEST(CubicSpline, KeepsLinearDataLinear) {
    const int w = 20, h = 20;
    Grid g{w, h, 1, {}, {}};
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            g.samples.push_back(static_cast<float>(0.5 * c - 0.25 * r + 1.0));
    g.coefficients = cubicSplineCoefficients(g.samples, w, h, 1);
    // Away from the grid's edges (where the replicated samples bend the plane, an effect that falls by 0.27
    // a sample inwards), the plane itself.
    for (double r = 7.0; r <= 12.0; r += 0.25)
        for (double c = 7.0; c <= 12.0; c += 0.3)
            EXPECT_NEAR(g.at(0, c, r), 0.5 * c - 0.25 * r + 1.0, 1e-4) << c << "," << r;
}

TEST(CubicSpline, MismatchedSizesGiveNoCoefficients) {
    EXPECT_TRUE(cubicSplineCoefficients(std::vector<float>(10), 3, 3, 1).empty());
    EXPECT_TRUE(cubicSplineCoefficients({}, 0, 0, 4).empty());
}

} // namespace
} // namespace qinba
