#pragma once
// Frame rate and frame time as shown in the status line, smoothed so the numbers are readable.

namespace qinba {

/// Exponentially smoothed frame time (time constant about half a second).
class FrameTiming {
  public:
    /// Adds one frame that took `seconds`.
    void add(double seconds) {
        if (seconds <= 0.0) return;
        const double alpha = seconds / (seconds + 0.5);
        smoothed_ = frames_ == 0 ? seconds : smoothed_ + (seconds - smoothed_) * alpha;
        ++frames_;
    }
    double frameMilliseconds() const { return smoothed_ * 1000.0; }
    double framesPerSecond() const { return smoothed_ > 0.0 ? 1.0 / smoothed_ : 0.0; }
    long frames() const { return frames_; }

  private:
    double smoothed_ = 0.0;
    long frames_ = 0;
};

} // namespace qinba
