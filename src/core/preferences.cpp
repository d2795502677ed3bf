#include "qinba/core/preferences.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace qinba {

namespace {

using nlohmann::json;

std::optional<Error> readBool(const json& j, const char* name, bool& out, const std::string& file) {
    if (!j.contains(name)) return std::nullopt;
    if (!j.at(name).is_boolean()) return Error{file, name, _("expected true or false")};
    out = j.at(name).get<bool>();
    return std::nullopt;
}

template <typename T>
std::optional<Error> readNumber(const json& j, const NumberOption& opt, T& out, const std::string& file) {
    if (!j.contains(opt.key)) return std::nullopt;
    const json& v = j.at(opt.key);
    if (!v.is_number()) return Error{file, opt.key, formatText(_("expected a number {}"), opt.rangeText())};
    const auto value = v.get<double>();
    if (!opt.contains(value))
        return Error{file, opt.key, formatText(_("expected a value {}, got {}"), opt.rangeText(), v.dump())};
    out = static_cast<T>(value);
    return std::nullopt;
}

std::optional<Error> readChoice(const json& j, const char* name, int& out, int hi, const std::string& file) {
    if (!j.contains(name)) return std::nullopt;
    const json& v = j.at(name);
    if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > hi)
        return Error{file, name, formatText(_("expected a whole number from 0 to {}"), hi)};
    out = v.get<int>();
    return std::nullopt;
}

std::optional<Error> readLanguage(const json& j, std::string& out, const std::string& file) {
    if (!j.contains("language")) return std::nullopt;
    const json& v = j.at("language");
    std::string codes;
    for (const i18n::Language& l : i18n::availableLanguages())
        codes += ", \"" + l.code + "\"";
    if (v.is_string()) {
        const std::string code = v.get<std::string>();
        bool known = code.empty();
        for (const i18n::Language& l : i18n::availableLanguages())
            known |= l.code == code;
        if (known) return (out = code), std::nullopt;
    }
    return Error{file, "language", "expected \"\" (follow the system)" + codes + ", got " + v.dump()};
}

/// Files from before "view" kept these at the top level; they are still read.
std::optional<Error> readOldViewFields(const json& j, SceneSettings& view, const std::string& file) {
    std::optional<Error> e;
    int language = static_cast<int>(view.labels);
    if ((e = readChoice(j, "labelLanguage", language, 2, file))) return e;
    view.labels = static_cast<LabelLanguage>(language);
    if ((e = readBool(j, "showLegend", view.decorations.legend, file))) return e;
    if ((e = readBool(j, "showScaleBar", view.decorations.scaleBar, file))) return e;
    if ((e = readBool(j, "showNorthArrow", view.decorations.northArrow, file))) return e;
    return std::nullopt;
}

std::optional<Error> readStrings(const json& j, const char* name, std::vector<std::string>& out,
                                 const std::string& file) {
    if (!j.contains(name)) return std::nullopt;
    const json& v = j.at(name);
    if (!v.is_array()) return Error{file, name, "expected a list of paths"};
    out.clear();
    for (const json& e : v)
        if (e.is_string() && out.size() < Preferences::kMaxRecent) out.push_back(e.get<std::string>());
    return std::nullopt;
}

void putFirst(std::vector<std::string>& list, const std::string& item) {
    list.erase(std::remove(list.begin(), list.end(), item), list.end());
    list.insert(list.begin(), item);
    if (list.size() > Preferences::kMaxRecent) list.resize(Preferences::kMaxRecent);
}

} // namespace

void rememberFile(Preferences& prefs, const std::string& path) {
    if (path.empty()) return;
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(std::filesystem::path(path), ec);
    const std::string full = ec ? path : absolute.lexically_normal().string();
    putFirst(prefs.recentFiles, full);
    const std::string folder = std::filesystem::path(full).parent_path().string();
    if (!folder.empty()) putFirst(prefs.recentFolders, folder);
}

void forgetFile(Preferences& prefs, const std::string& path) {
    auto& l = prefs.recentFiles;
    l.erase(std::remove(l.begin(), l.end(), path), l.end());
}

SceneSettings Preferences::defaultViewerScene() {
    SceneSettings s;
    s.decorations.legend = s.decorations.scaleBar = s.decorations.northArrow = true;
    return s;
}

void keepInPreferences(const SceneSettings& scene, Preferences& prefs) {
    prefs.view.style = scene.style;
    prefs.view.labels = scene.labels;
    prefs.view.textScale = scene.textScale;
    prefs.view.decorations = scene.decorations;
}

std::filesystem::path preferencesPath() {
    return userConfigDir() / "preferences.json";
}

Result<Preferences> loadPreferences(const std::filesystem::path& path) {
    Preferences p;
    if (!std::filesystem::exists(path)) return p;
    auto text = readFile(path.string());
    if (!text) return text.error();
    const json j = json::parse(*text, nullptr, false);
    const std::string file = path.string();
    if (j.is_discarded() || !j.is_object()) return Error{file, "", _("not a JSON object")};
    std::optional<Error> e;
    if ((e = readNumber(j, options::uiScale, p.uiScale, file))) return *e;
    if ((e = readNumber(j, options::windowWidth, p.windowWidth, file))) return *e;
    if ((e = readNumber(j, options::windowHeight, p.windowHeight, file))) return *e;
    if ((e = readNumber(j, options::msaaSamples, p.msaaSamples, file))) return *e;
    if ((e = readBool(j, "vsync", p.vsync, file))) return *e;
    if ((e = readNumber(j, options::terrainTriangles, p.terrainTriangles, file))) return *e;
    if ((e = readBool(j, "showViewPanel", p.showViewPanel, file))) return *e;
    if ((e = readBool(j, "showStatusBar", p.showStatusBar, file))) return *e;
    if ((e = readBool(j, "showStagesPanel", p.showStagesPanel, file))) return *e;
    if ((e = readBool(j, "showLayersPanel", p.showLayersPanel, file))) return *e;
    if ((e = readBool(j, "showZoningPanel", p.showZoningPanel, file))) return *e;
    if ((e = readBool(j, "showTourPanel", p.showTourPanel, file))) return *e;
    if ((e = readBool(j, "showRecordPanel", p.showRecordPanel, file))) return *e;
    if ((e = readChoice(j, "lodMode", p.lodMode, 2, file))) return *e;
    if ((e = readNumber(j, options::maxScreenErrorPx, p.maxScreenErrorPx, file))) return *e;
    if ((e = readNumber(j, options::tileCacheMb, p.tileCacheMb, file))) return *e;
    if ((e = readNumber(j, options::gpuTileCacheMb, p.gpuTileCacheMb, file))) return *e;
    if ((e = readBool(j, "showPerformanceHud", p.showPerformanceHud, file))) return *e;
    if ((e = readStrings(j, "recentFiles", p.recentFiles, file))) return *e;
    if ((e = readStrings(j, "recentFolders", p.recentFolders, file))) return *e;
    if ((e = readLanguage(j, p.language, file))) return *e;
    if ((e = readOldViewFields(j, p.view, file))) return *e;
    if (j.contains("view")) {
        auto view = parseSceneSettings(j.at("view").dump(), file);
        if (!view) return Error{file, "view." + view.error().field, view.error().message};
        keepInPreferences(*view, p);
    }
    return p;
}

Status savePreferences(const std::filesystem::path& path, const Preferences& p) {
    json view = json::parse(formatSceneSettings(p.view));
    for (const char* documentBound : {"layers", "zoning", "compare"})
        view.erase(documentBound);
    const json j = {{options::uiScale.key, p.uiScale},
                    {options::windowWidth.key, p.windowWidth},
                    {options::windowHeight.key, p.windowHeight},
                    {options::msaaSamples.key, p.msaaSamples},
                    {"vsync", p.vsync},
                    {options::terrainTriangles.key, p.terrainTriangles},
                    {"showViewPanel", p.showViewPanel},
                    {"showStatusBar", p.showStatusBar},
                    {"showStagesPanel", p.showStagesPanel},
                    {"showLayersPanel", p.showLayersPanel},
                    {"showZoningPanel", p.showZoningPanel},
                    {"showTourPanel", p.showTourPanel},
                    {"showRecordPanel", p.showRecordPanel},
                    {"lodMode", p.lodMode},
                    {options::maxScreenErrorPx.key, p.maxScreenErrorPx},
                    {options::tileCacheMb.key, p.tileCacheMb},
                    {options::gpuTileCacheMb.key, p.gpuTileCacheMb},
                    {"showPerformanceHud", p.showPerformanceHud},
                    {"recentFiles", p.recentFiles},
                    {"recentFolders", p.recentFolders},
                    {"language", p.language},
                    {"view", view}};
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return Error{path.string(), "", formatText(_("cannot create its folder: {}"), ec.message())};
    return writeFileAtomically(path.string(), j.dump(2) + "\n");
}

} // namespace qinba
