#pragma once
// Hypsometric colour ramps: colours assigned to elevations in metres.

#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace qinba {

/// One stop of a ramp: an elevation in metres and its colour (sRGB, components 0–1).
struct ColorStop {
    double elevation = 0.0;
    glm::vec3 color{0.0f};
};

/// Colours by elevation, linear between stops and constant beyond the first and last.
struct ColorRamp {
    std::string id;   ///< stable identifier used in preferences and on the command line
    std::string name; ///< name shown to people
    std::vector<ColorStop> stops;
    bool shadeOnly = false; ///< draw the hillshade alone in grey, without elevation colours

    glm::vec3 colorAt(double elevationMetres) const;
    /// Elevation range the stops span, metres.
    double minElevation() const { return stops.empty() ? 0.0 : stops.front().elevation; }
    double maxElevation() const { return stops.empty() ? 0.0 : stops.back().elevation; }
};

/// The ramps the application offers, the first being the default.
const std::vector<ColorRamp>& builtinRamps();

/// The built-in ramp with this id, or nullptr.
const ColorRamp* findRamp(const std::string& id);

} // namespace qinba
