#pragma once
// Reading, checking and saving scenario files (JSON, schema version kScenarioSchemaVersion, documented in
// assets/scenarios/SCHEMA.md).
//
// Every Error names the file (Error::file) and where the problem is (Error::field): a JSON Pointer such as
// "/corridors/3/from", "" for the document as a whole, or "line L, column C" when the text is not JSON.
// Errors come in document order: first the structure (types, required fields, enum strings), then the
// meaning (references, duplicate ids, ranges).

#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qinba {

/// Reads and validates a scenario file; the error is the file's first problem.
Result<Scenario> loadScenario(const std::string& path);

/// Every problem of a scenario file (empty when it is valid), not just the first.
std::vector<Error> checkScenarioFile(const std::string& path);

/// Every problem of scenario text; `sourceName` goes into Error::file.
std::vector<Error> checkScenarioText(std::string_view json, const std::string& sourceName);

/// Parses and validates scenario text; `sourceName` goes into Error::file.
Result<Scenario> parseScenario(std::string_view json, const std::string& sourceName);

/// The semantic rules (references, unique ids, ranges, stage fields) applied to a scenario in memory.
/// Fields are JSON Pointers into the document that serializeScenario would write. Empty when valid.
std::vector<Error> validateScenario(const Scenario& scenario, const std::string& sourceName);

/// The canonical text of a scenario: UTF-8 JSON, 2-space indent, keys in schema order, short arrays and
/// objects of plain values on one line, a final newline. Deterministic, so save → load → save is
/// byte-identical.
std::string serializeScenario(const Scenario& scenario);

/// Validates, then writes serializeScenario atomically (the previous file survives any failure). An
/// invalid scenario is not written: the error is its first problem.
Status saveScenario(const std::string& path, const Scenario& scenario);

/// Enum strings of the file format ("central", "air_data", "information"...); nullopt for anything else.
std::optional<PlaceRole> placeRoleFromString(std::string_view text);
std::optional<CorridorMode> corridorModeFromString(std::string_view text);
std::optional<FlowType> flowTypeFromString(std::string_view text);

} // namespace qinba
