#pragma once
// Recovery files: the autosaved state of a document with unsaved changes, offered again after a crash.
//
// Each document has one recovery file, recoveryDir()/<16 hex digits>.json, the digits being a 64-bit FNV-1a
// hash of the document's absolute path ("" for a document never saved). The file is one header line of
// JSON, {"qinbaRecovery": 1, "originalPath": "/abs/path.json", "savedAt": "2025-03-02T10:15:00Z"}, followed
// by the document's canonical text (serializeScenario): removing the first line gives the scenario file.
// It is written atomically, so a crash during an autosave leaves the previous recovery file.

#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <filesystem>
#include <optional>
#include <string>

namespace qinba {

/// A recovery file found for a document.
struct RecoveryFile {
    std::string path;         ///< the recovery file
    std::string originalPath; ///< absolute path of the document it recovers; "" for one never saved
    std::string savedAt;      ///< when it was written, UTC ("2025-03-02T10:15:00Z")
};

/// $QINBA_CONFIG_DIR/recovery, else $XDG_CONFIG_HOME/qinba-atlas/recovery, else
/// ~/.config/qinba-atlas/recovery (beside preferences.json).
std::filesystem::path recoveryDir();

/// The recovery file of the document at `originalPath` (made absolute first; "" for a new document).
std::filesystem::path recoveryPath(const std::string& originalPath);

/// Autosave: writes `scenario` to the document's recovery file atomically, creating the folder.
Status writeRecovery(const std::string& originalPath, const Scenario& scenario);

/// The recovery file a crash left for the document: present, with a readable header naming this document,
/// and not older than the document itself (a document saved after the autosave needs no recovery).
std::optional<RecoveryFile> findRecovery(const std::string& originalPath);

/// Reads the scenario of a recovery file (validated; errors name the recovery file).
Result<Scenario> loadRecovery(const RecoveryFile& recovery);

/// Removes the document's recovery file (after a save, a clean exit or a declined recovery); none is fine.
Status discardRecovery(const std::string& originalPath);

} // namespace qinba
