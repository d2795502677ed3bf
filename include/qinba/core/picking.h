#pragma once
// What is under the cursor in the scenario overlay, and what flows through a place or corridor: the
// workshop's hover tooltips and detail panel. Pure functions of the scenario, its draped geometry and the
// camera, so they are tested without a GPU.

#include "qinba/core/camera.h"
#include "qinba/core/scenario.h"
#include "qinba/core/scenario_overlay.h"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace qinba {

/// A place or corridor of the scenario, by index into Scenario::places or Scenario::corridors.
struct Pick {
    enum class Kind { None, Place, Corridor };
    Kind kind = Kind::None;
    std::size_t index = 0;
    double distancePx = 0.0; ///< from the cursor to the symbol or line, pixels
    bool operator==(const Pick& o) const {
        return kind == o.kind && (kind == Kind::None || index == o.index);
    }
};

/// The place whose symbol centre lies within `placeRadiusPx` of `mouse` (pixels from the top-left; the
/// nearest), else the corridor active in `stage` whose drawn path (the arc for air and data links, the
/// ground route otherwise) passes within `lineRadiusPx`. `visible` says whether a world point is in view
/// (not behind terrain); empty: everything is.
Pick pickScenario(const Scenario& scenario, const ScenarioGeometry& geometry, const Stage& stage,
                  const CameraMatrices& camera, Viewport viewport, glm::dvec2 mouse, double placeRadiusPx,
                  double lineRadiusPx, const std::function<bool(glm::dvec3)>& visible = {});

inline constexpr int kFlowTypeCount = 3; ///< FlowType::People, Goods, Information

/// Volumes of one stage by flow type (index = static_cast<int>(FlowType)).
struct FlowTotals {
    std::array<double, kFlowTypeCount> in{};      ///< into the place (for a corridor: from → to)
    std::array<double, kFlowTypeCount> out{};     ///< out of the place (for a corridor: to → from)
    std::array<std::string, kFlowTypeCount> unit; ///< the flows' unit; "mixed units" when they differ
    bool indicative = false;                      ///< some volume counted is illustrative, not measured
    int flows = 0;                                ///< flows counted
};

/// Flows on the corridors of `stage` that end at (in) or start from (out) place `placeId`.
FlowTotals placeFlows(const Scenario& scenario, const std::string& placeId, const Stage& stage);
/// Flows along corridor `corridorId` in `stage`, each way (zero when the stage does not show it).
FlowTotals corridorFlows(const Scenario& scenario, const std::string& corridorId, const Stage& stage);

/// The totals of every year stage (Stage::year set), in stage order, for the detail panel's chart.
struct YearTotals {
    int year = 0;
    FlowTotals totals;
};
std::vector<YearTotals> placeFlowsByYear(const Scenario& scenario, const std::string& placeId);
std::vector<YearTotals> corridorFlowsByYear(const Scenario& scenario, const std::string& corridorId);

} // namespace qinba
