#include "qinba/core/tour.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace qinba {

namespace {

/// A keyframe camera as a point of the spline: map x, y (metres), log distance, unwrapped heading, pitch.
using Knot = std::array<double, 5>;

std::vector<Knot> knots(const Tour& tour, const MapProjection& projection) {
    std::vector<Knot> out;
    double heading = 0.0;
    for (std::size_t k = 0; k < tour.keyframes.size(); ++k) {
        const CameraSpec& c = tour.keyframes[k].camera;
        const MapPoint p = projection.toMap(c.target);
        // Each heading is taken along the shorter turn from the previous one.
        if (k == 0) {
            heading = c.heading;
        } else {
            double d = std::fmod(c.heading - heading, 360.0);
            if (d > 180.0) d -= 360.0;
            if (d < -180.0) d += 360.0;
            heading += d;
        }
        out.push_back({p.x, p.y, std::log(std::max(c.distanceKm, 1e-3) * 1000.0), heading, c.pitch});
    }
    return out;
}

/// Catmull-Rom between knots i and i+1 at u in [0, 1] (end knots repeated at the ends).
Knot spline(const std::vector<Knot>& k, std::size_t i, double u) {
    const Knot& p0 = k[i == 0 ? 0 : i - 1];
    const Knot& p1 = k[i];
    const Knot& p2 = k[i + 1];
    const Knot& p3 = k[std::min(i + 2, k.size() - 1)];
    const double u2 = u * u, u3 = u2 * u;
    Knot out{};
    for (std::size_t d = 0; d < out.size(); ++d)
        out[d] = 0.5 * ((2.0 * p1[d]) + (-p0[d] + p2[d]) * u +
                        (2.0 * p0[d] - 5.0 * p1[d] + 4.0 * p2[d] - p3[d]) * u2 +
                        (-p0[d] + 3.0 * p1[d] - 3.0 * p2[d] + p3[d]) * u3);
    return out;
}

double ease(Easing e, double t) {
    t = std::clamp(t, 0.0, 1.0);
    switch (e) {
    case Easing::Linear:
        return t;
    case Easing::EaseIn:
        return t * t;
    case Easing::EaseOut:
        return 1.0 - (1.0 - t) * (1.0 - t);
    case Easing::EaseInOut:
        return t * t * (3.0 - 2.0 * t);
    }
    return t;
}

/// Ground distance plus a term for zooming, so a pure zoom also has a length.
double stepLength(const Knot& a, const Knot& b) {
    const double ground = std::hypot(b[0] - a[0], b[1] - a[1]);
    const double zoom = std::abs(b[2] - a[2]) * 0.5 * (std::exp(a[2]) + std::exp(b[2]));
    return std::hypot(ground, zoom) + 1e-9;
}

/// The spline parameter that is `share` of the way along segment i by length.
double evenPace(const std::vector<Knot>& k, std::size_t i, double share) {
    constexpr int kSamples = 64;
    std::array<double, kSamples + 1> lengths{};
    Knot prev = spline(k, i, 0.0);
    for (int s = 1; s <= kSamples; ++s) {
        const Knot next = spline(k, i, static_cast<double>(s) / kSamples);
        // lengths holds kSamples + 1 values (cppcheck takes its size for kSamples).
        // cppcheck-suppress containerOutOfBounds
        lengths[s] = lengths[s - 1] + stepLength(prev, next);
        prev = next;
    }
    // cppcheck-suppress containerOutOfBounds
    const double target = std::clamp(share, 0.0, 1.0) * lengths[kSamples];
    const auto it = std::lower_bound(lengths.begin(), lengths.end(), target);
    const auto s = static_cast<int>(std::clamp<std::ptrdiff_t>(it - lengths.begin(), 1, kSamples));
    const double span = lengths[s] - lengths[s - 1];
    const double f = span > 0.0 ? (target - lengths[s - 1]) / span : 0.0;
    return (s - 1 + f) / kSamples;
}

OrbitCamera cameraOf(const Knot& k, const TerrainSurface& surface) {
    OrbitCamera c;
    c.target = {k[0], k[1], surface.heightAt(k[0], k[1]).value_or(0.0)};
    c.distance = std::exp(k[2]);
    c.heading = k[3];
    c.pitch = k[4];
    return c;
}

} // namespace

double keyframeStart(const Tour& tour, std::size_t k) {
    double t = 0.0;
    for (std::size_t j = 0; j < k && j < tour.keyframes.size(); ++j)
        t += (j == 0 ? 0.0 : tour.keyframes[j].duration) + tour.keyframes[j].hold;
    return t;
}

double tourDuration(const Tour& tour) {
    return keyframeStart(tour, tour.keyframes.size());
}

TourMoment tourAt(const Scenario& scenario, const Tour& tour, double seconds, const MapProjection& projection,
                  const TerrainSurface& surface, const CameraLimits& limits) {
    TourMoment m;
    if (tour.keyframes.empty()) return m;
    const double total = tourDuration(tour);
    m.finished = seconds >= total;
    const double t = std::clamp(seconds, 0.0, total);

    // The keyframe playing: the last one that has started (ties at a boundary go to the later one).
    std::size_t k = 0;
    for (std::size_t j = 1; j < tour.keyframes.size(); ++j)
        if (t >= keyframeStart(tour, j)) k = j;
    m.keyframe = k;

    const std::vector<Knot> path = knots(tour, projection);
    const TourKeyframe& key = tour.keyframes[k];
    const double into = t - keyframeStart(tour, k);
    if (k == 0 || into >= key.duration || key.duration <= 0.0) {
        m.camera = cameraOf(path[k], surface);
    } else {
        const double share = into / key.duration;
        const double u = tour.constantSpeed ? evenPace(path, k - 1, share) : ease(key.easing, share);
        m.camera = cameraOf(spline(path, k - 1, u), surface);
    }
    applyLimits(m.camera, limits, surface);

    // Stage, caption and layers: what the keyframes up to k have set.
    std::optional<std::size_t> stageKeyframe;
    for (std::size_t j = 0; j <= k; ++j) {
        const TourKeyframe& kj = tour.keyframes[j];
        for (const auto& [id, visible] : kj.layers)
            m.layers[id] = visible;
        if (kj.stage.empty()) continue;
        const auto index = scenario.findStage(kj.stage);
        if (!index) continue;
        if (m.stage && *m.stage != *index) m.previousStage = m.stage;
        m.stage = index;
        stageKeyframe = j;
    }
    if (stageKeyframe) m.secondsIntoStage = t - keyframeStart(tour, *stageKeyframe);
    m.captionEn = key.captionEn;
    m.captionZh = key.captionZh;
    if (m.captionEn.empty() && m.captionZh.empty() && m.stage) {
        m.captionEn = scenario.stages[*m.stage].titleEn;
        m.captionZh = scenario.stages[*m.stage].titleZh;
    }
    return m;
}

} // namespace qinba
