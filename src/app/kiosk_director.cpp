#include "qinba/app/kiosk_director.h"

#include "qinba/core/tour.h"

namespace qinba::app {

KioskDirector::KioskDirector(AppContext& ctx, ViewerSession& session, std::string tour, double idleSeconds)
    : ctx_(ctx), session_(session), tour_(std::move(tour)),
      machine_(idleSeconds, tourDuration(*ctx.document.scenario->findTour(tour_)), ctx.time) {
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

} // namespace qinba::app
