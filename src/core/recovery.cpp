// Recovery files: where they live, the header line, and finding one newer than its document.

#include "qinba/core/recovery.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/fnv1a.h"
#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/text_format.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <system_error>

namespace qinba {

namespace {

namespace fs = std::filesystem;

/// The absolute, normal form of a document path, so that "a.json" and "./a.json" share one recovery file.
std::string normalPath(const std::string& path) {
    if (path.empty()) return path;
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) p = fs::absolute(path, ec).lexically_normal();
    return p.string();
}

std::uint64_t fnv1a(const std::string& text) {
    Fnv1a h;
    h.addString(text);
    return h.value();
}

constexpr int kRecoveryVersion = 1;

} // namespace

fs::path recoveryDir() {
    return userConfigDir() / "recovery";
}

fs::path recoveryPath(const std::string& originalPath) {
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.json",
                  static_cast<unsigned long long>(fnv1a(normalPath(originalPath))));
    return recoveryDir() / name;
}

Status writeRecovery(const std::string& originalPath, const Scenario& scenario) {
    const fs::path path = recoveryPath(originalPath);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
        return Error{path.parent_path().string(), "",
                     formatText(_("cannot create the recovery folder: {}"), ec.message())};
    const nlohmann::ordered_json header = {{"qinbaRecovery", kRecoveryVersion},
                                           {"originalPath", normalPath(originalPath)},
                                           {"savedAt", utcTimestamp()}};
    return writeFileAtomically(path.string(),
                               header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" +
                                   serializeScenario(scenario));
}

std::optional<RecoveryFile> findRecovery(const std::string& originalPath) {
    const fs::path path = recoveryPath(originalPath);
    auto text = readFile(path.string());
    if (!text) return std::nullopt;
    const nlohmann::json header =
        nlohmann::json::parse(text->substr(0, text->find('\n')), nullptr, /*allow_exceptions=*/false);
    if (!header.is_object() || header.value("qinbaRecovery", 0) != kRecoveryVersion) return std::nullopt;
    RecoveryFile found{path.string(), header.value("originalPath", std::string("\x01")),
                       header.value("savedAt", std::string())};
    if (found.originalPath != normalPath(originalPath)) return std::nullopt; // another document's hash
    std::error_code ec;
    if (!originalPath.empty() && fs::exists(originalPath, ec)) {
        const auto document = fs::last_write_time(originalPath, ec);
        const auto recovery = fs::last_write_time(path, ec);
        if (ec || recovery < document) return std::nullopt;
    }
    return found;
}

Result<Scenario> loadRecovery(const RecoveryFile& recovery) {
    auto text = readFile(recovery.path);
    if (!text) return text.error();
    const std::size_t newline = text->find('\n');
    if (newline == std::string::npos)
        return Error{recovery.path, "", _("not a recovery file: no header line")};
    return parseScenario(std::string_view(*text).substr(newline + 1), recovery.path);
}

Status discardRecovery(const std::string& originalPath) {
    const fs::path path = recoveryPath(originalPath);
    std::error_code ec;
    fs::remove(path, ec);
    if (ec)
        return Error{path.string(), "", formatText(_("cannot remove the recovery file: {}"), ec.message())};
    return okStatus();
}

} // namespace qinba
