#include "qinba/app/kiosk_director.h"

#include "qinba/core/tour.h"

#include <cmath>

namespace qinba::app {

KioskDirector::KioskDirector(AppContext& ctx, ViewerSession& session, std::string tour, double idleSeconds)
    : ctx_(ctx), session_(session), tour_(std::move(tour)),
      tourSeconds_(tourDuration(*ctx.document.scenario->findTour(tour_))),
      machine_(idleSeconds, tourSeconds_, ctx.time) {
    session_.playTour(tour_, 0.0, true, true);
}

void KioskDirector::update(bool interacted) {
    if (!machine_.update(ctx_.time, interacted)) return;
    if (machine_.state() == KioskState::Attract) {
        if (ctx_.scene.compare) {
            SceneSettings next = ctx_.scene;
            next.compare = false;
            session_.handle(cmd::SetScene{std::move(next)});
        }
        session_.playTour(tour_, 0.0, true, true);
    } else {
        session_.stopTour();
    }
}

void KioskDirector::syncTour(double seconds) {
    const TourPlayback& tp = ctx_.view.tour;
    if (tp.tour == tour_ && tp.playing) {
        double off = std::abs(tp.seconds - seconds);
        if (tourSeconds_ > 0.0) off = std::fmod(off, tourSeconds_), off = std::min(off, tourSeconds_ - off);
        if (off <= 1.0e-3) return; // in step: the session's own clock keeps it there, frame after frame
    }
    session_.playTour(tour_, seconds, true, true);
}

} // namespace qinba::app
