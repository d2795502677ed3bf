#pragma once
// Parsing "WIDTHxHEIGHT" options.

#include <string>

#include "qinba/core/camera.h"
#include "qinba/core/result.h"

namespace qinba::app {

/// Parses "1280x720" into a viewport; `option` names the option in the error.
Result<Viewport> parseSize(const std::string& text, const std::string& option);

} // namespace qinba::app
