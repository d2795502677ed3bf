// libFuzzer target: OD matrix CSV (od_import.h), exported from spreadsheets and statistics offices: both
// layouts (long rows and wide matrices with their corner cell), UTF-8 and GBK/GB18030 text (converted).
//
// Properties checked on every input, besides "no crash, no leak, no undefined behaviour":
//   - parseOdCsv accepts exactly the texts readOdText finds no problem of form in;
//   - against the default scenario, applyOd succeeds exactly when checkOd finds no problem, leaves the
//     scenario unchanged when it fails, and leaves a valid scenario when it succeeds.

#include "fuzz_support.h"

#include "qinba/core/od_import.h"
#include "qinba/core/scenario_io.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

const qinba::Scenario& defaultScenario() {
    static const qinba::Scenario scenario = [] {
        qinba::Result<qinba::Scenario> s =
            qinba::loadScenario(QINBA_SOURCE_DIR "/assets/scenarios/qinba_default.json");
        qinba::fuzz::require(s.ok(), "cannot load the default scenario");
        return std::move(s).value();
    }();
    return scenario;
}

/// The flows and everything applyOd may change in them.
bool sameFlows(const qinba::Scenario& a, const qinba::Scenario& b) {
    if (a.flows.size() != b.flows.size()) return false;
    for (std::size_t i = 0; i < a.flows.size(); ++i) {
        const qinba::Flow &x = a.flows[i], &y = b.flows[i];
        if (x.id != y.id || x.unit != y.unit || x.volumes != y.volumes || x.indicative != y.indicative)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    defaultScenario();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qinba::fuzz::require;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const qinba::OdReading reading = qinba::readOdText(text, "fuzz.csv");
    require(reading.typeKnown.size() == reading.matrix.rows.size(), "typeKnown is not one per row");
    const qinba::Result<qinba::OdMatrix> parsed = qinba::parseOdCsv(text, "fuzz.csv");
    require(parsed.ok() == reading.errors.empty(), "parseOdCsv and readOdText disagree");
    if (!parsed.ok()) return 0;
    require(!parsed->rows.empty(), "an accepted matrix without rows");

    const qinba::Scenario& original = defaultScenario();
    const std::vector<qinba::Error> problems = qinba::checkOd(*parsed, original);
    qinba::Scenario scenario = original;
    const qinba::Result<qinba::OdImportReport> applied =
        qinba::applyOd(scenario, *parsed, "fuzz.csv", "2025-01-01T00:00:00Z");
    qinba::fuzz::report(applied.ok()
                            ? "applied, " + std::to_string(applied->covered.size()) + " flows covered"
                            : applied.error().toString());
    require(applied.ok() == problems.empty(), "applyOd and checkOd disagree");
    if (!applied.ok()) {
        require(sameFlows(scenario, original) &&
                    scenario.provenance.imports.size() == original.provenance.imports.size(),
                "a failed import changed the scenario");
        return 0;
    }
    const std::vector<qinba::Error> invalid = qinba::validateScenario(scenario, "fuzz.json");
    if (!invalid.empty()) std::fprintf(stderr, "after import: %s\n", invalid.front().toString().c_str());
    require(invalid.empty(), "an import left an invalid scenario");
    return 0;
}
