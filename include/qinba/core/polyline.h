#pragma once
// 3D polylines in world space (map metres, displayed heights) measured by length along them: corridor
// routes draped on the terrain and arcs lifted above it.

#include "qinba/core/map_projection.h"
#include "qinba/core/terrain_surface.h"

#include <glm/glm.hpp>
#include <vector>

namespace qinba {

/// Points with their cumulative horizontal-and-vertical length from the first point, metres.
class Polyline3 {
  public:
    Polyline3() = default;
    explicit Polyline3(std::vector<glm::dvec3> points);

    const std::vector<glm::dvec3>& points() const { return points_; }
    const std::vector<double>& cumulative() const { return cumulative_; }
    double length() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }
    bool empty() const { return points_.size() < 2; }

    /// Position `s` metres along the line (clamped to its ends).
    glm::dvec3 at(double s) const;
    /// Unit direction of travel at `s`.
    glm::dvec3 tangentAt(double s) const;
    /// The part from 0 to `s` metres, for corridors that grow along their route.
    Polyline3 prefix(double s) const;

  private:
    std::size_t segmentAt(double s) const;
    std::vector<glm::dvec3> points_;
    std::vector<double> cumulative_;
};

/// A route (map metres) resampled every `spacing` metres and laid on the displayed surface, `lift` metres
/// above it. Points over no-data keep the height of the last point with data.
Polyline3 drapeOnSurface(const std::vector<MapPoint>& route, const TerrainSurface& surface, double spacing,
                         double lift);

/// An arc from `a` to `b` above the terrain, peaking `heightFraction` × the distance above the higher end
/// (and at least `clearance` metres above the highest terrain under it), with `segments` segments.
Polyline3 arcAbove(MapPoint a, MapPoint b, const TerrainSurface& surface, double heightFraction,
                   double clearance, int segments);

} // namespace qinba
