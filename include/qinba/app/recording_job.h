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

/// Everything a recording takes from the viewer besides the tour, file, size and rate: the document, the
/// picture's settings (the viewer's SceneSettings: the video shows what the screen shows), and how finely
/// the terrain is drawn.
struct RecordingSource {
    const Document* document = nullptr;
    SceneSettings scene;
    int triangles = 0; ///< terrain triangle budget, as the viewer draws it
    int msaa = 4;      ///< anti-aliasing samples, as the viewer's screenshots use
    /// The qinba executable to run; empty: this process's own (/proc/self/exe). Tests name the built one.
    std::string executable;
};

class RecordingJob {
  public:
    /// Writes the document's scenario (layer paths made absolute) and the scene settings beside the cache
    /// and starts `qinba record` on them. Errors name what could not be written or started.
    static Result<std::unique_ptr<RecordingJob>> start(const RecordingSource& source,
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
    std::string scenarioFile_, viewFile_;
    bool cancelled_ = false;
};

/// The `qinba record` arguments (after the executable) for `settings` of `source` on `scenarioFile`, with
/// the scene settings saved in `viewFile`.
std::vector<std::string> recordArguments(const RecordingSource& source, const RecordingSettings& settings,
                                         const std::string& scenarioFile, const std::string& viewFile);

} // namespace qinba::app
