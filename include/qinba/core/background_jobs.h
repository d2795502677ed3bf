#pragma once
// Long work off the window's thread: each job runs on its own worker thread, reports its progress (a fraction
// 0–1 and a label), checks a cancel flag, and ends in an Apply that the window thread runs in one step
// (poll(), once a frame), so what is drawn never sees half a result. GL work stays in the Apply; the worker
// only reads files and computes. A failed or cancelled job applies nothing: the previous state stays.

#include "qinba/core/result.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace qinba {

/// Shared between a job's worker (which reports and checks) and the window thread (which reads and cancels).
class JobControl {
  public:
    /// Sets the progress: `fraction` 0–1 (clamped); an empty `label` keeps the current one. Thread-safe.
    void report(double fraction, const std::string& label = {});
    /// For progress callbacks (GDAL's, per corridor, per row): reports and returns false once cancelled.
    bool progress(double fraction) {
        report(fraction);
        return !cancelled();
    }
    bool cancelled() const { return cancelled_.load(); }
    void cancel() { cancelled_.store(true); }
    double fraction() const { return fraction_.load(); }
    std::string label() const;

  private:
    std::atomic<bool> cancelled_{false};
    std::atomic<double> fraction_{0.0};
    mutable std::mutex mutex_;
    std::string label_;
};

/// A running job as the progress indicator shows it.
struct JobProgress {
    std::string kind;      ///< "dem", "scenario", "routes", "zoning", "od", "layer"
    std::string label;     ///< what it does now, for people
    double fraction = 0.0; ///< 0–1
    bool cancelling = false;
};

class BackgroundJobs {
  public:
    /// What a finished job does on the window thread.
    using Apply = std::function<void()>;
    /// The work, run on a worker thread: the Apply of its result, or the Error that stopped it. It checks
    /// `control.cancelled()` where it can and returns any error once cancelled (the result is dropped).
    using Work = std::function<Result<Apply>(JobControl& control)>;

    BackgroundJobs() = default;
    /// Cancels every job and waits for the workers.
    ~BackgroundJobs();
    BackgroundJobs(const BackgroundJobs&) = delete;
    BackgroundJobs& operator=(const BackgroundJobs&) = delete;

    /// Starts `work` as the job of `kind` with the label `label`. A job of the same kind still running is
    /// cancelled and its result dropped: the newer one replaces it.
    void start(const std::string& kind, const std::string& label, Work work);
    /// Window thread: runs the Apply of each job finished since the last call (in the order started), and
    /// reports failures to `onError` and cancelled jobs to `onCancelled` (their kind and label). Returns how
    /// many jobs ended.
    int poll(const std::function<void(const std::string& kind, const Error& error)>& onError,
             const std::function<void(const std::string& kind, const std::string& label)>& onCancelled = {});
    /// Asks the job of `kind` to stop; it ends at its next check and applies nothing.
    void cancel(const std::string& kind);
    void cancelAll();
    /// Whether a job of `kind` is running (not yet polled); any job when `kind` is empty.
    bool running(const std::string& kind = {}) const;
    /// The jobs not yet polled, oldest first (replaced ones left out).
    std::vector<JobProgress> progress() const;
    /// Waits until every job has finished and polls them (for tests and a clean exit).
    void wait(const std::function<void(const std::string& kind, const Error& error)>& onError);

  private:
    struct Job;
    std::vector<std::shared_ptr<Job>> jobs_;
};

} // namespace qinba
