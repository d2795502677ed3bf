#pragma once
// The map-like orbit camera and the matrices, rays and screen projections derived from it.
// World space is the map projection: x east and y north in metres, z up in displayed metres (elevation
// multiplied by the vertical exaggeration).

#include <glm/glm.hpp>
#include <optional>

namespace qinba {

/// A render target size in pixels.
struct Viewport {
    int width = 1;
    int height = 1;
    double aspect() const { return static_cast<double>(width) / static_cast<double>(height); }
};

/// A half-line in world space; `direction` has unit length.
struct Ray {
    glm::dvec3 origin{0.0};
    glm::dvec3 direction{0.0, 0.0, -1.0};
};

/// An axis-aligned box in world space (metres), e.g. the displayed terrain.
struct WorldBox {
    glm::dvec3 min{0.0};
    glm::dvec3 max{0.0};
};

/// Looks at `target` from `distance` metres away, towards `heading` (degrees clockwise from map north),
/// `pitch` degrees below the horizon (90 = straight down).
struct OrbitCamera {
    glm::dvec3 target{0.0};  ///< world metres
    double distance = 1.0e6; ///< eye to target, metres
    double heading = 0.0;    ///< degrees clockwise from north
    double pitch = 60.0;     ///< degrees below the horizon
    double fovY = 30.0;      ///< vertical field of view, degrees
    /// Parallel projection; the visible height is then 2·distance·tan(fovY/2) metres, as in perspective at
    /// the target.
    bool orthographic = false;

    glm::dvec3 forward() const; ///< unit vector from the eye towards the target
    glm::dvec3 right() const;   ///< unit vector to the right of the view, horizontal
    glm::dvec3 up() const;      ///< unit vector up in the image
    glm::dvec3 eye() const;     ///< eye position, world metres
};

/// Matrices of one camera for one viewport and scene.
struct CameraMatrices {
    glm::dmat4 view{1.0};
    glm::dmat4 projection{1.0};
    glm::dmat4 viewProjection{1.0};
    glm::dvec3 eye{0.0};
    double nearPlane = 1.0; ///< metres
    double farPlane = 1.0;  ///< metres
};

/// View and projection for `camera` in `viewport`; the clip planes enclose `scene` with good depth precision.
CameraMatrices computeMatrices(const OrbitCamera& camera, Viewport viewport, const WorldBox& scene);

/// A rectangle of an image in pixels from its top-left corner.
struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

/// The matrices that draw only `tile` of the image `viewport` (for images larger than the GPU can render
/// at once): the projection is narrowed to the tile, so tiles put side by side make the whole image.
CameraMatrices tileMatrices(const CameraMatrices& full, Viewport viewport, PixelRect tile);

/// The ray through a pixel (x right, y down from the top-left corner, pixel centres at +0.5).
Ray screenRay(const CameraMatrices& m, Viewport viewport, glm::dvec2 pixel);

/// Pixel position (x, y from the top-left) and normalised depth [0,1] of a world point; nullopt behind the
/// eye.
std::optional<glm::dvec3> projectToScreen(const CameraMatrices& m, Viewport viewport, glm::dvec3 world);

/// Metres one pixel covers at the camera's target (the whole view in a parallel projection).
double metresPerPixel(const OrbitCamera& camera, Viewport viewport);

/// Smooth blend between two cameras at t in [0,1] (ease in and out; heading along the shorter turn;
/// distance interpolated geometrically so zooming feels even).
OrbitCamera interpolateCameras(const OrbitCamera& a, const OrbitCamera& b, double t);

/// An animated move from one camera to another, a pure function of time.
struct CameraFlight {
    OrbitCamera from;
    OrbitCamera to;
    double startTime = 0.0; ///< seconds on the animation clock
    double duration = 1.0;  ///< seconds
    OrbitCamera at(double time) const;
    bool finished(double time) const { return time >= startTime + duration; }
};

} // namespace qinba
