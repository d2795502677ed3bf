// The semantic rules of a scenario: ids, references between its parts, ranges and stage contents.
// Structure (types, required fields, enum strings) is checked while parsing, in scenario_io.cpp.

#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace qinba {

namespace {

// The kinds of scenario part that messages name, for xgettext: the checks pass them as plain strings and
// translate them where they fill a message.
[[maybe_unused]] const char* const kKindNames[] = {
    N_("scenario"),  N_("place"), N_("agglomeration"), N_("corridor"),  N_("flow"),
    N_("storyline"), N_("stage"), N_("layer"),         N_("viewpoint"), N_("tour")};

std::string at(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

/// A JSON Pointer step for an object key ("~" and "/" escaped).
std::string key(const std::string& base, const std::string& name) {
    std::string out = base + "/";
    for (const char c : name)
        out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min(
                {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

/// Close enough to be a typo: one edit, or two in a long id.
bool looksLikeTypo(const std::string& id, const std::string& candidate) {
    const std::size_t d = editDistance(id, candidate);
    return d <= 1 || (d == 2 && id.size() >= 10);
}

class Validator {
  public:
    Validator(const Scenario& s, std::string file) : s_(s), file_(std::move(file)) {}

    std::vector<Error> run() {
        if (s_.schemaVersion != kScenarioSchemaVersion)
            fail("/schemaVersion",
                 formatText(_("expected {}, got {}"), kScenarioSchemaVersion, s_.schemaVersion));
        checkId(s_.id, "/id", "scenario");
        nonEmpty(s_.titleEn, "/titleEn");
        nonEmpty(s_.provenance.description, "/provenance/description");
        imports();
        places();
        agglomerations();
        corridors();
        flows();
        storylines();
        stages();
        layers();
        tours();
        return std::move(errors_);
    }

  private:
    void fail(std::string field, std::string message) {
        errors_.push_back(Error{file_, std::move(field), std::move(message)});
    }

    void nonEmpty(const std::string& value, const std::string& field) {
        if (value.empty()) fail(field, _("must not be empty"));
    }

    /// Ids are lowercase ASCII so they survive file names, URLs and command lines unchanged.
    bool checkId(const std::string& id, const std::string& field, const char* kind) {
        if (id.empty()) {
            fail(field, formatText(_("a {} id must not be empty"), _(kind)));
            return false;
        }
        const bool valid = std::all_of(id.begin(), id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
        if (!valid || id.front() == '-' || id.front() == '_') {
            fail(field,
                 formatText(
                     _("{} is not a valid {} id: expected lowercase ASCII letters, digits, '-' and '_', "
                       "starting with a letter or digit"),
                     quoted(id), _(kind)));
            return false;
        }
        return true;
    }

    /// Checks the ids of a collection: valid and each used once.
    template <typename T>
    void uniqueIds(const std::vector<T>& items, const std::string& base, const char* kind) {
        std::map<std::string, std::size_t> first;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string field = at(base, i) + "/id";
            if (!checkId(items[i].id, field, kind)) continue;
            const auto [it, inserted] = first.emplace(items[i].id, i);
            if (!inserted)
                fail(field, formatText(_("duplicate {} id {} (first used at {})"), _(kind),
                                       quoted(items[i].id), at(base, it->second)));
        }
    }

    /// Reports `id` when no item of `items` has it, suggesting a close id. Empty ids are reported where
    /// they are missing, not here.
    template <typename T>
    bool known(const std::vector<T>& items, const std::string& id, const std::string& field, const char* kind,
               const char* collection) {
        if (id.empty()) {
            fail(field, formatText(_("expected a {} id, got an empty string"), _(kind)));
            return false;
        }
        if (std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; }))
            return true;
        std::string hint;
        for (const T& item : items)
            if (hint.empty() && looksLikeTypo(id, item.id))
                hint = formatText(_(" (did you mean {}?)"), quoted(item.id));
        if (hint.empty()) {
            hint = formatText(_(" (not one of the {} in /{})"), items.size(), collection);
            // An element whose id could not be read may be the one meant; say so rather than mislead.
            for (std::size_t i = 0; i < items.size(); ++i)
                if (items[i].id.empty()) {
                    hint += formatText(_("; {} has no readable id"), at("/" + std::string(collection), i));
                    break;
                }
        }
        fail(field, formatText(_("unknown {} {}"), _(kind), quoted(id)) + hint);
        return false;
    }

    /// A list of references: each known and listed once.
    template <typename T>
    void references(const std::vector<std::string>& ids, const std::vector<T>& items, const std::string& base,
                    const char* kind, const char* collection) {
        std::set<std::string> seen;
        for (std::size_t j = 0; j < ids.size(); ++j) {
            if (!known(items, ids[j], at(base, j), kind, collection)) continue;
            if (!seen.insert(ids[j]).second)
                fail(at(base, j), formatText(_("{} is listed twice"), quoted(ids[j])));
        }
    }

    void geoPoint(const GeoPoint& p, const std::string& base) {
        if (!std::isfinite(p.lon) || p.lon < -180.0 || p.lon > 180.0)
            fail(base + "/lon",
                 formatText(_("longitude {} is out of range (-180 to 180 degrees)"), number(p.lon)));
        if (!std::isfinite(p.lat) || p.lat < -90.0 || p.lat > 90.0)
            fail(base + "/lat",
                 formatText(_("latitude {} is out of range (-90 to 90 degrees)"), number(p.lat)));
    }

    void places() {
        uniqueIds(s_.places, "/places", "place");
        for (std::size_t i = 0; i < s_.places.size(); ++i) {
            const Place& p = s_.places[i];
            const std::string base = at("/places", i);
            nonEmpty(p.nameEn, base + "/nameEn");
            nonEmpty(p.nameZh, base + "/nameZh");
            geoPoint(p.location, base + "/location");
            if (p.rank < 1 || p.rank > 5)
                fail(base + "/rank",
                     formatText(_("expected a rank from 1 (most important) to 5, got {}"), p.rank));
        }
    }

    void agglomerations() {
        uniqueIds(s_.agglomerations, "/agglomerations", "agglomeration");
        for (std::size_t i = 0; i < s_.agglomerations.size(); ++i) {
            const Agglomeration& a = s_.agglomerations[i];
            const std::string base = at("/agglomerations", i);
            nonEmpty(a.nameEn, base + "/nameEn");
            nonEmpty(a.nameZh, base + "/nameZh");
            if (a.places.empty()) fail(base + "/places", _("expected at least one place id"));
            references(a.places, s_.places, base + "/places", "place", "places");
        }
    }

    void corridors() {
        uniqueIds(s_.corridors, "/corridors", "corridor");
        for (std::size_t i = 0; i < s_.corridors.size(); ++i) {
            const Corridor& c = s_.corridors[i];
            const std::string base = at("/corridors", i);
            const bool from = known(s_.places, c.from, base + "/from", "place", "places");
            const bool to = known(s_.places, c.to, base + "/to", "place", "places");
            if (from && to && c.from == c.to)
                fail(base + "/to",
                     formatText(_("a corridor joins two different places; from and to are both {}"),
                                quoted(c.to)));
            if (!std::isfinite(c.capacity) || c.capacity <= 0.0)
                fail(base + "/capacity",
                     formatText(_("expected a positive capacity, got {}"), number(c.capacity)));
            for (std::size_t j = 0; j < c.waypoints.size(); ++j)
                geoPoint(c.waypoints[j], at(base + "/waypoints", j));
        }
    }

    void flows() {
        uniqueIds(s_.flows, "/flows", "flow");
        // (corridor, reverse, type) -> flows so far: two flows of one kind with the same key would draw
        // twice.
        std::map<std::tuple<std::string, bool, FlowType>, std::vector<std::size_t>> kinds;
        for (std::size_t i = 0; i < s_.flows.size(); ++i) {
            const Flow& f = s_.flows[i];
            const std::string base = at("/flows", i);
            known(s_.corridors, f.corridor, base + "/corridor", "corridor", "corridors");
            nonEmpty(f.unit, base + "/unit");
            if (f.volumes.empty())
                fail(base + "/volumes", _("expected at least one volume (by stage id or year)"));
            for (const auto& [name, v] : f.volumes) {
                const std::string field = key(base + "/volumes", name);
                if (name.empty()) fail(field, _("a volume key (stage id or year) must not be empty"));
                if (!std::isfinite(v) || v < 0.0)
                    fail(field, formatText(_("expected a volume of zero or more, got {}"), number(v)));
            }
            auto& same = kinds[{f.corridor, f.reverse, f.type}];
            for (const std::size_t j : same)
                for (const auto& entry : f.volumes)
                    if (s_.flows[j].volumes.count(entry.first)) {
                        fail(key(base + "/volumes", entry.first),
                             formatText(
                                 _("flow {} has the same corridor, direction and type and also a volume "
                                   "for {}; merge them"),
                                 at("/flows", j), quoted(entry.first)));
                        break;
                    }
            same.push_back(i);
        }
    }

    /// "2025-03-02T10:15:00Z": ISO 8601 in UTC to the second, so that imports sort and compare as text.
    static bool utcTimestamp(const std::string& t) {
        static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
        if (t.size() != sizeof pattern - 1) return false;
        for (std::size_t i = 0; i < t.size(); ++i)
            if (pattern[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != pattern[i]) return false;
        const auto two = [&](std::size_t i) { return (t[i] - '0') * 10 + (t[i + 1] - '0'); };
        return two(5) >= 1 && two(5) <= 12 && two(8) >= 1 && two(8) <= 31 && two(11) <= 23 && two(14) <= 59 &&
               two(17) <= 60;
    }

    void imports() {
        for (std::size_t i = 0; i < s_.provenance.imports.size(); ++i) {
            const DataImport& d = s_.provenance.imports[i];
            const std::string base = at("/provenance/imports", i);
            nonEmpty(d.file, base + "/file");
            if (!utcTimestamp(d.importedAt))
                fail(base + "/importedAt",
                     formatText(_("expected a UTC time such as \"2025-03-02T10:15:00Z\", got {}"),
                                quoted(d.importedAt)));
            if (d.rows < 1) fail(base + "/rows", formatText(_("expected at least one row, got {}"), d.rows));
            references(d.flows, s_.flows, base + "/flows", "flow", "flows");
        }
    }

    void storylines() {
        uniqueIds(s_.storylines, "/storylines", "storyline");
        for (std::size_t i = 0; i < s_.storylines.size(); ++i) {
            nonEmpty(s_.storylines[i].titleEn, at("/storylines", i) + "/titleEn");
            nonEmpty(s_.storylines[i].titleZh, at("/storylines", i) + "/titleZh");
        }
    }

    void stages() {
        uniqueIds(s_.stages, "/stages", "stage");
        for (std::size_t i = 0; i < s_.stages.size(); ++i) {
            const Stage& st = s_.stages[i];
            const std::string base = at("/stages", i);
            if (!st.id.empty() &&
                std::all_of(st.id.begin(), st.id.end(), [](char c) { return c >= '0' && c <= '9'; }))
                fail(base + "/id", _("a stage id must not be all digits (it would read as a stage number)"));
            known(s_.storylines, st.storyline, base + "/storyline", "storyline", "storylines");
            nonEmpty(st.titleEn, base + "/titleEn");
            nonEmpty(st.titleZh, base + "/titleZh");
            nonEmpty(st.captionEn, base + "/captionEn");
            nonEmpty(st.captionZh, base + "/captionZh");
            references(st.corridors, s_.corridors, base + "/corridors", "corridor", "corridors");
            references(st.places, s_.places, base + "/places", "place", "places");
            if (!st.volumeKey.empty() && std::none_of(s_.flows.begin(), s_.flows.end(), [&](const Flow& f) {
                    return f.volumes.count(st.volumeKey) > 0;
                }))
                fail(base + "/volumeKey", formatText(_("no flow has a volume for {}"), quoted(st.volumeKey)));
            if (st.camera) camera(*st.camera, base + "/camera");
            if (!std::isfinite(st.duration) || st.duration <= 0.0 || st.duration > 3600.0)
                fail(base + "/duration", formatText(_("expected a duration from 0 to 3600 seconds, got {}"),
                                                    number(st.duration)));
            if (st.year && (*st.year < 1000 || *st.year > 9999))
                fail(base + "/year", formatText(_("expected a four-digit year, got {}"), *st.year));
        }
    }

    void layers() {
        uniqueIds(s_.layers, "/layers", "layer");
        for (std::size_t i = 0; i < s_.layers.size(); ++i) {
            const LayerOptions& l = s_.layers[i];
            const std::string base = at("/layers", i);
            checkId(l.id, base + "/id", "layer");
            nonEmpty(l.name, base + "/name");
            nonEmpty(l.path, base + "/path");
            const LayerStyle& st = l.style;
            if (!std::isfinite(st.outlineWidthPx) || st.outlineWidthPx < 0.0f || st.outlineWidthPx > 50.0f)
                fail(
                    base + "/style/outlineWidthPx",
                    formatText(_("expected a width from 0 to 50 pixels, got {}"), number(st.outlineWidthPx)));
            if (!std::isfinite(st.pointSizePx) || st.pointSizePx < 0.0f || st.pointSizePx > 100.0f)
                fail(base + "/style/pointSizePx",
                     formatText(_("expected a size from 0 to 100 pixels, got {}"), number(st.pointSizePx)));
            if (!std::isfinite(st.opacity) || st.opacity < 0.0f || st.opacity > 1.0f)
                fail(base + "/style/opacity",
                     formatText(_("expected an opacity from 0 to 1, got {}"), number(st.opacity)));
            if (!std::isfinite(st.labelSizePx) || st.labelSizePx < 4.0f || st.labelSizePx > 100.0f)
                fail(base + "/style/labelSizePx",
                     formatText(_("expected a label size from 4 to 100 pixels, got {}"),
                                number(st.labelSizePx)));
        }
        for (std::size_t i = 0; i < s_.stages.size(); ++i)
            references(s_.stages[i].highlightLayers, s_.layers, at("/stages", i) + "/highlightLayers",
                       "layer", "layers");
    }

    void tours() {
        uniqueIds(s_.viewpoints, "/viewpoints", "viewpoint");
        for (std::size_t i = 0; i < s_.viewpoints.size(); ++i) {
            checkId(s_.viewpoints[i].id, at("/viewpoints", i) + "/id", "viewpoint");
            camera(s_.viewpoints[i].camera, at("/viewpoints", i) + "/camera");
        }
        uniqueIds(s_.tours, "/tours", "tour");
        for (std::size_t i = 0; i < s_.tours.size(); ++i) {
            const Tour& t = s_.tours[i];
            const std::string base = at("/tours", i);
            checkId(t.id, base + "/id", "tour");
            nonEmpty(t.name, base + "/name");
            if (t.keyframes.empty()) fail(base + "/keyframes", _("a tour needs at least one keyframe"));
            for (std::size_t k = 0; k < t.keyframes.size(); ++k) {
                const TourKeyframe& key = t.keyframes[k];
                const std::string kb = at(base + "/keyframes", k);
                camera(key.camera, kb + "/camera");
                if (!std::isfinite(key.duration) || key.duration < 0.0 || key.duration > 3600.0)
                    fail(kb + "/duration",
                         formatText(_("expected a flight time from 0 to 3600 seconds, got {}"),
                                    number(key.duration)));
                if (!std::isfinite(key.hold) || key.hold < 0.0 || key.hold > 3600.0)
                    fail(kb + "/hold",
                         formatText(_("expected a hold from 0 to 3600 seconds, got {}"), number(key.hold)));
                if (!key.stage.empty()) known(s_.stages, key.stage, kb + "/stage", "stage", "stages");
                for (const auto& [id, visible] : key.layers) {
                    (void)visible;
                    known(s_.layers, id, kb + "/layers/" + id, "layer", "layers");
                }
            }
            if (tourSeconds(t) <= 0.0)
                fail(base + "/keyframes", _("the tour lasts no time: give a duration or hold"));
        }
        if (!s_.defaultTour.empty()) known(s_.tours, s_.defaultTour, "/defaultTour", "tour", "tours");
    }

    static double tourSeconds(const Tour& t) {
        double total = 0.0;
        for (std::size_t k = 0; k < t.keyframes.size(); ++k)
            total += (k == 0 ? 0.0 : t.keyframes[k].duration) + t.keyframes[k].hold;
        return total;
    }

    void camera(const CameraSpec& c, const std::string& base) {
        geoPoint(c.target, base);
        if (!std::isfinite(c.distanceKm) || c.distanceKm <= 0.0 || c.distanceKm > 20000.0)
            fail(base + "/distanceKm",
                 formatText(_("expected an eye-to-target distance from 0 to 20000 km, got {}"),
                            number(c.distanceKm)));
        if (!std::isfinite(c.heading) || c.heading < -360.0 || c.heading > 360.0)
            fail(base + "/heading",
                 formatText(_("expected a heading from -360 to 360 degrees (clockwise from north), got {}"),
                            number(c.heading)));
        if (!std::isfinite(c.pitch) || c.pitch < 0.0 || c.pitch > 90.0)
            fail(base + "/pitch",
                 formatText(_("expected a pitch from 0 to 90 degrees below the horizon, got {}"),
                            number(c.pitch)));
    }

    const Scenario& s_;
    std::string file_;
    std::vector<Error> errors_;
};

} // namespace

std::vector<Error> validateScenario(const Scenario& scenario, const std::string& sourceName) {
    return Validator(scenario, sourceName).run();
}

} // namespace qinba
