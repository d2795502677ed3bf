#include "check_command.h"

#include "qinba/core/scenario_io.h"

#include <cstdio>

namespace qinba::app {

int runCheck(const std::string& path) {
    const std::vector<Error> problems = checkScenarioFile(path);
    if (!problems.empty()) {
        for (const Error& e : problems)
            std::fprintf(stderr, "qinba check: %s\n", e.toString().c_str());
        return 1;
    }
    // checkScenarioFile found nothing, so loading succeeds; the summary comes from the loaded scenario.
    const Result<Scenario> s = loadScenario(path);
    if (!s) {
        std::fprintf(stderr, "qinba check: %s\n", s.error().toString().c_str());
        return 1;
    }
    std::printf(
        "%s: valid scenario '%s': %zu places, %zu agglomerations, %zu corridors, %zu flows, %zu stages in "
        "%zu storylines\n",
        path.c_str(), s->id.c_str(), s->places.size(), s->agglomerations.size(), s->corridors.size(),
        s->flows.size(), s->stages.size(), s->storylines.size());
    return 0;
}

} // namespace qinba::app
