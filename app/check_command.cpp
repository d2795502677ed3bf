#include "check_command.h"

#include <cstdio>

namespace qinba::app {

// Being written: scenario validation arrives with scenario_io.
int runCheck(const std::string& path) {
    std::fprintf(stderr, "qinba check: error: %s: scenario validation is not built yet\n", path.c_str());
    return 1;
}

} // namespace qinba::app
