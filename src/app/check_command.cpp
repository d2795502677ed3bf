#include "qinba/app/check_command.h"

#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

#include <cstdio>

namespace qinba::app {

namespace {

void print(const Error& e) {
    std::fprintf(stderr, "qinba check: %s\n", e.toString().c_str());
}

void printWarning(const Error& e) {
    std::fprintf(stderr, "%s\n", formatText(_("qinba check: warning: {}"), e.toString()).c_str());
}

/// The OD matrix against a valid scenario: every problem, or a summary of what importing it would do.
int checkOd(const std::string& odPath, const Scenario& scenario) {
    const std::vector<Error> problems = checkOdCsv(odPath, scenario);
    for (const Error& e : problems)
        print(e);
    if (!problems.empty()) return 1;
    auto matrix = readOdCsv(odPath);
    Scenario copy = scenario;
    auto report =
        matrix ? applyOd(copy, *matrix, odPath, utcTimestamp()) : Result<OdImportReport>(matrix.error());
    if (!report) {
        print(report.error());
        return 1;
    }
    for (const Error& w : report->warnings)
        printWarning(w);
    std::printf("%s\n",
                formatText(_("{}: valid OD matrix for '{}': {} rows; importing it would give measured "
                             "volumes to {} flows ({} of them new) and move volumes out of {} others"),
                           odPath, scenario.id, matrix->rows.size(), report->covered.size(),
                           report->created.size(), report->reduced.size())
                    .c_str());
    return 0;
}

} // namespace

int runCheck(const std::string& path, const std::string& odPath) {
    const std::vector<Error> problems = checkScenarioFile(path);
    if (!problems.empty()) {
        for (const Error& e : problems)
            print(e);
        if (!odPath.empty()) {
            // Without a valid scenario only the CSV's own form can be checked.
            if (auto matrix = readOdCsv(odPath); !matrix) print(matrix.error());
            std::fprintf(
                stderr, "%s\n",
                formatText(_("qinba check: {}: not checked against the scenario until the scenario is valid"),
                           odPath)
                    .c_str());
        }
        return 1;
    }
    // checkScenarioFile found nothing, so loading succeeds; the summary comes from the loaded scenario.
    const Result<Scenario> s = loadScenario(path);
    if (!s) {
        print(s.error());
        return 1;
    }
    std::printf("%s\n",
                formatText(_("{}: valid scenario '{}': {} places, {} agglomerations, {} corridors, {} "
                             "flows, {} stages in {} storylines"),
                           path, s->id, s->places.size(), s->agglomerations.size(), s->corridors.size(),
                           s->flows.size(), s->stages.size(), s->storylines.size())
                    .c_str());
    return odPath.empty() ? 0 : checkOd(odPath, *s);
}

} // namespace qinba::app
