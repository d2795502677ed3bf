#pragma once
// How the terrain is drawn: vertical exaggeration, sun, colour ramp, haze. Part of SceneSettings.

#include "qinba/core/options.h"

#include <string>

namespace qinba {

/// Drawing parameters of the terrain, shared by the viewer and the headless renderer. Ranges and defaults
/// come from the option table (options.h).
struct TerrainStyle {
    static constexpr double kMinExaggeration = options::exaggeration.min;
    static constexpr double kMaxExaggeration = options::exaggeration.max;

    /// Heights are drawn multiplied by this. 6× lets 3 km ranges read clearly across a 1700 km region
    /// without turning them into spikes.
    double exaggeration = options::exaggeration.def;
    double sunAzimuth = options::sunAzimuth.def;   ///< degrees clockwise from map north the light comes from
    double sunAltitude = options::sunAltitude.def; ///< degrees above the horizon
    std::string rampId = "atlas";                  ///< a built-in ColorRamp id
    double haze = options::haze.def;               ///< aerial perspective, 0 (none) to 1 (strong)
    double ambient = options::ambient.def; ///< share of light that is not direct sun, 0–1 (not "shade only")
    bool sky = true; ///< draw the sky gradient behind the terrain (else the clear colour)
    bool operator==(const TerrainStyle&) const = default;
};

} // namespace qinba
