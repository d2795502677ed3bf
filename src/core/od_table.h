#pragma once
// Inside the OD reader (od_import.h): tables of cells from CSV text or a workbook's sheets, before their
// layout is read, and the small text helpers the reader's files share.

#include "qinba/core/od_import.h"
#include "qinba/core/result.h"

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qinba::od {

/// One row of a table: where it starts and its cells as written.
struct Record {
    std::size_t line = 0; ///< 1-based line (CSV) or row (sheet)
    std::vector<std::string> fields;
};

/// Text in UTF-8 and the encoding it was read in ("UTF-8", "GBK/GB18030" or "GB18030").
struct Decoded {
    std::string text;
    std::string encoding;
};

/// Bytes of a CSV file as UTF-8 (see the top of od_import.h), without a byte order mark; or the problem,
/// at "line L" of `file`.
Result<Decoded> decodeText(std::string_view bytes, const std::string& file);

/// Splits CSV text into records. A syntax error (an unclosed quote, text after a closing quote) ends the
/// split and is put in `syntax`: what follows cannot be placed reliably. Line ends: LF, CRLF or CR.
std::vector<Record> splitCsv(std::string_view text, std::optional<Error>& syntax, const std::string& file);

/// One sheet of a workbook: its name and rows as the spreadsheet numbers them (blank rows left out).
struct Sheet {
    std::string name;
    std::vector<Record> records;
};

/// Every sheet of an .xlsx or .ods workbook, in order, every cell as text.
Result<std::vector<Sheet>> readWorkbook(const std::string& path);

/// Reads one table's records (blank ones already removed, at least one) into `reading`: a new OdTable from
/// `table` (file, sheet, encoding set), its rows and its problems. `name` is the sheet name or file name a
/// wide table may take its type and year from. `complete`: the table was read to its end (a header without
/// rows is then a problem).
void readTable(const std::vector<Record>& records, OdTable table, std::string_view name, OdReading& reading,
               bool complete = true);

/// A wide-layout table (od_wide.cpp); `reading.matrix.tables.back()` is its table.
void readWide(const std::vector<Record>& records, std::string_view name, OdReading& reading);

/// A volume: a finite number of zero or more, or the problem.
std::optional<std::string> parseVolume(const std::string& text, double& out);

/// `text` with each placeholder replaced by its value (translated messages keep their words in order).
std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> values);

std::string trim(std::string_view s);
std::string lower(std::string s);
std::string inQuotes(const std::string& s);

} // namespace qinba::od
