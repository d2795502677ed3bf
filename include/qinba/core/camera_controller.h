#pragma once
// Map-like navigation: limits that keep the camera sane, mouse and keyboard operations, and a controller
// that turns one frame's input into camera changes.

#include "qinba/core/camera.h"
#include "qinba/core/terrain_surface.h"

#include <glm/glm.hpp>

namespace qinba {

/// Bounds on the camera, in metres and degrees.
struct CameraLimits {
    double minDistance = 1500.0; ///< closest approach to the target, metres
    double maxDistance = 6.0e6;  ///< farthest distance from the target, metres
    double minPitch = 5.0;       ///< degrees below the horizon (near-horizontal views)
    double maxPitch = 90.0;      ///< straight down
    double eyeClearance = 300.0; ///< least height of the eye above the displayed surface, metres
};

/// Brings `camera` within `limits`: distance and pitch clamped, heading wrapped to [0, 360), the target kept
/// over the terrain's extent and on its surface, and the eye raised (steeper pitch, then a longer distance)
/// until it is at least eyeClearance above the surface below it.
void applyLimits(OrbitCamera& camera, const CameraLimits& limits, const TerrainSurface& surface);

/// The opening view: the whole terrain seen from the south at a moderate tilt, framed for `viewport`.
OrbitCamera overviewCamera(const TerrainSurface& surface, Viewport viewport);

/// Turns the view: heading and pitch change by the given degrees.
void orbitCamera(OrbitCamera& camera, double headingDegrees, double pitchDegrees);

/// Moves the target so the ground point under `fromPixel` ends up under `toPixel` (a "grab the map" drag on
/// the horizontal plane through the target).
void panCamera(OrbitCamera& camera, Viewport viewport, const WorldBox& scene, glm::dvec2 fromPixel,
               glm::dvec2 toPixel);

/// Scales the distance by `factor` (< 1 zooms in) about the terrain point under `pixel`, so that point
/// stays under the cursor; falls back to the target when the cursor is not over the terrain.
void zoomCamera(OrbitCamera& camera, Viewport viewport, const TerrainSurface& surface, glm::dvec2 pixel,
                double factor);

/// One frame of navigation input, gathered by the window layer. Axes are in [-1, 1].
struct NavigationInput {
    glm::dvec2 mouse{0.0};      ///< cursor, pixels from the top-left
    glm::dvec2 mouseDelta{0.0}; ///< cursor movement since the last frame, pixels
    double wheel = 0.0;         ///< wheel notches this frame, positive away from the user
    bool panDrag = false;       ///< left button held over the map
    bool orbitDrag = false;     ///< right or middle button (or Shift + left) held over the map
    double panX = 0.0;          ///< keyboard: move right (+) or left (−)
    double panY = 0.0;          ///< keyboard: move forward (+) or back (−)
    double turn = 0.0;          ///< keyboard: heading clockwise (+)
    double tilt = 0.0;          ///< keyboard: pitch towards straight down (+)
    double zoom = 0.0;          ///< keyboard: zoom in (+) or out (−)
    bool fast = false;          ///< Shift held: keyboard moves faster
};

/// Applies mouse and keyboard input to a camera for a time step of `dt` seconds, then the limits.
void navigate(OrbitCamera& camera, const NavigationInput& input, double dt, Viewport viewport,
              const TerrainSurface& surface, const CameraLimits& limits);

} // namespace qinba
