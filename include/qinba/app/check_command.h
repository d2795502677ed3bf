#pragma once
// `qinba check FILE [--od CSV]`: validates a scenario, and an OD matrix against it, without a window.

#include <string>

namespace qinba::app {

/// Prints every problem of the scenario at `path` (one line each, naming the JSON path) and, when `odPath`
/// is not empty, of the OD matrix CSV at `odPath` checked against that scenario (naming line and column).
/// Returns 1 when there is any problem; otherwise prints a one-line summary of each and returns 0. Warnings
/// about the OD matrix (volumes no stage draws, changed units) are printed but do not fail the check.
int runCheck(const std::string& path, const std::string& odPath = {});

} // namespace qinba::app
