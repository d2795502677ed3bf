#include "qinba/app/command_error.h"

#include <cstdio>

namespace qinba::app {

int reportError(std::string_view command, const std::string& message) {
    std::fprintf(stderr, "qinba%s%.*s: error: %s\n", command.empty() ? "" : " ",
                 static_cast<int>(command.size()), command.data(), message.c_str());
    return 1;
}

int reportError(std::string_view command, const Error& error) {
    return reportError(command, error.toString());
}

} // namespace qinba::app
