#pragma once
// Measured flow volumes from origin–destination (OD) tables, replacing the indicative values of the flows
// they cover.
//
// Files: a CSV file, an .xlsx or .ods workbook (read through GDAL's XLSX and ODS drivers; every sheet that
// is not empty is a table), or a folder (every .csv, .xlsx and .ods file in it, in name order). Several
// files or sheets are read together as one matrix.
//
// CSV text is RFC 4180 (comma separated, fields in double quotes may hold commas, quotes as "" and line
// breaks; CRLF or LF line ends). Its encoding is detected: text that is valid UTF-8 (with or without a byte
// order mark) is UTF-8; anything else is converted from GB18030 (which contains GBK, what Excel on Chinese
// Windows saves as "CSV"), and OdTable::encoding says so: "GB18030" when the text holds four-byte GB18030
// sequences (characters GBK lacks), "GBK/GB18030" otherwise (the two are the same for such text).
//
// Each table has one of two layouts, told apart by its first non-blank row (the header):
//
// Long layout: the header names columns (matched without regard to case or surrounding spaces, in any order):
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
// Other columns (notes, sources) are ignored. A header naming none of these columns is a wide table.
//
// Wide layout (one table per flow type and year, as planners keep matrices): the first column holds the
// origins, the header row the destinations (place ids, English or Chinese names), each cell the volume from
// its row's origin to its column's destination. The corner cell (A1) says what the table holds: the flow
// type, the year and the unit, in any order, e.g. "people 2019 thousand trips/day" or "人流 2019年
// 千人次/日". The type is people, goods or information, or 人流 or 客流 (people), 货流 or 物流 (goods),
// 信息流 (information); the year is the first four-digit number (a trailing 年 is allowed), or "stage:ID" (or
// "阶段:ID") names a stage instead; what remains is the unit. The type and year may instead come from the
// sheet name or, for a CSV file, the file name ("people_2019.csv", sheet "人流_2019"); the unit must be in
// the corner cell. Empty cells and cells holding "-" give no volume; the diagonal (a place to itself) is
// ignored, and so is a zero between two places no corridor joins (any other value there is an error).
// Rows and columns named 合计, 总计, 小计, total or sum are ignored.
//
// Blank lines are skipped. Rows for the same corridor, direction and type share one unit; the same place
// pair, type and key twice (in any tables) is a duplicate.
//
// Every problem is an Error whose file is the table's file and whose field names the cell: "line L, column
// C (name)" in a CSV file (L the 1-based line of the file where the row starts: the header is line 1, so it
// is also the row number a spreadsheet shows; C the 1-based column with its header name) and "sheet S, row
// R, column C (name)" in a workbook (R and C as the spreadsheet numbers them, column A being 1). In the wide
// layout the destination is the header cell of its column and the type, year and unit the corner cell.
// Header problems are at "line L" (or "sheet S, row R") of the header; an empty file at "".
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

/// Which column names the volume key (long layout), or what the corner cell names (wide layout).
enum class OdKeyColumn { Year, Stage };

/// How a table is laid out (see the top of this file).
enum class OdLayout { Long, Wide };

/// 1-based column numbers of a long-layout header (0: absent).
struct OdColumns {
    int from = 0, to = 0, type = 0, key = 0, volume = 0, unit = 0, corridor = 0;
};

/// One table of a matrix: a CSV file or one sheet of a workbook.
struct OdTable {
    std::string file;  ///< the path as given
    std::string sheet; ///< the sheet's name; empty for a CSV file
    OdLayout layout = OdLayout::Long;
    /// A CSV file's encoding: "UTF-8", or what it was converted from, "GBK/GB18030" or "GB18030" (see the
    /// top of this file). Empty for a workbook (its text is Unicode).
    std::string encoding;
    OdKeyColumn keyColumn = OdKeyColumn::Year;
    OdColumns columns;          ///< long layout: where each column is
    std::size_t headerLine = 0; ///< line (CSV) or row (sheet) of the header

    /// True when the text was converted from another encoding than UTF-8.
    bool converted() const { return !encoding.empty() && encoding != "UTF-8"; }
};

/// One flow volume, as written (trimmed) where it names something in the scenario.
struct OdRow {
    std::size_t table = 0; ///< index into OdMatrix::tables
    std::size_t line = 0;  ///< 1-based line (CSV) or row (sheet) where the row starts; wide: the origin's row
    int column = 0;        ///< wide layout: the cell's 1-based column; 0 in the long layout
    std::string from, to;  ///< place id, English or Chinese name
    FlowType type = FlowType::People;
    std::string key;      ///< year ("2019") or stage id
    double volume = 0.0;  ///< in `unit`, zero or more
    std::string unit;     ///< not empty
    std::string corridor; ///< corridor id, or empty
};

/// A parsed OD matrix: every row is well-formed, but not yet checked against a scenario.
struct OdMatrix {
    std::string file;            ///< the first file, for errors about the whole matrix
    std::vector<OdTable> tables; ///< in reading order, at least one
    std::vector<OdRow> rows;     ///< in reading order, at least one
};

/// Which part of a row a problem is in (for odError).
enum class OdPart { From, To, Type, Key, Volume, Unit, Corridor };

/// The error `message` about `part` of `row`: the file of its table and the cell (see the top of this file).
Error odError(const OdMatrix& matrix, const OdRow& row, OdPart part, std::string message);

/// Where a row is, to refer back to it in a message: "line 4", "sheet S, row 4, column 3", with "of FILE"
/// when the matrix reads several files.
std::string odPlace(const OdMatrix& matrix, const OdRow& row);

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

/// Parses OD CSV text (any layout and encoding above); the error is its first problem. `sourceName` goes
/// into Error::file and OdTable::file; wide-layout tables read their type and year from its file name.
Result<OdMatrix> parseOdCsv(std::string_view text, const std::string& sourceName);

/// An OD matrix read as far as it goes, to report every problem at once: rows with a bad cell are kept (their
/// places, corridor and key can still be checked, and a bad cell holds a default value).
struct OdReading {
    OdMatrix matrix;
    std::vector<bool>
        typeKnown;             ///< per row: its type cell is valid (so it may be a duplicate of another row)
    std::vector<Error> errors; ///< the problems of the files' own form, in reading order
};

/// Reads OD CSV text as far as it goes (see OdReading).
OdReading readOdText(std::string_view text, const std::string& sourceName);

/// Reads OD files (CSV, .xlsx, .ods or folders of them, together one matrix) as far as they go.
OdReading readOdFiles(const std::vector<std::string>& paths);

/// Reads OD files (see readOdFiles); the error is their first problem.
Result<OdMatrix> readOd(const std::vector<std::string>& paths);

/// Reads one OD file or folder (see readOdFiles); the error is its first problem.
Result<OdMatrix> readOdFile(const std::string& path);

/// Every problem of OD files, read and checked against `scenario`: first the files' own form (syntax,
/// header, each cell) in reading order, then what the rows mean (places, corridors, keys, duplicate rows,
/// units) in reading order. Empty when applyOd would succeed.
std::vector<Error> checkOdFiles(const std::vector<std::string>& paths, const Scenario& scenario);

/// Notes on how the tables were read that a person should see: "FILE: converted from GBK/GB18030 to
/// UTF-8", one per converted CSV file (translated).
std::vector<std::string> odReadingNotes(const OdMatrix& matrix);

/// Every problem of a parsed matrix against `scenario` (places, corridors, keys, duplicate rows).
std::vector<Error> checkOd(const OdMatrix& matrix, const Scenario& scenario);

/// Where one row goes in a scenario.
struct OdTarget {
    const OdRow* row = nullptr;
    std::string corridor; ///< corridor id
    bool reverse = false; ///< the row runs from the corridor's `to` to its `from`
    std::string key;      ///< volume key (Flow::volumes)
};

/// Resolves every row (targets point into `matrix`), or returns the first problem checkOd would report. The
/// cells of a wide table that are ignored (the diagonal, a zero between places no corridor joins) have no
/// target.
Result<std::vector<OdTarget>> resolveOd(const OdMatrix& matrix, const Scenario& scenario);

/// Applies a matrix to `scenario` (see the top of this file) and records it in provenance.imports with the
/// file name of `sourceName` and `importedAt` (utcTimestamp); DataImport::rows counts the rows applied. On
/// any problem the scenario is unchanged and the error is the first problem.
Result<OdImportReport> applyOd(Scenario& scenario, const OdMatrix& matrix, const std::string& sourceName,
                               std::string importedAt);

/// "2025-03-02T10:15:00Z": a time in UTC to the second, as DataImport::importedAt records it.
std::string utcTimestamp(std::chrono::system_clock::time_point time = std::chrono::system_clock::now());

/// The Error::field of a cell: "line 4, column 5 (volume)", or "sheet S, row 4, column 5 (volume)" when
/// `sheet` is not empty. A column of 0 and an empty name are left out.
std::string odField(std::size_t line, int column, std::string_view name, std::string_view sheet = {});

} // namespace qinba
