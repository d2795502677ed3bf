#include "qinba/core/stage_animation.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

StageTimeline::StageTimeline(const Scenario& scenario) {
    for (const Stage& st : scenario.stages) {
        starts_.push_back(total_);
        total_ += std::max(st.duration, 0.1);
    }
}

std::pair<std::size_t, double> StageTimeline::locate(double t) const {
    if (starts_.empty() || total_ <= 0.0) return {0, 0.0};
    t = std::fmod(t, total_);
    if (t < 0.0) t += total_;
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
    const auto i = static_cast<std::size_t>(it - starts_.begin()) - 1;
    return {i, t - starts_[i]};
}

void StagePlayback::jumpTo(std::size_t next, double now) {
    previous = stage == next ? previous : std::optional<std::size_t>(stage);
    stage = next;
    stageStart = now;
}

bool StagePlayback::update(const Scenario& scenario, double now) {
    if (!playing || scenario.stages.empty()) return false;
    bool changed = false;
    // Each stage ends at its start plus its duration, independent of when frames happen.
    for (int guard = 0; guard < 1000; ++guard) {
        const double end = stageStart + std::max(scenario.stages[stage].duration, 0.1);
        if (now < end) break;
        previous = stage;
        stage = (stage + 1) % scenario.stages.size();
        stageStart = end;
        changed = true;
    }
    return changed;
}

std::optional<std::size_t> previousInPlayOrder(std::size_t stage) {
    return stage > 0 ? std::optional<std::size_t>(stage - 1) : std::nullopt;
}

StageAppearance appearanceAt(const Scenario& scenario, std::size_t stage, std::optional<std::size_t> previous,
                             double secondsIntoStage) {
    StageAppearance a;
    a.stage = stage;
    a.previous = previous;
    a.secondsIntoStage = secondsIntoStage;
    a.transition = easeInOut(secondsIntoStage / kStageTransitionSeconds);
    const Stage& now = scenario.stages[stage];
    const Stage* before = previous ? &scenario.stages[*previous] : nullptr;

    for (std::size_t i = 0; i < scenario.corridors.size(); ++i) {
        const std::string& id = scenario.corridors[i].id;
        const bool inNow = contains(now.corridors, id);
        const bool inBefore = before && contains(before->corridors, id);
        if (!inNow && !inBefore) continue;
        CorridorAppearance c;
        c.corridor = i;
        if (inNow && !inBefore) c.grown = a.transition;
        if (!inNow && inBefore) c.opacity = 1.0 - a.transition;
        a.corridors.push_back(c);
    }

    for (std::size_t i = 0; i < scenario.flows.size(); ++i) {
        const Flow& f = scenario.flows[i];
        const double to = scenario.volumeIn(f, now);
        const double from = before ? scenario.volumeIn(f, *before) : 0.0;
        if (to <= 0.0 && from <= 0.0) continue;
        FlowAppearance fa;
        fa.flow = i;
        fa.volume = from + (to - from) * a.transition;
        fa.opacity = to > 0.0 ? 1.0 : 1.0 - a.transition;
        a.flows.push_back(fa);
    }

    // Marks are scaled against the largest volume of their type in the whole storyline (both storylines
    // during a change between them), so growth from stage to stage shows as more and larger marks.
    for (std::size_t si = 0; si < scenario.stages.size(); ++si) {
        const Stage& st = scenario.stages[si];
        if (st.storyline != now.storyline && !(before && st.storyline == before->storyline)) continue;
        for (const Flow& f : scenario.flows) {
            const auto type = static_cast<std::size_t>(f.type);
            a.maxVolume[type] = std::max(a.maxVolume[type], scenario.volumeIn(f, st));
        }
    }

    a.placeEmphasis.assign(scenario.places.size(), 0.0);
    for (std::size_t i = 0; i < scenario.places.size(); ++i) {
        const bool inNow = contains(now.places, scenario.places[i].id);
        const bool inBefore = before && contains(before->places, scenario.places[i].id);
        a.placeEmphasis[i] = inNow ? (inBefore ? 1.0 : a.transition) : (inBefore ? 1.0 - a.transition : 0.0);
    }
    return a;
}

} // namespace qinba
