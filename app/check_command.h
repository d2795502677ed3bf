#pragma once
// `qinba check FILE`: validates a scenario without opening a window.

#include <string>

namespace qinba::app {

/// Prints every problem of the scenario at `path` (one line each, naming the JSON path) and returns 1, or
/// prints a one-line summary and returns 0 when it is valid.
int runCheck(const std::string& path);

} // namespace qinba::app
