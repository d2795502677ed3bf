#pragma once
// A synthetic flows scene for render tests: nine straight east-west corridors high above the default DEM's
// centre, one flow each (people, goods, information in turn), two places, and the camera looking down on
// them. Geometry is laid out by hand, so the tests need no routing.

#include "qinba/core/camera.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/scenario_overlay.h"

namespace qinba::test {

struct FlowScene {
    Scenario scenario;
    ScenarioGeometry geometry;
    StageAppearance appearance;
    OrbitCamera camera;
};

/// The scene over `dem`'s centre; corridors 500 km long, 25 km apart, 3 km above its highest point.
FlowScene makeFlowScene(const Dem& dem);

/// The scene's draw list at `seconds` for `camera` and `viewport`, marks `scale` times their base size.
DrawList flowDrawList(const FlowScene& scene, const OrbitCamera& camera, Viewport viewport, float scale,
                      double seconds);

} // namespace qinba::test
