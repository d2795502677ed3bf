// The edits of a scenario document: each checks its target, changes the document, and is validated as a
// whole; a refused edit leaves the document as it was. The undo history is in edit_history.cpp.

#include "qinba/core/camera_spec.h"
#include "qinba/core/edit_history.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace qinba {

namespace {

std::string inQuotes(const std::string& s) {
    return "'" + s + "'";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// `base`, else `base-2`, `base-3`... whichever no item of `items` uses.
template <typename T>
std::string unusedId(const std::vector<T>& items, const std::string& base) {
    const auto taken = [&](const std::string& id) {
        return std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n)
        id = base + "-" + std::to_string(n);
    return id;
}

template <typename T>
T* findById(std::vector<T>& items, const std::string& id) {
    for (T& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

Error refused(const char* field, std::string message) {
    return Error{"", field, std::move(message)};
}

bool sameWaypoints(const std::vector<GeoPoint>& a, const std::vector<GeoPoint>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const GeoPoint& p, const GeoPoint& q) { return p.lon == q.lon && p.lat == q.lat; });
}

/// Each edit: changes `s` and says what it did, or refuses before changing anything.
Result<EditOutcome> run(Scenario& s, const SetFlowVolume& e) {
    Flow* f = findById(s.flows, e.flow);
    if (!f) return refused("flow", formatText(_("unknown flow {}"), inQuotes(e.flow)));
    if (e.key.empty()) return refused("key", _("a volume key (stage id or year) must not be empty"));
    EditOutcome out{formatText(_("Set {} ({}) to {}"), e.flow, e.key, number(e.value)), false};
    const auto it = f->volumes.find(e.key);
    if (it != f->volumes.end() && it->second == e.value) return out;
    f->volumes[e.key] = e.value;
    f->indicative = true;
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const SetCorridorActive& e) {
    Stage* st = findById(s.stages, e.stage);
    if (!st) return refused("stage", formatText(_("unknown stage {}"), inQuotes(e.stage)));
    if (!s.findCorridor(e.corridor))
        return refused("corridor", formatText(_("unknown corridor {}"), inQuotes(e.corridor)));
    EditOutcome out{formatText(e.active ? _("Show {} in {}") : _("Hide {} in {}"), e.corridor, e.stage),
                    false};
    const auto it = std::find(st->corridors.begin(), st->corridors.end(), e.corridor);
    if ((it != st->corridors.end()) == e.active) return out;
    if (e.active)
        st->corridors.push_back(e.corridor);
    else
        st->corridors.erase(it);
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const AddCorridor& e) {
    Corridor c = e.corridor;
    if (c.id.empty()) c.id = newCorridorId(s, c);
    if (s.findCorridor(c.id))
        return refused("id", formatText(_("a corridor {} exists already"), inQuotes(c.id)));
    Stage* st = nullptr;
    if (!e.activeInStage.empty() && !(st = findById(s.stages, e.activeInStage)))
        return refused("stage", formatText(_("unknown stage {}"), inQuotes(e.activeInStage)));
    EditOutcome out{formatText(_("Add corridor {} ({}–{}, {})"), c.id, c.from, c.to, toString(c.mode)), true};
    if (st) st->corridors.push_back(c.id);
    s.corridors.push_back(std::move(c));
    return out;
}

Result<EditOutcome> run(Scenario& s, const SetCorridorWaypoints& e) {
    Corridor* c = findById(s.corridors, e.corridor);
    if (!c) return refused("corridor", formatText(_("unknown corridor {}"), inQuotes(e.corridor)));
    EditOutcome out{
        formatText(e.waypoints.empty() ? _("Clear waypoints of {}") : _("Move waypoints of {}"), e.corridor),
        false};
    if (sameWaypoints(c->waypoints, e.waypoints)) return out;
    c->waypoints = e.waypoints;
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const AddPlace& e) {
    Place p = e.place;
    if (p.id.empty()) p.id = newPlaceId(s, p.nameEn);
    if (s.findPlace(p.id)) return refused("id", formatText(_("a place {} exists already"), inQuotes(p.id)));
    EditOutcome out{formatText(_("Add place {} ({})"), p.nameEn, p.id), true};
    s.places.push_back(std::move(p));
    return out;
}

Result<EditOutcome> run(Scenario& s, const RenamePlace& e) {
    Place* p = findById(s.places, e.place);
    if (!p) return refused("place", formatText(_("unknown place {}"), inQuotes(e.place)));
    EditOutcome out{formatText(_("Rename {} to {} / {}"), e.place, e.nameEn, e.nameZh), false};
    if (p->nameEn == e.nameEn && p->nameZh == e.nameZh) return out;
    p->nameEn = e.nameEn;
    p->nameZh = e.nameZh;
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const CreateStage& e) {
    const auto from =
        std::find_if(s.stages.begin(), s.stages.end(), [&](const Stage& st) { return st.id == e.from; });
    if (from == s.stages.end()) return refused("from", formatText(_("unknown stage {}"), inQuotes(e.from)));
    Stage copy = *from;
    copy.id = e.id.empty() ? newStageId(s, e.from) : e.id;
    if (findById(s.stages, copy.id))
        return refused("id", formatText(_("a stage {} exists already"), inQuotes(copy.id)));
    copy.titleEn = e.titleEn.empty() ? from->titleEn + " (copy)" : e.titleEn;
    copy.titleZh = e.titleZh.empty() ? from->titleZh + "（副本）" : e.titleZh;
    // The copy reads the volumes its source shows (a stage without volumeKey reads its own id).
    const std::string key = from->volumeKey.empty() ? from->id : from->volumeKey;
    if (std::any_of(s.flows.begin(), s.flows.end(), [&](const Flow& f) { return f.volumes.count(key) > 0; }))
        copy.volumeKey = key;
    EditOutcome out{formatText(_("Create stage {} from {}"), copy.id, e.from), true};
    s.stages.insert(from + 1, std::move(copy));
    return out;
}

Result<EditOutcome> run(Scenario& s, const MoveStage& e) {
    const std::size_t n = s.stages.size();
    if (e.from >= n || e.to >= n)
        return refused(e.from >= n ? "from" : "to", formatText(_("stage position {} is beyond the {} stages"),
                                                               std::max(e.from, e.to) + 1, n));
    EditOutcome out{formatText(_("Move stage {} to position {}"), s.stages[e.from].id, e.to + 1),
                    e.from != e.to};
    const auto first = s.stages.begin();
    if (e.from < e.to)
        std::rotate(first + e.from, first + e.from + 1, first + e.to + 1);
    else if (e.to < e.from)
        std::rotate(first + e.to, first + e.from, first + e.from + 1);
    return out;
}

Result<EditOutcome> run(Scenario& s, const ImportOd& e) {
    auto report = applyOd(s, e.matrix, e.sourceName, e.importedAt);
    if (!report) return report.error();
    return EditOutcome{formatText(_("Import {} ({} rows)"),
                                  std::filesystem::path(e.sourceName).filename().string(),
                                  e.matrix.rows.size()),
                       true};
}

Result<EditOutcome> run(Scenario& s, const SetViewpoint& e) {
    Viewpoint v = e.viewpoint;
    if (v.id.empty()) v.id = newViewpointId(s, v.name);
    if (Viewpoint* old = findById(s.viewpoints, v.id)) {
        EditOutcome out{formatText(_("Update viewpoint {}"), inQuotes(v.name.empty() ? v.id : v.name)),
                        false};
        if (old->name == v.name && formatCameraSpec(old->camera) == formatCameraSpec(v.camera)) return out;
        *old = std::move(v);
        out.changed = true;
        return out;
    }
    EditOutcome out{formatText(_("Save viewpoint {}"), inQuotes(v.name.empty() ? v.id : v.name)), true};
    s.viewpoints.push_back(std::move(v));
    return out;
}

Result<EditOutcome> run(Scenario& s, const RemoveViewpoint& e) {
    const auto it = std::find_if(s.viewpoints.begin(), s.viewpoints.end(),
                                 [&](const Viewpoint& v) { return v.id == e.viewpoint; });
    if (it == s.viewpoints.end())
        return refused("viewpoint", formatText(_("unknown viewpoint {}"), inQuotes(e.viewpoint)));
    EditOutcome out{formatText(_("Remove viewpoint {}"), inQuotes(it->name.empty() ? it->id : it->name)),
                    true};
    s.viewpoints.erase(it);
    return out;
}

Result<EditOutcome> run(Scenario& s, const SetTour& e) {
    Tour t = e.tour;
    if (t.id.empty()) t.id = newTourId(s, t.name);
    const std::string label =
        e.label.empty() ? formatText(_("Change tour {}"), inQuotes(t.name.empty() ? t.id : t.name)) : e.label;
    if (Tour* old = findById(s.tours, t.id)) {
        *old = std::move(t);
        return EditOutcome{label, true};
    }
    s.tours.push_back(std::move(t));
    return EditOutcome{e.label.empty() ? formatText(_("Add tour {}"), inQuotes(s.tours.back().id)) : e.label,
                       true};
}

Result<EditOutcome> run(Scenario& s, const RemoveTour& e) {
    const auto it =
        std::find_if(s.tours.begin(), s.tours.end(), [&](const Tour& t) { return t.id == e.tour; });
    if (it == s.tours.end()) return refused("tour", formatText(_("unknown tour {}"), inQuotes(e.tour)));
    EditOutcome out{formatText(_("Remove tour {}"), inQuotes(it->name.empty() ? it->id : it->name)), true};
    s.tours.erase(it);
    if (s.defaultTour == e.tour) s.defaultTour = s.tours.empty() ? std::string() : s.tours.front().id;
    return out;
}

/// A copy of the parts of `s` in `mask`, and putting them back.
struct Parts {
    unsigned mask = 0;
    Scenario saved;
    Parts(const Scenario& s, unsigned m) : mask(m) {
        if (mask & kPartPlaces) saved.places = s.places;
        if (mask & kPartCorridors) saved.corridors = s.corridors;
        if (mask & kPartFlows) saved.flows = s.flows;
        if (mask & kPartStages) saved.stages = s.stages;
        if (mask & kPartProvenance) saved.provenance = s.provenance;
        if (mask & kPartPresentation) {
            saved.viewpoints = s.viewpoints;
            saved.tours = s.tours;
            saved.defaultTour = s.defaultTour;
        }
    }
    void restore(Scenario& s) {
        if (mask & kPartPlaces) s.places = std::move(saved.places);
        if (mask & kPartCorridors) s.corridors = std::move(saved.corridors);
        if (mask & kPartFlows) s.flows = std::move(saved.flows);
        if (mask & kPartStages) s.stages = std::move(saved.stages);
        if (mask & kPartProvenance) s.provenance = std::move(saved.provenance);
        if (mask & kPartPresentation) {
            s.viewpoints = std::move(saved.viewpoints);
            s.tours = std::move(saved.tours);
            s.defaultTour = std::move(saved.defaultTour);
        }
    }
};

} // namespace

unsigned partsChangedBy(const Edit& edit) {
    struct Visitor {
        unsigned operator()(const SetFlowVolume&) const { return kPartFlows; }
        unsigned operator()(const SetCorridorActive&) const { return kPartStages; }
        unsigned operator()(const AddCorridor&) const { return kPartCorridors | kPartStages; }
        unsigned operator()(const SetCorridorWaypoints&) const { return kPartCorridors; }
        unsigned operator()(const AddPlace&) const { return kPartPlaces; }
        unsigned operator()(const RenamePlace&) const { return kPartPlaces; }
        unsigned operator()(const CreateStage&) const { return kPartStages; }
        unsigned operator()(const MoveStage&) const { return kPartStages; }
        unsigned operator()(const ImportOd&) const { return kPartFlows | kPartProvenance; }
        unsigned operator()(const SetViewpoint&) const { return kPartPresentation; }
        unsigned operator()(const RemoveViewpoint&) const { return kPartPresentation; }
        unsigned operator()(const SetTour&) const { return kPartPresentation; }
        unsigned operator()(const RemoveTour&) const { return kPartPresentation; }
    };
    return std::visit(Visitor{}, edit);
}

Result<EditOutcome> applyEdit(Scenario& scenario, const Edit& edit) {
    Parts before(scenario, partsChangedBy(edit));
    auto outcome = std::visit([&](const auto& e) { return run(scenario, e); }, edit);
    if (!outcome) {
        before.restore(scenario); // a refusal happens before any change, but stay safe
        return outcome.error();
    }
    if (!outcome->changed) return outcome;
    const std::vector<Error> problems = validateScenario(scenario, "");
    if (!problems.empty()) {
        before.restore(scenario);
        Error e = problems.front();
        e.message = formatText(_("{} refused: {}"), outcome->label, e.message);
        return e;
    }
    return outcome;
}

std::string newCorridorId(const Scenario& scenario, const Corridor& corridor) {
    std::string base = corridor.from + "-" + corridor.to;
    if (!scenario.findCorridor(base)) return base;
    return unusedId(scenario.corridors, base + "-" + toString(corridor.mode));
}

namespace {

/// `name` in lowercase ASCII with '-' between words, or `fallback` when nothing is left.
std::string slug(const std::string& name, const char* fallback) {
    std::string base;
    for (const char c : name) {
        const char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
            base += l;
        else if (c == '\'' || c == '.')
            continue; // Xi'an → xian, St. → st
        else if (!base.empty() && base.back() != '-')
            base += '-';
    }
    while (!base.empty() && base.back() == '-')
        base.pop_back();
    return base.empty() ? fallback : base;
}

} // namespace

std::string newPlaceId(const Scenario& scenario, const std::string& nameEn) {
    return unusedId(scenario.places, slug(nameEn, "place"));
}

std::string newViewpointId(const Scenario& scenario, const std::string& name) {
    return unusedId(scenario.viewpoints, slug(name, "view"));
}

std::string newTourId(const Scenario& scenario, const std::string& name) {
    return unusedId(scenario.tours, slug(name, "tour"));
}

std::string newStageId(const Scenario& scenario, const std::string& fromStage) {
    return unusedId(scenario.stages, fromStage + "-copy");
}

} // namespace qinba
