#include "qinba/core/scene_settings.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/color_ramp.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

namespace qinba {

namespace {

using nlohmann::json;

/// Reads `j[opt.key]` into `out` when present, checked against the option's range.
template <typename T>
Status readNumber(const json& j, const NumberOption& opt, T& out, const std::string& file,
                  const std::string& section) {
    if (!j.contains(opt.key)) return okStatus();
    const json& v = j.at(opt.key);
    const std::string field = section + opt.key;
    if (!v.is_number()) return Error{file, field, formatText(_("expected a number {}"), opt.rangeText())};
    const double value = v.get<double>();
    if (!std::isfinite(value) || !opt.contains(value) || (opt.integer && value != std::floor(value)))
        return Error{file, field, formatText(_("expected a number {}, got {}"), opt.rangeText(), v.dump())};
    out = static_cast<T>(value);
    return okStatus();
}

Status readBool(const json& j, const char* key, bool& out, const std::string& file,
                const std::string& section) {
    if (!j.contains(key)) return okStatus();
    if (!j.at(key).is_boolean()) return Error{file, section + key, _("expected true or false")};
    out = j.at(key).get<bool>();
    return okStatus();
}

/// Unknown keys are errors, so that a misspelt field is not silently ignored.
Status checkKeys(const json& j, std::initializer_list<const char*> allowed, const std::string& file,
                 const std::string& section) {
    for (const auto& item : j.items())
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return item.key() == a; })) {
            std::string names;
            for (const char* a : allowed)
                names += (names.empty() ? "" : ", ") + std::string(a);
            return Error{file, section + item.key(),
                         formatText(_("unknown field; expected one of {}"), names)};
        }
    return okStatus();
}

Status objectAt(const json& j, const char* key, const std::string& file) {
    if (j.contains(key) && !j.at(key).is_object()) return Error{file, key, _("expected an object")};
    return okStatus();
}

const char* languageName(LabelLanguage l) {
    return l == LabelLanguage::English ? "en" : l == LabelLanguage::Both ? "both" : "zh";
}

Status readStyle(const json& j, TerrainStyle& s, const std::string& file) {
    const std::string at = "style.";
    if (auto st = checkKeys(
            j, {"exaggeration", "ramp", "sunAzimuth", "sunAltitude", "haze", "ambient", "sky"}, file, at);
        !st)
        return st;
    for (const Status& st :
         {readNumber(j, options::exaggeration, s.exaggeration, file, at),
          readNumber(j, options::sunAzimuth, s.sunAzimuth, file, at),
          readNumber(j, options::sunAltitude, s.sunAltitude, file, at),
          readNumber(j, options::haze, s.haze, file, at),
          readNumber(j, options::ambient, s.ambient, file, at), readBool(j, "sky", s.sky, file, at)})
        if (!st) return st;
    if (j.contains("ramp")) {
        if (!j.at("ramp").is_string() || !findRamp(j.at("ramp").get<std::string>())) {
            std::string ids;
            for (const ColorRamp& r : builtinRamps())
                ids += (ids.empty() ? "" : ", ") + r.id;
            return Error{file, "style.ramp",
                         formatText(_("expected one of {}, got {}"), ids, j.at("ramp").dump())};
        }
        s.rampId = j.at("ramp").get<std::string>();
    }
    return okStatus();
}

Status readLayers(const json& j, std::vector<LayerSetting>& out, const std::string& file) {
    if (!j.is_array())
        return Error{file, "layers", _("expected an array of {\"id\", \"visible\", \"opacity\"}")};
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = "layers[" + std::to_string(i) + "].";
        const json& l = j[i];
        if (!l.is_object() || !l.contains("id") || !l.at("id").is_string() ||
            l.at("id").get<std::string>().empty())
            return Error{file, at + "id", _("expected an object with a non-empty \"id\"")};
        if (auto st = checkKeys(l, {"id", "visible", "opacity"}, file, at); !st) return st;
        LayerSetting s;
        s.id = l.at("id").get<std::string>();
        if (auto st = readBool(l, "visible", s.visible, file, at); !st) return st;
        if (l.contains("opacity")) {
            const json& o = l.at("opacity");
            if (!o.is_number() || o.get<double>() < 0.0 || o.get<double>() > 1.0)
                return Error{file, at + "opacity", _("expected a number from 0 to 1")};
            s.opacity = o.get<double>();
        }
        if (std::any_of(out.begin(), out.end(), [&](const LayerSetting& x) { return x.id == s.id; }))
            return Error{file, at + "id", formatText(_("the layer '{}' is listed twice"), s.id)};
        out.push_back(std::move(s));
    }
    return okStatus();
}

} // namespace

double SceneSettings::textScaleFor(int height) const {
    return textScale * std::max(1.0, height / 1080.0);
}

Result<SceneSettings> parseSceneSettings(const std::string& text, const std::string& file) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{file, "", _("not a JSON object")};
    SceneSettings s;
    if (j.contains("version")) {
        const json& v = j.at("version");
        if (!v.is_number_integer() || v.get<int>() < 1)
            return Error{file, "version", _("expected a whole number from 1")};
        if (v.get<int>() > SceneSettings::kFormatVersion)
            return Error{file, "version",
                         formatText(_("this file is version {}; this Qinba Atlas reads up to version {}"),
                                    v.dump(), SceneSettings::kFormatVersion)};
    }
    if (auto st = checkKeys(j,
                            {"version", "style", "labels", "textScale", "layers", "zoning", "decorations",
                             "compare", "terrainSources"},
                            file, "");
        !st)
        return st.error();
    for (const char* key : {"style", "zoning", "decorations", "compare"})
        if (auto st = objectAt(j, key, file); !st) return st.error();
    if (j.contains("style"))
        if (auto st = readStyle(j.at("style"), s.style, file); !st) return st.error();
    if (j.contains("labels")) {
        const json& l = j.at("labels");
        const std::string v = l.is_string() ? l.get<std::string>() : std::string();
        if (v == "zh")
            s.labels = LabelLanguage::Chinese;
        else if (v == "en")
            s.labels = LabelLanguage::English;
        else if (v == "both")
            s.labels = LabelLanguage::Both;
        else
            return Error{file, "labels",
                         formatText(_("expected \"zh\", \"en\" or \"both\", got {}"), l.dump())};
    }
    if (auto st = readNumber(j, options::textScale, s.textScale, file, ""); !st) return st.error();
    if (j.contains("layers"))
        if (auto st = readLayers(j.at("layers"), s.layers, file); !st) return st.error();
    if (j.contains("zoning")) {
        const json& z = j.at("zoning");
        if (auto st = checkKeys(z, {"show", "parameters"}, file, "zoning."); !st) return st.error();
        if (auto st = readBool(z, "show", s.zoning, file, "zoning."); !st) return st.error();
        if (z.contains("parameters")) {
            const json& p = z.at("parameters");
            if (!p.is_object()) return Error{file, "zoning.parameters", _("expected an object")};
            for (const auto& [name, value] : p.items()) {
                if (!value.is_number())
                    return Error{file, "zoning.parameters." + name, _("expected a number")};
                if (auto st = setZoningParameter(s.zoningParameters, name, value.get<double>()); !st)
                    return Error{file, "zoning.parameters." + name, st.error().message};
            }
        }
    }
    if (j.contains("decorations")) {
        const json& d = j.at("decorations");
        if (auto st = checkKeys(d, {"legend", "scaleBar", "northArrow", "captions", "title", "credits"}, file,
                                "decorations.");
            !st)
            return st.error();
        SceneDecorations& o = s.decorations;
        const std::string at = "decorations.";
        for (const Status& st :
             {readBool(d, "legend", o.legend, file, at), readBool(d, "scaleBar", o.scaleBar, file, at),
              readBool(d, "northArrow", o.northArrow, file, at),
              readBool(d, "captions", o.captions, file, at), readBool(d, "title", o.title, file, at),
              readBool(d, "credits", o.credits, file, at)})
            if (!st) return st.error();
    }
    if (j.contains("compare")) {
        const json& c = j.at("compare");
        if (auto st = checkKeys(c, {"on", "stage"}, file, "compare."); !st) return st.error();
        if (auto st = readBool(c, "on", s.compare, file, "compare."); !st) return st.error();
        if (c.contains("stage")) {
            if (!c.at("stage").is_number_integer() || c.at("stage").get<long>() < 1)
                return Error{file, "compare.stage", _("expected a stage number from 1")};
            s.compareStage = static_cast<std::size_t>(c.at("stage").get<long>() - 1);
        }
    }
    if (j.contains("terrainSources")) {
        const json& t = j.at("terrainSources");
        if (!t.is_array())
            return Error{file, "terrainSources", _("expected a list of DEM files, finest first")};
        for (const json& e : t) {
            if (!e.is_string() || e.get<std::string>().empty())
                return Error{file, "terrainSources",
                             formatText(_("expected a DEM file name or \"embedded\", got {}"), e.dump())};
            s.terrainSources.push_back(e.get<std::string>());
        }
    }
    return s;
}

Result<SceneSettings> loadSceneSettings(const std::string& path) {
    auto text = readFile(path);
    if (!text) return text.error();
    return parseSceneSettings(*text, path);
}

std::string formatSceneSettings(const SceneSettings& s) {
    json layers = json::array();
    for (const LayerSetting& l : s.layers)
        layers.push_back({{"id", l.id}, {"visible", l.visible}, {"opacity", l.opacity}});
    json params = json::object();
    for (const ZoningParameterInfo& info : zoningParameterTable())
        params[info.name] = s.zoningParameters.*info.member;
    const SceneDecorations& d = s.decorations;
    json j = {{"version", SceneSettings::kFormatVersion},
                    {"style",
                     {{"exaggeration", s.style.exaggeration},
                      {"ramp", s.style.rampId},
                      {"sunAzimuth", s.style.sunAzimuth},
                      {"sunAltitude", s.style.sunAltitude},
                      {"haze", s.style.haze},
                      {"ambient", s.style.ambient},
                      {"sky", s.style.sky}}},
                    {"labels", languageName(s.labels)},
                    {"textScale", s.textScale},
                    {"layers", layers},
                    {"zoning", {{"show", s.zoning}, {"parameters", params}}},
                    {"decorations",
                     {{"legend", d.legend},
                      {"scaleBar", d.scaleBar},
                      {"northArrow", d.northArrow},
                      {"captions", d.captions},
                      {"title", d.title},
                      {"credits", d.credits}}},
                    {"compare", {{"on", s.compare}, {"stage", s.compareStage + 1}}}};
    if (!s.terrainSources.empty()) j["terrainSources"] = s.terrainSources;
    return j.dump(2) + "\n";
}

Status saveSceneSettings(const std::string& path, const SceneSettings& settings) {
    return writeFileAtomically(path, formatSceneSettings(settings));
}

bool applyLayerSettings(std::vector<Layer>& layers, const SceneSettings& settings) {
    bool changed = false;
    for (Layer& l : layers) {
        const auto it = std::find_if(settings.layers.begin(), settings.layers.end(),
                                     [&](const LayerSetting& s) { return s.id == l.options.id; });
        bool visible = it != settings.layers.end() ? it->visible : l.options.visible;
        if (l.options.id == "zoning") visible = settings.zoning;
        const float opacity =
            it != settings.layers.end() ? static_cast<float>(it->opacity) : l.options.style.opacity;
        changed |= visible != l.options.visible || opacity != l.options.style.opacity;
        l.options.visible = visible;
        l.options.style.opacity = opacity;
    }
    // The listed layers take the places listed layers hold, in the listed order; the others stay put.
    const auto rank = [&](const Layer& l) -> std::optional<std::size_t> {
        const auto it = std::find_if(settings.layers.begin(), settings.layers.end(),
                                     [&](const LayerSetting& s) { return s.id == l.options.id; });
        if (it == settings.layers.end()) return std::nullopt;
        return static_cast<std::size_t>(it - settings.layers.begin());
    };
    // Indices are sorted, not layers: layers hold their data, and this runs whenever the scene is set.
    std::vector<std::size_t> slots;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (rank(layers[i])) slots.push_back(i);
    std::vector<std::size_t> order = slots;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return *rank(layers[a]) < *rank(layers[b]); });
    if (order != slots) {
        std::vector<Layer> moved;
        moved.reserve(order.size());
        for (const std::size_t i : order)
            moved.push_back(std::move(layers[i]));
        for (std::size_t k = 0; k < slots.size(); ++k)
            layers[slots[k]] = std::move(moved[k]);
        changed = true;
    }
    return changed;
}

std::vector<LayerSetting> captureLayerSettings(const std::vector<Layer>& layers) {
    std::vector<LayerSetting> out;
    out.reserve(layers.size());
    for (const Layer& l : layers)
        out.push_back({l.options.id, l.options.visible, l.options.style.opacity});
    return out;
}

} // namespace qinba
