#include "qinba/app/size_option.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <charconv>

namespace qinba::app {

Result<Viewport> parseSize(const std::string& text, const std::string& option) {
    const auto x = text.find_first_of("xX");
    Viewport v;
    auto number = [](const std::string& s, int& out) {
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return !s.empty() && ec == std::errc() && p == s.data() + s.size();
    };
    if (x == std::string::npos || !number(text.substr(0, x), v.width) ||
        !number(text.substr(x + 1), v.height) || v.width < 1 || v.height < 1 || v.width > 65536 ||
        v.height > 65536)
        return Error{"", option,
                     formatText(_("expected WIDTHxHEIGHT in pixels such as 1280x720, got '{}'"), text)};
    return v;
}

} // namespace qinba::app
