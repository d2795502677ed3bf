#include "qinba/app/command_error.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cstdio>

namespace qinba::app {

int reportError(std::string_view command, const std::string& message) {
    const std::string program = command.empty() ? std::string("qinba") : "qinba " + std::string(command);
    // TRANSLATORS: {0} is "qinba" or "qinba COMMAND", {1} what went wrong.
    std::fprintf(stderr, "%s\n", formatText(_("{}: error: {}"), program, message).c_str());
    return 1;
}

int reportError(std::string_view command, const Error& error) {
    return reportError(command, error.toString());
}

} // namespace qinba::app
