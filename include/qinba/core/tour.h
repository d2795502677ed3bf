#pragma once
// Playing a tour: the camera, stage, caption and layer visibility at any moment, a pure function of the
// seconds since the tour started, so a recorded frame equals the same moment seen live.
//
// Timeline: keyframe 0 holds for its `hold`; every later keyframe k first flies from keyframe k−1 for its
// `duration`, then holds. The camera path is a Catmull-Rom spline through the keyframes' cameras (target,
// logarithm of the distance, unwrapped heading, pitch), so it passes through every keyframe exactly and
// turns smoothly; eased flights start and stop at rest, constant-speed flights keep an even pace along
// the path. The terrain clearance of the camera limits holds all along.

#include "qinba/core/camera_controller.h"
#include "qinba/core/scenario.h"

#include <map>
#include <optional>
#include <string>

namespace qinba {

/// Seconds from the start of the tour to the end of its last hold.
double tourDuration(const Tour& tour);

/// Seconds at which keyframe `k` starts (its flight, or for keyframe 0 its hold).
double keyframeStart(const Tour& tour, std::size_t k);

/// Everything a tour decides at one moment.
struct TourMoment {
    OrbitCamera camera;
    std::size_t keyframe = 0;                 ///< keyframe flying in or holding
    std::optional<std::size_t> stage;         ///< stage index shown (set by the latest keyframe naming one)
    std::optional<std::size_t> previousStage; ///< the stage shown before it, for its transition
    double secondsIntoStage = 0.0;            ///< since the keyframe that set the stage started
    std::string captionEn, captionZh;         ///< the keyframe's caption, else the stage's title
    std::map<std::string, bool> layers;       ///< layer visibility set by this and earlier keyframes
    bool finished = false;                    ///< t is at or past the end
};

/// The tour `seconds` after it started (clamped to its length). `surface` gives the target heights and
/// the ground the camera keeps clear of.
TourMoment tourAt(const Scenario& scenario, const Tour& tour, double seconds, const MapProjection& projection,
                  const TerrainSurface& surface, const CameraLimits& limits = {});

} // namespace qinba
