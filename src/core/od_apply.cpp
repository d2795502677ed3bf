// Applying an OD matrix to a scenario's flows: measured volumes replace indicative ones, flow by flow, and
// the import is recorded in the provenance. The rules are written out at the top of od_import.h.

#include "qinba/core/od_import.h"
#include "qinba/core/scenario_io.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

namespace qinba {

namespace {

using FlowKind = std::tuple<std::string, bool, FlowType>; // corridor, reverse, type

FlowKind kindOf(const Flow& f) {
    return {f.corridor, f.reverse, f.type};
}

std::string inQuotes(const std::string& s) {
    return "'" + s + "'";
}

/// A flow id not yet used: "od-<corridor>-<type>[-rev]", then "-2", "-3"...
std::string newFlowId(const std::vector<Flow>& flows, const FlowKind& kind) {
    const auto& [corridor, reverse, type] = kind;
    const std::string base = "od-" + corridor + "-" + toString(type) + (reverse ? "-rev" : "");
    const auto taken = [&](const std::string& id) {
        return std::any_of(flows.begin(), flows.end(), [&](const Flow& f) { return f.id == id; });
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n)
        id = base + "-" + std::to_string(n);
    return id;
}

/// Index of the first flow of `kind` for which `pred` holds, or -1.
template <typename P>
std::ptrdiff_t findFlow(const std::vector<Flow>& flows, const FlowKind& kind, P&& pred) {
    for (std::size_t i = 0; i < flows.size(); ++i)
        if (kindOf(flows[i]) == kind && pred(flows[i])) return static_cast<std::ptrdiff_t>(i);
    return -1;
}

/// A warning when no stage that reads the row's key shows its corridor: the volume is kept, never drawn.
std::optional<Error> unseen(const Scenario& s, const OdMatrix& m, const OdTarget& t) {
    for (const Stage& st : s.stages)
        if ((st.volumeKey.empty() ? st.id : st.volumeKey) == t.key &&
            std::find(st.corridors.begin(), st.corridors.end(), t.corridor) != st.corridors.end())
            return std::nullopt;
    return odError(m, *t.row, t.row->column > 0 ? OdPart::Volume : OdPart::Key,
                   "no stage that reads " + inQuotes(t.key) + " shows corridor " + inQuotes(t.corridor) +
                       ", so this volume is kept but not drawn");
}

} // namespace

Result<OdImportReport> applyOd(Scenario& scenario, const OdMatrix& matrix, const std::string& sourceName,
                               std::string importedAt) {
    auto resolved = resolveOd(matrix, scenario);
    if (!resolved) return resolved.error();
    const std::vector<OdTarget>& targets = *resolved;

    // The keys the matrix gives for each corridor, direction and type (one unit each: checked).
    std::map<FlowKind, std::set<std::string>> given;
    for (const OdTarget& t : targets)
        given[{t.corridor, t.reverse, t.row->type}].insert(t.key);
    const auto allGiven = [&](const Flow& f) {
        const auto it = given.find(kindOf(f));
        return it != given.end() && std::all_of(f.volumes.begin(), f.volumes.end(),
                                                [&](const auto& v) { return it->second.count(v.first) > 0; });
    };

    Scenario next = scenario;
    std::vector<Flow>& flows = next.flows;
    std::set<std::string> covered, created, reduced;
    OdImportReport report;
    for (const OdTarget& t : targets) {
        const OdRow& row = *t.row;
        const FlowKind kind{t.corridor, t.reverse, row.type};
        const std::ptrdiff_t holder =
            findFlow(flows, kind, [&](const Flow& f) { return f.volumes.count(t.key) > 0; });
        if (holder >= 0) {
            Flow& f = flows[static_cast<std::size_t>(holder)];
            if (f.unit != row.unit)
                report.warnings.push_back(odError(matrix, row, OdPart::Unit,
                                                  "unit " + inQuotes(row.unit) + " differs from " +
                                                      inQuotes(f.unit) + " of flow " + inQuotes(f.id) +
                                                      ", whose volume it replaces"));
            // Measured in place when the flow already is, in this unit, or when the matrix replaces all of
            // it.
            if ((!f.indicative && f.unit == row.unit) || allGiven(f)) {
                f.unit = row.unit;
                f.indicative = false;
                f.volumes[t.key] = row.volume;
                covered.insert(f.id);
                if (auto w = unseen(next, matrix, t)) report.warnings.push_back(std::move(*w));
                continue;
            }
            // The flow keeps its other (indicative) volumes; this one moves to the measured flow.
            f.volumes.erase(t.key);
            reduced.insert(f.id);
        }
        std::ptrdiff_t measured =
            findFlow(flows, kind, [&](const Flow& f) { return !f.indicative && f.unit == row.unit; });
        if (measured < 0) {
            Flow f;
            f.id = newFlowId(flows, kind);
            f.corridor = t.corridor;
            f.reverse = t.reverse;
            f.type = row.type;
            f.unit = row.unit;
            f.indicative = false;
            created.insert(f.id);
            flows.push_back(std::move(f));
            measured = static_cast<std::ptrdiff_t>(flows.size()) - 1;
        }
        Flow& m = flows[static_cast<std::size_t>(measured)];
        m.volumes[t.key] = row.volume;
        covered.insert(m.id);
        if (auto w = unseen(next, matrix, t)) report.warnings.push_back(std::move(*w));
    }

    for (const Flow& f : flows) {
        if (covered.count(f.id)) report.covered.push_back(f.id);
        if (created.count(f.id)) report.created.push_back(f.id);
        if (reduced.count(f.id) && !covered.count(f.id)) report.reduced.push_back(f.id);
        if (covered.count(f.id) || reduced.count(f.id)) report.changed.push_back(f.id);
    }

    DataImport record;
    record.file = std::filesystem::path(sourceName).filename().string();
    record.importedAt = std::move(importedAt);
    record.rows = static_cast<int>(targets.size());
    record.flows = report.covered;
    next.provenance.imports.push_back(std::move(record));
    if (std::none_of(flows.begin(), flows.end(), [](const Flow& f) { return f.indicative; }))
        next.provenance.indicative = false;

    const std::vector<Error> problems = validateScenario(next, sourceName);
    if (!problems.empty()) {
        Error e = problems.front();
        e.message = "not imported: the scenario would be invalid: " + e.message;
        return e;
    }
    scenario = std::move(next);
    return report;
}

} // namespace qinba
