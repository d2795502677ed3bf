#pragma once
// Time sources. The frame loop takes its time step from an injected Clock, so the same code runs live
// (SteadyClock) and offline or in tests (ManualClock) with identical results for identical times.

#include <algorithm>
#include <chrono>

namespace qinba {

/// A source of time in seconds since an arbitrary start.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual double seconds() const = 0;
};

/// Wall-clock time from std::chrono::steady_clock (never jumps backwards).
class SteadyClock final : public Clock {
  public:
    double seconds() const override {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

  private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// Time that moves only when told to: for fixed-step rendering and tests.
class ManualClock final : public Clock {
  public:
    double seconds() const override { return now_; }
    void advance(double dt) { now_ += dt; }
    void set(double t) { now_ = t; }

  private:
    double now_ = 0.0;
};

/// The animation time of a frame loop, from clock readings: it follows the clock, except that a stall (a
/// step longer than `maxStep` seconds: a breakpoint, a suspended machine) counts as `maxStep`. The time is
/// the start plus the difference of two readings less the stalls, never a sum of frame steps, so after weeks
/// of frames it is as exact as the clock (a double of seconds: better than a microsecond for 200 years).
class FrameClock {
  public:
    /// `reading`: the clock now; `start`: the animation time it stands for; `maxStep`: longest step.
    FrameClock(double reading, double start, double maxStep)
        : origin_(reading), last_(reading), start_(start), maxStep_(maxStep) {}

    struct Tick {
        double time;         ///< animation time, seconds
        double dt;           ///< its step since the last tick, 0 to maxStep
        double frameSeconds; ///< the clock's step, unclamped
    };
    /// The next frame at clock reading `reading`.
    Tick tick(double reading) {
        const double frameSeconds = reading - last_;
        const double dt = std::clamp(frameSeconds, 0.0, maxStep_);
        if (dt != frameSeconds) skipped_ += frameSeconds - dt; // only on stalls, so it stays a few terms
        last_ = reading;
        const double time = start_ + ((reading - origin_) - skipped_);
        const double step = time - previous_;
        previous_ = time;
        return {time, std::clamp(step, 0.0, maxStep_), frameSeconds};
    }

  private:
    double origin_, last_, start_, maxStep_;
    double skipped_ = 0.0;
    double previous_ = start_;
};

} // namespace qinba
