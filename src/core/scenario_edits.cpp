// The edits of a scenario document: each checks its target, changes the document, and is validated as a
// whole; a refused edit leaves the document as it was. The undo history is in edit_history.cpp.

#include "qinba/core/camera_spec.h"
#include "qinba/core/edit_history.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_io.h"

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
    if (!f) return refused("flow", "unknown flow " + inQuotes(e.flow));
    if (e.key.empty()) return refused("key", "a volume key (stage id or year) must not be empty");
    EditOutcome out{
        i18n::format(_("Set %s (%s) to %s"), e.flow.c_str(), e.key.c_str(), number(e.value).c_str()), false};
    const auto it = f->volumes.find(e.key);
    if (it != f->volumes.end() && it->second == e.value) return out;
    f->volumes[e.key] = e.value;
    f->indicative = true;
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const SetCorridorActive& e) {
    Stage* st = findById(s.stages, e.stage);
    if (!st) return refused("stage", "unknown stage " + inQuotes(e.stage));
    if (!s.findCorridor(e.corridor)) return refused("corridor", "unknown corridor " + inQuotes(e.corridor));
    EditOutcome out{
        i18n::format(e.active ? _("Show %s in %s") : _("Hide %s in %s"), e.corridor.c_str(), e.stage.c_str()),
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
    if (s.findCorridor(c.id)) return refused("id", "a corridor " + inQuotes(c.id) + " exists already");
    Stage* st = nullptr;
    if (!e.activeInStage.empty() && !(st = findById(s.stages, e.activeInStage)))
        return refused("stage", "unknown stage " + inQuotes(e.activeInStage));
    EditOutcome out{i18n::format(_("Add corridor %s (%s–%s, %s)"), c.id.c_str(), c.from.c_str(), c.to.c_str(),
                                 toString(c.mode)),
                    true};
    if (st) st->corridors.push_back(c.id);
    s.corridors.push_back(std::move(c));
    return out;
}

Result<EditOutcome> run(Scenario& s, const SetCorridorWaypoints& e) {
    Corridor* c = findById(s.corridors, e.corridor);
    if (!c) return refused("corridor", "unknown corridor " + inQuotes(e.corridor));
    EditOutcome out{i18n::format(e.waypoints.empty() ? _("Clear waypoints of %s") : _("Move waypoints of %s"),
                                 e.corridor.c_str()),
                    false};
    if (sameWaypoints(c->waypoints, e.waypoints)) return out;
    c->waypoints = e.waypoints;
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const AddPlace& e) {
    Place p = e.place;
    if (p.id.empty()) p.id = newPlaceId(s, p.nameEn);
    if (s.findPlace(p.id)) return refused("id", "a place " + inQuotes(p.id) + " exists already");
    EditOutcome out{i18n::format(_("Add place %s (%s)"), p.nameEn.c_str(), p.id.c_str()), true};
    s.places.push_back(std::move(p));
    return out;
}

Result<EditOutcome> run(Scenario& s, const RenamePlace& e) {
    Place* p = findById(s.places, e.place);
    if (!p) return refused("place", "unknown place " + inQuotes(e.place));
    EditOutcome out{
        i18n::format(_("Rename %s to %s / %s"), e.place.c_str(), e.nameEn.c_str(), e.nameZh.c_str()), false};
    if (p->nameEn == e.nameEn && p->nameZh == e.nameZh) return out;
    p->nameEn = e.nameEn;
    p->nameZh = e.nameZh;
    out.changed = true;
    return out;
}

Result<EditOutcome> run(Scenario& s, const CreateStage& e) {
    const auto from =
        std::find_if(s.stages.begin(), s.stages.end(), [&](const Stage& st) { return st.id == e.from; });
    if (from == s.stages.end()) return refused("from", "unknown stage " + inQuotes(e.from));
    Stage copy = *from;
    copy.id = e.id.empty() ? newStageId(s, e.from) : e.id;
    if (findById(s.stages, copy.id)) return refused("id", "a stage " + inQuotes(copy.id) + " exists already");
    copy.titleEn = e.titleEn.empty() ? from->titleEn + " (copy)" : e.titleEn;
    copy.titleZh = e.titleZh.empty() ? from->titleZh + "（副本）" : e.titleZh;
    // The copy reads the volumes its source shows (a stage without volumeKey reads its own id).
    const std::string key = from->volumeKey.empty() ? from->id : from->volumeKey;
    if (std::any_of(s.flows.begin(), s.flows.end(), [&](const Flow& f) { return f.volumes.count(key) > 0; }))
        copy.volumeKey = key;
    EditOutcome out{i18n::format(_("Create stage %s from %s"), copy.id.c_str(), e.from.c_str()), true};
    s.stages.insert(from + 1, std::move(copy));
    return out;
}

Result<EditOutcome> run(Scenario& s, const MoveStage& e) {
    const std::size_t n = s.stages.size();
    if (e.from >= n || e.to >= n)
        return refused(e.from >= n ? "from" : "to", "stage position " +
                                                        std::to_string(std::max(e.from, e.to) + 1) +
                                                        " is beyond the " + std::to_string(n) + " stages");
    EditOutcome out{i18n::format(_("Move stage %s to position %zu"), s.stages[e.from].id.c_str(), e.to + 1),
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
    return EditOutcome{i18n::format(_("Import %s (%zu rows)"),
                                    std::filesystem::path(e.sourceName).filename().string().c_str(),
                                    e.matrix.rows.size()),
                       true};
}

Result<EditOutcome> run(Scenario& s, const SetViewpoint& e) {
    Viewpoint v = e.viewpoint;
    if (v.id.empty()) v.id = newViewpointId(s, v.name);
    if (Viewpoint* old = findById(s.viewpoints, v.id)) {
        EditOutcome out{
            i18n::format(_("Update viewpoint %s"), inQuotes(v.name.empty() ? v.id : v.name).c_str()), false};
        if (old->name == v.name && formatCameraSpec(old->camera) == formatCameraSpec(v.camera)) return out;
        *old = std::move(v);
        out.changed = true;
        return out;
    }
    EditOutcome out{i18n::format(_("Save viewpoint %s"), inQuotes(v.name.empty() ? v.id : v.name).c_str()),
                    true};
    s.viewpoints.push_back(std::move(v));
    return out;
}

Result<EditOutcome> run(Scenario& s, const RemoveViewpoint& e) {
    const auto it = std::find_if(s.viewpoints.begin(), s.viewpoints.end(),
                                 [&](const Viewpoint& v) { return v.id == e.viewpoint; });
    if (it == s.viewpoints.end()) return refused("viewpoint", "unknown viewpoint " + inQuotes(e.viewpoint));
    EditOutcome out{
        i18n::format(_("Remove viewpoint %s"), inQuotes(it->name.empty() ? it->id : it->name).c_str()), true};
    s.viewpoints.erase(it);
    return out;
}

Result<EditOutcome> run(Scenario& s, const SetTour& e) {
    Tour t = e.tour;
    if (t.id.empty()) t.id = newTourId(s, t.name);
    const std::string label =
        e.label.empty() ? i18n::format(_("Change tour %s"), inQuotes(t.name.empty() ? t.id : t.name).c_str())
                        : e.label;
    if (Tour* old = findById(s.tours, t.id)) {
        *old = std::move(t);
        return EditOutcome{label, true};
    }
    s.tours.push_back(std::move(t));
    return EditOutcome{e.label.empty() ? i18n::format(_("Add tour %s"), inQuotes(s.tours.back().id).c_str())
                                       : e.label,
                       true};
}

Result<EditOutcome> run(Scenario& s, const RemoveTour& e) {
    const auto it =
        std::find_if(s.tours.begin(), s.tours.end(), [&](const Tour& t) { return t.id == e.tour; });
    if (it == s.tours.end()) return refused("tour", "unknown tour " + inQuotes(e.tour));
    EditOutcome out{i18n::format(_("Remove tour %s"), inQuotes(it->name.empty() ? it->id : it->name).c_str()),
                    true};
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
        e.message = outcome->label + " refused: " + e.message;
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
