#include "qinba/core/data_paths.h"

#include <cstdlib>
#include <system_error>

namespace qinba {

namespace {
bool hasData(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_directory(dir / "shaders", ec) &&
           std::filesystem::is_directory(dir / "assets", ec);
}
} // namespace

std::filesystem::path findDataDir() {
    if (const char* env = std::getenv("QINBA_DATA_DIR"); env && *env) return env;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share" / "qinba";
        if (hasData(installed)) return installed;
    }
    return QINBA_SOURCE_DIR;
}

std::filesystem::path defaultDemPath() {
    return findDataDir() / "assets" / "dem" / "pan_qinba_srtm30_2arcmin.tif";
}

std::filesystem::path shaderDir() {
    return findDataDir() / "shaders";
}

} // namespace qinba
