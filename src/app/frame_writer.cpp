#include "qinba/app/frame_writer.h"

#include <algorithm>
#include <chrono>

namespace qinba::app {

FrameWriter::FrameWriter(std::unique_ptr<FrameSink> sink, std::function<void(long)> written, int depth)
    : sink_(std::move(sink)), written_(std::move(written)),
      depth_(static_cast<std::size_t>(std::max(depth, 1))) {
    thread_ = std::thread([this] { run(); });
}

FrameWriter::~FrameWriter() {
    if (!finished_) (void)finish();
}

Status FrameWriter::submit(long index, ImageRgba8 frame) {
    std::unique_lock lock(mutex_);
    const auto start = std::chrono::steady_clock::now();
    changed_.wait(lock, [&] { return queue_.size() < depth_ || error_; });
    waited_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (error_) return *error_;
    queue_.emplace_back(index, std::move(frame));
    changed_.notify_all();
    return okStatus();
}

void FrameWriter::run() {
    for (;;) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !queue_.empty() || stopping_; });
        if (queue_.empty()) return;
        // The frame stays queued while it is written, so `depth` bounds the frames held in memory.
        std::pair<long, ImageRgba8>& next = queue_.front();
        lock.unlock();
        const bool skip = error_.has_value();
        const auto t0 = std::chrono::steady_clock::now();
        Status s = skip ? okStatus() : sink_->write(next.first, next.second);
        busy_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (s && !skip && written_) written_(next.first);
        lock.lock();
        if (!s && !error_) {
            error_ = s.error();
            failed_ = next.first;
        }
        queue_.pop_front();
        changed_.notify_all();
    }
}

Status FrameWriter::finish() {
    {
        const std::lock_guard lock(mutex_);
        if (finished_) return error_ ? Status(*error_) : okStatus();
        stopping_ = true;
        finished_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    Status done = sink_->finish();
    if (error_) return *error_;
    return done;
}

std::optional<long> FrameWriter::failedIndex() const {
    const std::lock_guard lock(mutex_);
    return failed_;
}

} // namespace qinba::app
