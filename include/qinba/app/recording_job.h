#pragma once
// A recording started from the viewer's Record panel: `qinba record` run as a child process on a copy of
// the current document, so a long 4K render neither blocks the window nor dies with it unnoticed.

#include "qinba/core/result.h"
#include "qinba/ui/app_context.h"

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace qinba::app {

class RecordingJob {
  public:
    /// Writes the document's scenario (layer paths made absolute) beside the cache and starts
    /// `qinba record` on it. Errors name what could not be written or started.
    static Result<std::unique_ptr<RecordingJob>> start(const Document& document,
                                                       const RecordingSettings& settings);
    ~RecordingJob(); ///< cancels a recording still running
    RecordingJob(const RecordingJob&) = delete;
    RecordingJob& operator=(const RecordingJob&) = delete;

    /// Reads the child's progress without blocking and fills `status`; returns false once it has ended.
    bool poll(RecordingStatus& status);
    /// Stops the child; the frames already written stay.
    void cancel();

  private:
    RecordingJob() = default;
    pid_t pid_ = -1;
    int fd_ = -1;
    std::string pending_;   ///< output not yet ended by a newline
    std::string lastError_; ///< the child's last "error:" line
    std::string scenarioFile_;
    bool cancelled_ = false;
};

/// The `qinba record` arguments (after the executable) for `settings` on `scenarioFile`.
std::vector<std::string> recordArguments(const Document& document, const RecordingSettings& settings,
                                         const std::string& scenarioFile);

} // namespace qinba::app
