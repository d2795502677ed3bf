#pragma once
// A camera written as text for the command line and for copying a view: "LON,LAT,DISTANCE_KM,HEADING,PITCH".

#include "qinba/core/camera.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"
#include "qinba/core/terrain_surface.h"

#include <string>

namespace qinba {

/// A view by geographic target: what --camera takes and what "Copy view" gives.
struct CameraSpec {
    GeoPoint target;            ///< looked-at point, degrees
    double distanceKm = 1000.0; ///< eye to target, kilometres
    double heading = 0.0;       ///< degrees clockwise from north
    double pitch = 50.0;        ///< degrees below the horizon
};

/// Parses "LON,LAT,DISTANCE_KM,HEADING,PITCH" (the last two optional: 0 and 50). Errors name the part.
Result<CameraSpec> parseCameraSpec(const std::string& text);
/// The same format, with enough digits to reproduce the view.
std::string formatCameraSpec(const CameraSpec& spec);

/// The orbit camera for a spec; the target's height is taken from the surface.
OrbitCamera cameraFromSpec(const CameraSpec& spec, const MapProjection& projection,
                           const TerrainSurface& surface);
/// The spec of an orbit camera.
CameraSpec specFromCamera(const OrbitCamera& camera, const MapProjection& projection);

} // namespace qinba
