// OD matrix rows against a scenario: places by id or name, the corridor joining them, the volume key of a
// year or stage, duplicate rows and units. The CSV itself is read in od_import.cpp.

#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace qinba {

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string inQuotes(const std::string& s) {
    return "'" + s + "'";
}

bool fourDigits(const std::string& s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, for "did you mean".
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

/// Finds what the rows of a matrix name in a scenario.
class Resolver {
  public:
    Resolver(const OdMatrix& m, const Scenario& s) : m_(m), s_(s) {}

    std::vector<Error> errors;

    /// The row's target, or nullopt with its problems added. `typeKnown`: the row's type parsed, so it may be
    /// compared with other rows for duplicates.
    std::optional<OdTarget> resolve(const OdRow& row, bool typeKnown) {
        const Place* from = place(row, row.from, OdPart::From);
        const Place* to = place(row, row.to, OdPart::To);
        const std::optional<std::string> key = volumeKey(row);
        // A wide matrix's diagonal (a place to itself) has no corridor to go to.
        if (row.column > 0 && from && to && from->id == to->id) return std::nullopt;
        std::optional<OdTarget> target;
        if (from && to) target = corridor(row, *from, *to);
        if (!target || !key) return std::nullopt;
        target->row = &row;
        target->key = *key;
        if (!typeKnown) return std::nullopt;
        const auto [it, inserted] =
            seen_.emplace(std::make_tuple(target->corridor, target->reverse, row.type, *key), &row);
        if (!inserted) {
            fail(row, OdPart::Key,
                 "duplicate row: " + odPlace(m_, *it->second) + " already gives the " + toString(row.type) +
                     " volume from " + from->nameEn + " to " + to->nameEn + " for " + inQuotes(row.key));
            return std::nullopt;
        }
        // One unit per corridor, direction and type: the measured values of a flow share its unit.
        if (row.unit.empty()) return std::nullopt; // reported with the cells
        const auto [unit, first] = units_.emplace(
            std::make_tuple(target->corridor, target->reverse, row.type), std::make_pair(row.unit, &row));
        if (!first && unit->second.first != row.unit) {
            fail(row, OdPart::Unit,
                 "unit " + inQuotes(row.unit) + " differs from " + inQuotes(unit->second.first) + " on " +
                     odPlace(m_, *unit->second.second) + " for the same corridor, direction and type");
            return std::nullopt;
        }
        return target;
    }

  private:
    /// Adds a problem once: the cells of a wide table share their header's destination and corner cell.
    void fail(const OdRow& row, OdPart part, std::string message) {
        Error e = odError(m_, row, part, std::move(message));
        if (reported_.insert(e.toString()).second) errors.push_back(std::move(e));
    }

    const Place* place(const OdRow& row, const std::string& text, OdPart part) {
        if (text.empty()) return nullptr; // reported with the cells
        const std::string wanted = lower(text);
        for (const Place& p : s_.places)
            if (p.id == wanted) return &p;
        std::vector<const Place*> named;
        for (const Place& p : s_.places)
            if (lower(p.nameEn) == wanted || p.nameZh == text) named.push_back(&p);
        if (named.size() == 1) return named.front();
        if (named.size() > 1) {
            fail(row, part,
                 "ambiguous place " + inQuotes(text) + ": the name of " + inQuotes(named[0]->id) + " and " +
                     inQuotes(named[1]->id) + "; write the place id");
            return nullptr;
        }
        std::string hint = " (not the id, English or Chinese name of any of the " +
                           std::to_string(s_.places.size()) + " places)";
        for (const Place& p : s_.places)
            if (editDistance(wanted, p.id) <= 1 || editDistance(wanted, lower(p.nameEn)) <= 1) {
                hint = " (did you mean " + inQuotes(p.nameEn) + ", id " + inQuotes(p.id) + "?)";
                break;
            }
        fail(row, part, "unknown place " + inQuotes(text) + hint);
        return nullptr;
    }

    std::optional<OdTarget> corridor(const OdRow& row, const Place& from, const Place& to) {
        const std::string pair = from.nameEn + " (" + from.id + ") and " + to.nameEn + " (" + to.id + ")";
        if (from.id == to.id) {
            fail(row, OdPart::To, "from and to are the same place, " + inQuotes(to.id));
            return std::nullopt;
        }
        std::vector<const Corridor*> joining;
        for (const Corridor& c : s_.corridors)
            if ((c.from == from.id && c.to == to.id) || (c.from == to.id && c.to == from.id))
                if (row.corridor.empty() || c.id == row.corridor) joining.push_back(&c);
        if (!row.corridor.empty() && joining.empty()) {
            const Corridor* named = s_.findCorridor(row.corridor);
            fail(row, OdPart::Corridor,
                 named ? "corridor " + inQuotes(row.corridor) + " joins " + inQuotes(named->from) + " and " +
                             inQuotes(named->to) + ", not " + pair
                       : "unknown corridor " + inQuotes(row.corridor));
            return std::nullopt;
        }
        // A wide matrix holds every pair; a zero between places no corridor joins says nothing.
        if (joining.empty() && row.column > 0 && row.volume == 0.0 && row.corridor.empty())
            return std::nullopt;
        if (joining.empty()) {
            fail(row, row.column > 0 ? OdPart::Volume : OdPart::To,
                 "no corridor joins " + pair + "; add one first" +
                     (row.column > 0 ? std::string(_(" (or leave this cell empty)")) : std::string()));
            return std::nullopt;
        }
        if (joining.size() > 1) {
            fail(row, OdPart::To,
                 std::to_string(joining.size()) + " corridors join " + pair + " (" +
                     inQuotes(joining[0]->id) + ", " + inQuotes(joining[1]->id) +
                     "...): name one in a 'corridor' column");
            return std::nullopt;
        }
        return OdTarget{nullptr, joining.front()->id, joining.front()->from != from.id, ""};
    }

    static std::string keyOf(const Stage& st) { return st.volumeKey.empty() ? st.id : st.volumeKey; }

    /// The key into Flow::volumes the row's year or stage names.
    std::optional<std::string> volumeKey(const OdRow& row) {
        const OdKeyColumn kind =
            row.table < m_.tables.size() ? m_.tables[row.table].keyColumn : OdKeyColumn::Year;
        if (row.key.empty()) return std::nullopt;
        if (kind == OdKeyColumn::Stage) {
            for (const Stage& st : s_.stages)
                if (st.id == lower(row.key)) return keyOf(st);
            std::string ids;
            for (std::size_t i = 0; i < s_.stages.size() && i < 12; ++i)
                ids += (i ? ", " : "") + s_.stages[i].id;
            fail(row, OdPart::Key, "unknown stage " + inQuotes(row.key) + " (stages: " + ids + ")");
            return std::nullopt;
        }
        if (!fourDigits(row.key)) return std::nullopt; // reported with the cells
        const int year = std::stoi(row.key);
        std::set<std::string> keys;
        for (const Stage& st : s_.stages)
            if (st.year == year) keys.insert(keyOf(st));
        if (keys.empty())
            for (const Stage& st : s_.stages)
                if (keyOf(st) == row.key) keys.insert(row.key);
        if (keys.size() == 1) return *keys.begin();
        if (keys.size() > 1) {
            fail(row, OdPart::Key,
                 "year " + row.key + " is read by stages with different volume keys (" +
                     inQuotes(*keys.begin()) + ", " + inQuotes(*std::next(keys.begin())) +
                     "); use a 'stage' column");
            return std::nullopt;
        }
        std::set<int> years;
        for (const Stage& st : s_.stages)
            if (st.year) years.insert(*st.year);
        std::string known;
        for (const int y : years)
            known += (known.empty() ? "" : ", ") + std::to_string(y);
        fail(row, OdPart::Key,
             "no stage reads year " + row.key +
                 (known.empty() ? std::string(" (no stage has a year)")
                                : " (years of the stages: " + known + ")"));
        return std::nullopt;
    }

    const OdMatrix& m_;
    const Scenario& s_;
    std::map<std::tuple<std::string, bool, FlowType, std::string>, const OdRow*> seen_;
    std::map<std::tuple<std::string, bool, FlowType>, std::pair<std::string, const OdRow*>> units_;
    std::set<std::string> reported_;
};

} // namespace

namespace {

/// When every row was ignored (a wide table's diagonal, zeros between places no corridor joins) and nothing
/// else is wrong, there is nothing to import.
void requireSomeVolume(std::size_t targets, const OdMatrix& m, std::vector<Error>& errors) {
    if (targets == 0 && errors.empty())
        errors.push_back(
            Error{m.file, "",
                  _("nothing to import: every volume is on the diagonal (a place to itself) or a "
                    "zero between places no corridor joins")});
}

} // namespace

std::vector<Error> checkOdFiles(const std::vector<std::string>& paths, const Scenario& scenario) {
    // The files' own problems come first, in reading order; then what the rows mean in the scenario.
    OdReading reading = readOdFiles(paths);
    Resolver resolver(reading.matrix, scenario);
    std::size_t targets = 0;
    for (std::size_t i = 0; i < reading.matrix.rows.size(); ++i)
        targets += resolver.resolve(reading.matrix.rows[i], reading.typeKnown[i]).has_value();
    reading.errors.insert(reading.errors.end(), resolver.errors.begin(), resolver.errors.end());
    // A row whose type is unknown has no target but its problem is already reported.
    requireSomeVolume(targets, reading.matrix, reading.errors);
    return std::move(reading.errors);
}

Result<std::vector<OdTarget>> resolveOd(const OdMatrix& matrix, const Scenario& scenario) {
    Resolver resolver(matrix, scenario);
    std::vector<OdTarget> targets;
    for (const OdRow& row : matrix.rows)
        if (auto target = resolver.resolve(row, true)) targets.push_back(std::move(*target));
    requireSomeVolume(targets.size(), matrix, resolver.errors);
    if (!resolver.errors.empty()) return resolver.errors.front();
    return targets;
}

std::vector<Error> checkOd(const OdMatrix& matrix, const Scenario& scenario) {
    Resolver resolver(matrix, scenario);
    std::size_t targets = 0;
    for (const OdRow& row : matrix.rows)
        targets += resolver.resolve(row, true).has_value();
    requireSomeVolume(targets, matrix, resolver.errors);
    return std::move(resolver.errors);
}

} // namespace qinba
