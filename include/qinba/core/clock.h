#pragma once
// Time sources. The frame loop takes its time step from an injected Clock, so the same code runs live
// (SteadyClock) and offline or in tests (ManualClock) with identical results for identical times.

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

} // namespace qinba
