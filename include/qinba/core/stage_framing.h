#pragma once
// Camera framing that keeps a stage's story in view: the stage's places and corridors, projected, inside
// the safe area that the legend, captions and controls leave (see screen_layout.h). Pure geometry over the
// camera model, no GL.

#include "qinba/core/camera.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/label_layout.h"
#include "qinba/core/scenario.h"
#include "qinba/core/scenario_overlay.h"

#include <functional>
#include <optional>
#include <vector>

namespace qinba {

/// World points (metres) a frame of `stage` must show: its highlighted places and the routes of its
/// corridors on the displayed surface.
std::vector<glm::dvec3> stageFramePoints(const Scenario& scenario, const ScenarioGeometry& geometry,
                                         std::size_t stage);

/// The bounding rectangle in pixels of `points` seen by `camera`; nullopt when a point is behind the eye.
std::optional<ScreenRect> projectedBounds(const OrbitCamera& camera, const std::vector<glm::dvec3>& points,
                                          Viewport viewport, const TerrainSurface& surface);

/// `camera` with its target moved over the ground and its distance changed (heading, pitch and field of view
/// kept) so that `points` fill `area` of the frame: their projected bounds lie inside it, touching it on two
/// sides. `points` empty: the camera unchanged.
OrbitCamera fitCameraToArea(const OrbitCamera& camera, const std::vector<glm::dvec3>& points,
                            Viewport viewport, const ScreenRect& area, const TerrainSurface& surface);

/// Pixels kept between a stage's points and the edge of the safe area, for place symbols and their labels.
double framingMarginPx(float scale);

/// `tour` with its keyframe cameras framed for a `viewport` frame: a keyframe that names a stage shows that
/// stage's places and corridors filling `safeArea(k)` (less `margin(k)` pixels all round); a later keyframe
/// that names none, while a stage shows, is framed only if those leave its safe area. Keyframes before any
/// stage keep their cameras.
Tour frameTour(const Scenario& scenario, const Tour& tour, const ScenarioGeometry& geometry,
               const MapProjection& projection, const TerrainSurface& surface, Viewport viewport,
               const std::function<ScreenRect(std::size_t keyframe)>& safeArea, double margin);

/// The viewpoint of `stage` (its own camera, else `fallback`) framed as frameTour() frames a keyframe.
CameraSpec frameStage(const Scenario& scenario, std::size_t stage, const CameraSpec& fallback,
                      const ScenarioGeometry& geometry, const MapProjection& projection,
                      const TerrainSurface& surface, Viewport viewport, const ScreenRect& safeArea,
                      double margin);

} // namespace qinba
