#include "qinba/core/text_format.h"

#include <charconv>
#include <cstdio>

namespace qinba {

std::string formatTextList(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 16 * args.size());
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        const std::size_t close = pattern.find('}', i);
        if (close == std::string_view::npos) {
            out += pattern.substr(i);
            break;
        }
        const std::string_view inside = pattern.substr(i + 1, close - i - 1);
        std::size_t index = next;
        bool valid = inside.empty();
        if (!inside.empty()) {
            const auto [p, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), index);
            valid = ec == std::errc() && p == inside.data() + inside.size();
        }
        if (!valid || index >= args.size()) {
            out += pattern.substr(i, close - i + 1);
        } else {
            out += args[index];
            if (inside.empty()) ++next;
        }
        i = close;
    }
    return out;
}

std::string textOf(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

} // namespace qinba
