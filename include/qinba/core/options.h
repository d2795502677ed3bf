#pragma once
// The one table of adjustable numbers: each option's name, range, default, unit and help. The command line
// (range checks and --help), the preferences and view-settings files (validation) and the panels' sliders
// all read it, so a range or default cannot differ between them. Struct members take their defaults from
// here too (e.g. TerrainStyle::exaggeration).

#include "qinba/core/i18n.h"

#include <string>

namespace qinba {

/// One adjustable number.
struct NumberOption {
    const char* key;          ///< name in preferences.json and view-settings files
    const char* flag;         ///< command-line option, e.g. "--exaggeration"; nullptr where there is none
    const char* label;        ///< slider label in the panels
    const char* unit;         ///< "" (a plain number or share), "x", "deg", "px", "MB", "samples"...
    double min, max;          ///< accepted range, inclusive
    double def;               ///< default
    const char* help;         ///< one line for --help and tooltips
    bool logarithmic = false; ///< sliders move on a logarithmic scale
    bool integer = false;     ///< whole numbers only

    /// "from MIN to MAX UNIT" for messages.
    std::string rangeText() const;
    /// The help text with the range, unit and default, for --help.
    std::string helpText() const;
    bool contains(double v) const { return v >= min && v <= max; }
};

namespace options {

// How the terrain is drawn (TerrainStyle).
inline constexpr NumberOption exaggeration{"exaggeration",
                                           "--exaggeration",
                                           N_("Vertical exaggeration"),
                                           "x",
                                           1.0,
                                           20.0,
                                           6.0,
                                           N_("vertical exaggeration of the terrain")};
inline constexpr NumberOption sunAzimuth{"sunAzimuth",
                                         nullptr,
                                         N_("Sun azimuth"),
                                         N_("deg"),
                                         0.0,
                                         360.0,
                                         315.0,
                                         N_("direction the sunlight comes from, clockwise from north")};
inline constexpr NumberOption sunAltitude{"sunAltitude",
                                          nullptr,
                                          N_("Sun altitude"),
                                          N_("deg"),
                                          0.0,
                                          90.0,
                                          40.0,
                                          N_("height of the sun above the horizon")};
inline constexpr NumberOption haze{"haze", "--haze", N_("Haze"), "",
                                   0.0,    1.0,      0.45,       N_("aerial haze, 0 (none) to 1 (strong)")};
inline constexpr NumberOption ambient{"ambient",
                                      "--ambient",
                                      N_("Ambient light"),
                                      "",
                                      0.0,
                                      0.9,
                                      0.30,
                                      N_("share of light that is not direct sunlight")};

// What else the picture holds (SceneSettings).
inline constexpr NumberOption textScale{
    "textScale",
    "--text-scale",
    N_("Map text size"),
    "",
    0.5,
    4.0,
    1.0,
    N_("size of map labels, legend and captions (1: the size for a 1080-pixel-high picture, larger pictures "
       "scale up)")};

// Preferences of the viewer.
inline constexpr NumberOption uiScale{"uiScale",
                                      "--ui-scale",
                                      N_("UI scale"),
                                      "",
                                      0.5,
                                      4.0,
                                      1.0,
                                      N_("size of text and controls (1 = 16 px text)")};
inline constexpr NumberOption msaaSamples{"msaaSamples",
                                          "--msaa",
                                          N_("Anti-aliasing"),
                                          N_("samples"),
                                          0,
                                          16,
                                          4,
                                          N_("anti-aliasing samples per pixel (0 = off)"),
                                          false,
                                          true};
inline constexpr NumberOption terrainTriangles{
    "terrainTriangles",
    "--triangles",
    N_("Terrain triangles"),
    "",
    2000,
    50000000,
    250000,
    N_("upper bound on terrain triangles drawn per frame (lighting always uses every DEM sample)"),
    true,
    true};
inline constexpr NumberOption windowWidth{"windowWidth", nullptr, N_("Window width"),      "px",  320,
                                          16384,         1600,    N_("last window width"), false, true};
inline constexpr NumberOption windowHeight{"windowHeight", nullptr, N_("Window height"),      "px",  240,
                                           16384,          900,     N_("last window height"), false, true};
inline constexpr NumberOption maxScreenErrorPx{
    "maxScreenErrorPx",
    "--max-screen-error",
    N_("Max screen error"),
    "px",
    0.25,
    64.0,
    3.0,
    N_("level of detail: largest on-screen spacing of terrain samples"),
    true};
inline constexpr NumberOption tileCacheMb{"tileCacheMb",
                                          "--tile-cache-mb",
                                          N_("Tile cache"),
                                          "MB",
                                          0.001,
                                          1.0e6,
                                          512.0,
                                          N_("level of detail: in-memory tile cache budget"),
                                          true};
inline constexpr NumberOption gpuTileCacheMb{"gpuTileCacheMb",
                                             "--gpu-cache-mb",
                                             N_("GPU tile cache"),
                                             "MB",
                                             0.001,
                                             1.0e6,
                                             256.0,
                                             N_("level of detail: GPU tile cache budget"),
                                             true};
inline constexpr NumberOption loaderThreads{"loaderThreads",
                                            "--loader-threads",
                                            N_("Tile readers"),
                                            "",
                                            1,
                                            16,
                                            2,
                                            N_("level of detail: background tile readers"),
                                            false,
                                            true};

} // namespace options

/// Every option of the table, for documentation and tests.
const NumberOption* const* allNumberOptions(std::size_t& count);

} // namespace qinba
