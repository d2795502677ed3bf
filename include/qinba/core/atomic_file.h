#pragma once
// Saving files so that a crash or a full disk never leaves a half-written file in place of a good one.

#include "qinba/core/result.h"

#include <string>
#include <string_view>

namespace qinba {

/// Writes `contents` to a temporary file beside `path`, flushes it to disk, then renames it over `path`.
/// On any failure the previous file at `path` is untouched and the temporary file is removed.
Status writeFileAtomically(const std::string& path, std::string_view contents);

/// Reads a whole file; the error names the file and the reason.
Result<std::string> readFile(const std::string& path);

} // namespace qinba
