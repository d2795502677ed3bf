#pragma once
// Measured flow volumes from an origin–destination (OD) matrix CSV, replacing the indicative values of the
// flows it covers.
//
// The file is UTF-8 CSV (RFC 4180: comma separated, fields in double quotes may hold commas, quotes as ""
// and line breaks; a UTF-8 byte order mark and CRLF or LF line ends are accepted). The first non-blank line
// is the header; column names are matched without regard to case or surrounding spaces, in any order:
//
//   from      origin place: its id, English name (any case) or Chinese name
//   to        destination place, the same way
//   type      people, goods or information
//   year      a four-digit year read by a stage (`"year": 2019`, or a stage whose volume key is "2019"),
//   or stage  a stage id: the key is the stage's volumeKey, or its id. Exactly one of the two columns.
//   volume    a number of zero or more (decimal point, exponent allowed), in `unit`
//   unit      the unit of the volume, e.g. "thousand trips/day"; becomes the flow's unit
//   corridor  optional: the corridor id, needed only when several corridors join the two places
//
// Other columns (notes, sources) are ignored. Blank lines are skipped. Rows for the same corridor, direction
// and type share one unit; the same place pair, type and key twice is a duplicate row.
//
// Every problem is an Error whose file is the CSV and whose field is "line L, column C (name)": L is the
// 1-based line of the file where the row starts (the header is line 1, so it is also the row number a
// spreadsheet shows) and C the 1-based column with its header name. Header problems are at "line L" of the
// header; an empty file at "".
//
// Applying a matrix: each row names a corridor joining `from` and `to` (in either orientation; the flow runs
// from `from` to `to`) and a volume key. The flow of that corridor, direction and type that holds the key
// receives the volume and becomes measured (indicative = false) when all its volumes are covered by the
// matrix; otherwise the key moves out of it into the measured flow of that corridor, direction, type and
// unit, created when there is none (id "od-<corridor>-<type>", "-rev" for the reverse direction, "-2"... when
// taken). So `indicative` is false exactly for the flows that hold measured values, and each stage shows the
// measured value wherever the matrix gives one. The import is recorded in Scenario::provenance.imports.

#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qinba {

/// Which column names the volume key.
enum class OdKeyColumn { Year, Stage };

/// 1-based column numbers of the OD header (0: absent).
struct OdColumns {
    int from = 0, to = 0, type = 0, key = 0, volume = 0, unit = 0, corridor = 0;
};

/// One data row, as written (trimmed) where it names something in the scenario.
struct OdRow {
    std::size_t line = 0; ///< 1-based line of the file where the row starts
    std::string from, to; ///< place id, English or Chinese name
    FlowType type = FlowType::People;
    std::string key;      ///< year ("2019") or stage id
    double volume = 0.0;  ///< in `unit`, zero or more
    std::string unit;     ///< not empty
    std::string corridor; ///< corridor id, or empty
};

/// A parsed OD matrix: every row is well-formed, but not yet checked against a scenario.
struct OdMatrix {
    std::string file; ///< for errors
    OdKeyColumn keyColumn = OdKeyColumn::Year;
    OdColumns columns;
    std::vector<OdRow> rows; ///< in file order, at least one
};

/// What applyOd did to the flows.
struct OdImportReport {
    std::vector<std::string> covered; ///< flows that hold the imported volumes, in document order
    std::vector<std::string> created; ///< of those, the flows the import added
    std::vector<std::string> reduced; ///< flows that gave up a volume to the measured flow of its unit
    /// Changed by the import: covered and reduced, in document order.
    std::vector<std::string> changed;
    /// Rows that were applied but will not be seen (no stage reading their key has the corridor active) or
    /// whose unit differs from the flow they replace. Fields as for errors.
    std::vector<Error> warnings;
};

/// Parses OD CSV text; the error is its first problem. `sourceName` goes into Error::file.
Result<OdMatrix> parseOdCsv(std::string_view text, const std::string& sourceName);

/// Reads an OD CSV file; the error is its first problem.
Result<OdMatrix> readOdCsv(const std::string& path);

/// OD CSV text read as far as it goes, to report every problem at once: rows with a bad cell are kept (their
/// places, corridor and key can still be checked, and a bad cell holds a default value).
struct OdReading {
    OdMatrix matrix;
    std::vector<bool>
        typeKnown;             ///< per row: its type cell is valid (so it may be a duplicate of another row)
    std::vector<Error> errors; ///< the problems of the file's own form, in file order
};
OdReading readOdText(std::string_view text, const std::string& sourceName);

/// Every problem of an OD CSV file, read and checked against `scenario`: first the file's own form (syntax,
/// header, each cell) in file order, then what the rows mean (places, corridors, keys, duplicate rows, units)
/// in file order. Empty when applyOd would succeed.
std::vector<Error> checkOdCsv(const std::string& path, const Scenario& scenario);

/// Every problem of a parsed matrix against `scenario` (places, corridors, keys, duplicate rows).
std::vector<Error> checkOd(const OdMatrix& matrix, const Scenario& scenario);

/// Where one row goes in a scenario.
struct OdTarget {
    const OdRow* row = nullptr;
    std::string corridor; ///< corridor id
    bool reverse = false; ///< the row runs from the corridor's `to` to its `from`
    std::string key;      ///< volume key (Flow::volumes)
};

/// Resolves every row (targets point into `matrix`), or returns the first problem checkOd would report.
Result<std::vector<OdTarget>> resolveOd(const OdMatrix& matrix, const Scenario& scenario);

/// Applies a matrix to `scenario` (see the top of this file) and records it in provenance.imports with the
/// file name of `sourceName` and `importedAt` (utcTimestamp). On any problem the scenario is unchanged and
/// the error is the first problem.
Result<OdImportReport> applyOd(Scenario& scenario, const OdMatrix& matrix, const std::string& sourceName,
                               std::string importedAt);

/// "2025-03-02T10:15:00Z": a time in UTC to the second, as DataImport::importedAt records it.
std::string utcTimestamp(std::chrono::system_clock::time_point time = std::chrono::system_clock::now());

/// The Error::field of a cell: "line 4, column 5 (volume)".
std::string odField(std::size_t line, int column, std::string_view name);

} // namespace qinba
