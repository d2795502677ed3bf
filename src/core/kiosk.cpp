#include "qinba/core/kiosk.h"

#include <algorithm>
#include <cmath>

namespace qinba {

KioskStateMachine::KioskStateMachine(double idleSeconds, double tourSeconds, double now)
    : idle_(std::max(idleSeconds, 1.0)), tour_(std::max(tourSeconds, 0.1)), attractStart_(now),
      lastInteraction_(now) {}

bool KioskStateMachine::update(double now, bool interacted) {
    if (interacted) {
        lastInteraction_ = now;
        if (state_ == KioskState::Attract) {
            state_ = KioskState::Visitor;
            return true;
        }
        return false;
    }
    if (state_ == KioskState::Visitor && now - lastInteraction_ >= idle_) {
        state_ = KioskState::Attract;
        // The loop starts again from its beginning, at the moment the quiet spell ended.
        attractStart_ = lastInteraction_ + idle_;
        return true;
    }
    return false;
}

double KioskStateMachine::attractSeconds(double now) const {
    if (state_ != KioskState::Attract) return 0.0;
    const double t = std::fmod(std::max(now - attractStart_, 0.0), tour_);
    return t < 0.0 ? t + tour_ : t;
}

double KioskStateMachine::secondsUntilAttract(double now) const {
    return state_ == KioskState::Visitor ? std::max(0.0, lastInteraction_ + idle_ - now) : 0.0;
}

} // namespace qinba
