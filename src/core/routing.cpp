#include "qinba/core/routing.h"

#include "qinba/core/i18n.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <queue>
#include <string>

namespace qinba {

namespace {

// Shortcut and smoothing limits, in cells or metres (see simplify() and chaikin()).
constexpr double kMaxDeviationCells = 3.0;
constexpr double kElevationTolerance = 20.0;
constexpr double kGradeTolerance = 0.01;
constexpr double kMaxCornerCutCells = 1.5;
constexpr double kCornerElevationTolerance = 5.0;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Step {
    int dc, dr;
};
constexpr Step kSteps[16] = {{1, 0}, {-1, 0}, {0, 1},  {0, -1},  {1, 1}, {1, -1}, {-1, 1}, {-1, -1},
                             {2, 1}, {2, -1}, {-2, 1}, {-2, -1}, {1, 2}, {1, -2}, {-1, 2}, {-1, -2}};

double distance(MapPoint a, MapPoint b) {
    return std::hypot(b.x - a.x, b.y - a.y);
}

MapPoint lerp(MapPoint a, MapPoint b, double t) {
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

double pieceCost(double length, double h0, double h1, const RouteCostModel& m) {
    const double grade = std::abs(h1 - h0) / length;
    const double altitude = std::max(0.0, 0.5 * (h0 + h1));
    return length * (1.0 + m.slopeWeight * grade * grade + m.elevationWeight * altitude / 1000.0);
}

// Cost of the step from sample (c, r) by `s`; NaN where it touches a sample without data.
double stepCost(const Dem& dem, int c, int r, Step s, const RouteCostModel& m) {
    const int c1 = c + s.dc, r1 = r + s.dr;
    if (!dem.hasData(c1, r1)) return kNaN;
    const double h0 = dem.at(c, r), h1 = dem.at(c1, r1);
    const double length = dem.cellSize() * std::hypot(s.dc, s.dr);
    if (s.dc == 0 || s.dr == 0) return pieceCost(length, h0, h1, m);
    // The two samples the step passes between (for a diagonal, the other two corners of its square).
    int ac = c + s.dc, ar = r, bc = c, br = r + s.dr;
    if (std::abs(s.dc) == 2) ac = bc = c + s.dc / 2, ar = r, br = r + s.dr;
    if (std::abs(s.dr) == 2) ar = br = r + s.dr / 2, ac = c, bc = c + s.dc;
    if (!dem.hasData(ac, ar) || !dem.hasData(bc, br)) return kNaN;
    const double sides = dem.at(ac, ar) + dem.at(bc, br);
    const double mid = std::abs(s.dc) == std::abs(s.dr) ? (h0 + h1 + sides) / 4 : sides / 2;
    return pieceCost(length / 2, h0, mid, m) + pieceCost(length / 2, mid, h1, m);
}

// A* from sample `start` to sample `goal` (indices row·width + col); the samples in order, or empty when
// the goal cannot be reached. The straight-line distance is a consistent heuristic because every step
// costs at least its length.
std::vector<int> searchGrid(const Dem& dem, int start, int goal, const RouteCostModel& m) {
    const int w = dem.width(), n = w * dem.height();
    const int gc = goal % w, gr = goal / w;
    std::vector<double> cost(n, std::numeric_limits<double>::infinity());
    std::vector<int> parent(n, -1);
    std::vector<char> closed(n, 0);
    struct Open {
        double f;
        int node;
    };
    auto later = [](const Open& a, const Open& b) { return a.f > b.f || (a.f == b.f && a.node > b.node); };
    std::priority_queue<Open, std::vector<Open>, decltype(later)> open(later);
    auto heuristic = [&](int c, int r) { return dem.cellSize() * std::hypot(c - gc, r - gr); };
    cost[start] = 0.0;
    open.push({heuristic(start % w, start / w), start});
    while (!open.empty()) {
        const int node = open.top().node;
        open.pop();
        if (closed[node]) continue;
        closed[node] = 1;
        if (node == goal) break;
        const int c = node % w, r = node / w;
        for (const Step& s : kSteps) {
            const double step = stepCost(dem, c, r, s, m);
            if (std::isnan(step)) continue;
            const int next = (r + s.dr) * w + c + s.dc;
            const double g = cost[node] + step;
            if (closed[next] || g >= cost[next]) continue;
            cost[next] = g;
            parent[next] = node;
            open.push({g + heuristic(c + s.dc, r + s.dr), next});
        }
    }
    if (!closed[goal]) return {};
    std::vector<int> path;
    for (int node = goal; node != -1; node = parent[node])
        path.push_back(node);
    std::reverse(path.begin(), path.end());
    return path;
}

// Bilinear elevation, or the nearest sample's where a bilinear neighbour has no data; nullopt off the data.
std::optional<double> heightNear(const Dem& dem, MapPoint p) {
    if (auto h = dem.elevationAt(p)) return h;
    const int c = static_cast<int>(std::floor((p.x - dem.origin().x) / dem.cellSize()));
    const int r = static_cast<int>(std::floor((dem.origin().y - p.y) / dem.cellSize()));
    if (!dem.hasData(c, r)) return std::nullopt;
    return dem.at(c, r);
}

// Elevations at n+1 evenly spaced points from a to b, no more than half a cell apart.
std::vector<std::optional<double>> profile(const Dem& dem, MapPoint a, MapPoint b) {
    const int n = std::max(1, static_cast<int>(std::ceil(distance(a, b) / (0.5 * dem.cellSize()))));
    std::vector<std::optional<double>> out(n + 1);
    for (int i = 0; i <= n; ++i)
        out[i] = heightNear(dem, lerp(a, b, double(i) / n));
    return out;
}

double distanceToSegment(MapPoint p, MapPoint a, MapPoint b) {
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return distance(p, lerp(a, b, t));
}

// The grid path's elevations: at each vertex, and the highest and steepest along each segment.
struct RawProfile {
    std::vector<double> vertex, segmentMax, segmentGrade;
};

RawProfile rawProfile(const Dem& dem, const std::vector<MapPoint>& pts) {
    RawProfile raw;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        raw.vertex.push_back(heightNear(dem, pts[i]).value_or(kNaN));
        if (i == 0) continue;
        const auto h = profile(dem, pts[i - 1], pts[i]);
        const double spacing = distance(pts[i - 1], pts[i]) / static_cast<double>(h.size() - 1);
        const std::size_t lag = std::min<std::size_t>(2, h.size() - 1);
        double top = std::max(raw.vertex[i - 1], raw.vertex[i]), grade = 0.0;
        for (std::size_t k = 0; k < h.size(); ++k) {
            if (h[k]) top = std::max(top, *h[k]);
            if (k >= lag && h[k] && h[k - lag])
                grade = std::max(grade, std::abs(*h[k] - *h[k - lag]) / (static_cast<double>(lag) * spacing));
        }
        raw.segmentMax.push_back(top);
        raw.segmentGrade.push_back(grade);
    }
    return raw;
}

// Whether the straight line from pts[i] to pts[j] may replace the grid path between them: it stays close to
// the path, nowhere rises above the path nearby by more than a little, and is no steeper than the path.
bool shortcutAllowed(const Dem& dem, const std::vector<MapPoint>& pts, const RawProfile& raw, std::size_t i,
                     std::size_t j) {
    const MapPoint a = pts[i], b = pts[j];
    double steepest = 0.0;
    for (std::size_t k = i; k < j; ++k)
        steepest = std::max(steepest, raw.segmentGrade[k]);
    for (std::size_t k = i + 1; k < j; ++k)
        if (distanceToSegment(pts[k], a, b) > kMaxDeviationCells * dem.cellSize()) return false;
    const auto h = profile(dem, a, b);
    const double spacing = distance(a, b) / static_cast<double>(h.size() - 1);
    for (std::size_t s = 0; s < h.size(); ++s) {
        if (!h[s]) return false;
        const MapPoint p = lerp(a, b, static_cast<double>(s) / static_cast<double>(h.size() - 1));
        std::size_t nearest = i;
        for (std::size_t k = i + 1; k <= j; ++k)
            if (distance(p, pts[k]) < distance(p, pts[nearest])) nearest = k;
        double local = raw.vertex[nearest];
        if (nearest > i) local = std::max(local, raw.segmentMax[nearest - 1]);
        if (nearest < j) local = std::max(local, raw.segmentMax[nearest]);
        if (*h[s] > local + kElevationTolerance) return false;
        if (s >= 2 && std::abs(*h[s] - *h[s - 2]) / (2 * spacing) > steepest + kGradeTolerance) return false;
    }
    return true;
}

// Greedy simplification: from each kept vertex, jump to the farthest vertex an allowed shortcut reaches.
std::vector<MapPoint> simplify(const Dem& dem, const std::vector<MapPoint>& pts) {
    if (pts.size() < 3) return pts;
    const RawProfile raw = rawProfile(dem, pts);
    std::vector<MapPoint> out{pts.front()};
    std::size_t i = 0;
    while (i + 1 < pts.size()) {
        std::size_t j = i + 1;
        while (j + 1 < pts.size() && shortcutAllowed(dem, pts, raw, i, j + 1))
            ++j;
        out.push_back(pts[j]);
        i = j;
    }
    return out;
}

// One round of Chaikin corner cutting that keeps both ends. Each cut reaches at most `maxCut` metres from the
// corner, so a long straight stretch is not pulled across a bend's inside, and a corner whose cut would climb
// higher than the two half segments it replaces (a bend around a spur) stays sharp.
std::vector<MapPoint> chaikin(const Dem& dem, const std::vector<MapPoint>& pts, double maxCut) {
    if (pts.size() < 3) return pts;
    auto cutFraction = [&](std::size_t i) { return std::min(0.25, maxCut / distance(pts[i], pts[i + 1])); };
    auto highest = [&](MapPoint a, MapPoint b) {
        double top = -std::numeric_limits<double>::infinity();
        for (const auto& h : profile(dem, a, b))
            top = std::max(top, h.value_or(std::numeric_limits<double>::infinity()));
        return top;
    };
    std::vector<MapPoint> out{pts.front()};
    for (std::size_t i = 1; i + 1 < pts.size(); ++i) {
        const MapPoint before = lerp(pts[i - 1], pts[i], 1 - cutFraction(i - 1));
        const MapPoint after = lerp(pts[i], pts[i + 1], cutFraction(i));
        const double kept = std::max(highest(before, pts[i]), highest(pts[i], after));
        out.push_back(before);
        if (highest(before, after) > kept + kCornerElevationTolerance) out.push_back(pts[i]);
        out.push_back(after);
    }
    out.push_back(pts.back());
    return out;
}

// Length, highest point and steepest grade of the finished polyline.
void measure(const Dem& dem, Route& route) {
    const double half = 0.5 * dem.cellSize();
    std::vector<double> along, height;
    double start = 0.0, next = 0.0;
    for (std::size_t i = 0; i + 1 < route.points.size(); ++i) {
        const MapPoint a = route.points[i], b = route.points[i + 1];
        const double len = distance(a, b);
        for (; next < start + len; next += half)
            if (auto h = heightNear(dem, lerp(a, b, (next - start) / len)))
                along.push_back(next), height.push_back(*h);
        start += len;
    }
    if (auto h = heightNear(dem, route.points.back())) along.push_back(start), height.push_back(*h);
    route.lengthMetres = start;
    route.maxElevation = height.empty() ? 0.0 : *std::max_element(height.begin(), height.end());
    route.maxSlope = 0.0;
    for (std::size_t k = 2; k < height.size(); ++k) {
        const double run = std::max(along[k] - along[k - 2], half);
        route.maxSlope = std::max(route.maxSlope, std::abs(height[k] - height[k - 2]) / run);
    }
}

std::string stopField(std::size_t i) {
    return "stops[" + std::to_string(i) + "]";
}

} // namespace

Result<Route> findRoute(const Dem& dem, const std::vector<MapPoint>& stops, const RouteCostModel& model) {
    if (stops.size() < 2) return Error{"", "stops", _("a route needs at least two stops")};
    if (dem.empty() || dem.width() < 2 || dem.height() < 2) return Error{"", "dem", _("the DEM is empty")};
    if (!std::isfinite(model.slopeWeight) || model.slopeWeight < 0)
        return Error{"", "slopeWeight", _("expected a finite weight ≥ 0")};
    if (!std::isfinite(model.elevationWeight) || model.elevationWeight < 0)
        return Error{"", "elevationWeight", _("expected a finite weight ≥ 0")};
    std::vector<int> samples;
    for (std::size_t i = 0; i < stops.size(); ++i) {
        const MapPoint p = stops[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            return Error{"", stopField(i), _("not a finite position")};
        if (!dem.bounds().contains(p)) return Error{"", stopField(i), _("lies outside the DEM")};
        if (!dem.elevationAt(p)) return Error{"", stopField(i), _("lies where the DEM has no data")};
        const int c =
            std::clamp(static_cast<int>((p.x - dem.origin().x) / dem.cellSize()), 0, dem.width() - 1);
        const int r =
            std::clamp(static_cast<int>((dem.origin().y - p.y) / dem.cellSize()), 0, dem.height() - 1);
        samples.push_back(r * dem.width() + c);
    }
    Route route;
    route.points.push_back(stops.front());
    for (std::size_t leg = 0; leg + 1 < stops.size(); ++leg) {
        const std::vector<int> path = searchGrid(dem, samples[leg], samples[leg + 1], model);
        if (path.empty())
            return Error{"", stopField(leg) + ".." + stopField(leg + 1),
                         _("no path over samples with data joins them")};
        std::vector<MapPoint> raw{stops[leg]};
        for (int node : path)
            raw.push_back(dem.sampleCentre(node % dem.width(), node / dem.width()));
        raw.push_back(stops[leg + 1]);
        raw.erase(std::unique(raw.begin(), raw.end(),
                              [](MapPoint a, MapPoint b) { return a.x == b.x && a.y == b.y; }),
                  raw.end());
        std::vector<MapPoint> smooth = simplify(dem, raw);
        for (int round = 0; round < 2; ++round)
            smooth = chaikin(dem, smooth, kMaxCornerCutCells * dem.cellSize());
        route.points.insert(route.points.end(), smooth.begin() + 1, smooth.end());
    }
    if (route.points.size() < 2) route.points.push_back(stops.back()); // every stop at the same place
    measure(dem, route);
    return route;
}

} // namespace qinba
