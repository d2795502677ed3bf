// libFuzzer target: scenario JSON (scenario_io.h), the file users open, edit by hand and share.
//
// Properties checked on every input, besides "no crash, no leak, no undefined behaviour":
//   - parseScenario accepts exactly the texts checkScenarioText finds no problem in, and its error is the
//     first of those problems;
//   - an accepted scenario is valid in memory (validateScenario), and save → load → save gives the same text.

#include "fuzz_support.h"

#include "qinba/core/scenario_io.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qinba::fuzz::require;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<qinba::Error> problems = qinba::checkScenarioText(text, "fuzz.json");
    const qinba::Result<qinba::Scenario> parsed = qinba::parseScenario(text, "fuzz.json");
    qinba::fuzz::report(parsed.ok() ? "scenario with " + std::to_string(parsed->places.size()) + " places"
                                    : parsed.error().toString());
    require(parsed.ok() == problems.empty(), "parseScenario and checkScenarioText disagree");
    for (const qinba::Error& e : problems)
        require(!e.message.empty(), "an error without a message");
    if (!parsed.ok()) {
        require(parsed.error().toString() == problems.front().toString(),
                "parseScenario's error is not checkScenarioText's first problem");
        return 0;
    }
    require(qinba::validateScenario(*parsed, "fuzz.json").empty(), "an accepted scenario is not valid");
    const std::string saved = qinba::serializeScenario(*parsed);
    const qinba::Result<qinba::Scenario> reloaded = qinba::parseScenario(saved, "saved.json");
    if (!reloaded.ok()) std::fprintf(stderr, "reload: %s\n", reloaded.error().toString().c_str());
    require(reloaded.ok(), "a saved scenario does not load again");
    require(qinba::serializeScenario(*reloaded) == saved, "save -> load -> save changes the text");
    return 0;
}
