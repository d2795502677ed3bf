#pragma once
// The command-line options that describe the picture, the same on `render`, `record` and `kiosk`:
// --view FILE (view settings saved by the viewer) and the style options, which override the file.

#include "qinba/core/result.h"
#include "qinba/core/scene_settings.h"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace qinba::app {

/// What the scene options parsed into; resolve() turns it into the SceneSettings to draw.
struct SceneCli {
    std::string viewFile;
    SceneSettings given;                 ///< values of the options given (the others are not looked at)
    std::string sun;                     ///< AZIMUTH,ALTITUDE
    std::vector<std::string> zoningSets; ///< NAME=VALUE
    std::vector<std::string> showLayers, hideLayers; ///< layer ids
    /// Each option with the setter that copies its value from `given` into the result.
    std::vector<std::pair<CLI::Option*, void (*)(const SceneCli&, SceneSettings&)>> overrides;

    /// The file's settings (or `base` without --view), then every option that was given.
    Result<SceneSettings> resolve(const SceneSettings& base = SceneSettings{}) const;
};

/// Adds --view and the style, label, layer, zoning and decoration options to `cmd`.
void addSceneOptions(CLI::App& cmd, SceneCli& cli);

/// Adds an option for a number of the option table (range check, help with unit and default). The range
/// check has no description of its own: the help text says the range in the interface language, where CLI11
/// would add "FLOAT in [0.25 - 64]" in English.
template <typename T>
CLI::Option* addNumberOption(CLI::App& cmd, T& value, const NumberOption& o) {
    return cmd.add_option(o.flag, value, o.helpText())->check(CLI::Range(o.min, o.max).description(""));
}

} // namespace qinba::app
