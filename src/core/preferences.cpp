#include "qinba/core/preferences.h"

#include "qinba/core/atomic_file.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace qinba {

namespace {

using nlohmann::json;

template <typename T>
std::optional<Error> readField(const json& j, const char* name, T& out, T lo, T hi, const std::string& file) {
    if (!j.contains(name)) return std::nullopt;
    const json& v = j.at(name);
    if constexpr (std::is_same_v<T, bool>) {
        if (!v.is_boolean()) return Error{file, name, "expected true or false"};
        out = v.get<bool>();
    } else {
        if (!v.is_number()) return Error{file, name, "expected a number"};
        const auto value = v.get<double>();
        if (value < static_cast<double>(lo) || value > static_cast<double>(hi))
            return Error{file, name,
                         "expected a value from " + json(lo).dump() + " to " + json(hi).dump() + ", got " +
                             v.dump()};
        out = static_cast<T>(value);
    }
    return std::nullopt;
}

} // namespace

std::filesystem::path preferencesPath() {
    namespace fs = std::filesystem;
    if (const char* dir = std::getenv("QINBA_CONFIG_DIR"); dir && *dir)
        return fs::path(dir) / "preferences.json";
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return fs::path(xdg) / "qinba-atlas" / "preferences.json";
    const char* home = std::getenv("HOME");
    return fs::path(home ? home : ".") / ".config" / "qinba-atlas" / "preferences.json";
}

Result<Preferences> loadPreferences(const std::filesystem::path& path) {
    Preferences p;
    if (!std::filesystem::exists(path)) return p;
    auto text = readFile(path.string());
    if (!text) return text.error();
    const json j = json::parse(*text, nullptr, false);
    const std::string file = path.string();
    if (j.is_discarded() || !j.is_object()) return Error{file, "", "not a JSON object"};
    std::optional<Error> e;
    if ((e = readField(j, "uiScale", p.uiScale, 0.5, 4.0, file))) return *e;
    if ((e = readField(j, "windowWidth", p.windowWidth, 320, 16384, file))) return *e;
    if ((e = readField(j, "windowHeight", p.windowHeight, 240, 16384, file))) return *e;
    if ((e = readField(j, "msaaSamples", p.msaaSamples, 0, 16, file))) return *e;
    if ((e = readField(j, "vsync", p.vsync, false, true, file))) return *e;
    if ((e = readField(j, "terrainTriangles", p.terrainTriangles, 2000, 50000000, file))) return *e;
    if ((e = readField(j, "showViewPanel", p.showViewPanel, false, true, file))) return *e;
    if ((e = readField(j, "showLegend", p.showLegend, false, true, file))) return *e;
    if ((e = readField(j, "showStatusBar", p.showStatusBar, false, true, file))) return *e;
    if ((e = readField(j, "showStagesPanel", p.showStagesPanel, false, true, file))) return *e;
    if ((e = readField(j, "showLayersPanel", p.showLayersPanel, false, true, file))) return *e;
    if ((e = readField(j, "showZoningPanel", p.showZoningPanel, false, true, file))) return *e;
    if ((e = readField(j, "showTourPanel", p.showTourPanel, false, true, file))) return *e;
    if ((e = readField(j, "showRecordPanel", p.showRecordPanel, false, true, file))) return *e;
    if ((e = readField(j, "showScaleBar", p.showScaleBar, false, true, file))) return *e;
    if ((e = readField(j, "showNorthArrow", p.showNorthArrow, false, true, file))) return *e;
    if ((e = readField(j, "labelLanguage", p.labelLanguage, 0, 2, file))) return *e;
    if ((e = readField(j, "lodMode", p.lodMode, 0, 2, file))) return *e;
    if ((e = readField(j, "maxScreenErrorPx", p.maxScreenErrorPx, 0.25, 64.0, file))) return *e;
    if ((e = readField(j, "tileCacheMb", p.tileCacheMb, 1.0, 1.0e6, file))) return *e;
    if ((e = readField(j, "gpuTileCacheMb", p.gpuTileCacheMb, 1.0, 1.0e6, file))) return *e;
    if ((e = readField(j, "showPerformanceHud", p.showPerformanceHud, false, true, file))) return *e;
    return p;
}

Status savePreferences(const std::filesystem::path& path, const Preferences& p) {
    const json j = {{"uiScale", p.uiScale},
                    {"windowWidth", p.windowWidth},
                    {"windowHeight", p.windowHeight},
                    {"msaaSamples", p.msaaSamples},
                    {"vsync", p.vsync},
                    {"terrainTriangles", p.terrainTriangles},
                    {"showViewPanel", p.showViewPanel},
                    {"showLegend", p.showLegend},
                    {"showStatusBar", p.showStatusBar},
                    {"showStagesPanel", p.showStagesPanel},
                    {"showLayersPanel", p.showLayersPanel},
                    {"showZoningPanel", p.showZoningPanel},
                    {"showTourPanel", p.showTourPanel},
                    {"showRecordPanel", p.showRecordPanel},
                    {"showScaleBar", p.showScaleBar},
                    {"showNorthArrow", p.showNorthArrow},
                    {"labelLanguage", p.labelLanguage},
                    {"lodMode", p.lodMode},
                    {"maxScreenErrorPx", p.maxScreenErrorPx},
                    {"tileCacheMb", p.tileCacheMb},
                    {"gpuTileCacheMb", p.gpuTileCacheMb},
                    {"showPerformanceHud", p.showPerformanceHud}};
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return Error{path.string(), "", "cannot create its folder: " + ec.message()};
    return writeFileAtomically(path.string(), j.dump(2) + "\n");
}

} // namespace qinba
