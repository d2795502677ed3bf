// Picking places and corridors under the cursor, and the flow totals the tooltip and detail panel show.

#include "qinba/core/picking.h"

#include <gtest/gtest.h>

namespace qinba {
namespace {

/// Two cities 100 km apart with a rail corridor (active in "s1" only) and an air link (active in both).
struct Fixture {
    Scenario sc;
    ScenarioGeometry geo;
    CameraMatrices m;
    Viewport vp{800, 600};

    Fixture() {
        sc.places = {Place{"a", "A", "", {}, PlaceRole::Central}, Place{"b", "B", "", {}, PlaceRole::Central},
                     Place{"c", "C", "", {}, PlaceRole::CountyTown}};
        Corridor rail{"a-b", "a", "b", {}, CorridorMode::Rail, 10.0, "trains/day"};
        Corridor air{"a-c", "a", "c", {}, CorridorMode::AirData, 1.0, ""};
        sc.corridors = {rail, air};
        Stage s1{"s1", "", "One", "", "", "", {"a-b", "a-c"}, {}, "", {}, std::nullopt, 8.0, 2014};
        Stage s2{"s2", "", "Two", "", "", "", {"a-c"}, {}, "", {}, std::nullopt, 8.0, 2019};
        sc.stages = {s1, s2};
        sc.flows = {
            Flow{"ab-people", "a-b", false, FlowType::People, "k trips", {{"s1", 30}, {"s2", 50}}, true},
            Flow{"ba-people", "a-b", true, FlowType::People, "k trips", {{"s1", 20}}, false},
            Flow{"ab-goods", "a-b", false, FlowType::Goods, "kt", {{"s1", 7}}, false},
            Flow{"ac-info", "a-c", false, FlowType::Information, "TB", {{"s1", 1}, {"s2", 4}}, true}};
        geo.places = {{0, 0, 0}, {100000, 0, 0}, {0, 80000, 0}};
        geo.corridors.resize(2);
        geo.corridors[0].ground = Polyline3({{0, 0, 0}, {50000, -20000, 0}, {100000, 0, 0}});
        geo.corridors[1].arc = Polyline3({{0, 0, 0}, {0, 40000, 30000}, {0, 80000, 0}});
        OrbitCamera cam;
        cam.target = {50000, 30000, 0};
        cam.distance = 400000;
        cam.pitch = 90.0;
        m = computeMatrices(cam, vp, {{-10000, -30000, 0}, {110000, 90000, 40000}});
    }
    glm::dvec2 screen(glm::dvec3 w) const { return glm::dvec2(*projectToScreen(m, vp, w)); }
};

TEST(Picking, NearestPlaceWithinTheRadiusWinsOverLines) {
    Fixture f;
    const glm::dvec2 b = f.screen(f.geo.places[1]);
    Pick p = pickScenario(f.sc, f.geo, f.sc.stages[0], f.m, f.vp, b + glm::dvec2(4, 3), 10, 6);
    EXPECT_EQ(p.kind, Pick::Kind::Place);
    EXPECT_EQ(p.index, 1u);
    EXPECT_NEAR(p.distancePx, 5.0, 1e-6);
    // Outside the radius of every place and far from every line: nothing.
    p = pickScenario(f.sc, f.geo, f.sc.stages[0], f.m, f.vp, b + glm::dvec2(0, -80), 10, 6);
    EXPECT_EQ(p.kind, Pick::Kind::None);
    // A place hidden behind terrain is not picked.
    p = pickScenario(f.sc, f.geo, f.sc.stages[0], f.m, f.vp, b, 10, 6,
                     [](glm::dvec3 w) { return w.x < 50000; });
    EXPECT_NE(p.kind, Pick::Kind::Place);
}

TEST(Picking, CorridorsOfTheStageAlongTheirDrawnPath) {
    Fixture f;
    // The rail bends south through (50 km, -20 km): its middle is picked there, not on the straight line.
    const glm::dvec2 bend = f.screen({50000, -20000, 0});
    Pick p = pickScenario(f.sc, f.geo, f.sc.stages[0], f.m, f.vp, bend + glm::dvec2(0, 3), 10, 6);
    EXPECT_EQ(p.kind, Pick::Kind::Corridor);
    EXPECT_EQ(p.index, 0u);
    const glm::dvec2 straight = f.screen({50000, 0, 0});
    EXPECT_EQ(pickScenario(f.sc, f.geo, f.sc.stages[0], f.m, f.vp, straight, 10, 6).kind, Pick::Kind::None);
    // Stage s2 does not show the rail corridor.
    EXPECT_EQ(pickScenario(f.sc, f.geo, f.sc.stages[1], f.m, f.vp, bend, 10, 6).kind, Pick::Kind::None);
    // The air link is picked on its arc.
    const glm::dvec2 arc = f.screen({0, 40000, 30000});
    p = pickScenario(f.sc, f.geo, f.sc.stages[1], f.m, f.vp, arc + glm::dvec2(2, 0), 10, 6);
    EXPECT_EQ(p.kind, Pick::Kind::Corridor);
    EXPECT_EQ(p.index, 1u);
}

TEST(Picking, FlowTotalsByTypeAndDirection) {
    Fixture f;
    const FlowTotals a = placeFlows(f.sc, "a", f.sc.stages[0]);
    EXPECT_DOUBLE_EQ(a.out[0], 30.0); // people a → b
    EXPECT_DOUBLE_EQ(a.in[0], 20.0);  // people b → a
    EXPECT_DOUBLE_EQ(a.out[1], 7.0);
    EXPECT_DOUBLE_EQ(a.out[2], 1.0);
    EXPECT_EQ(a.unit[0], "k trips");
    EXPECT_TRUE(a.indicative);
    const FlowTotals b = placeFlows(f.sc, "b", f.sc.stages[0]);
    EXPECT_DOUBLE_EQ(b.in[0], 30.0);
    EXPECT_DOUBLE_EQ(b.out[0], 20.0);
    EXPECT_DOUBLE_EQ(b.in[1], 7.0);
    EXPECT_TRUE(b.indicative); // ab-people is indicative
    // In s2 the rail corridor is not shown: nothing reaches b.
    EXPECT_EQ(placeFlows(f.sc, "b", f.sc.stages[1]).in[0], 0.0);

    const FlowTotals rail = corridorFlows(f.sc, "a-b", f.sc.stages[0]);
    EXPECT_DOUBLE_EQ(rail.in[0], 30.0); // from → to
    EXPECT_DOUBLE_EQ(rail.out[0], 20.0);
    EXPECT_EQ(rail.flows, 3);

    const auto years = placeFlowsByYear(f.sc, "c");
    ASSERT_EQ(years.size(), 2u);
    EXPECT_EQ(years[0].year, 2014);
    EXPECT_DOUBLE_EQ(years[0].totals.in[2], 1.0);
    EXPECT_EQ(years[1].year, 2019);
    EXPECT_DOUBLE_EQ(years[1].totals.in[2], 4.0);
}

TEST(Picking, MixedUnitsAreSaidNotSummedSilently) {
    Fixture f;
    f.sc.flows.push_back(Flow{"ab-people-2", "a-b", false, FlowType::People, "trains", {{"s1", 2}}, false});
    EXPECT_EQ(placeFlows(f.sc, "a", f.sc.stages[0]).unit[0], "mixed units");
}

} // namespace
} // namespace qinba
