#pragma once
// Loading the scenario chosen on the command line (or the default one) and choosing a stage.

#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <optional>
#include <string>

namespace qinba::app {

/// assets/scenarios/qinba_default.json in the data folder.
std::string defaultScenarioPath();

/// Loads `path`, or the default scenario when it is empty.
Result<Scenario> loadScenarioOption(const std::string& path);

/// The 0-based index of the stage named by `idOrNumber` (an id or a 1-based number); the error lists the
/// choices.
Result<std::size_t> resolveStage(const Scenario& scenario, const std::string& idOrNumber);

} // namespace qinba::app
