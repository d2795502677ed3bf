#include "qinba/core/polyline.h"

#include <algorithm>
#include <cmath>

namespace qinba {

Polyline3::Polyline3(std::vector<glm::dvec3> points) : points_(std::move(points)) {
    cumulative_.reserve(points_.size());
    double total = 0.0;
    for (std::size_t i = 0; i < points_.size(); ++i) {
        if (i > 0) total += glm::length(points_[i] - points_[i - 1]);
        cumulative_.push_back(total);
    }
}

std::size_t Polyline3::segmentAt(double s) const {
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), s);
    const std::size_t i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(it - cumulative_.begin(), 1)) - 1;
    return std::min(i, points_.size() - 2);
}

glm::dvec3 Polyline3::at(double s) const {
    if (points_.empty()) return glm::dvec3(0.0);
    if (points_.size() == 1) return points_.front();
    s = std::clamp(s, 0.0, length());
    const std::size_t i = segmentAt(s);
    const double segment = cumulative_[i + 1] - cumulative_[i];
    const double t = segment > 0.0 ? (s - cumulative_[i]) / segment : 0.0;
    return glm::mix(points_[i], points_[i + 1], t);
}

glm::dvec3 Polyline3::tangentAt(double s) const {
    if (points_.size() < 2) return {1.0, 0.0, 0.0};
    const std::size_t i = segmentAt(std::clamp(s, 0.0, length()));
    const glm::dvec3 d = points_[i + 1] - points_[i];
    const double len = glm::length(d);
    return len > 0.0 ? d / len : glm::dvec3(1.0, 0.0, 0.0);
}

Polyline3 Polyline3::prefix(double s) const {
    if (points_.size() < 2 || s >= length()) return *this;
    std::vector<glm::dvec3> out;
    if (s <= 0.0) return Polyline3({points_.front(), points_.front()});
    const std::size_t i = segmentAt(s);
    out.assign(points_.begin(), points_.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    out.push_back(at(s));
    return Polyline3(std::move(out));
}

Polyline3 drapeOnSurface(const std::vector<MapPoint>& route, const TerrainSurface& surface, double spacing,
                         double lift) {
    std::vector<glm::dvec3> out;
    if (route.size() < 2) return Polyline3(out);
    double lastZ = surface.heightAt(route.front().x, route.front().y).value_or(0.0);
    auto push = [&](double x, double y) {
        const auto h = surface.heightAt(x, y);
        if (h) lastZ = *h;
        out.emplace_back(x, y, lastZ + lift);
    };
    for (std::size_t i = 0; i + 1 < route.size(); ++i) {
        const MapPoint a = route[i], b = route[i + 1];
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        const int steps = std::max(1, static_cast<int>(std::ceil(len / spacing)));
        for (int k = 0; k < steps; ++k) {
            const double t = static_cast<double>(k) / steps;
            push(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        }
    }
    push(route.back().x, route.back().y);
    return Polyline3(std::move(out));
}

Polyline3 arcAbove(MapPoint a, MapPoint b, const TerrainSurface& surface, double heightFraction,
                   double clearance, int segments) {
    segments = std::max(segments, 2);
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const double za = surface.heightAt(a.x, a.y).value_or(0.0);
    const double zb = surface.heightAt(b.x, b.y).value_or(0.0);
    double highest = std::max(za, zb);
    for (int k = 0; k <= 32; ++k) {
        const double t = k / 32.0;
        highest =
            std::max(highest, surface.heightAt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t).value_or(0.0));
    }
    const double peak = std::max(std::max(za, zb) + heightFraction * len, highest + clearance);
    std::vector<glm::dvec3> out;
    out.reserve(static_cast<std::size_t>(segments) + 1);
    for (int k = 0; k <= segments; ++k) {
        const double t = static_cast<double>(k) / segments;
        // A parabola through both ends with its top at `peak` over the middle.
        const double base = za + (zb - za) * t;
        const double mid = 0.5 * (za + zb);
        const double z = base + 4.0 * t * (1.0 - t) * (peak - mid);
        out.emplace_back(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, z);
    }
    return Polyline3(std::move(out));
}

} // namespace qinba
