// Scenario JSON: parsing with every structural problem collected, loading, checking and canonical saving.
// The semantic rules (references, duplicates, ranges) are in scenario_validation.cpp.

#include "qinba/core/scenario_io.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cmath>
#include <glm/glm.hpp>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace qinba {

namespace {

using nlohmann::json;

std::string pointer(const std::string& base, std::string_view key) {
    std::string out = base + "/";
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string pointer(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

/// "a string", "a number (12)"...: what was found instead, for messages.
std::string describe(const json& v) {
    std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 40) text.replace(37, std::string::npos, "...");
    const std::string type = v.type_name();
    const char* kind = type == "array"     ? _("an array")
                       : type == "object"  ? _("an object")
                       : type == "string"  ? _("a string")
                       : type == "boolean" ? _("a boolean")
                       : type == "number"  ? _("a number")
                                           : type.c_str();
    if (v.is_structured()) return kind;
    if (v.is_null()) return "null";
    // TRANSLATORS: {0} is a kind of JSON value ("a string"), {1} the value as written in the file.
    return formatText(_("{} ({})"), kind, text);
}

std::string joined(std::initializer_list<std::string_view> names) {
    std::string out;
    for (const std::string_view n : names)
        out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

/// Reads one JSON document into a Scenario, recording every problem instead of stopping at the first.
class Reader {
  public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    std::vector<Error> errors;

    void fail(std::string field, std::string message) {
        errors.push_back(Error{file_, std::move(field), std::move(message)});
    }

    /// True when `v` is an object; reports fields outside `known` (a typo would otherwise be lost).
    bool object(const json& v, const std::string& path, const char* what,
                std::initializer_list<std::string_view> known) {
        if (!v.is_object()) {
            fail(path, formatText(_("expected {} (a JSON object), got {}"), _(what), describe(v)));
            return false;
        }
        for (const auto& [key, value] : v.items())
            if (std::find(known.begin(), known.end(), key) == known.end())
                fail(pointer(path, key),
                     formatText(_("unknown field '{}' (expected: {})"), key, joined(known)));
        return true;
    }

    /// The member `key` of an object, or nullptr (reported when required) when it is absent.
    const json* member(const json& obj, const std::string& path, const char* key, bool required,
                       const char* expected) {
        const auto it = obj.find(key);
        if (it != obj.end()) return &*it;
        if (required) fail(pointer(path, key), formatText(_("missing required field ({})"), _(expected)));
        return nullptr;
    }

    void text(const json& obj, const std::string& path, const char* key, std::string& out, bool required) {
        const json* v = member(obj, path, key, required, N_("a string"));
        if (!v) return;
        if (v->is_string())
            out = v->get<std::string>();
        else
            fail(pointer(path, key), formatText(_("expected a string, got {}"), describe(*v)));
    }

    void number(const json& obj, const std::string& path, const char* key, double& out, bool required) {
        const json* v = member(obj, path, key, required, N_("a number"));
        if (!v) return;
        if (v->is_number())
            out = v->get<double>();
        else
            fail(pointer(path, key), formatText(_("expected a number, got {}"), describe(*v)));
    }

    bool integer(const json& obj, const std::string& path, const char* key, int& out, bool required) {
        const json* v = member(obj, path, key, required, N_("a whole number"));
        if (!v) return false;
        const bool whole = v->is_number_integer() || v->is_number_unsigned();
        if (whole && v->get<double>() >= -1e9 && v->get<double>() <= 1e9) {
            out = static_cast<int>(v->get<std::int64_t>());
            return true;
        }
        fail(pointer(path, key), formatText(_("expected a whole number, got {}"), describe(*v)));
        return false;
    }

    void boolean(const json& obj, const std::string& path, const char* key, bool& out) {
        const json* v = member(obj, path, key, false, N_("true or false"));
        if (!v) return;
        if (v->is_boolean())
            out = v->get<bool>();
        else
            fail(pointer(path, key), formatText(_("expected true or false, got {}"), describe(*v)));
    }

    void textList(const json& obj, const std::string& path, const char* key, std::vector<std::string>& out,
                  bool required) {
        const json* v = member(obj, path, key, required, N_("an array of strings"));
        if (!v) return;
        const std::string at = pointer(path, key);
        if (!v->is_array())
            return fail(at, formatText(_("expected an array of strings, got {}"), describe(*v)));
        for (std::size_t i = 0; i < v->size(); ++i) {
            if ((*v)[i].is_string())
                out.push_back((*v)[i].get<std::string>());
            else
                fail(pointer(at, i), formatText(_("expected a string, got {}"), describe((*v)[i])));
        }
    }

    void geoPoint(const json& v, const std::string& path, GeoPoint& out) {
        if (!object(v, path, N_("a location {\"lon\", \"lat\"} in degrees"), {"lon", "lat"})) return;
        number(v, path, "lon", out.lon, true);
        number(v, path, "lat", out.lat, true);
    }

    template <typename E>
    void enumeration(const json& obj, const std::string& path, const char* key, E& out,
                     std::optional<E> (*fromString)(std::string_view), const char* kind,
                     const char* allowed) {
        const json* v = member(obj, path, key, true, allowed);
        if (!v) return;
        const std::string at = pointer(path, key);
        if (!v->is_string())
            return fail(at, formatText(_("expected a {} ({}), got {}"), _(kind), allowed, describe(*v)));
        const auto e = fromString(v->get_ref<const std::string&>());
        if (e)
            out = *e;
        else
            fail(at, formatText(_("unknown {} '{}' (expected {})"), _(kind), v->get<std::string>(), allowed));
    }

    /// Calls `each(element, path)` for every element of the array `key`; absent optional arrays are empty.
    template <typename F>
    void array(const json& obj, const std::string& path, const char* key, bool required, F&& each) {
        const json* v = member(obj, path, key, required, N_("an array"));
        if (!v) return;
        const std::string at = pointer(path, key);
        if (!v->is_array()) return fail(at, formatText(_("expected an array, got {}"), describe(*v)));
        for (std::size_t i = 0; i < v->size(); ++i)
            each((*v)[i], pointer(at, i));
    }

  private:
    std::string file_;
};

void readPlace(Reader& r, const json& v, const std::string& at, Place& p) {
    if (!r.object(v, at, N_("a place"),
                  {"id", "nameEn", "nameZh", "location", "role", "rank", "province", "source"}))
        return;
    r.text(v, at, "id", p.id, true);
    r.text(v, at, "nameEn", p.nameEn, true);
    r.text(v, at, "nameZh", p.nameZh, true);
    if (const json* loc = r.member(v, at, "location", true, N_("{\"lon\", \"lat\"} in degrees")))
        r.geoPoint(*loc, pointer(at, "location"), p.location);
    r.enumeration(v, at, "role", p.role, placeRoleFromString, N_("role"),
                  "central, city_area, near_mountain, mountain_city or county_town");
    r.integer(v, at, "rank", p.rank, false);
    r.text(v, at, "province", p.province, false);
    r.text(v, at, "source", p.source, false);
}

void readAgglomeration(Reader& r, const json& v, const std::string& at, Agglomeration& a) {
    if (!r.object(v, at, N_("an agglomeration"), {"id", "nameEn", "nameZh", "places"})) return;
    r.text(v, at, "id", a.id, true);
    r.text(v, at, "nameEn", a.nameEn, true);
    r.text(v, at, "nameZh", a.nameZh, true);
    r.textList(v, at, "places", a.places, true);
}

void readCorridor(Reader& r, const json& v, const std::string& at, Corridor& c) {
    if (!r.object(v, at, N_("a corridor"),
                  {"id", "from", "to", "mode", "capacity", "capacityUnit", "waypoints"}))
        return;
    r.text(v, at, "id", c.id, true);
    r.text(v, at, "from", c.from, true);
    r.text(v, at, "to", c.to, true);
    r.enumeration(v, at, "mode", c.mode, corridorModeFromString, N_("mode"), "rail, road or air_data");
    r.number(v, at, "capacity", c.capacity, false);
    r.text(v, at, "capacityUnit", c.capacityUnit, false);
    r.array(v, at, "waypoints", false,
            [&](const json& w, const std::string& wAt) { r.geoPoint(w, wAt, c.waypoints.emplace_back()); });
}

void readFlow(Reader& r, const json& v, const std::string& at, Flow& f) {
    if (!r.object(v, at, N_("a flow"),
                  {"id", "corridor", "reverse", "type", "unit", "indicative", "volumes"}))
        return;
    r.text(v, at, "id", f.id, true);
    r.text(v, at, "corridor", f.corridor, true);
    r.boolean(v, at, "reverse", f.reverse);
    r.enumeration(v, at, "type", f.type, flowTypeFromString, N_("flow type"), "people, goods or information");
    r.text(v, at, "unit", f.unit, true);
    r.boolean(v, at, "indicative", f.indicative);
    const json* vols = r.member(v, at, "volumes", true, N_("an object of volumes by stage id or year"));
    if (!vols) return;
    const std::string vAt = pointer(at, "volumes");
    if (!vols->is_object())
        return r.fail(
            vAt, formatText(_("expected an object of volumes by stage id or year, got {}"), describe(*vols)));
    for (const auto& [key, value] : vols->items()) {
        if (value.is_number())
            f.volumes[key] = value.get<double>();
        else
            r.fail(pointer(vAt, key), formatText(_("expected a number, got {}"), describe(value)));
    }
}

void readStoryline(Reader& r, const json& v, const std::string& at, Storyline& s) {
    if (!r.object(v, at, N_("a storyline"), {"id", "titleEn", "titleZh", "descriptionEn"})) return;
    r.text(v, at, "id", s.id, true);
    r.text(v, at, "titleEn", s.titleEn, true);
    r.text(v, at, "titleZh", s.titleZh, true);
    r.text(v, at, "descriptionEn", s.descriptionEn, false);
}

void readCamera(Reader& r, const json& v, const std::string& at, CameraSpec& c) {
    if (!r.object(v, at, N_("a camera"), {"lon", "lat", "distanceKm", "heading", "pitch"})) return;
    r.number(v, at, "lon", c.target.lon, true);
    r.number(v, at, "lat", c.target.lat, true);
    r.number(v, at, "distanceKm", c.distanceKm, true);
    r.number(v, at, "heading", c.heading, false);
    r.number(v, at, "pitch", c.pitch, false);
}

void readStage(Reader& r, const json& v, const std::string& at, Stage& s) {
    if (!r.object(v, at, N_("a stage"),
                  {"id", "storyline", "year", "titleEn", "titleZh", "captionEn", "captionZh", "corridors",
                   "places", "volumeKey", "highlightLayers", "camera", "duration"}))
        return;
    r.text(v, at, "id", s.id, true);
    r.text(v, at, "storyline", s.storyline, true);
    int year = 0;
    if (r.integer(v, at, "year", year, false)) s.year = year;
    r.text(v, at, "titleEn", s.titleEn, true);
    r.text(v, at, "titleZh", s.titleZh, true);
    r.text(v, at, "captionEn", s.captionEn, true);
    r.text(v, at, "captionZh", s.captionZh, true);
    r.textList(v, at, "corridors", s.corridors, true);
    r.textList(v, at, "places", s.places, false);
    r.text(v, at, "volumeKey", s.volumeKey, false);
    r.textList(v, at, "highlightLayers", s.highlightLayers, false);
    if (const json* cam = r.member(v, at, "camera", false, N_("a camera"))) {
        s.camera = CameraSpec{};
        readCamera(r, *cam, pointer(at, "camera"), *s.camera);
    }
    r.number(v, at, "duration", s.duration, false);
}

void readImport(Reader& r, const json& v, const std::string& at, DataImport& d) {
    if (!r.object(v, at, N_("a data import"), {"file", "importedAt", "rows", "flows"})) return;
    r.text(v, at, "file", d.file, true);
    r.text(v, at, "importedAt", d.importedAt, true);
    r.integer(v, at, "rows", d.rows, true);
    r.textList(v, at, "flows", d.flows, true);
}

void readProvenance(Reader& r, const json& v, const std::string& at, ScenarioProvenance& p) {
    if (!r.object(v, at, N_("the provenance"), {"description", "sources", "indicative", "imports"})) return;
    r.text(v, at, "description", p.description, true);
    r.textList(v, at, "sources", p.sources, false);
    r.boolean(v, at, "indicative", p.indicative);
    r.array(v, at, "imports", false,
            [&](const json& d, const std::string& dAt) { readImport(r, d, dAt, p.imports.emplace_back()); });
}

/// "#rrggbb" or "#rrggbbaa" as straight-alpha RGBA in 0–1.
std::optional<glm::vec4> hexColor(const std::string& text) {
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#') return std::nullopt;
    float c[4] = {0, 0, 0, 1};
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        int v = 0;
        for (std::size_t k = 1 + i; k < 3 + i; ++k) {
            const char ch = text[k];
            const int d = ch >= '0' && ch <= '9'   ? ch - '0'
                          : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                          : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                                   : -1;
            if (d < 0) return std::nullopt;
            v = v * 16 + d;
        }
        c[i / 2] = static_cast<float>(v) / 255.0f;
    }
    return glm::vec4(c[0], c[1], c[2], c[3]);
}

void readColor(Reader& r, const json& obj, const std::string& path, const char* key, glm::vec4& out) {
    std::string text;
    r.text(obj, path, key, text, false);
    if (text.empty()) return;
    if (const auto c = hexColor(text))
        out = *c;
    else
        r.fail(pointer(path, key),
               formatText(_("expected a colour \"#rrggbb\" or \"#rrggbbaa\", got \"{}\""), text));
}

void readLayer(Reader& r, const json& v, const std::string& at, LayerOptions& l) {
    if (!r.object(v, at, N_("a layer"), {"id", "name", "nameZh", "path", "visible", "approximate", "style"}))
        return;
    r.text(v, at, "id", l.id, true);
    r.text(v, at, "name", l.name, true);
    r.text(v, at, "nameZh", l.legendZh, false);
    r.text(v, at, "path", l.path, true);
    r.boolean(v, at, "visible", l.visible);
    r.boolean(v, at, "approximate", l.approximate);
    const json* style = r.member(v, at, "style", false, N_("an object"));
    if (!style) return;
    const std::string sp = pointer(at, "style");
    if (!r.object(
            *style, sp, N_("a layer style"),
            {"fill", "outline", "outlineWidthPx", "pointSizePx", "opacity", "labelField", "labelSizePx"}))
        return;
    LayerStyle& s = l.style;
    readColor(r, *style, sp, "fill", s.fill);
    readColor(r, *style, sp, "outline", s.outline);
    double width = s.outlineWidthPx, size = s.pointSizePx, opacity = s.opacity, label = s.labelSizePx;
    r.number(*style, sp, "outlineWidthPx", width, false);
    r.number(*style, sp, "pointSizePx", size, false);
    r.number(*style, sp, "opacity", opacity, false);
    r.number(*style, sp, "labelSizePx", label, false);
    s.outlineWidthPx = static_cast<float>(width);
    s.pointSizePx = static_cast<float>(size);
    s.opacity = static_cast<float>(opacity);
    s.labelSizePx = static_cast<float>(label);
    r.text(*style, sp, "labelField", s.labelField, false);
}

std::optional<Easing> easingFromString(std::string_view text) {
    for (const Easing e : {Easing::Linear, Easing::EaseInOut, Easing::EaseIn, Easing::EaseOut})
        if (text == toString(e)) return e;
    return std::nullopt;
}

void readViewpoint(Reader& r, const json& v, const std::string& at, Viewpoint& p) {
    if (!r.object(v, at, N_("a viewpoint"), {"id", "name", "camera"})) return;
    r.text(v, at, "id", p.id, true);
    r.text(v, at, "name", p.name, true);
    if (const json* cam = r.member(v, at, "camera", true, N_("a camera")))
        readCamera(r, *cam, pointer(at, "camera"), p.camera);
}

void readKeyframe(Reader& r, const json& v, const std::string& at, TourKeyframe& k) {
    if (!r.object(v, at, N_("a tour keyframe"),
                  {"camera", "duration", "hold", "easing", "stage", "captionEn", "captionZh", "layers"}))
        return;
    if (const json* cam = r.member(v, at, "camera", true, N_("a camera")))
        readCamera(r, *cam, pointer(at, "camera"), k.camera);
    r.number(v, at, "duration", k.duration, false);
    r.number(v, at, "hold", k.hold, false);
    if (v.contains("easing"))
        r.enumeration(v, at, "easing", k.easing, &easingFromString, N_("easing"),
                      "linear, ease_in_out, ease_in, ease_out");
    r.text(v, at, "stage", k.stage, false);
    r.text(v, at, "captionEn", k.captionEn, false);
    r.text(v, at, "captionZh", k.captionZh, false);
    if (const json* layers = r.member(v, at, "layers", false, N_("an object of layer id: true/false"))) {
        const std::string lp = pointer(at, "layers");
        if (!layers->is_object())
            return r.fail(
                lp, formatText(_("expected an object of layer id: true/false, got {}"), describe(*layers)));
        for (const auto& [id, visible] : layers->items()) {
            if (visible.is_boolean())
                k.layers[id] = visible.get<bool>();
            else
                r.fail(pointer(lp, id), formatText(_("expected true or false, got {}"), describe(visible)));
        }
    }
}

void readTour(Reader& r, const json& v, const std::string& at, Tour& t) {
    if (!r.object(v, at, N_("a tour"), {"id", "name", "constantSpeed", "keyframes"})) return;
    r.text(v, at, "id", t.id, true);
    r.text(v, at, "name", t.name, true);
    r.boolean(v, at, "constantSpeed", t.constantSpeed);
    r.array(v, at, "keyframes", true, [&](const json& k, const std::string& kat) {
        readKeyframe(r, k, kat, t.keyframes.emplace_back());
    });
}

/// False when the document could not be read at all (not an object, another schema version).
bool readDocument(Reader& r, const json& doc, Scenario& s) {
    if (!doc.is_object()) {
        r.fail("", formatText(_("expected a scenario (a JSON object with \"schemaVersion\": {}), got {}"),
                              kScenarioSchemaVersion, describe(doc)));
        return false;
    }
    const std::string expected =
        formatText(_("expected {}, the scenario schema version this program reads"), kScenarioSchemaVersion);
    const auto version = doc.find("schemaVersion");
    if (version == doc.end()) {
        r.fail("/schemaVersion", formatText(_("missing required field; {}"), expected));
    } else if (!version->is_number_integer()) {
        r.fail("/schemaVersion", formatText(_("{}, got {}"), expected, describe(*version)));
    } else if (version->get<std::int64_t>() != kScenarioSchemaVersion) {
        // Another version's fields mean other things: reading on would only produce misleading errors.
        const bool newer = version->get<std::int64_t>() > kScenarioSchemaVersion;
        r.fail("/schemaVersion",
               formatText(_("unsupported schema version {}; {}"), version->dump(), expected) +
                   (newer ? _(" (the file comes from a newer Qinba Atlas)") : ""));
        return false;
    }
    r.object(doc, "", N_("a scenario"),
             {"schemaVersion", "id", "titleEn", "titleZh", "provenance", "places", "agglomerations",
              "corridors", "flows", "storylines", "stages", "layers", "viewpoints", "tours", "defaultTour"});
    r.text(doc, "", "id", s.id, true);
    r.text(doc, "", "titleEn", s.titleEn, true);
    r.text(doc, "", "titleZh", s.titleZh, false);
    if (const json* p =
            r.member(doc, "", "provenance", true, N_("an object saying where the data come from")))
        readProvenance(r, *p, "/provenance", s.provenance);
    // Elements that fail to parse still take their slot, so later JSON paths keep their indices.
    r.array(doc, "", "places", true,
            [&](const json& v, const std::string& at) { readPlace(r, v, at, s.places.emplace_back()); });
    r.array(doc, "", "agglomerations", false, [&](const json& v, const std::string& at) {
        readAgglomeration(r, v, at, s.agglomerations.emplace_back());
    });
    r.array(doc, "", "corridors", true, [&](const json& v, const std::string& at) {
        readCorridor(r, v, at, s.corridors.emplace_back());
    });
    r.array(doc, "", "flows", false,
            [&](const json& v, const std::string& at) { readFlow(r, v, at, s.flows.emplace_back()); });
    r.array(doc, "", "storylines", true, [&](const json& v, const std::string& at) {
        readStoryline(r, v, at, s.storylines.emplace_back());
    });
    r.array(doc, "", "stages", true,
            [&](const json& v, const std::string& at) { readStage(r, v, at, s.stages.emplace_back()); });
    r.array(doc, "", "viewpoints", false, [&](const json& v, const std::string& at) {
        readViewpoint(r, v, at, s.viewpoints.emplace_back());
    });
    r.array(doc, "", "tours", false,
            [&](const json& v, const std::string& at) { readTour(r, v, at, s.tours.emplace_back()); });
    r.text(doc, "", "defaultTour", s.defaultTour, false);
    r.array(doc, "", "layers", false,
            [&](const json& v, const std::string& at) { readLayer(r, v, at, s.layers.emplace_back()); });
    return true;
}

/// "line L, column C" (column in characters) of the 1-based byte position `byte`.
std::string lineAndColumn(std::string_view text, std::size_t byte) {
    const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n')
            line += 1, column = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            column += 1;
    }
    return formatText(_("line {}, column {}"), line, column);
}

/// The reason in one of nlohmann's messages, without its "[json.exception...] ... column N: " prefix.
std::string reasonOf(const std::string& what) {
    std::string reason = what;
    if (const auto column = reason.find("column "); column != std::string::npos) {
        if (const auto colon = reason.find(": ", column); colon != std::string::npos)
            reason = reason.substr(colon + 2);
    } else if (const auto bracket = reason.find("] "); bracket != std::string::npos) {
        reason = reason.substr(bracket + 2);
    }
    try {
        (void)json(reason).dump(); // the "last read" excerpt may hold the file's invalid UTF-8
    } catch (const json::exception&) {
        if (const std::size_t cut = reason.find("; last read"); cut != std::string::npos) reason.resize(cut);
    }
    return reason;
}

/// Parses JSON, reporting a syntax error by line and column and keys that appear twice in one object
/// (JSON parsers silently keep only one of them).
std::optional<json> parseJson(std::string_view text, Reader& r) {
    struct Frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::set<std::string> keys;
    };
    std::vector<Frame> stack;
    const auto done = [&] {
        if (!stack.empty() && stack.back().array) stack.back().index += 1;
    };
    const auto callback = [&](int, json::parse_event_t event, json& parsed) {
        switch (event) {
        case json::parse_event_t::object_start:
            stack.push_back({false, 0, {}, {}});
            break;
        case json::parse_event_t::array_start:
            stack.push_back({true, 0, {}, {}});
            break;
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
            stack.pop_back();
            done();
            break;
        case json::parse_event_t::value:
            done();
            break;
        case json::parse_event_t::key: {
            Frame& top = stack.back();
            top.key = parsed.get<std::string>();
            if (!top.keys.insert(top.key).second) {
                std::string at;
                for (std::size_t i = 0; i + 1 < stack.size(); ++i)
                    at = stack[i].array ? pointer(at, stack[i].index) : pointer(at, stack[i].key);
                r.fail(pointer(at, top.key), _("field appears twice in the same object; keep one"));
            }
            break;
        }
        }
        return true;
    };
    try {
        return json::parse(text.begin(), text.end(), callback);
    } catch (const json::parse_error& e) {
        r.fail(lineAndColumn(text, e.byte), formatText(_("not valid JSON: {}"), reasonOf(e.what())));
    } catch (const json::exception& e) {
        // Number overflow has no position; find the number it names.
        std::string where;
        const std::string what = e.what();
        if (const auto q = what.find('\''); q != std::string::npos) {
            const std::string token = what.substr(q + 1, what.find('\'', q + 1) - q - 1);
            if (const auto at = text.find(token); !token.empty() && at != std::string_view::npos)
                where = lineAndColumn(text, at + 1);
        }
        r.fail(where, formatText(_("not valid JSON: {}"), reasonOf(what)));
    }
    return std::nullopt;
}

/// The parsed scenario and every problem: structure first, then the semantic rules. A semantic error at
/// or under a path that already has a structural error only repeats it (an element that is not an object
/// also has no id), so it is left out.
std::pair<Scenario, std::vector<Error>> readScenario(std::string_view text, const std::string& sourceName) {
    Reader r(sourceName);
    Scenario s;
    const auto doc = parseJson(text, r);
    if (!doc) return {std::move(s), std::move(r.errors)};
    if (!readDocument(r, *doc, s)) return {std::move(s), std::move(r.errors)};
    std::vector<Error> all = r.errors;
    for (Error& e : validateScenario(s, sourceName)) {
        const bool repeats = std::any_of(r.errors.begin(), r.errors.end(), [&](const Error& known) {
            return e.field == known.field ||
                   e.field.compare(0, known.field.size() + 1, known.field + "/") == 0;
        });
        if (!repeats) all.push_back(std::move(e));
    }
    return {std::move(s), std::move(all)};
}

} // namespace

std::vector<Error> checkScenarioText(std::string_view json, const std::string& sourceName) {
    return readScenario(json, sourceName).second;
}

std::vector<Error> checkScenarioFile(const std::string& path) {
    auto text = readFile(path);
    if (!text) return {text.error()};
    return checkScenarioText(*text, path);
}

Result<Scenario> parseScenario(std::string_view json, const std::string& sourceName) {
    auto [scenario, errors] = readScenario(json, sourceName);
    if (!errors.empty()) return errors.front();
    // A structured binding is not moved from implicitly on return, so the move is needed.
    // cppcheck-suppress returnStdMoveLocal
    return std::move(scenario);
}

Result<Scenario> loadScenario(const std::string& path) {
    auto text = readFile(path);
    if (!text) return text.error();
    return parseScenario(*text, path);
}

std::optional<PlaceRole> placeRoleFromString(std::string_view text) {
    for (const PlaceRole r : {PlaceRole::Central, PlaceRole::CityArea, PlaceRole::NearMountain,
                              PlaceRole::MountainCity, PlaceRole::CountyTown})
        if (text == toString(r)) return r;
    return std::nullopt;
}

std::optional<CorridorMode> corridorModeFromString(std::string_view text) {
    for (const CorridorMode m : {CorridorMode::Rail, CorridorMode::Road, CorridorMode::AirData})
        if (text == toString(m)) return m;
    return std::nullopt;
}

std::optional<FlowType> flowTypeFromString(std::string_view text) {
    for (const FlowType t : {FlowType::People, FlowType::Goods, FlowType::Information})
        if (text == toString(t)) return t;
    return std::nullopt;
}

} // namespace qinba
