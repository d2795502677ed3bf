#pragma once
// Where the program finds its shaders and bundled assets at run time.

#include <filesystem>

namespace qinba {

/// The folder holding `shaders/` and `assets/`: $QINBA_DATA_DIR when set; else `<executable>/../share/qinba`
/// for an installed program; else the source tree the program was built from.
std::filesystem::path findDataDir();

/// The embedded default DEM of the Pan-Qinba Region (assets/dem/pan_qinba_srtm30_2arcmin.tif).
std::filesystem::path defaultDemPath();

/// The shader folder (shaders/).
std::filesystem::path shaderDir();

} // namespace qinba
