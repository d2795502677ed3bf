#pragma once
// How every subcommand reports an error: one line on stderr, "qinba COMMAND: error: MESSAGE", naming the
// file and the field where there are any, and exit status 1.

#include "qinba/core/result.h"

#include <string>
#include <string_view>

namespace qinba::app {

/// Prints `error` for `command` ("render", "record"...; empty for the viewer) and returns 1.
int reportError(std::string_view command, const Error& error);
/// The same for a plain message.
int reportError(std::string_view command, const std::string& message);

} // namespace qinba::app
