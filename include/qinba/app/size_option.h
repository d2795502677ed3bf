#pragma once
// Parsing "WIDTHxHEIGHT" options.

#include "qinba/core/camera.h"
#include "qinba/core/result.h"

#include <string>

namespace qinba::app {

/// Parses "1280x720" into a viewport; `option` names the option in the error.
Result<Viewport> parseSize(const std::string& text, const std::string& option);

} // namespace qinba::app
