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
        auto installed = exe.parent_path().parent_path() / "share" / "qinba";
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

std::string findCjkFontFile() {
    std::error_code ec;
    if (const char* env = std::getenv("QINBA_FONT"); env && *env && std::filesystem::is_regular_file(env, ec))
        return env;
    for (const char* p : {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                          "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
                          "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"})
        if (std::filesystem::is_regular_file(p, ec)) return p;
    return {};
}

namespace {

std::filesystem::path xdgDir(const char* ownVariable, const char* xdgVariable, const char* homeSubfolder) {
    namespace fs = std::filesystem;
    if (const char* dir = std::getenv(ownVariable); dir && *dir) return dir;
    if (const char* xdg = std::getenv(xdgVariable); xdg && *xdg) return fs::path(xdg) / "qinba-atlas";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / homeSubfolder / "qinba-atlas";
}

} // namespace

std::filesystem::path userConfigDir() {
    return xdgDir("QINBA_CONFIG_DIR", "XDG_CONFIG_HOME", ".config");
}

std::filesystem::path userCacheDir() {
    return xdgDir("QINBA_CACHE_DIR", "XDG_CACHE_HOME", ".cache");
}

} // namespace qinba
