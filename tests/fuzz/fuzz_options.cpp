// libFuzzer target: the small text inputs users type or keep in files — `--camera LON,LAT,DIST[,H[,P]]`
// (camera_spec.h), `qinba zoning --set NAME=VALUE` (zoning.h), preferences.json (preferences.h) and
// view-settings files (scene_settings.h; the same JSON text as the preferences). The first byte of the input
// picks the parser, the rest is its text.
//
// Properties checked on every input, besides "no crash, no leak, no undefined behaviour": an accepted camera
// is in range and formats to text that parses again to the same text; an accepted assignment leaves valid
// parameters and a refused one leaves them unchanged; accepted preferences are within their ranges; accepted
// view settings save to text that reads back to the same settings.

#include "fuzz_support.h"

#include "qinba/core/camera_spec.h"
#include "qinba/core/preferences.h"
#include "qinba/core/scene_settings.h"
#include "qinba/core/zoning.h"

#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

void fuzzCamera(const std::string& text) {
    using qinba::fuzz::require;
    const qinba::Result<qinba::CameraSpec> spec = qinba::parseCameraSpec(text);
    if (!spec.ok()) return;
    require(spec->distanceKm > 0 && spec->pitch >= 0 && spec->pitch <= 90, "an accepted camera out of range");
    const std::string formatted = qinba::formatCameraSpec(*spec);
    const qinba::Result<qinba::CameraSpec> again = qinba::parseCameraSpec(formatted);
    if (!again.ok()) std::fprintf(stderr, "%s: %s\n", formatted.c_str(), again.error().toString().c_str());
    require(again.ok(), "a formatted camera does not parse again");
    require(qinba::formatCameraSpec(*again) == formatted, "format -> parse -> format changes the text");
}

void fuzzZoning(const std::string& text) {
    using qinba::fuzz::require;
    qinba::ZoningParameters p;
    const qinba::ZoningParameters before = p;
    const qinba::Status s = qinba::applyZoningAssignment(p, text);
    require(qinba::validateZoningParameters(p).ok(), "an assignment left parameters out of range");
    if (!s.ok())
        for (const qinba::ZoningParameterInfo& info : qinba::zoningParameterTable())
            require(p.*info.member == before.*info.member, "a refused assignment changed a parameter");
}

void fuzzViewSettings(const std::string& text) {
    using qinba::fuzz::require;
    const auto settings = qinba::parseSceneSettings(text, "view.json");
    if (!settings.ok()) return;
    const auto again = qinba::parseSceneSettings(qinba::formatSceneSettings(*settings), "again.json");
    require(again.ok(), "saved view settings do not read back");
    require(again->style == settings->style && again->labels == settings->labels &&
                again->layers.size() == settings->layers.size() &&
                again->zoningParameters == settings->zoningParameters &&
                again->decorations == settings->decorations && again->zoning == settings->zoning,
            "view settings changed on the way through their file");
}

void fuzzPreferences(const std::string& text) {
    using qinba::fuzz::require;
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("qinba-fuzz-preferences-" + std::to_string(getpid()) + ".json");
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    const qinba::Result<qinba::Preferences> prefs = qinba::loadPreferences(path);
    std::filesystem::remove(path);
    if (!prefs.ok()) return;
    require(prefs->uiScale >= 0.5 && prefs->uiScale <= 4.0 && prefs->msaaSamples >= 0 &&
                prefs->msaaSamples <= 16 && static_cast<int>(prefs->view.labels) >= 0 &&
                static_cast<int>(prefs->view.labels) <= 2,
            "accepted preferences out of range");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 3) {
    case 0:
        fuzzCamera(text);
        break;
    case 1:
        fuzzZoning(text);
        break;
    default:
        fuzzPreferences(text);
        fuzzViewSettings(text);
        break;
    }
    return 0;
}
