#include "qinba/core/background_jobs.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace qinba {

void JobControl::report(double fraction, const std::string& label) {
    fraction_.store(std::clamp(fraction, 0.0, 1.0));
    if (label.empty()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    label_ = label;
}

std::string JobControl::label() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return label_;
}

struct BackgroundJobs::Job {
    std::string kind, label;
    JobControl control;
    std::thread worker;
    std::atomic<bool> done{false};
    std::optional<Result<Apply>> result; ///< written by the worker before `done`
    bool replaced = false;               ///< a newer job of the same kind took its place
};

BackgroundJobs::~BackgroundJobs() {
    cancelAll();
    for (auto& job : jobs_)
        if (job->worker.joinable()) job->worker.join();
}

void BackgroundJobs::start(const std::string& kind, const std::string& label, Work work) {
    for (auto& job : jobs_)
        if (job->kind == kind && !job->replaced) {
            job->replaced = true;
            job->control.cancel();
        }
    auto job = std::make_shared<Job>();
    job->kind = kind;
    job->label = label;
    job->control.report(0.0, label);
    Job* raw = job.get();
    jobs_.push_back(job);
    raw->worker = std::thread([raw, work = std::move(work)] {
        Result<Apply> r = Error{"", "", "the job did not run"};
        try {
            r = work(raw->control);
        } catch (const std::exception& e) {
            r = Error{"", "", std::string("internal error: ") + e.what()};
        }
        raw->result.emplace(std::move(r));
        raw->done.store(true);
    });
}

int BackgroundJobs::poll(const std::function<void(const std::string&, const Error&)>& onError,
                         const std::function<void(const std::string&, const std::string&)>& onCancelled) {
    int ended = 0;
    // Applies may start new jobs (a DEM that needs its routes again): take the finished ones out first.
    std::vector<std::shared_ptr<Job>> finished;
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        if ((*it)->done.load()) {
            (*it)->worker.join();
            finished.push_back(std::move(*it));
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& job : finished) {
        ++ended;
        if (job->replaced) continue;
        if (job->control.cancelled()) {
            if (onCancelled) onCancelled(job->kind, job->label);
        } else if (!*job->result) {
            if (onError) onError(job->kind, job->result->error());
        } else if (**job->result) {
            (**job->result)();
        }
    }
    return ended;
}

void BackgroundJobs::cancel(const std::string& kind) {
    for (auto& job : jobs_)
        if (job->kind == kind) job->control.cancel();
}

void BackgroundJobs::cancelAll() {
    for (auto& job : jobs_)
        job->control.cancel();
}

bool BackgroundJobs::running(const std::string& kind) const {
    return std::any_of(jobs_.begin(), jobs_.end(), [&](const std::shared_ptr<Job>& j) {
        return !j->replaced && (kind.empty() || j->kind == kind);
    });
}

std::vector<JobProgress> BackgroundJobs::progress() const {
    std::vector<JobProgress> out;
    for (const auto& job : jobs_)
        if (!job->replaced)
            out.push_back(
                {job->kind, job->control.label(), job->control.fraction(), job->control.cancelled()});
    return out;
}

void BackgroundJobs::wait(const std::function<void(const std::string&, const Error&)>& onError) {
    while (!jobs_.empty()) {
        if (poll(onError) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace qinba
