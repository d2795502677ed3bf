#pragma once
// Where the program finds its shaders and bundled assets at run time, and where it keeps per-user files.

#include <filesystem>
#include <string>

namespace qinba {

/// The folder holding `shaders/` and `assets/`: $QINBA_DATA_DIR when set; else `<executable>/../share/qinba`
/// for an installed program; else the source tree the program was built from.
std::filesystem::path findDataDir();

/// The embedded default DEM of the Pan-Qinba Region (assets/dem/pan_qinba_srtm30_2arcmin.tif).
std::filesystem::path defaultDemPath();

/// The shader folder (shaders/).
std::filesystem::path shaderDir();

/// The system's Noto Sans CJK collection (NotoSansCJK-Regular.ttc, whose face 2 is Simplified Chinese):
/// $QINBA_FONT when set and the file exists, else the usual Debian and Fedora paths (Debian package
/// fonts-noto-cjk). Empty when none is installed.
std::string findCjkFontFile();

/// The per-user configuration folder (preferences, recovery files): $QINBA_CONFIG_DIR when set, else
/// $XDG_CONFIG_HOME/qinba-atlas, else ~/.config/qinba-atlas (the XDG base directory rules).
std::filesystem::path userConfigDir();

/// The per-user cache folder (routes, recordings' scenario copies): $QINBA_CACHE_DIR when set, else
/// $XDG_CACHE_HOME/qinba-atlas, else ~/.cache/qinba-atlas.
std::filesystem::path userCacheDir();

} // namespace qinba
