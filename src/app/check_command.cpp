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

/// The volumes the import applied (wide tables' ignored cells, such as the diagonal, not counted).
std::size_t rowsApplied(const Scenario& imported) {
    return imported.provenance.imports.empty()
               ? 0
               : static_cast<std::size_t>(imported.provenance.imports.back().rows);
}

/// The OD matrix against a valid scenario: every problem, or a summary of what importing it would do.
int checkOd(const std::vector<std::string>& odPaths, const Scenario& scenario) {
    const std::vector<Error> problems = checkOdFiles(odPaths, scenario);
    for (const Error& e : problems)
        print(e);
    if (!problems.empty()) return 1;
    auto matrix = readOd(odPaths);
    if (matrix)
        for (const std::string& note : odReadingNotes(*matrix))
            std::printf("%s\n", note.c_str());
    Scenario copy = scenario;
    auto report = matrix ? applyOd(copy, *matrix, odPaths.front(), utcTimestamp())
                         : Result<OdImportReport>(matrix.error());
    if (!report) {
        print(report.error());
        return 1;
    }
    for (const Error& w : report->warnings)
        printWarning(w);
    std::printf("%s\n",
                formatText(_("{}: valid OD matrix for '{}': {} rows; importing it would give measured "
                             "volumes to {} flows ({} of them new) and move volumes out of {} others"),
                           odPaths.front(), scenario.id, rowsApplied(copy), report->covered.size(),
                           report->created.size(), report->reduced.size())
                    .c_str());
    return 0;
}

} // namespace

int runCheck(const std::string& path, const std::vector<std::string>& odPaths) {
    const std::vector<Error> problems = checkScenarioFile(path);
    if (!problems.empty()) {
        for (const Error& e : problems)
            print(e);
        if (!odPaths.empty()) {
            // Without a valid scenario only the tables' own form can be checked.
            for (const Error& e : readOdFiles(odPaths).errors)
                print(e);
            std::fprintf(
                stderr, "%s\n",
                formatText(_("qinba check: {}: not checked against the scenario until the scenario is valid"),
                           odPaths.front())
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
    return odPaths.empty() ? 0 : checkOd(odPaths, *s);
}

} // namespace qinba::app
