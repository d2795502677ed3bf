// Undo and redo by swapping the parts of the document each step changed.

#include "qinba/core/edit_history.h"

#include <algorithm>
#include <utility>

namespace qinba {

EditHistory::EditHistory(std::size_t limit) : limit_(std::max<std::size_t>(limit, 1)) {}

void EditHistory::swapParts(Scenario& scenario, Step& step) {
    using std::swap;
    if (step.mask & kPartPlaces) swap(scenario.places, step.places);
    if (step.mask & kPartCorridors) swap(scenario.corridors, step.corridors);
    if (step.mask & kPartFlows) swap(scenario.flows, step.flows);
    if (step.mask & kPartStages) swap(scenario.stages, step.stages);
    if (step.mask & kPartProvenance) swap(scenario.provenance, step.provenance);
    if (step.mask & kPartPresentation) {
        swap(scenario.viewpoints, step.viewpoints);
        swap(scenario.tours, step.tours);
        swap(scenario.defaultTour, step.defaultTour);
    }
}

Status EditHistory::apply(Scenario& scenario, const Edit& edit) {
    Step step;
    step.mask = partsChangedBy(edit);
    if (step.mask & kPartPlaces) step.places = scenario.places;
    if (step.mask & kPartCorridors) step.corridors = scenario.corridors;
    if (step.mask & kPartFlows) step.flows = scenario.flows;
    if (step.mask & kPartStages) step.stages = scenario.stages;
    if (step.mask & kPartProvenance) step.provenance = scenario.provenance;
    if (step.mask & kPartPresentation) {
        step.viewpoints = scenario.viewpoints;
        step.tours = scenario.tours;
        step.defaultTour = scenario.defaultTour;
    }
    auto outcome = applyEdit(scenario, edit);
    if (!outcome) return outcome.error();
    if (!outcome->changed) return okStatus();
    step.label = std::move(outcome->label);
    steps_.erase(steps_.begin() + static_cast<std::ptrdiff_t>(position_), steps_.end());
    if (saved_ && *saved_ > position_) saved_.reset();
    steps_.push_back(std::move(step));
    ++position_;
    if (steps_.size() > limit_) {
        // The oldest step goes; a document saved before it can no longer be reached.
        steps_.erase(steps_.begin());
        --position_;
        if (saved_) saved_ = *saved_ == 0 ? std::nullopt : std::optional<std::size_t>(*saved_ - 1);
    }
    return okStatus();
}

void EditHistory::undo(Scenario& scenario) {
    if (!canUndo()) return;
    --position_;
    swapParts(scenario, steps_[position_]);
}

void EditHistory::redo(Scenario& scenario) {
    if (!canRedo()) return;
    swapParts(scenario, steps_[position_]);
    ++position_;
}

void EditHistory::goTo(Scenario& scenario, std::size_t position) {
    position = std::min(position, steps_.size());
    while (position_ > position)
        undo(scenario);
    while (position_ < position)
        redo(scenario);
}

std::vector<std::string> EditHistory::labels() const {
    std::vector<std::string> out;
    out.reserve(steps_.size());
    for (const Step& s : steps_)
        out.push_back(s.label);
    return out;
}

std::string EditHistory::undoLabel() const {
    return canUndo() ? steps_[position_ - 1].label : std::string();
}

std::string EditHistory::redoLabel() const {
    return canRedo() ? steps_[position_].label : std::string();
}

void EditHistory::clear() {
    steps_.clear();
    position_ = 0;
    saved_ = 0;
}

} // namespace qinba
