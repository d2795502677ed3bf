#pragma once
// How the terrain is drawn: vertical exaggeration, sun, colour ramp, haze. Part of the view state.

#include <string>

namespace qinba {

/// Drawing parameters of the terrain, shared by the viewer and the headless renderer.
struct TerrainStyle {
    static constexpr double kMinExaggeration = 1.0;
    static constexpr double kMaxExaggeration = 20.0;

    /// Heights are drawn multiplied by this. 6× lets 3 km ranges read clearly across a 1700 km region
    /// without turning them into spikes.
    double exaggeration = 6.0;
    double sunAzimuth = 315.0;    ///< degrees clockwise from map north the light comes from
    double sunAltitude = 40.0;    ///< degrees above the horizon
    std::string rampId = "atlas"; ///< a built-in ColorRamp id
    double haze = 0.45;           ///< aerial perspective, 0 (none) to 1 (strong)
    double ambient = 0.30;        ///< share of light that is not direct sun, 0–1 (ignored by "shade only")
    bool sky = true;              ///< draw the sky gradient behind the terrain (else the clear colour)
};

} // namespace qinba
