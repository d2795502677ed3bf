// The wide layout of an OD table: origins down the first column, destinations along the header row, one
// volume per cell, and the flow type, year and unit in the corner cell (or the type and year in the sheet or
// file name). The convention is written out at the top of od_import.h.

#include "od_table.h"

#include "qinba/core/i18n.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

namespace qinba::od {

namespace {

/// What a corner cell or a name says.
struct Label {
    std::optional<FlowType> type;
    std::string typeText;
    std::string key; ///< year or stage id; empty when not given
    OdKeyColumn keyColumn = OdKeyColumn::Year;
    std::string unit; ///< what remains
};

bool asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool digit(char c) {
    return c >= '0' && c <= '9';
}

/// Separators around the parts of a label: ASCII space and punctuation, the ideographic space, comma and
/// enumeration comma.
std::string_view separatorAt(std::string_view s, std::size_t i) {
    static const std::array<std::string_view, 9> seps = {
        " ", "\t", "_", ",", ";", "-", "\xE3\x80\x80", "\xEF\xBC\x8C", "\xE3\x80\x81"};
    for (const std::string_view sep : seps)
        if (s.substr(i, sep.size()) == sep) return sep;
    return {};
}

/// `s` without separators at either end and without one pair of enclosing brackets.
std::string tidy(std::string s) {
    for (bool changed = true; changed;) {
        changed = false;
        if (const std::string_view sep = separatorAt(s, 0); !sep.empty()) {
            s.erase(0, sep.size());
            changed = true;
        }
        for (std::size_t n = 1; n <= 3 && n <= s.size(); ++n)
            if (separatorAt(s, s.size() - n).size() == n) {
                s.erase(s.size() - n);
                changed = true;
                break;
            }
    }
    const std::pair<std::string_view, std::string_view> brackets[] = {
        {"(", ")"}, {"[", "]"}, {"\xEF\xBC\x88", "\xEF\xBC\x89"}, {"\xE3\x80\x90", "\xE3\x80\x91"}};
    for (const auto& [open, close] : brackets)
        if (s.size() >= open.size() + close.size() && s.starts_with(open) && s.ends_with(close))
            return trim(s.substr(open.size(), s.size() - open.size() - close.size()));
    return s;
}

/// Finds the flow type: the earliest type word (English ones as whole words, in any case).
void takeType(std::string& s, Label& label) {
    static const std::pair<std::string_view, FlowType> words[] = {
        {"people", FlowType::People},
        {"goods", FlowType::Goods},
        {"information", FlowType::Information},
        {"\xE4\xBA\xBA\xE6\xB5\x81", FlowType::People},                   // 人流
        {"\xE5\xAE\xA2\xE6\xB5\x81", FlowType::People},                   // 客流
        {"\xE8\xB4\xA7\xE6\xB5\x81", FlowType::Goods},                    // 货流
        {"\xE7\x89\xA9\xE6\xB5\x81", FlowType::Goods},                    // 物流
        {"\xE4\xBF\xA1\xE6\x81\xAF\xE6\xB5\x81", FlowType::Information}}; // 信息流
    const std::string folded = lower(s);
    std::size_t best = std::string::npos, length = 0;
    for (const auto& [word, type] : words)
        for (std::size_t at = folded.find(word); at != std::string::npos; at = folded.find(word, at + 1)) {
            const bool ascii = asciiLetter(word[0]);
            const bool whole =
                !ascii || ((at == 0 || !asciiLetter(folded[at - 1])) &&
                           (at + word.size() >= folded.size() || !asciiLetter(folded[at + word.size()])));
            if (!whole) continue;
            if (at < best) {
                best = at;
                length = word.size();
                label.type = type;
            }
            break;
        }
    if (best == std::string::npos) return;
    label.typeText = s.substr(best, length);
    s.replace(best, length, " ");
}

/// Finds the key: "stage:ID" / "阶段:ID", else the first number of exactly four digits (a 年 may follow).
void takeKey(std::string& s, Label& label) {
    static const std::string_view stageWords[] = {"stage:", "stage=", "\xE9\x98\xB6\xE6\xAE\xB5:",
                                                  "\xE9\x98\xB6\xE6\xAE\xB5\xEF\xBC\x9A"}; // 阶段: 阶段：
    const std::string folded = lower(s);
    for (const std::string_view word : stageWords)
        if (const std::size_t at = folded.find(word); at != std::string::npos) {
            std::size_t end = at + word.size();
            while (end < s.size() && s[end] != ' ' && s[end] != ',' && s[end] != '\t' &&
                   separatorAt(s, end).size() < 3)
                ++end;
            label.key = trim(s.substr(at + word.size(), end - at - word.size()));
            label.keyColumn = OdKeyColumn::Stage;
            s.replace(at, end - at, " ");
            return;
        }
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
        if (!digit(s[i]) || (i > 0 && (digit(s[i - 1]) || s[i - 1] == '.'))) continue;
        std::size_t end = i;
        while (end < s.size() && digit(s[end]))
            ++end;
        if (end - i != 4 || (end < s.size() && s[end] == '.')) {
            i = end;
            continue;
        }
        label.key = s.substr(i, 4);
        if (s.substr(end, 3) == "\xE5\xB9\xB4") end += 3; // 年
        s.replace(i, end - i, " ");
        return;
    }
}

Label parseLabel(std::string text) {
    Label label;
    takeType(text, label);
    takeKey(text, label);
    label.unit = tidy(trim(text));
    return label;
}

bool isTotal(const std::string& name) {
    static const std::string_view totals[] = {"total", "sum", "\xE5\x90\x88\xE8\xAE\xA1",
                                              "\xE6\x80\xBB\xE8\xAE\xA1", "\xE5\xB0\x8F\xE8\xAE\xA1"};
    const std::string folded = lower(name);
    return std::find(std::begin(totals), std::end(totals), folded) != std::end(totals);
}

const char* keyName(OdKeyColumn k) {
    return k == OdKeyColumn::Year ? "year" : "stage";
}

bool noValue(const std::string& cell) {
    return cell.empty() || cell == "-" || cell == "\xE2\x80\x94" || cell == "\xE2\x80\x93"; // — –
}

} // namespace

void readWide(const std::vector<Record>& records, std::string_view name, OdReading& reading) {
    OdMatrix& m = reading.matrix;
    const std::size_t tableIndex = m.tables.size() - 1;
    OdTable& t = m.tables[tableIndex];
    const Record& header = records.front();
    const auto fail = [&](std::size_t line, int column, const char* what, std::string message) {
        reading.errors.push_back(Error{t.file, odField(line, column, what, t.sheet), std::move(message)});
    };
    const std::string corner = header.fields.empty() ? std::string() : trim(header.fields[0]);
    const Label inCell = parseLabel(corner);
    const Label inName = parseLabel(std::string(name));
    const std::string source = t.sheet.empty() ? _("the file name") : _("the sheet name");

    Label label = inCell;
    if (inCell.type && inName.type && *inCell.type != *inName.type)
        fail(header.line, 1, "type",
             fill(_("the corner cell says {cell} but {source} says {name}"),
                  {{"{cell}", inQuotes(inCell.typeText)},
                   {"{source}", source},
                   {"{name}", inQuotes(inName.typeText)}}));
    if (!label.type) {
        label.type = inName.type;
        label.typeText = inName.typeText;
    }
    if (!inCell.key.empty() && !inName.key.empty() && inCell.key != inName.key)
        fail(
            header.line, 1, keyName(inCell.keyColumn),
            fill(_("the corner cell says {cell} but {source} says {name}"),
                 {{"{cell}", inQuotes(inCell.key)}, {"{source}", source}, {"{name}", inQuotes(inName.key)}}));
    if (label.key.empty()) {
        label.key = inName.key;
        label.keyColumn = inName.keyColumn;
    }
    const std::string example =
        std::string(_(" (write the flow type, year and unit in the corner cell A1, e.g.")) +
        " \"people 2019 thousand trips/day\", \"人流 2019年 千人次/日\")";
    if (!label.type)
        fail(header.line, 1, "type",
             std::string(_("a table without a flow type in its corner cell or name: expected people, goods "
                           "or information")) +
                 " (人流, 货流, 信息流)" + example);
    if (label.key.empty())
        fail(header.line, 1, "year",
             std::string(_("a table without a year in its corner cell or name: expected a four-digit "
                           "year or stage:ID")) +
                 example);
    if (label.unit.empty())
        fail(header.line, 1, "unit",
             std::string(_("a table without the unit of its volumes in its corner cell")) + example);
    t.keyColumn = label.keyColumn;

    std::vector<std::string> destinations;
    for (std::size_t c = 1; c < header.fields.size(); ++c)
        destinations.push_back(trim(header.fields[c]));
    bool any = false;
    std::set<int> unnamed; // columns reported without a destination
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& record = records[r];
        const std::string origin = record.fields.empty() ? std::string() : trim(record.fields[0]);
        if (isTotal(origin)) continue;
        for (std::size_t c = 1; c < record.fields.size(); ++c) {
            const std::string cell = trim(record.fields[c]);
            if (noValue(cell)) continue;
            const int column = static_cast<int>(c) + 1;
            const std::string to = c - 1 < destinations.size() ? destinations[c - 1] : std::string();
            if (isTotal(to)) continue;
            any = true;
            OdRow row;
            row.table = tableIndex;
            row.line = record.line;
            row.column = column;
            row.from = origin;
            row.to = to;
            row.type = label.type.value_or(FlowType::People);
            row.key = label.key;
            row.unit = label.unit;
            if (origin.empty())
                fail(record.line, 1, "from",
                     _("missing origin: a row with volumes needs a place in column 1"));
            if (to.empty() && unnamed.insert(column).second)
                fail(header.line, column, "to",
                     _("missing destination: a column with volumes needs a place in the header row"));
            if (const auto problem = parseVolume(cell, row.volume))
                fail(record.line, column, "volume", *problem);
            m.rows.push_back(std::move(row));
            reading.typeKnown.push_back(label.type.has_value());
        }
    }
    if (!any && records.size() == 1)
        fail(header.line + 1, 0, "", _("no rows after the header (expected origins down the first column)"));
}

} // namespace qinba::od
