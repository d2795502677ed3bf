// Scenario JSON: the canonical text (stable key order, compact short arrays) and atomic saving.

#include "qinba/core/atomic_file.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace qinba {

namespace {

using ojson = nlohmann::ordered_json;

/// Whole numbers are written without ".0" (a capacity of 120, not 120.0); both read back as the same double.
ojson num(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<std::int64_t>(v);
    return v;
}

/// Single-precision style values written with the digits a float holds (0.9, not 0.8999999761581421); they
/// read back as the same float.
ojson num(float v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.7g", static_cast<double>(v));
    return num(std::strtod(text, nullptr));
}

ojson geo(const GeoPoint& p) {
    return ojson{{"lon", num(p.lon)}, {"lat", num(p.lat)}};
}

std::string hex(glm::vec4 c) {
    char buf[10];
    auto byte = [](float v) { return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b), byte(c.a));
    return buf;
}

ojson layerJson(const LayerOptions& l) {
    const LayerStyle& s = l.style;
    ojson j = {{"id", l.id}, {"name", l.name}};
    if (!l.legendZh.empty()) j["nameZh"] = l.legendZh;
    j["path"] = l.path;
    j["visible"] = l.visible;
    j["approximate"] = l.approximate;
    j["style"] = {{"fill", hex(s.fill)},
                  {"outline", hex(s.outline)},
                  {"outlineWidthPx", num(s.outlineWidthPx)},
                  {"pointSizePx", num(s.pointSizePx)},
                  {"opacity", num(s.opacity)},
                  {"labelField", s.labelField},
                  {"labelSizePx", num(s.labelSizePx)}};
    return j;
}

ojson cameraJson(const CameraSpec& c) {
    return {{"lon", num(c.target.lon)},
            {"lat", num(c.target.lat)},
            {"distanceKm", num(c.distanceKm)},
            {"heading", num(c.heading)},
            {"pitch", num(c.pitch)}};
}

ojson tourJson(const Tour& t) {
    ojson j = {{"id", t.id}, {"name", t.name}};
    if (t.constantSpeed) j["constantSpeed"] = true;
    ojson& keys = j["keyframes"] = ojson::array();
    for (const TourKeyframe& k : t.keyframes) {
        ojson kj = {{"camera", cameraJson(k.camera)}, {"duration", num(k.duration)}};
        if (k.hold != 0.0) kj["hold"] = num(k.hold);
        if (k.easing != Easing::EaseInOut) kj["easing"] = toString(k.easing);
        if (!k.stage.empty()) kj["stage"] = k.stage;
        if (!k.captionEn.empty()) kj["captionEn"] = k.captionEn;
        if (!k.captionZh.empty()) kj["captionZh"] = k.captionZh;
        if (!k.layers.empty()) {
            ojson layers = ojson::object();
            for (const auto& [id, visible] : k.layers)
                layers[id] = visible;
            kj["layers"] = std::move(layers);
        }
        keys.push_back(std::move(kj));
    }
    return j;
}

ojson toJson(const Scenario& s) {
    ojson doc;
    doc["schemaVersion"] = s.schemaVersion;
    doc["id"] = s.id;
    doc["titleEn"] = s.titleEn;
    doc["titleZh"] = s.titleZh;
    ojson& provenance = doc["provenance"] = {{"description", s.provenance.description},
                                             {"sources", s.provenance.sources},
                                             {"indicative", s.provenance.indicative}};
    if (!s.provenance.imports.empty()) {
        ojson& imports = provenance["imports"] = ojson::array();
        for (const DataImport& d : s.provenance.imports)
            imports.push_back(
                {{"file", d.file}, {"importedAt", d.importedAt}, {"rows", d.rows}, {"flows", d.flows}});
    }
    ojson& places = doc["places"] = ojson::array();
    for (const Place& p : s.places)
        places.push_back({{"id", p.id},
                          {"nameEn", p.nameEn},
                          {"nameZh", p.nameZh},
                          {"location", geo(p.location)},
                          {"role", toString(p.role)},
                          {"rank", p.rank},
                          {"province", p.province},
                          {"source", p.source}});
    ojson& aggs = doc["agglomerations"] = ojson::array();
    for (const Agglomeration& a : s.agglomerations)
        aggs.push_back({{"id", a.id}, {"nameEn", a.nameEn}, {"nameZh", a.nameZh}, {"places", a.places}});
    ojson& corridors = doc["corridors"] = ojson::array();
    for (const Corridor& c : s.corridors) {
        ojson j = {{"id", c.id},
                   {"from", c.from},
                   {"to", c.to},
                   {"mode", toString(c.mode)},
                   {"capacity", num(c.capacity)},
                   {"capacityUnit", c.capacityUnit}};
        if (!c.waypoints.empty()) {
            ojson& w = j["waypoints"] = ojson::array();
            for (const GeoPoint& p : c.waypoints)
                w.push_back(geo(p));
        }
        corridors.push_back(std::move(j));
    }
    ojson& flows = doc["flows"] = ojson::array();
    for (const Flow& f : s.flows) {
        ojson volumes = ojson::object();
        for (const auto& [key, v] : f.volumes)
            volumes[key] = num(v); // std::map: sorted, so stable
        flows.push_back({{"id", f.id},
                         {"corridor", f.corridor},
                         {"reverse", f.reverse},
                         {"type", toString(f.type)},
                         {"unit", f.unit},
                         {"indicative", f.indicative},
                         {"volumes", std::move(volumes)}});
    }
    ojson& storylines = doc["storylines"] = ojson::array();
    for (const Storyline& l : s.storylines)
        storylines.push_back({{"id", l.id},
                              {"titleEn", l.titleEn},
                              {"titleZh", l.titleZh},
                              {"descriptionEn", l.descriptionEn}});
    ojson& stages = doc["stages"] = ojson::array();
    for (const Stage& st : s.stages) {
        ojson j = {{"id", st.id}, {"storyline", st.storyline}};
        if (st.year) j["year"] = *st.year;
        j["titleEn"] = st.titleEn;
        j["titleZh"] = st.titleZh;
        j["captionEn"] = st.captionEn;
        j["captionZh"] = st.captionZh;
        j["corridors"] = st.corridors;
        j["places"] = st.places;
        if (!st.volumeKey.empty()) j["volumeKey"] = st.volumeKey;
        if (!st.highlightLayers.empty()) j["highlightLayers"] = st.highlightLayers;
        if (st.camera)
            j["camera"] = {{"lon", num(st.camera->target.lon)},
                           {"lat", num(st.camera->target.lat)},
                           {"distanceKm", num(st.camera->distanceKm)},
                           {"heading", num(st.camera->heading)},
                           {"pitch", num(st.camera->pitch)}};
        j["duration"] = num(st.duration);
        stages.push_back(std::move(j));
    }
    if (!s.viewpoints.empty()) {
        ojson& vps = doc["viewpoints"] = ojson::array();
        for (const Viewpoint& v : s.viewpoints)
            vps.push_back({{"id", v.id}, {"name", v.name}, {"camera", cameraJson(v.camera)}});
    }
    if (!s.tours.empty()) {
        ojson& tours = doc["tours"] = ojson::array();
        for (const Tour& t : s.tours)
            tours.push_back(tourJson(t));
    }
    if (!s.defaultTour.empty()) doc["defaultTour"] = s.defaultTour;
    if (!s.layers.empty()) {
        ojson& layers = doc["layers"] = ojson::array();
        for (const LayerOptions& l : s.layers)
            layers.push_back(layerJson(l));
    }
    return doc;
}

constexpr std::size_t kLineLimit = 110;

std::string scalar(const ojson& v) {
    return v.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

/// Characters (code points) in UTF-8 text.
std::size_t length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// `v` on one line when it holds only plain values and fits in the line from `column`; else empty.
std::string oneLine(const ojson& v, std::size_t column) {
    std::string out = v.is_array() ? "[" : "{";
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (it->is_structured() && !it->empty()) return {};
        if (it != v.begin()) out += ", ";
        if (v.is_object()) out += scalar(it.key()) + ": ";
        out += scalar(*it);
    }
    out += v.is_array() ? "]" : "}";
    return column + length(out) + 1 <= kLineLimit ? out : std::string();
}

void write(const ojson& v, std::size_t indent, std::size_t column, std::string& out) {
    if (!v.is_structured()) return void(out += scalar(v));
    if (v.empty()) return void(out += v.is_array() ? "[]" : "{}");
    if (const std::string line = oneLine(v, column); !line.empty()) return void(out += line);
    out += v.is_array() ? "[\n" : "{\n";
    const std::string pad(indent + 2, ' ');
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (it != v.begin()) out += ",\n";
        out += pad;
        std::size_t col = pad.size();
        if (v.is_object()) {
            const std::string key = scalar(it.key()) + ": ";
            out += key;
            col += length(key);
        }
        write(*it, indent + 2, col, out);
    }
    out += "\n" + std::string(indent, ' ') + (v.is_array() ? "]" : "}");
}

} // namespace

std::string serializeScenario(const Scenario& scenario) {
    std::string out;
    write(toJson(scenario), 0, 0, out);
    return out + "\n";
}

Status saveScenario(const std::string& path, const Scenario& scenario) {
    const std::vector<Error> problems = validateScenario(scenario, path);
    if (!problems.empty()) {
        Error e = problems.front();
        e.message = formatText(_("not saved: {}"), e.message);
        return e;
    }
    return writeFileAtomically(path, serializeScenario(scenario));
}

} // namespace qinba
