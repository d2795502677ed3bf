// OD tables: the long layout's header and cells, the files a matrix is read from (CSV text, workbooks,
// folders) and where a row's problems are. The text itself is decoded and split in od_text.cpp, workbooks
// read in od_workbook.cpp, the wide layout in od_wide.cpp; checking rows against a scenario is in
// od_check.cpp, applying them in od_apply.cpp.

#include "od_table.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace qinba {

namespace od {

namespace {

bool blank(const Record& r) {
    return std::all_of(r.fields.begin(), r.fields.end(),
                       [](const std::string& f) { return trim(f).empty(); });
}

bool fourDigits(const std::string& s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const char* keyName(OdKeyColumn k) {
    return k == OdKeyColumn::Year ? "year" : "stage";
}

const std::set<std::string>& longColumns() {
    static const std::set<std::string> known = {"from",  "to",     "type", "year",
                                                "stage", "volume", "unit", "corridor"};
    return known;
}

/// A header naming a long-layout column, or one whose values are separated by ';' or tabs (a long header
/// written with the wrong separator, reported as such); any other header is a wide table's.
bool isLongHeader(const Record& header) {
    return std::any_of(header.fields.begin(), header.fields.end(), [](const std::string& f) {
        const std::string name = lower(trim(f));
        return longColumns().count(name) > 0 ||
               (name.find("from") != std::string::npos &&
                (name.find(';') != std::string::npos || name.find('\t') != std::string::npos));
    });
}

/// The header's columns, or false with the problems added.
bool readHeader(const Record& header, OdTable& m, std::vector<Error>& errors) {
    const std::size_t before = errors.size();
    std::map<std::string, int> found;
    std::string written;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        const std::string name = lower(trim(header.fields[c]));
        written += (written.empty() ? "" : ", ") + name;
        const int column = static_cast<int>(c) + 1;
        if (!longColumns().count(name)) continue; // notes and the like
        const auto [it, inserted] = found.emplace(name, column);
        if (!inserted)
            errors.push_back(Error{m.file, odField(header.line, column, name, m.sheet),
                                   "column " + inQuotes(name) + " appears twice (also column " +
                                       std::to_string(it->second) + ")"});
    }
    const auto column = [&](const char* name) { return found.count(name) ? found[name] : 0; };
    OdColumns& cols = m.columns;
    cols = {column("from"),   column("to"),   column("type"),    0,
            column("volume"), column("unit"), column("corridor")};
    const int year = column("year"), stage = column("stage");
    const std::string expected =
        " (the header has: " + written +
        "; expected from, to, type, year or stage, volume, unit and optionally corridor)";
    const std::string separator =
        written.find(';') != std::string::npos || written.find('\t') != std::string::npos
            ? "; the values must be separated by commas"
            : "";
    if (year && stage)
        errors.push_back(Error{m.file, odField(header.line, std::max(year, stage), "stage", m.sheet),
                               "both a 'year' and a 'stage' column: give one of them"});
    m.keyColumn = stage ? OdKeyColumn::Stage : OdKeyColumn::Year;
    cols.key = stage ? stage : year;
    const std::pair<const char*, int> required[] = {{"from", cols.from},     {"to", cols.to},
                                                    {"type", cols.type},     {"year or stage", cols.key},
                                                    {"volume", cols.volume}, {"unit", cols.unit}};
    for (const auto& [name, index] : required)
        if (index == 0)
            errors.push_back(Error{m.file, odField(header.line, 0, "", m.sheet),
                                   std::string("missing column '") + name + "'" + expected + separator});
    return errors.size() == before;
}

/// A row as far as its cells parse (their problems are added to `errors`).
struct ParsedRow {
    OdRow row;
    bool typeKnown = false;
};

ParsedRow readRow(const Record& record, const OdTable& m, std::size_t table, std::size_t headerSize,
                  std::vector<Error>& errors) {
    ParsedRow p;
    OdRow& row = p.row;
    row.table = table;
    row.line = record.line;
    const auto cell = [&](int column) {
        return column > 0 && static_cast<std::size_t>(column) <= record.fields.size()
                   ? trim(record.fields[static_cast<std::size_t>(column) - 1])
                   : std::string();
    };
    const auto fail = [&](int column, const char* name, std::string message) {
        errors.push_back(Error{m.file, odField(record.line, column, name, m.sheet), std::move(message)});
    };
    for (std::size_t c = headerSize; c < record.fields.size(); ++c)
        if (!trim(record.fields[c]).empty()) {
            fail(static_cast<int>(c) + 1, "",
                 "value " + inQuotes(trim(record.fields[c])) + " beyond the header's " +
                     std::to_string(headerSize) +
                     " columns (a value holding a comma must be in double quotes)");
            break;
        }
    row.from = cell(m.columns.from);
    row.to = cell(m.columns.to);
    if (row.from.empty()) fail(m.columns.from, "from", "missing value (expected a place)");
    if (row.to.empty()) fail(m.columns.to, "to", "missing value (expected a place)");
    const std::string type = cell(m.columns.type);
    if (const auto t = flowTypeFromString(lower(type))) {
        row.type = *t;
        p.typeKnown = true;
    } else {
        fail(m.columns.type, "type",
             type.empty()
                 ? "missing value (expected people, goods or information)"
                 : "unknown flow type " + inQuotes(type) + " (expected people, goods or information)");
    }
    row.key = cell(m.columns.key);
    const char* keyColumn = keyName(m.keyColumn);
    if (row.key.empty())
        fail(m.columns.key, keyColumn,
             m.keyColumn == OdKeyColumn::Year ? "missing value (expected a year)"
                                              : "missing value (expected a stage id)");
    else if (m.keyColumn == OdKeyColumn::Year && !fourDigits(row.key))
        fail(m.columns.key, keyColumn, "expected a four-digit year, got " + inQuotes(row.key));
    if (const auto problem = parseVolume(cell(m.columns.volume), row.volume))
        fail(m.columns.volume, "volume", *problem);
    row.unit = cell(m.columns.unit);
    if (row.unit.empty()) fail(m.columns.unit, "unit", "missing value (expected the unit of the volume)");
    row.corridor = cell(m.columns.corridor);
    return p;
}

OdTable csvTable(const std::string& file, const std::string& encoding) {
    OdTable table;
    table.file = file;
    table.encoding = encoding;
    return table;
}

/// A CSV file's text into `reading`.
void readCsvText(std::string_view bytes, const std::string& file, OdReading& reading) {
    auto decoded = decodeText(bytes, file);
    if (!decoded) {
        reading.errors.push_back(decoded.error());
        return;
    }
    std::optional<Error> syntax;
    std::vector<Record> records = splitCsv(decoded->text, syntax, file);
    std::erase_if(records, blank);
    if (records.empty() && !syntax)
        reading.errors.push_back(
            Error{file, "",
                  _("empty file: expected a header (from, to, type, year or stage, "
                    "volume, unit, or a wide table's destinations) and at least one row")});
    if (!records.empty())
        readTable(records, csvTable(file, decoded->encoding), std::filesystem::path(file).stem().string(),
                  reading, !syntax);
    if (syntax) reading.errors.push_back(*syntax);
}

/// A workbook's sheets into `reading`; empty sheets are skipped.
void readWorkbookFile(const std::string& file, OdReading& reading) {
    auto sheets = readWorkbook(file);
    if (!sheets) {
        reading.errors.push_back(sheets.error());
        return;
    }
    bool any = false;
    for (Sheet& sheet : *sheets) {
        std::erase_if(sheet.records, blank);
        if (sheet.records.empty()) continue;
        any = true;
        OdTable table;
        table.file = file;
        table.sheet = sheet.name;
        readTable(sheet.records, std::move(table), sheet.name, reading);
    }
    if (!any) reading.errors.push_back(Error{file, "", _("every sheet of the workbook is empty")});
}

bool isWorkbook(const std::string& extension) {
    return extension == ".xlsx" || extension == ".xlsm" || extension == ".ods";
}

/// The files `path` stands for: itself, or a folder's .csv, .xlsx and .ods files in name order.
std::vector<std::string> filesOf(const std::string& path, std::vector<Error>& errors) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return {path};
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        const std::string ext = lower(entry.path().extension().string());
        if (entry.is_regular_file(ec) && (ext == ".csv" || isWorkbook(ext)))
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) errors.push_back(Error{path, "", _("no .csv, .xlsx or .ods file in this folder")});
    return files;
}

/// A matrix read without a problem of form has rows.
void finish(OdReading& reading) {
    if (reading.errors.empty() && reading.matrix.rows.empty())
        reading.errors.push_back(
            Error{reading.matrix.file, "", _("no volumes: every cell of the tables is empty")});
}

} // namespace

void readTable(const std::vector<Record>& records, OdTable table, std::string_view name, OdReading& reading,
               bool complete) {
    const Record& header = records.front();
    table.headerLine = header.line;
    table.layout = isLongHeader(header) ? OdLayout::Long : OdLayout::Wide;
    OdMatrix& m = reading.matrix;
    m.tables.push_back(std::move(table));
    if (m.tables.back().layout == OdLayout::Wide) return readWide(records, name, reading);
    OdTable& t = m.tables.back();
    if (!readHeader(header, t, reading.errors)) return;
    for (std::size_t r = 1; r < records.size(); ++r) {
        ParsedRow p = readRow(records[r], t, m.tables.size() - 1, header.fields.size(), reading.errors);
        m.rows.push_back(std::move(p.row));
        reading.typeKnown.push_back(p.typeKnown);
    }
    if (records.size() == 1 && complete)
        reading.errors.push_back(Error{t.file, odField(header.line + 1, 0, "", t.sheet),
                                       _("no rows after the header (expected at least one)")});
}

} // namespace od

using namespace od;

std::string odField(std::size_t line, int column, std::string_view name, std::string_view sheet) {
    std::string out = sheet.empty() ? "line " + std::to_string(line)
                                    : "sheet " + std::string(sheet) + ", row " + std::to_string(line);
    if (column > 0) out += ", column " + std::to_string(column);
    if (!name.empty()) out += " (" + std::string(name) + ")";
    return out;
}

Error odError(const OdMatrix& m, const OdRow& row, OdPart part, std::string message) {
    static const OdTable none;
    const OdTable& t = row.table < m.tables.size() ? m.tables[row.table] : none;
    const char* names[] = {"from", "to", "type", keyName(t.keyColumn), "volume", "unit", "corridor"};
    const char* name = names[static_cast<int>(part)];
    std::size_t line = row.line;
    int column = 0;
    if (t.layout == OdLayout::Long) {
        const OdColumns& c = t.columns;
        const int columns[] = {c.from, c.to, c.type, c.key, c.volume, c.unit, c.corridor};
        column = columns[static_cast<int>(part)];
    } else if (part == OdPart::From) {
        column = 1;
    } else if (part == OdPart::To) {
        line = t.headerLine;
        column = row.column;
    } else if (part == OdPart::Volume || part == OdPart::Corridor) {
        column = row.column;
    } else { // type, year and unit: the corner cell
        line = t.headerLine;
        column = 1;
    }
    return Error{t.file.empty() ? m.file : t.file, odField(line, column, name, t.sheet), std::move(message)};
}

std::string odPlace(const OdMatrix& m, const OdRow& row) {
    static const OdTable none;
    const OdTable& t = row.table < m.tables.size() ? m.tables[row.table] : none;
    std::string out = odField(row.line, row.column, "", t.sheet);
    const bool severalFiles = std::any_of(m.tables.begin(), m.tables.end(),
                                          [&](const OdTable& other) { return other.file != t.file; });
    if (severalFiles) out += " of " + std::filesystem::path(t.file).filename().string();
    return out;
}

OdReading readOdText(std::string_view text, const std::string& sourceName) {
    OdReading reading;
    reading.matrix.file = sourceName;
    readCsvText(text, sourceName, reading);
    finish(reading);
    return reading;
}

OdReading readOdFiles(const std::vector<std::string>& paths) {
    OdReading reading;
    if (paths.empty()) {
        reading.errors.push_back(Error{"", "", _("no OD file given")});
        return reading;
    }
    reading.matrix.file = paths.front();
    for (const std::string& path : paths)
        for (const std::string& file : filesOf(path, reading.errors)) {
            const std::string ext = lower(std::filesystem::path(file).extension().string());
            if (isWorkbook(ext)) {
                readWorkbookFile(file, reading);
            } else if (ext == ".xls") {
                reading.errors.push_back(Error{file, "",
                                               _("an Excel 97-2003 .xls workbook: save it as .xlsx (Excel "
                                                 "Workbook) or as CSV")});
            } else if (auto text = readFile(file); !text) {
                reading.errors.push_back(text.error());
            } else {
                readCsvText(*text, file, reading);
            }
        }
    finish(reading);
    return reading;
}

Result<OdMatrix> readOd(const std::vector<std::string>& paths) {
    OdReading reading = readOdFiles(paths);
    if (!reading.errors.empty()) return reading.errors.front();
    return std::move(reading.matrix);
}

Result<OdMatrix> readOdFile(const std::string& path) {
    return readOd({path});
}

Result<OdMatrix> parseOdCsv(std::string_view text, const std::string& sourceName) {
    OdReading reading = readOdText(text, sourceName);
    if (!reading.errors.empty()) return reading.errors.front();
    return std::move(reading.matrix);
}

std::vector<std::string> odReadingNotes(const OdMatrix& matrix) {
    std::vector<std::string> notes;
    for (const OdTable& t : matrix.tables)
        if (t.converted()) {
            std::string text = _("converted from {encoding} to UTF-8");
            const std::size_t at = text.find("{encoding}");
            if (at != std::string::npos) text.replace(at, 10, t.encoding);
            notes.push_back(t.file + ": " + text);
        }
    return notes;
}

std::string utcTimestamp(std::chrono::system_clock::time_point time) {
    const std::time_t t = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

} // namespace qinba
