#pragma once
// The interpolating cubic B-spline of a grid of samples: smooth (continuous curvature) and exact at every
// sample. A grid is prefiltered once into spline coefficients (Unser's recursive filter, pole √3 − 2);
// evaluating the spline then weighs the 4 × 4 coefficients around a point with the uniform cubic B-spline,
// which a GPU does with four bilinear texture fetches (terrain.frag) where Catmull-Rom needs sixteen
// separate reads. The zoning's boundaries are drawn from it (zoneAt(), terrain.frag).

#include <array>
#include <span>
#include <vector>

namespace qinba {

/// Samples replicated around the grid before prefiltering: a point anywhere over the grid's samples
/// (coordinates -0.5 to width - 0.5) evaluates from coefficients inside the padded grid.
inline constexpr int kSplinePad = 2;

/// The coefficients of the interpolating cubic B-spline through `samples` (row-major, `width` × `height`
/// pixels of `channels` values each), extended by kSplinePad replicated samples on every side: a grid of
/// (width + 2·kSplinePad) × (height + 2·kSplinePad) pixels of `channels` values. Empty if the sizes do not
/// match.
std::vector<float> cubicSplineCoefficients(std::span<const float> samples, int width, int height,
                                           int channels);

/// Uniform cubic B-spline weights of the four coefficients around fractional position t in [0, 1).
std::array<double, 4> splineWeights(double t);

/// The spline of cubicSplineCoefficients() (padded grid `paddedWidth` × `paddedHeight`, `channels` values a
/// pixel) at sample coordinates (`col`, `row`) of the original grid (0 = the centre of its first sample),
/// channel `channel`; coefficient indices clamp at the padded grid's edge, as a texture clamps them.
double evaluateSpline(const std::vector<float>& coefficients, int paddedWidth, int paddedHeight, int channels,
                      int channel, double col, double row);

} // namespace qinba
