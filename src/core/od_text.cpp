// OD tables from CSV text: the encoding (UTF-8, or GBK/GB18030 converted with iconv) and the split into
// records (RFC 4180 with the usual spreadsheet leniencies).

#include "od_table.h"

#include "qinba/core/i18n.h"

#include <iconv.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <variant>

namespace qinba::od {

namespace {

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

std::size_t lineAt(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

/// True when GB18030 text holds a four-byte sequence (a character GBK lacks). The text converted cleanly.
bool hasFourByteSequences(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') return true;
        i += 2;
    }
    return false;
}

/// GB18030 bytes as UTF-8, or the offset of the first byte that is not GB18030.
std::variant<std::string, std::size_t> fromGb18030(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::size_t{0};
    std::string out(bytes.size() * 2 + 16, '\0'); // at most 3 UTF-8 bytes per 2 GBK bytes, 4 per 4
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    char* dst = out.data();
    std::size_t outLeft = out.size();
    const std::size_t r = iconv(cd, &in, &inLeft, &dst, &outLeft);
    iconv_close(cd);
    if (r == static_cast<std::size_t>(-1)) return static_cast<std::size_t>(in - bytes.data());
    out.resize(out.size() - outLeft);
    return out;
}

} // namespace

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

std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
    for (const auto& [placeholder, value] : values)
        if (const std::size_t at = text.find(placeholder); at != std::string::npos)
            text.replace(at, placeholder.size(), value);
    return text;
}

Result<Decoded> decodeText(std::string_view bytes, const std::string& file) {
    const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom) bytes.remove_prefix(3);
    const std::size_t badLine = firstInvalidUtf8Line(bytes);
    if (badLine == 0) return Decoded{std::string(bytes), "UTF-8"};
    const auto at = [&](std::size_t line) { return "line " + std::to_string(line); };
    if (bom)
        return Error{file, at(badLine),
                     _("not UTF-8 text, although the file begins with a UTF-8 byte order mark (save the "
                       "spreadsheet as \"CSV UTF-8\")")};
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")
        return Error{file, at(1),
                     _("UTF-16 text (\"Unicode text\"): save the spreadsheet as \"CSV UTF-8\" or as .xlsx")};
    auto converted = fromGb18030(bytes);
    if (const std::size_t* bad = std::get_if<std::size_t>(&converted))
        return Error{file, at(lineAt(bytes, *bad)),
                     _("neither UTF-8 nor GBK/GB18030 text (save the spreadsheet as \"CSV UTF-8\")")};
    return Decoded{std::move(std::get<std::string>(converted)),
                   hasFourByteSequences(bytes) ? "GB18030" : "GBK/GB18030"};
}

std::vector<Record> splitCsv(std::string_view text, std::optional<Error>& syntax, const std::string& file) {
    std::vector<Record> records;
    std::size_t i = 0, line = 1;
    const std::size_t n = text.size();
    const auto endOfField = [&](std::size_t k) {
        return k >= n || text[k] == ',' || text[k] == '\n' || text[k] == '\r';
    };
    while (i < n) {
        Record record{line, {}};
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

} // namespace qinba::od
