#pragma once
// The moving marks that show flows: positions of particles (people, goods) along a corridor's route and of
// pulses (information) along its arc, as a pure function of scenario time. Density follows volume, marks
// travel from origin to destination, and the two directions of one corridor keep to their own side.

#include "qinba/core/polyline.h"
#include "qinba/core/scenario.h"

#include <cstddef>
#include <glm/glm.hpp>
#include <vector>

namespace qinba {

/// Tunables of the flow marks.
struct FlowParticleStyle {
    double marksPer100KmAtMax = 9.0; ///< marks per 100 km of route at a type's largest volume
    // The three kinds move differently as well as looking different: people quick, goods slow and heavy,
    // information fastest (along its arc), so they can be told apart without colour.
    double groundSpeedKmPerS = 80.0; ///< people along the route, km of route per second
    double goodsSpeedKmPerS = 40.0;  ///< goods along the route, km of route per second
    double pulseSpeedKmPerS = 200.0; ///< information along its arc
    double minSizePx = 5.0;  ///< mark size at the smallest volume, pixels (before OverlayStyle::scale)
    double maxSizePx = 10.0; ///< mark size at a type's largest volume, pixels
};

/// One mark to draw.
struct FlowParticle {
    glm::dvec3 position{0.0};            ///< world metres
    glm::dvec3 direction{1.0, 0.0, 0.0}; ///< unit direction of travel
    FlowType type = FlowType::People;
    double sizePx = 5.0; ///< pixels
    double alpha = 1.0;  ///< 0–1
};

/// What one flow needs to place its marks.
struct FlowMarksInput {
    std::size_t flowIndex = 0; ///< seeds the marks' spacing so flows differ but stay the same every frame
    FlowType type = FlowType::People;
    double volume = 0.0;    ///< current volume
    double maxVolume = 1.0; ///< the largest volume of this type in the stage
    double opacity = 1.0;   ///< 0–1
    bool reverse = false;   ///< travels from the path's end to its start
    double grown = 1.0;     ///< share of the path drawn from its start, 0–1
    /// Share of the marks shown at the largest volume, 0–1: lower when zoomed out so marks do not merge.
    /// Marks come and go smoothly as it changes, and the ones shown keep their places.
    double density = 1.0;
};

/// Appends the marks of one flow at scenario time `t` (seconds) on `path`.
void appendFlowParticles(std::vector<FlowParticle>& out, const FlowMarksInput& flow, const Polyline3& path,
                         double t, const FlowParticleStyle& style = {});

} // namespace qinba
