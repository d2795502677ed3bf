#include "qinba/core/cubic_spline.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace qinba {

namespace {

/// Prefilters `n` values spaced `stride` apart in place, with mirror boundaries: afterwards the cubic
/// B-spline with these coefficients passes through the original values.
void prefilterLine(double* v, int n, std::ptrdiff_t stride) {
    if (n < 2) return;
    const double z = std::sqrt(3.0) - 2.0; // the cubic B-spline's pole
    auto at = [&](int k) -> double& { return v[k * stride]; };
    for (int k = 0; k < n; ++k)
        at(k) *= 6.0; // (1 - z)(1 - 1/z), the filter's gain
    // The causal filter's first value for a signal mirrored at both ends (a finite sum: z^n decays fast).
    double zn = z, z2n = std::pow(z, n - 1), sum = at(0) + z2n * at(n - 1);
    z2n *= z2n / z;
    for (int k = 1; k < n - 1; ++k) {
        sum += (zn + z2n) * at(k);
        zn *= z;
        z2n /= z;
    }
    at(0) = sum / (1.0 - zn * zn);
    for (int k = 1; k < n; ++k)
        at(k) += z * at(k - 1);
    at(n - 1) = z / (z * z - 1.0) * (z * at(n - 2) + at(n - 1));
    for (int k = n - 2; k >= 0; --k)
        at(k) = z * (at(k + 1) - at(k));
}

} // namespace

std::vector<float> cubicSplineCoefficients(std::span<const float> samples, int width, int height,
                                           int channels) {
    if (width <= 0 || height <= 0 || channels <= 0 ||
        samples.size() != static_cast<std::size_t>(width) * height * channels)
        return {};
    const int pw = width + 2 * kSplinePad, ph = height + 2 * kSplinePad;
    std::vector<double> grid(static_cast<std::size_t>(pw) * ph * channels);
    for (int r = 0; r < ph; ++r)
        for (int c = 0; c < pw; ++c) {
            const int sc = std::clamp(c - kSplinePad, 0, width - 1),
                      sr = std::clamp(r - kSplinePad, 0, height - 1);
            for (int k = 0; k < channels; ++k)
                grid[(static_cast<std::size_t>(r) * pw + c) * channels + k] =
                    samples[(static_cast<std::size_t>(sr) * width + sc) * channels + k];
        }
    for (int k = 0; k < channels; ++k) {
        for (int r = 0; r < ph; ++r)
            prefilterLine(&grid[static_cast<std::size_t>(r) * pw * channels + k], pw, channels);
        for (int c = 0; c < pw; ++c)
            prefilterLine(&grid[static_cast<std::size_t>(c) * channels + k], ph,
                          static_cast<std::ptrdiff_t>(pw) * channels);
    }
    return {grid.begin(), grid.end()};
}

std::array<double, 4> splineWeights(double t) {
    const double s = 1.0 - t, t2 = t * t, t3 = t2 * t;
    return {s * s * s / 6.0, (3.0 * t3 - 6.0 * t2 + 4.0) / 6.0, (-3.0 * t3 + 3.0 * t2 + 3.0 * t + 1.0) / 6.0,
            t3 / 6.0};
}

double evaluateSpline(const std::vector<float>& coefficients, int paddedWidth, int paddedHeight, int channels,
                      int channel, double col, double row) {
    const double x = col + kSplinePad, y = row + kSplinePad, fx = std::floor(x), fy = std::floor(y);
    const auto wx = splineWeights(x - fx), wy = splineWeights(y - fy);
    double v = 0.0;
    for (int j = 0; j < 4; ++j) {
        const int r = std::clamp(static_cast<int>(fy) - 1 + j, 0, paddedHeight - 1);
        for (int i = 0; i < 4; ++i) {
            const int c = std::clamp(static_cast<int>(fx) - 1 + i, 0, paddedWidth - 1);
            v += wx[i] * wy[j] *
                 coefficients[(static_cast<std::size_t>(r) * paddedWidth + c) * channels + channel];
        }
    }
    return v;
}

} // namespace qinba
