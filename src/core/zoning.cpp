#include "qinba/core/zoning.h"

#include "qinba/core/cubic_spline.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>

namespace qinba {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
/// The smallest margin a sample keeps (a hundredth of the unit: 1 m of elevation, 0.01° of slope, 10 m).
constexpr float kMarginFloor = 1e-2f;

/// Index arithmetic of a row-major grid.
struct Grid {
    int w = 0, h = 0;
    std::size_t idx(int c, int r) const { return static_cast<std::size_t>(r) * w + c; }
};

/// Window size in samples for a distance in km: at least one sample.
int cellsFor(double km, double cellSize) {
    return std::max(1, static_cast<int>(std::lround(km * 1000.0 / cellSize)));
}

/// Squared gradient (rise over run, squared) by Horn's method; neighbours without data (or outside the grid)
/// take the centre's height. Compared with tan² of a slope threshold, so no arctangent per sample.
std::vector<float> hornGradient2(const Dem& dem) {
    const Grid g{dem.width(), dem.height()};
    std::vector<float> out(static_cast<std::size_t>(g.w) * g.h, kNaN);
    const double scale = 1.0 / (8 * dem.cellSize());
    for (int r = 0; r < g.h; ++r)
        for (int c = 0; c < g.w; ++c) {
            const float z0 = dem.at(c, r);
            if (std::isnan(z0)) continue;
            auto z = [&](int dc, int dr) {
                const int cc = c + dc, rr = r + dr;
                if (cc < 0 || rr < 0 || cc >= g.w || rr >= g.h) return double(z0);
                const float v = dem.at(cc, rr);
                return std::isnan(v) ? double(z0) : double(v);
            };
            const double dzdx =
                ((z(1, -1) + 2 * z(1, 0) + z(1, 1)) - (z(-1, -1) + 2 * z(-1, 0) + z(-1, 1))) * scale;
            const double dzdy =
                ((z(-1, 1) + 2 * z(0, 1) + z(1, 1)) - (z(-1, -1) + 2 * z(0, -1) + z(1, -1))) * scale;
            out[g.idx(c, r)] = static_cast<float>(dzdx * dzdx + dzdy * dzdy);
        }
    return out;
}

/// tan² of a slope in degrees, for comparing with hornGradient2 (90° and more: every slope).
double tan2(double degrees) {
    if (degrees >= 90.0) return std::numeric_limits<double>::infinity();
    const double t = std::tan(degrees * M_PI / 180.0);
    return t * t;
}

/// Highest minus lowest value with data in the square window of half-side `k` samples (separable).
std::vector<float> windowRelief(const Dem& dem, int k) {
    const Grid g{dem.width(), dem.height()};
    const std::size_t n = static_cast<std::size_t>(g.w) * g.h;
    std::vector<float> rowMax(n, kNaN), rowMin(n, kNaN), out(n, kNaN);
    const float inf = std::numeric_limits<float>::infinity();
    for (int r = 0; r < g.h; ++r)
        for (int c = 0; c < g.w; ++c) {
            float hi = -inf, lo = inf;
            for (int cc = std::max(0, c - k); cc <= std::min(g.w - 1, c + k); ++cc) {
                const float v = dem.at(cc, r);
                if (std::isnan(v)) continue;
                hi = std::max(hi, v);
                lo = std::min(lo, v);
            }
            if (hi >= lo) rowMax[g.idx(c, r)] = hi, rowMin[g.idx(c, r)] = lo;
        }
    for (int r = 0; r < g.h; ++r)
        for (int c = 0; c < g.w; ++c) {
            if (std::isnan(dem.at(c, r))) continue;
            float hi = -inf, lo = inf;
            for (int rr = std::max(0, r - k); rr <= std::min(g.h - 1, r + k); ++rr) {
                const std::size_t i = g.idx(c, rr);
                if (std::isnan(rowMax[i])) continue;
                hi = std::max(hi, rowMax[i]);
                lo = std::min(lo, rowMin[i]);
            }
            out[g.idx(c, r)] = hi - lo;
        }
    return out;
}

/// Summed-area table with a zero first row and column: sum over [c0,c1)×[r0,r1) in O(1).
struct SummedArea {
    int w = 0, h = 0;
    std::vector<std::int32_t> s;
    SummedArea(int width, int height, const std::vector<std::uint8_t>& v) : w(width), h(height) {
        s.assign(static_cast<std::size_t>(w + 1) * (h + 1), 0);
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c)
                s[at(c + 1, r + 1)] =
                    v[static_cast<std::size_t>(r) * w + c] + s[at(c, r + 1)] + s[at(c + 1, r)] - s[at(c, r)];
    }
    std::size_t at(int c, int r) const { return static_cast<std::size_t>(r) * (w + 1) + c; }
    int window(int c, int r, int k) const {
        const int c0 = std::max(0, c - k), c1 = std::min(w, c + k + 1);
        const int r0 = std::max(0, r - k), r1 = std::min(h, r + k + 1);
        return s[at(c1, r1)] - s[at(c0, r1)] - s[at(c1, r0)] + s[at(c0, r0)];
    }
};

double segmentDistance(MapPoint p, MapPoint a, MapPoint b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/// Largest angle in degrees between the directions from `p` to angularly consecutive cities: below 180
/// exactly when `p` lies inside their convex hull; 360 with fewer than two cities.
double largestGapDeg(MapPoint p, const std::vector<MapPoint>& cities, std::vector<double>& angles) {
    angles.clear();
    for (const MapPoint& c : cities)
        if (c.x != p.x || c.y != p.y) angles.push_back(std::atan2(c.y - p.y, c.x - p.x));
    if (angles.size() < 2) return 360.0;
    std::sort(angles.begin(), angles.end());
    double gap = angles.front() + 2 * M_PI - angles.back();
    for (std::size_t i = 1; i < angles.size(); ++i)
        gap = std::max(gap, angles[i] - angles[i - 1]);
    return gap * 180.0 / M_PI;
}

/// A smooth field evaluated at every `step`-th sample (and the last) and interpolated bilinearly between.
class Lattice {
  public:
    template <typename F>
    Lattice(int width, int height, int step, F&& value) : step_(step) {
        for (int c = 0;; c = std::min(c + step, width - 1)) {
            cols_.push_back(c);
            if (c >= width - 1) break;
        }
        for (int r = 0;; r = std::min(r + step, height - 1)) {
            rows_.push_back(r);
            if (r >= height - 1) break;
        }
        v_.reserve(cols_.size() * rows_.size());
        for (int r : rows_)
            for (int c : cols_)
                v_.push_back(value(c, r));
    }
    double at(int c, int r) const {
        const auto [i0, i1, tx] = locate(cols_, c);
        const auto [j0, j1, ty] = locate(rows_, r);
        const std::size_t n = cols_.size();
        const double top = v_[j0 * n + i0] * (1 - tx) + v_[j0 * n + i1] * tx;
        const double bottom = v_[j1 * n + i0] * (1 - tx) + v_[j1 * n + i1] * tx;
        return top * (1 - ty) + bottom * ty;
    }

  private:
    std::tuple<std::size_t, std::size_t, double> locate(const std::vector<int>& nodes, int v) const {
        if (nodes.size() == 1) return {0, 0, 0.0};
        const std::size_t i = std::min(static_cast<std::size_t>(v / step_), nodes.size() - 2);
        return {i, i + 1, double(v - nodes[i]) / double(nodes[i + 1] - nodes[i])};
    }
    int step_;
    std::vector<int> cols_, rows_;
    std::vector<double> v_;
};

/// Sample offsets along 16 rays of `k` samples each, for the enclosure test.
std::vector<std::vector<std::pair<int, int>>> rayOffsets(int k) {
    std::vector<std::vector<std::pair<int, int>>> rays(16);
    for (int d = 0; d < 16; ++d) {
        const double a = d * M_PI / 8;
        for (int j = 1; j <= k; ++j) {
            const std::pair<int, int> o{static_cast<int>(std::lround(j * std::cos(a))),
                                        static_cast<int>(std::lround(-j * std::sin(a)))};
            if (rays[d].empty() || rays[d].back() != o) rays[d].push_back(o);
        }
    }
    return rays;
}

/// Turns every 8-connected patch of `zone` smaller than `minKm2` into conservation buffer.
template <typename CellArea>
void removeSmallPatches(Zoning& z, ZoneClass zone, double minKm2, const CellArea& cellKm2) {
    const int w = z.width, h = z.height;
    std::vector<std::uint8_t> seen(z.classes.size(), 0);
    std::vector<std::size_t> patch, stack;
    for (std::size_t start = 0; start < z.classes.size(); ++start) {
        if (seen[start] || z.classes[start] != zone) continue;
        patch.clear();
        stack.assign(1, start);
        seen[start] = 1;
        double area = 0.0;
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            patch.push_back(i);
            const int c = static_cast<int>(i % w), r = static_cast<int>(i / w);
            area += cellKm2(c, r);
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int cc = c + dc, rr = r + dr;
                    if (cc < 0 || rr < 0 || cc >= w || rr >= h) continue;
                    const std::size_t j = static_cast<std::size_t>(rr) * w + cc;
                    if (seen[j] || z.classes[j] != zone) continue;
                    seen[j] = 1;
                    stack.push_back(j);
                }
        }
        if (area < minKm2)
            for (std::size_t i : patch)
                z.classes[i] = ZoneClass::ConservationBuffer;
    }
}

} // namespace

namespace {

std::optional<Zoning> zoningOf(const Dem& dem, const MapProjection& projection,
                               const std::vector<GeoPoint>& cities, const ZoningParameters& input,
                               const std::function<bool(double)>& progress) {
    ZoningParameters p = input;
    for (const ZoningParameterInfo& info : zoningParameterTable()) {
        double& v = p.*info.member;
        v = std::clamp(std::isfinite(v) ? v : info.min, info.min, info.max);
    }
    Zoning z;
    z.parameters = p;
    z.width = dem.width();
    z.height = dem.height();
    const Grid g{z.width, z.height};
    const std::size_t n = static_cast<std::size_t>(g.w) * g.h;
    z.classes.assign(n, ZoneClass::Other);
    z.margins.assign(n, {-1.0f, -1.0f, -1.0f, -1.0f});
    if (dem.empty()) return z;
    const double cell = dem.cellSize();

    const std::vector<float> gradient2 = hornGradient2(dem);
    const double greenMaxGradient2 = tan2(p.greenMaxSlope), urbanMaxGradient2 = tan2(p.urbanMaxSlope);
    const std::vector<float> relief = windowRelief(dem, cellsFor(p.reliefRadiusKm, cell));
    std::vector<MapPoint> cityMap;
    for (const GeoPoint& gp : cities) {
        const MapPoint m = projection.toMap(gp);
        if (std::isfinite(m.x) && std::isfinite(m.y)) cityMap.push_back(m);
    }
    // The largest gap changes smoothly away from the cities (the hinterland's edges are arcs hundreds of
    // km across), so a lattice every 8 samples is plenty.
    std::vector<double> scratch;
    const Lattice gap(g.w, g.h, 8,
                      [&](int c, int r) { return largestGapDeg(dem.sampleCentre(c, r), cityMap, scratch); });
    const auto rays = rayOffsets(cellsFor(p.enclosureRadiusKm, cell));
    // Whether at least `needed` rays meet ground enclosureRise above the sample; stops as soon as it knows.
    const int needed =
        static_cast<int>(std::ceil(p.greenMinEnclosure * static_cast<double>(rays.size()) - 1e-9));
    auto enclosed = [&](int c, int r) {
        const double top = dem.at(c, r) + p.enclosureRise;
        int closed = 0, left = static_cast<int>(rays.size());
        for (const auto& ray : rays) {
            if (closed >= needed) return true;
            if (closed + left < needed) return false;
            --left;
            for (const auto& [dc, dr] : ray) {
                const int cc = c + dc, rr = r + dr;
                if (cc < 0 || rr < 0 || cc >= g.w || rr >= g.h) break;
                if (dem.at(cc, rr) >= top) { // false for NaN
                    ++closed;
                    break;
                }
            }
        }
        return closed >= needed;
    };

    // Margins of the rules (see Zoning::margins); the classes below use the exact comparisons, and the
    // margins are made to agree with them at the end.
    auto slopeDeg = [&](std::size_t i) { return std::atan(std::sqrt(double(gradient2[i]))) * 180.0 / M_PI; };
    for (int r = 0; r < g.h; ++r) {
        if (progress && r % 32 == 0 && !progress(0.9 * r / g.h)) return std::nullopt;
        for (int c = 0; c < g.w; ++c) {
            const std::size_t i = g.idx(c, r);
            const double v = dem.at(c, r);
            if (std::isnan(v)) continue;
            const double gapDeg = gap.at(c, r);
            const double hinterland = (p.hinterlandMaxGap - gapDeg) / 10.0;
            const double core = std::min(
                {hinterland, (v - p.coreMinElevation) / 100.0, (relief[i] - p.coreMinRelief) / 100.0});
            double green =
                std::min({hinterland, (p.greenMaxElevation - v) / 100.0, p.greenMaxSlope - slopeDeg(i)});
            // The ray test is slow and only matters where the other conditions nearly hold.
            int isEnclosed = -1;
            auto enclosedOnce = [&] {
                if (isEnclosed < 0) isEnclosed = enclosed(c, r) ? 1 : 0;
                return isEnclosed == 1;
            };
            if (green >= -0.5) green = std::min(green, enclosedOnce() ? 0.5 : -0.5);
            const double buffer = std::min(
                {hinterland, (v - p.bufferMinElevation) / 100.0, (relief[i] - p.bufferMinRelief) / 100.0});
            auto& m = z.margins[i];
            m = {-4.0f, static_cast<float>(core), static_cast<float>(green), static_cast<float>(buffer)};
            if (gapDeg > p.hinterlandMaxGap) continue;
            if (v >= p.coreMinElevation && relief[i] >= p.coreMinRelief)
                z.classes[i] = ZoneClass::EcologicalCore;
            else if (v <= p.greenMaxElevation && gradient2[i] <= greenMaxGradient2 && enclosedOnce())
                z.classes[i] = ZoneClass::GreenDevelopment;
            else if (v >= p.bufferMinElevation && relief[i] >= p.bufferMinRelief)
                z.classes[i] = ZoneClass::ConservationBuffer;
        }
    }

    // Scale factors change slowly (±0.3 % over the default region), so interpolating them from every 16th
    // sample costs areas less than 1e-5 of their value.
    const Lattice scale(g.w, g.h, 16, [&](int c, int r) {
        const double k = projection.scaleFactorAt(projection.toGeo(dem.sampleCentre(c, r)));
        return std::isfinite(k) && k > 0 ? k : 1.0;
    });
    auto cellKm2 = [&](int c, int r) {
        const double k = scale.at(c, r);
        return cell * cell / (k * k) * 1e-6;
    };

    // Small core and green development patches become buffer.
    removeSmallPatches(z, ZoneClass::EcologicalCore, p.coreMinPatchKm2, cellKm2);
    removeSmallPatches(z, ZoneClass::GreenDevelopment, p.greenMinPatchKm2, cellKm2);

    // The urban belt is the first rule, so it overrides whatever the hinterland rules gave. Each city
    // paints a disc, each axis a band along the segment between two cities, on gentle ground no higher than
    // `top`.
    auto paintBelt = [&](MapPoint a, MapPoint b, double radius, double top) {
        // Two cells wider than the belt, so that the margin falls off smoothly beyond it.
        const MapRect box{std::min(a.x, b.x) - radius - 2 * cell, std::min(a.y, b.y) - radius - 2 * cell,
                          std::max(a.x, b.x) + radius + 2 * cell, std::max(a.y, b.y) + radius + 2 * cell};
        const int c0 = std::max(0, static_cast<int>(std::floor((box.minX - dem.origin().x) / cell)));
        const int c1 = std::min(g.w - 1, static_cast<int>(std::floor((box.maxX - dem.origin().x) / cell)));
        const int r0 = std::max(0, static_cast<int>(std::floor((dem.origin().y - box.maxY) / cell)));
        const int r1 = std::min(g.h - 1, static_cast<int>(std::floor((dem.origin().y - box.minY) / cell)));
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const std::size_t i = g.idx(c, r);
                const double v = dem.at(c, r);
                if (std::isnan(v)) continue;
                const double distance = segmentDistance(dem.sampleCentre(c, r), a, b);
                const double margin = std::min(
                    {(radius - distance) / 1000.0, (top - v) / 100.0, p.urbanMaxSlope - slopeDeg(i)});
                z.margins[i][0] = std::max(z.margins[i][0], static_cast<float>(margin));
                if (v > top || gradient2[i] > urbanMaxGradient2 || distance > radius) continue;
                z.classes[i] = ZoneClass::UrbanBelt;
            }
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> cityTop;
    for (const MapPoint& city : cityMap) {
        const std::optional<double> h = dem.elevationAt(city);
        cityTop.push_back(h ? *h + p.urbanMaxRise : inf);
        paintBelt(city, city, p.urbanBeltRadiusKm * 1000.0, cityTop.back());
        const int nc = static_cast<int>(std::floor((city.x - dem.origin().x) / cell));
        const int nr = static_cast<int>(std::floor((dem.origin().y - city.y) / cell));
        if (p.urbanBeltRadiusKm > 0 && dem.hasData(nc, nr)) z.classes[g.idx(nc, nr)] = ZoneClass::UrbanBelt;
    }
    for (std::size_t i = 0; i < cityMap.size(); ++i)
        for (std::size_t j = i + 1; j < cityMap.size(); ++j) {
            const MapPoint a = cityMap[i], b = cityMap[j];
            const double length = std::hypot(b.x - a.x, b.y - a.y);
            const double top = std::max(cityTop[i], cityTop[j]);
            if (length > p.urbanAxisMaxKm * 1000.0 || p.urbanAxisHalfWidthKm <= 0 || top == inf) continue;
            bool passable = true;
            const int steps = static_cast<int>(std::ceil(2 * length / cell));
            for (int k = 0; k <= steps && passable; ++k) {
                const double t = double(k) / std::max(1, steps);
                const auto h = dem.elevationAt({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
                passable = h && *h <= top;
            }
            if (passable) paintBelt(a, b, p.urbanAxisHalfWidthKm * 1000.0, top);
        }

    // The margins agree with the classes: where rounding, the small-patch rule or a city's own sample
    // decided otherwise, the margin takes a clear sign.
    for (std::size_t i = 0; i < n; ++i) {
        auto& m = z.margins[i];
        const auto rule = std::find(kZoneRules.begin(), kZoneRules.end(), z.classes[i]) - kZoneRules.begin();
        for (int k = 0; k < 4; ++k) {
            m[k] = std::clamp(m[k], -4.0f, 4.0f);
            if (k < rule && m[k] >= 0.0f) m[k] = -0.5f;
            if (k == rule && m[k] < 0.0f) m[k] = 0.5f;
            // Clear of zero, so the spline's rounding at a sample cannot change the sample's class.
            if (std::abs(m[k]) < kMarginFloor) m[k] = m[k] >= 0.0f ? kMarginFloor : -kMarginFloor;
        }
    }
    z.marginSpline = cubicSplineCoefficients({z.margins.front().data(), n * 4}, z.width, z.height, 4);

    for (int r = 0; r < g.h; ++r)
        for (int c = 0; c < g.w; ++c) {
            if (std::isnan(dem.at(c, r))) continue;
            const double a = cellKm2(c, r);
            z.stats.areaKm2[static_cast<int>(z.at(c, r))] += a;
            z.stats.totalKm2 += a;
        }
    return z;
}

} // namespace

ZoneClass zoneAt(const Zoning& z, double col, double row) {
    const int pw = z.width + 2 * kSplinePad, ph = z.height + 2 * kSplinePad;
    if (z.width <= 0 || z.height <= 0 || z.marginSpline.size() != static_cast<std::size_t>(pw) * ph * 4)
        return ZoneClass::Other;
    for (int k = 0; k < 4; ++k)
        if (evaluateSpline(z.marginSpline, pw, ph, 4, k, col, row) >= 0.0) return kZoneRules[k];
    return ZoneClass::Other;
}

Zoning computeZoning(const Dem& dem, const MapProjection& projection, const std::vector<GeoPoint>& cities,
                     const ZoningParameters& p) {
    return *zoningOf(dem, projection, cities, p, {});
}

std::optional<Zoning> computeZoning(const Dem& dem, const MapProjection& projection,
                                    const std::vector<GeoPoint>& cities, const ZoningParameters& p,
                                    const std::function<bool(double)>& progress) {
    return zoningOf(dem, projection, cities, p, progress);
}

} // namespace qinba
