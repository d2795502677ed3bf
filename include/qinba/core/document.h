#pragma once
// What is loaded: the terrain, the scenario and the map layers. The one document model of the viewer, the
// kiosk and the headless commands (render, record, the kiosk's soak run).

#include "qinba/core/dem.h"
#include "qinba/core/layer.h"
#include "qinba/core/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace qinba {

struct Document {
    std::string demPath; ///< as given by the user; empty for the embedded default
    std::string demCrs;  ///< CRS assumed for a DEM without one
    /// Coarser DEMs under demPath, finest first (TerrainOptions::demFallbacks); empty: demPath alone.
    std::vector<std::string> demFallbacks;
    Dem dem;                  ///< the terrain in the map projection
    std::string scenarioPath; ///< file the scenario came from
    /// Places, corridors, flows and stages; empty when none is loaded (or the one loaded has no stages).
    std::optional<Scenario> scenario;
    /// Map layers in drawing order: the zoning layer, the scenario's, then the user's.
    std::vector<Layer> layers;
};

} // namespace qinba
