#pragma once
// How a scenario looks at a moment of a stage: which corridors are drawn and how far they have grown,
// which flows run and with what volume, which places stand out, and where the camera is. Everything is a
// pure function of (stage, previous stage, seconds into the stage), so a frame is the same whether it is
// rendered live or offline.

#include "qinba/core/camera.h"
#include "qinba/core/scenario.h"

#include <optional>
#include <vector>

namespace qinba {

/// Seconds a change of stage takes: new corridors grow along their route, flows rescale, the camera flies.
inline constexpr double kStageTransitionSeconds = 2.5;

struct CorridorAppearance {
    std::size_t corridor = 0; ///< index into Scenario::corridors
    double grown = 1.0;       ///< share of the route drawn from its start, 0–1
    double opacity = 1.0;     ///< 0–1; corridors leaving the story fade out
};

struct FlowAppearance {
    std::size_t flow = 0; ///< index into Scenario::flows
    double volume = 0.0;  ///< in the flow's unit, blended during the transition
    double opacity = 1.0; ///< 0–1
};

/// The state of the story at one moment.
struct StageAppearance {
    std::size_t stage = 0;
    std::optional<std::size_t> previous; ///< the stage it comes from, if any
    double secondsIntoStage = 0.0;
    double transition = 1.0; ///< eased progress of the change, 0–1
    std::vector<CorridorAppearance> corridors;
    std::vector<FlowAppearance> flows;
    std::vector<double> placeEmphasis; ///< per place index, 0 (ordinary) to 1 (highlighted by the stage)
    /// Largest volume per flow type (people, goods, information) in any stage of this stage's storyline
    /// (and of the previous stage's), the reference that flow marks are scaled against.
    double maxVolume[3] = {0.0, 0.0, 0.0};
};

/// The stage shown before `stage` when the stages play in order (nullopt for the first): the stage a
/// rendered moment of `stage` transitions from, as in playback.
std::optional<std::size_t> previousInPlayOrder(std::size_t stage);

/// The story at `secondsIntoStage` seconds after switching from `previous` (nullopt: from an empty map)
/// to `stage`. `stage` and `previous` must be valid indices.
StageAppearance appearanceAt(const Scenario& scenario, std::size_t stage, std::optional<std::size_t> previous,
                             double secondsIntoStage);

/// Where each stage starts on the scenario clock when the stages play in order, one after the other.
class StageTimeline {
  public:
    explicit StageTimeline(const Scenario& scenario);
    /// Scenario time (seconds) at which stage `stage` begins.
    double startOf(std::size_t stage) const { return starts_.at(stage); }
    /// Seconds of all stages together.
    double total() const { return total_; }
    /// The stage playing at scenario time `t` and the seconds into it; times past the end wrap around.
    std::pair<std::size_t, double> locate(double t) const;

  private:
    std::vector<double> starts_;
    double total_ = 0.0;
};

/// Which stage is showing and since when, on the application's animation clock. Playing moves on to the
/// next stage when a stage's duration is over, at exactly its end time whatever the frame rate.
struct StagePlayback {
    std::size_t stage = 0;
    std::optional<std::size_t> previous; ///< the stage shown before, for the transition
    double stageStart = 0.0;             ///< clock seconds when `stage` began
    bool playing = false;

    /// Shows stage `next` from clock time `now` (a transition from the current stage).
    void jumpTo(std::size_t next, double now);
    /// While playing, moves through the stages whose time is over by `now` (wrapping after the last).
    /// Returns true when the stage changed.
    bool update(const Scenario& scenario, double now);
    double secondsIntoStage(double now) const { return now - stageStart; }
};

/// Smooth ease-in-out of t in [0, 1].
double easeInOut(double t);

} // namespace qinba
