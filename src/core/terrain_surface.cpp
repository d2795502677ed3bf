#include "qinba/core/terrain_surface.h"

#include <algorithm>
#include <cmath>

namespace qinba {

std::optional<double> TerrainSurface::heightAt(double x, double y) const {
    const auto h = dem_->elevationAt({x, y});
    if (!h) return std::nullopt;
    return *h * exaggeration_;
}

WorldBox TerrainSurface::box() const {
    const MapRect b = dem_->bounds();
    return {{b.minX, b.minY, dem_->minElevation() * exaggeration_},
            {b.maxX, b.maxY, dem_->maxElevation() * exaggeration_}};
}

std::optional<glm::dvec3> TerrainSurface::intersect(const Ray& ray) const {
    if (dem_->empty()) return std::nullopt;
    const WorldBox b = box();
    // Slab clipping against the surface's box.
    double t0 = 0.0, t1 = 1e300;
    for (int axis = 0; axis < 3; ++axis) {
        const double o = ray.origin[axis], d = ray.direction[axis];
        const double lo = b.min[axis] - (axis == 2 ? 1.0 : 0.0), hi = b.max[axis] + (axis == 2 ? 1.0 : 0.0);
        if (std::abs(d) < 1e-12) {
            if (o < lo || o > hi) return std::nullopt;
            continue;
        }
        double ta = (lo - o) / d, tb = (hi - o) / d;
        if (ta > tb) std::swap(ta, tb);
        t0 = std::max(t0, ta);
        t1 = std::min(t1, tb);
        if (t0 > t1) return std::nullopt;
    }

    auto above = [&](double t) -> std::optional<double> {
        const glm::dvec3 p = ray.origin + ray.direction * t;
        const auto h = heightAt(p.x, p.y);
        if (!h) return std::nullopt;
        return p.z - *h;
    };
    const double horizontal = std::hypot(ray.direction.x, ray.direction.y);
    double step = dem_->cellSize() * 0.5 / std::max(horizontal, 1e-9);
    step = std::min(step, std::max((t1 - t0) / 8.0, 1e-3));
    double prevT = t0;
    std::optional<double> prev = above(t0);
    if (prev && *prev <= 0.0) return ray.origin + ray.direction * t0;
    for (double t = t0 + step;; t += step) {
        const bool last = t >= t1;
        if (last) t = t1;
        const auto cur = above(t);
        if (cur && *cur <= 0.0) {
            double lo = prev ? prevT : t, hi = t;
            for (int i = 0; i < 40 && prev; ++i) {
                const double mid = 0.5 * (lo + hi);
                const auto m = above(mid);
                if (m && *m <= 0.0)
                    hi = mid;
                else
                    lo = mid;
            }
            return ray.origin + ray.direction * hi;
        }
        if (last) break;
        prev = cur;
        prevT = t;
    }
    return std::nullopt;
}

} // namespace qinba
