#pragma once
// Exhibition (kiosk) mode: the attract tour plays in a loop until a visitor takes over; after a quiet
// spell the loop resumes. A pure state machine over an injected clock, so it is exact after days of
// running (times are differences of clock readings, never sums of frame steps).

namespace qinba {

/// Who is in charge of the screen.
enum class KioskState { Attract, Visitor };

class KioskStateMachine {
public:
    /// `idleSeconds`: quiet time after which the attract loop resumes; `tourSeconds`: length of one loop.
    KioskStateMachine(double idleSeconds, double tourSeconds, double now);

    /// Advances to clock time `now` (seconds); `interacted` is true when a visitor touched, clicked, moved
    /// or typed since the last call. Returns true when the state changed.
    bool update(double now, bool interacted);

    KioskState state() const { return state_; }
    /// Seconds into the attract tour at `now` (it loops); 0 while a visitor is in charge.
    double attractSeconds(double now) const;
    /// Seconds until the attract loop resumes if nobody touches anything (0 in attract).
    double secondsUntilAttract(double now) const;

private:
    double idle_, tour_;
    KioskState state_ = KioskState::Attract;
    double attractStart_ = 0.0;
    double lastInteraction_ = 0.0;
};

} // namespace qinba
