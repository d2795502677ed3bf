#include "flow_frames.h"

namespace qinba::test {

FlowScene makeFlowScene(const Dem& dem) {
    FlowScene s;
    const MapRect b = dem.bounds();
    const glm::dvec2 c(b.centre().x, b.centre().y);
    const double z = dem.maxElevation() + 3000.0;
    constexpr int kCorridors = 9;
    for (int k = 0; k < kCorridors; ++k) {
        Corridor corridor;
        corridor.id = "c" + std::to_string(k);
        corridor.mode = CorridorMode::Rail;
        corridor.capacity = 1.0 + k % 3;
        s.scenario.corridors.push_back(corridor);
        Flow flow;
        flow.id = "f" + std::to_string(k);
        flow.corridor = corridor.id;
        flow.type = static_cast<FlowType>(k % 3);
        s.scenario.flows.push_back(flow);
        const double y = c.y + (k - kCorridors / 2) * 25000.0;
        CorridorPaths paths;
        paths.ground = Polyline3({{c.x - 250000.0, y, z}, {c.x, y, z}, {c.x + 250000.0, y, z}});
        paths.arc = paths.ground;
        s.geometry.corridors.push_back(paths);
        s.appearance.corridors.push_back({static_cast<std::size_t>(k), 1.0, 1.0});
        s.appearance.flows.push_back({static_cast<std::size_t>(k), 1.0, 1.0});
    }
    for (int i = 0; i < 2; ++i) {
        Place p;
        p.id = "p" + std::to_string(i);
        p.rank = 1 + i;
        s.scenario.places.push_back(p);
        s.geometry.places.emplace_back(c.x + (i ? 150000.0 : -150000.0), c.y, z);
        s.appearance.placeEmphasis.push_back(0.0);
    }
    s.appearance.maxVolume[0] = s.appearance.maxVolume[1] = s.appearance.maxVolume[2] = 1.0;
    s.camera.target = {c.x, c.y, z};
    s.camera.distance = 700000.0;
    s.camera.pitch = 85.0;
    return s;
}

DrawList flowDrawList(const FlowScene& scene, const OrbitCamera& camera, Viewport viewport, float scale,
                      double seconds) {
    DrawList list;
    OverlayStyle style;
    style.scale = scale;
    style.metresPerPixel = metresPerPixel(camera, viewport);
    buildScenarioDrawList(list, scene.scenario, scene.geometry, scene.appearance, seconds, style);
    return list;
}

} // namespace qinba::test
