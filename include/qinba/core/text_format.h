// Filling the values into a translated message.
//
// A message that carries values is written as one pattern with placeholders, so that a translation can put
// the values where its grammar needs them: formatText(_("{}: no stage '{}'"), path, id). "{}" takes the next
// value,
// "{0}", "{1}" … a value by its 0-based position (a translation may reorder them), "{{" and "}}" write a
// brace.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace qinba {

/// Pattern with its placeholders replaced by args; a placeholder without a value is left as written.
std::string formatTextList(std::string_view pattern, const std::vector<std::string>& args);

/// A number as a message shows it: integers in full, others with up to 6 significant digits ("%g").
std::string textOf(double value);

namespace detail {
inline std::string toText(std::string_view s) {
    return std::string(s);
}
inline std::string toText(const char* s) {
    return s;
}
inline std::string toText(const std::string& s) {
    return s;
}
template <typename T>
requires std::is_arithmetic_v<T> std::string toText(T v) {
    if constexpr (std::is_integral_v<T>)
        return std::to_string(v);
    else
        return textOf(static_cast<double>(v));
}
} // namespace detail

/// Pattern (usually from _()) with its placeholders replaced by args: strings as they are, numbers as
/// textOf().
template <typename... Args>
std::string formatText(std::string_view pattern, const Args&... args) {
    return formatTextList(pattern, {detail::toText(args)...});
}

} // namespace qinba
