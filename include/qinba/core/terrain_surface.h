#pragma once
// The terrain as displayed: a Dem's map positions with heights multiplied by the vertical exaggeration.
// Used for picking (ray casts) and for keeping the camera above ground.

#include "qinba/core/camera.h"
#include "qinba/core/dem.h"

#include <glm/glm.hpp>
#include <optional>

namespace qinba {

/// Read-only view of a Dem as a surface in world space; the Dem must outlive it.
class TerrainSurface {
  public:
    TerrainSurface(const Dem& dem, double exaggeration) : dem_(&dem), exaggeration_(exaggeration) {}

    const Dem& dem() const { return *dem_; }
    double exaggeration() const { return exaggeration_; }

    /// Displayed height (elevation × exaggeration) in metres at map x,y; nullopt outside or without data.
    std::optional<double> heightAt(double x, double y) const;
    /// World box holding the displayed surface.
    WorldBox box() const;
    /// First point where `ray` meets the surface (world metres), nullopt when it misses.
    std::optional<glm::dvec3> intersect(const Ray& ray) const;

  private:
    const Dem* dem_;
    double exaggeration_;
};

} // namespace qinba
