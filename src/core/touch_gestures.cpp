#include "qinba/core/touch_gestures.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

double angleOf(glm::dvec2 v) {
    return std::atan2(v.y, v.x);
}

/// The ground point under `pixel`: the terrain, else the horizontal plane through the target.
std::optional<glm::dvec3> groundUnder(const OrbitCamera& camera, const TouchView& view, glm::dvec2 pixel) {
    const CameraMatrices m = computeMatrices(camera, view.viewport, view.surface->box());
    const Ray ray = screenRay(m, view.viewport, pixel);
    if (const auto hit = view.surface->intersect(ray)) return hit;
    if (std::abs(ray.direction.z) < 1e-9) return std::nullopt;
    const double t = (camera.target.z - ray.origin.z) / ray.direction.z;
    if (t <= 0.0) return std::nullopt;
    return ray.origin + ray.direction * t;
}

} // namespace

TouchGestures::Finger* TouchGestures::find(long id) {
    for (Finger& f : down_)
        if (f.id == id) return &f;
    return nullptr;
}

void TouchGestures::rebase() {
    if (down_.size() >= 2) {
        mode_ = Mode::Undecided;
        twoStartA_ = down_[0].last;
        twoStartB_ = down_[1].last;
    } else if (down_.size() == 1) {
        mode_ = Mode::Pan;
        velocity_ = glm::dvec2(0.0);
    } else {
        mode_ = Mode::None;
    }
}

void TouchGestures::handle(const TouchEvent& e, OrbitCamera& camera, const TouchView& view) {
    if (!view.surface) return;
    if (e.phase == TouchPhase::Begin) {
        if (find(e.id)) return; // a repeated begin: the platform lost the end
        gliding_ = false;
        if (down_.empty()) moved_ = pressed_ = false;
        down_.push_back({e.id, e.position, e.position, e.time});
        lastMoveTime_ = e.time;
        if (down_.size() == 2) moved_ = true; // two fingers are never a tap
        if (down_.size() <= 2) rebase();
        return;
    }
    Finger* f = find(e.id);
    if (!f) return; // a finger that began before we listened
    const glm::dvec2 previous = f->last;
    f->last = e.position;
    if (down_.size() == 1 && !moved_ && !pressed_ && e.time - f->startTime >= settings_.longPressSeconds) {
        pressed_ = true;
        gestures_.push_back({GestureKind::LongPress, previous});
    }
    // A pan starts once the finger leaves the tap slop, from where it touched: no lost movement.
    glm::dvec2 from = previous;
    if (!moved_ && glm::length(e.position - f->start) > settings_.tapSlopPx) {
        moved_ = true;
        from = f->start;
    }

    if (e.phase == TouchPhase::Move) {
        if (down_.size() == 1 && moved_ && !pressed_) {
            panCamera(camera, view.viewport, view.surface->box(), from, e.position);
            applyLimits(camera, view.limits, *view.surface);
            const double dt = e.time - lastMoveTime_;
            if (dt > 1e-6) velocity_ = 0.5 * velocity_ + 0.5 * (e.position - previous) / dt;
            lastMoveTime_ = e.time;
        } else if (down_.size() >= 2 && (f == &down_[0] || f == &down_[1])) {
            const Finger& a = down_[0];
            const Finger& b = down_[1];
            twoFingerMove(a, b, f == &a ? previous : a.last, f == &b ? previous : b.last, camera, view);
        }
        return;
    }

    // The finger leaves the screen (End) or the platform took it away (Cancel).
    const bool steering = down_.size() >= 2 && (f == &down_[0] || f == &down_[1]);
    const Finger gone = *f;
    down_.erase(down_.begin() + (f - down_.data()));
    if (!down_.empty()) {
        // The fingers left go on from where they are, without a jump.
        if (steering || down_.size() == 1) rebase();
        return;
    }
    if (e.phase == TouchPhase::End && !moved_ && !pressed_ &&
        e.time - gone.startTime <= settings_.tapMaxSeconds) {
        if (e.time - lastTapTime_ <= settings_.doubleTapSeconds &&
            glm::length(e.position - lastTapAt_) <= settings_.doubleTapSlopPx) {
            gestures_.push_back({GestureKind::DoubleTap, e.position});
            zoomCamera(camera, view.viewport, *view.surface, e.position, settings_.doubleTapZoom);
            applyLimits(camera, view.limits, *view.surface);
            lastTapTime_ = -1e300; // a third tap starts over
        } else {
            gestures_.push_back({GestureKind::Tap, e.position});
            lastTapTime_ = e.time;
            lastTapAt_ = e.position;
        }
    } else if (e.phase == TouchPhase::End && !moved_ && !pressed_ &&
               e.time - gone.startTime >= settings_.longPressSeconds) {
        gestures_.push_back({GestureKind::LongPress, e.position});
    } else if (e.phase == TouchPhase::End && mode_ == Mode::Pan && moved_ && !pressed_ &&
               e.time - lastMoveTime_ < 0.1 && glm::length(velocity_) > settings_.inertiaMinSpeedPx) {
        gliding_ = true;
        glideTime_ = e.time;
        glideAt_ = e.position;
    }
    mode_ = Mode::None;
}

void TouchGestures::twoFingerMove(const Finger& a, const Finger& b, glm::dvec2 a0, glm::dvec2 b0,
                                  OrbitCamera& camera, const TouchView& view) {
    if (mode_ == Mode::Undecided) {
        const glm::dvec2 ma = a.last - twoStartA_, mb = b.last - twoStartB_;
        // Fingers report one at a time: wait until both moved, or one clearly did alone.
        const double most = std::max(glm::length(ma), glm::length(mb));
        const double least = std::min(glm::length(ma), glm::length(mb));
        if (most <= settings_.tapSlopPx ||
            (least <= 0.5 * settings_.tapSlopPx && most <= 3.0 * settings_.tapSlopPx))
            return;
        // Both fingers up or down together, the spread kept: a tilt. Anything else moves the map with them.
        const double share = settings_.tiltMinVerticalShare;
        const bool vertical = std::abs(ma.y) >= share * glm::length(ma) &&
                              std::abs(mb.y) >= share * glm::length(mb) && ma.y * mb.y > 0.0;
        const double spread = glm::length(b.last - a.last) - glm::length(twoStartB_ - twoStartA_);
        mode_ = vertical && std::abs(spread) <= settings_.tapSlopPx ? Mode::Tilt : Mode::Transform;
        // The movement while undecided counts.
        a0 = twoStartA_;
        b0 = twoStartB_;
    }
    if (mode_ == Mode::Tilt) {
        const double dy = 0.5 * ((a.last.y - a0.y) + (b.last.y - b0.y));
        orbitCamera(camera, 0.0, dy * settings_.tiltDegreesPerPx);
    } else if (mode_ == Mode::Transform) {
        // The ground points that were under the fingers must come under them again: the camera moves by
        // the similarity of the ground (shift, turn about the vertical, scale) that takes the points now
        // under the fingers to those. Pan, pinch and turn are one exact move, at any tilt.
        const auto pa = groundUnder(camera, view, a0), pb = groundUnder(camera, view, b0);
        const auto qa = groundUnder(camera, view, a.last), qb = groundUnder(camera, view, b.last);
        if (!pa || !pb || !qa || !qb) return; // a finger above the horizon
        const glm::dvec2 p(*pb - *pa), q(*qb - *qa);
        if (glm::length(p) < 1e-6 || glm::length(q) < 1e-6) return;
        const double scale = glm::length(p) / glm::length(q);
        const double turn = std::remainder(angleOf(p) - angleOf(q), 2.0 * M_PI); // anticlockwise from above
        const double c = std::cos(turn) * scale, s = std::sin(turn) * scale;
        const auto map = [&](glm::dvec2 v) {
            const glm::dvec2 r = v - glm::dvec2(*qa);
            return glm::dvec2(*pa) + glm::dvec2(r.x * c - r.y * s, r.x * s + r.y * c);
        };
        const glm::dvec2 target = map(glm::dvec2(camera.target));
        camera.target.x = target.x;
        camera.target.y = target.y;
        camera.distance *= scale;
        camera.heading -= turn * 180.0 / M_PI; // the heading counts clockwise
    }
    applyLimits(camera, view.limits, *view.surface);
}

void TouchGestures::update(double now, OrbitCamera& camera, const TouchView& view) {
    if (!view.surface) return;
    if (down_.size() == 1 && !moved_ && !pressed_ && now - down_[0].startTime >= settings_.longPressSeconds) {
        pressed_ = true;
        gestures_.push_back({GestureKind::LongPress, down_[0].last});
    }
    if (!gliding_) return;
    const double dt = now - glideTime_;
    if (dt <= 0.0) return;
    // Exponential slowing, integrated exactly over the step: the glide is the same at any frame rate.
    const double h = settings_.inertiaHalfLifeSeconds;
    const double keep = std::exp2(-dt / h);
    const glm::dvec2 step = velocity_ * (h / std::log(2.0)) * (1.0 - keep);
    panCamera(camera, view.viewport, view.surface->box(), glideAt_, glideAt_ + step);
    applyLimits(camera, view.limits, *view.surface);
    velocity_ *= keep;
    glideTime_ = now;
    if (glm::length(velocity_) < settings_.inertiaMinSpeedPx) gliding_ = false;
}

std::vector<Gesture> TouchGestures::takeGestures() {
    std::vector<Gesture> out;
    out.swap(gestures_);
    return out;
}

} // namespace qinba
