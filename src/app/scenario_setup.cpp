#include "qinba/app/scenario_setup.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/scenario_io.h"

namespace qinba::app {

std::string defaultScenarioPath() {
    return (findDataDir() / "assets" / "scenarios" / "qinba_default.json").string();
}

Result<Scenario> loadScenarioOption(const std::string& path) {
    return loadScenario(path.empty() ? defaultScenarioPath() : path);
}

Result<std::size_t> resolveStage(const Scenario& scenario, const std::string& idOrNumber) {
    if (const auto i = scenario.findStage(idOrNumber)) return *i;
    std::string ids;
    for (const Stage& s : scenario.stages)
        ids += (ids.empty() ? "" : ", ") + s.id;
    return Error{"", "--stage",
                 "no stage '" + idOrNumber + "': use 1 to " + std::to_string(scenario.stages.size()) +
                     " or one of " + ids};
}

} // namespace qinba::app
