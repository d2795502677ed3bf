#pragma once
// Recording at the speed of rendering: a thread that hands frames to a FrameSink (PNG encoding, the pipe
// into ffmpeg) while the caller renders the next ones.

#include "qinba/app/frame_sink.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace qinba::app {

/// Writes frames in submission order on its own thread, holding at most `depth` frames waiting.
class FrameWriter {
  public:
    /// `written` (may be empty) is called on the writer thread after each frame is stored, with its index.
    explicit FrameWriter(std::unique_ptr<FrameSink> sink, std::function<void(long)> written = {},
                         int depth = 2);
    /// Finishes (and ignores the result) if finish() was not called.
    ~FrameWriter();
    FrameWriter(const FrameWriter&) = delete;
    FrameWriter& operator=(const FrameWriter&) = delete;

    /// Queues frame `index`, waiting while `depth` frames are queued. Returns the first write error so far
    /// (then nothing more is written); failedIndex() says which frame it was.
    Status submit(long index, ImageRgba8 frame);
    /// Writes what is queued, stops the thread and completes the sink. Returns the first write error, else
    /// the sink's finish().
    Status finish();
    /// The frame whose write failed, if any.
    std::optional<long> failedIndex() const;
    /// Seconds the caller spent waiting in submit() for room in the queue (the writer was the bottleneck).
    double waitedSeconds() const { return waited_; }
    /// Seconds the writer thread spent storing frames (encoding PNGs, or writing into ffmpeg's pipe); read it
    /// after finish().
    double busySeconds() const { return busy_; }

  private:
    void run();
    std::unique_ptr<FrameSink> sink_;
    std::function<void(long)> written_;
    std::size_t depth_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::pair<long, ImageRgba8>> queue_;
    std::optional<Error> error_;
    std::optional<long> failed_;
    bool stopping_ = false, finished_ = false;
    double waited_ = 0.0;
    double busy_ = 0.0; ///< written only by the writer thread
    std::thread thread_;
};

} // namespace qinba::app
