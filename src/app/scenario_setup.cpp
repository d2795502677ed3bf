#include "qinba/app/scenario_setup.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

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
    return Error{
        "", "--stage",
        formatText(_("no stage '{}': use 1 to {} or one of {}"), idOrNumber, scenario.stages.size(), ids)};
}

} // namespace qinba::app
