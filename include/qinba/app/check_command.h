#pragma once
// `qinba check FILE [--od TABLE...]`: validates a scenario, and an OD matrix against it, without a window.

#include <string>
#include <vector>

namespace qinba::app {

/// Prints every problem of the scenario at `path` (one line each, naming the JSON path) and, when `odPaths`
/// is not empty, of the OD matrix read from them together (CSV files, .xlsx/.ods workbooks or folders; see
/// od_import.h) checked against that scenario (naming line or sheet and row, and column). Returns 1 when
/// there is any problem; otherwise prints a one-line summary of each and returns 0. Notes on converted
/// encodings and warnings about the OD matrix (volumes no stage draws, changed units) are printed but do not
/// fail the check.
int runCheck(const std::string& path, const std::vector<std::string>& odPaths = {});

} // namespace qinba::app
