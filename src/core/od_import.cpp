// OD matrix CSV: splitting into records (RFC 4180 with the usual spreadsheet leniencies), the header and
// each cell. Checking rows against a scenario is in od_check.cpp, applying them in od_apply.cpp.

#include "qinba/core/od_import.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/scenario_io.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <map>
#include <optional>
#include <set>

namespace qinba {

namespace {

struct CsvRecord {
    std::size_t line = 0; ///< where the record starts
    std::vector<std::string> fields;
};

std::string trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string inQuotes(const std::string& s) {
    return "'" + s + "'";
}

/// The 1-based line of the first byte that is not valid UTF-8, or 0.
std::size_t firstInvalidUtf8Line(std::string_view text) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80           ? 1
                              : (c >> 5) == 0x6  ? 2
                              : (c >> 4) == 0xE  ? 3
                              : (c >> 3) == 0x1E ? 4
                                                 : 0;
        if (n == 0 || (n == 2 && c < 0xC2) || i + n > text.size()) return line;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return line;
        if (c == '\n') ++line;
        i += n;
    }
    return 0;
}

/// Splits CSV text into records. A syntax error (an unclosed quote, text after a closing quote) ends the
/// split: what follows cannot be placed reliably. Line ends: LF, CRLF or CR.
std::vector<CsvRecord> splitCsv(std::string_view text, std::optional<Error>& syntax,
                                const std::string& file) {
    std::vector<CsvRecord> records;
    std::size_t i = 0, line = 1;
    const std::size_t n = text.size();
    const auto endOfField = [&](std::size_t k) {
        return k >= n || text[k] == ',' || text[k] == '\n' || text[k] == '\r';
    };
    while (i < n) {
        CsvRecord record{line, {}};
        for (;;) {
            std::string field;
            std::size_t k = i;
            while (k < n && (text[k] == ' ' || text[k] == '\t'))
                ++k;
            if (k < n && text[k] == '"') {
                const std::size_t startLine = line;
                const int column = static_cast<int>(record.fields.size()) + 1;
                for (i = k + 1;; ++i) {
                    if (i >= n) {
                        syntax = Error{file, odField(startLine, column, ""),
                                       "a quoted value is not closed: a '\"' is missing"};
                        return records;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            ++i;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n') ++line;
                    field += text[i];
                }
                while (i < n && (text[i] == ' ' || text[i] == '\t'))
                    ++i;
                if (!endOfField(i)) {
                    syntax =
                        Error{file, odField(line, column, ""),
                              "unexpected text after a closing quote (write a quote inside a quoted value "
                              "as \"\")"};
                    return records;
                }
            } else {
                while (!endOfField(i))
                    field += text[i++];
            }
            record.fields.push_back(std::move(field));
            if (i < n && text[i] == ',') {
                ++i;
                continue;
            }
            if (i < n && text[i] == '\r') ++i;
            if (i < n && text[i] == '\n') ++i;
            ++line;
            break;
        }
        records.push_back(std::move(record));
    }
    return records;
}

bool blank(const CsvRecord& r) {
    return std::all_of(r.fields.begin(), r.fields.end(),
                       [](const std::string& f) { return trim(f).empty(); });
}

bool fourDigits(const std::string& s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const char* keyName(OdKeyColumn k) {
    return k == OdKeyColumn::Year ? "year" : "stage";
}

/// The header's columns, or false with the problems added.
bool readHeader(const CsvRecord& header, OdMatrix& m, std::vector<Error>& errors) {
    std::map<std::string, int> found;
    std::string written;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        const std::string name = lower(trim(header.fields[c]));
        written += (written.empty() ? "" : ", ") + name;
        const int column = static_cast<int>(c) + 1;
        static const std::set<std::string> known = {"from",  "to",     "type", "year",
                                                    "stage", "volume", "unit", "corridor"};
        if (!known.count(name)) continue; // notes and the like
        const auto [it, inserted] = found.emplace(name, column);
        if (!inserted)
            errors.push_back(Error{m.file, odField(header.line, column, name),
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
        errors.push_back(Error{m.file, odField(header.line, std::max(year, stage), "stage"),
                               "both a 'year' and a 'stage' column: give one of them"});
    m.keyColumn = stage ? OdKeyColumn::Stage : OdKeyColumn::Year;
    cols.key = stage ? stage : year;
    const std::pair<const char*, int> required[] = {{"from", cols.from},     {"to", cols.to},
                                                    {"type", cols.type},     {"year or stage", cols.key},
                                                    {"volume", cols.volume}, {"unit", cols.unit}};
    for (const auto& [name, index] : required)
        if (index == 0)
            errors.push_back(Error{m.file, "line " + std::to_string(header.line),
                                   std::string("missing column '") + name + "'" + expected + separator});
    return errors.empty();
}

/// A volume: a finite number of zero or more, or the problem.
std::optional<std::string> parseVolume(const std::string& text, double& out) {
    if (text.empty()) return "missing value (expected a volume of zero or more)";
    const char* first = text.data();
    const char* last = first + text.size();
    const auto [ptr, ec] = std::from_chars(first + (text[0] == '+' ? 1 : 0), last, out);
    if (ec != std::errc() || ptr != last || !std::isfinite(out))
        return "not a number: " + inQuotes(text) +
               " (expected a volume such as 12.5: a decimal point and no thousands separators)";
    if (out < 0.0) return "negative volume " + inQuotes(text) + " (expected zero or more)";
    return std::nullopt;
}

/// A row as far as its cells parse (their problems are added to `errors`).
struct ParsedRow {
    OdRow row;
    bool typeKnown = false;
};

ParsedRow readRow(const CsvRecord& record, const OdMatrix& m, std::size_t headerSize,
                  std::vector<Error>& errors) {
    ParsedRow p;
    OdRow& row = p.row;
    row.line = record.line;
    const auto cell = [&](int column) {
        return column > 0 && static_cast<std::size_t>(column) <= record.fields.size()
                   ? trim(record.fields[static_cast<std::size_t>(column) - 1])
                   : std::string();
    };
    const auto fail = [&](int column, const char* name, std::string message) {
        errors.push_back(Error{m.file, odField(record.line, column, name), std::move(message)});
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

/// Every row of CSV text, whether or not its cells are valid, in file order.
std::vector<ParsedRow> readCsv(std::string_view text, OdMatrix& m, std::vector<Error>& errors) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (const std::size_t line = firstInvalidUtf8Line(text)) {
        errors.push_back(Error{m.file, "line " + std::to_string(line),
                               "not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")"});
        return {};
    }
    std::optional<Error> syntax;
    std::vector<CsvRecord> records = splitCsv(text, syntax, m.file);
    std::erase_if(records, blank);
    std::vector<ParsedRow> rows;
    if (records.empty() && !syntax) {
        errors.push_back(Error{m.file, "",
                               "empty file: expected a header (from, to, type, year or stage, volume, unit) "
                               "and at least one row"});
        return rows;
    }
    if (!records.empty() && readHeader(records.front(), m, errors)) {
        for (std::size_t r = 1; r < records.size(); ++r)
            rows.push_back(readRow(records[r], m, records.front().fields.size(), errors));
        if (rows.empty() && !syntax)
            errors.push_back(Error{m.file, "line " + std::to_string(records.front().line + 1),
                                   "no rows after the header (expected at least one)"});
    }
    if (syntax) errors.push_back(*syntax);
    return rows;
}

} // namespace

std::string odField(std::size_t line, int column, std::string_view name) {
    std::string out = "line " + std::to_string(line) + ", column " + std::to_string(column);
    if (!name.empty()) out += " (" + std::string(name) + ")";
    return out;
}

OdReading readOdText(std::string_view text, const std::string& sourceName) {
    OdReading reading;
    reading.matrix.file = sourceName;
    for (ParsedRow& p : readCsv(text, reading.matrix, reading.errors)) {
        reading.matrix.rows.push_back(std::move(p.row));
        reading.typeKnown.push_back(p.typeKnown);
    }
    return reading;
}

Result<OdMatrix> parseOdCsv(std::string_view text, const std::string& sourceName) {
    OdReading reading = readOdText(text, sourceName);
    if (!reading.errors.empty()) return reading.errors.front();
    return std::move(reading.matrix);
}

Result<OdMatrix> readOdCsv(const std::string& path) {
    auto text = readFile(path);
    if (!text) return text.error();
    return parseOdCsv(*text, path);
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
