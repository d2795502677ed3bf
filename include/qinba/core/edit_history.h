#pragma once
// Live editing of the scenario document: the edits a workshop makes (volumes, corridors, waypoints, places,
// stages, measured data) and their undo/redo history.
//
// Every edit is checked: it is refused with an Error, leaving the document unchanged, when its target does
// not exist or when the document would no longer pass validateScenario (e.g. a corridor to an unknown
// place). Undo restores the document exactly (serializeScenario gives the same bytes): the history keeps,
// for each step, a copy of the parts of the document the edit may change, and undo and redo swap them back.
// All changes to a document under a history must go through it (or clear it).

#include "qinba/core/od_import.h"
#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace qinba {

/// Sets one volume of a flow, adding the key when the flow has none. A hand-set value is not measured, so a
/// flow whose value changes becomes indicative.
struct SetFlowVolume {
    std::string flow; ///< flow id
    std::string key;  ///< stage id or year, as in Flow::volumes
    double value = 0.0;
};

/// Makes a corridor active (appended to the stage's list) or inactive in a stage.
struct SetCorridorActive {
    std::string stage;    ///< stage id
    std::string corridor; ///< corridor id
    bool active = true;
};

/// Adds a corridor (from, to, mode, capacity, unit, optional waypoints). An empty id becomes
/// newCorridorId's. The corridor is made active in `activeInStage` when that names a stage.
struct AddCorridor {
    Corridor corridor;
    std::string activeInStage;
};

/// Replaces a corridor's waypoints (degrees, in order from its `from`); empty: routed over the terrain.
struct SetCorridorWaypoints {
    std::string corridor;
    std::vector<GeoPoint> waypoints;
};

/// Adds a place. An empty id becomes newPlaceId's.
struct AddPlace {
    Place place;
};

/// Renames a place (its id stays, so references keep working).
struct RenamePlace {
    std::string place; ///< place id
    std::string nameEn, nameZh;
};

/// Copies a stage (corridors, places, volumes, camera...) into a new stage right after it. Empty id:
/// newStageId's; empty titles: the source's with " (copy)" / "（副本）".
struct CreateStage {
    std::string from; ///< stage id
    std::string id;
    std::string titleEn, titleZh;
};

/// Moves the stage at 0-based position `from` to position `to` (the others keep their order).
struct MoveStage {
    std::size_t from = 0, to = 0;
};

/// Applies an OD matrix (applyOd).
struct ImportOd {
    OdMatrix matrix;
    std::string sourceName; ///< the CSV path; its file name is recorded
    std::string importedAt; ///< utcTimestamp()
};

/// Adds a viewpoint, or replaces the one with the same id. An empty id becomes newViewpointId's.
struct SetViewpoint {
    Viewpoint viewpoint;
};

/// Removes a viewpoint (tours keep their own copies of cameras, so nothing else changes).
struct RemoveViewpoint {
    std::string viewpoint; ///< viewpoint id
};

/// Adds a tour, or replaces the one with the same id (the Tour panel's keyframe changes). An empty id
/// becomes newTourId's.
struct SetTour {
    Tour tour;
    std::string label; ///< for the history list, e.g. "Insert keyframe 3 in story"; empty: "Change tour <id>"
};

/// Removes a tour. When it was the default tour, the first remaining tour (or none) becomes the default.
struct RemoveTour {
    std::string tour; ///< tour id
};

using Edit = std::variant<SetFlowVolume, SetCorridorActive, AddCorridor, SetCorridorWaypoints, AddPlace,
                          RenamePlace, CreateStage, MoveStage, ImportOd, SetViewpoint, RemoveViewpoint,
                          SetTour, RemoveTour>;

/// The parts of a document an edit may change (bits of ScenarioPart).
enum ScenarioPart : unsigned {
    kPartPlaces = 1,
    kPartCorridors = 2,
    kPartFlows = 4,
    kPartStages = 8,
    kPartProvenance = 16,
    kPartPresentation = 32, ///< viewpoints, tours and the default tour
};
unsigned partsChangedBy(const Edit& edit);

/// What applying an edit did.
struct EditOutcome {
    std::string label;    ///< for the history list, e.g. "Set xian-chengdu-people (2019) to 40"
    bool changed = false; ///< false: the document already was so (nothing to undo)
};

/// Applies one edit without a history: checked and validated; on failure the document is unchanged.
Result<EditOutcome> applyEdit(Scenario& scenario, const Edit& edit);

/// Unused ids an added corridor, place or copied stage gets: "<from>-<to>" (then "-<mode>", "-2"...);
/// the English name in lowercase ASCII with '-' ("place" when none is left), then "-2"...; "<stage>-copy",
/// then "-copy-2"...
std::string newCorridorId(const Scenario& scenario, const Corridor& corridor);
std::string newPlaceId(const Scenario& scenario, const std::string& nameEn);
std::string newStageId(const Scenario& scenario, const std::string& fromStage);
/// Unused viewpoint and tour ids from a name, like newPlaceId ("view" and "tour" when none is left).
std::string newViewpointId(const Scenario& scenario, const std::string& name);
std::string newTourId(const Scenario& scenario, const std::string& name);

/// Undo and redo over a scenario document, with a bounded number of steps.
class EditHistory {
  public:
    static constexpr std::size_t kDefaultLimit = 200;
    explicit EditHistory(std::size_t limit = kDefaultLimit);

    /// Applies and records an edit; drops the steps that could be redone. An edit that changes nothing is
    /// not recorded. On failure nothing changes.
    Status apply(Scenario& scenario, const Edit& edit);

    bool canUndo() const { return position_ > 0; }
    bool canRedo() const { return position_ < steps_.size(); }
    void undo(Scenario& scenario);
    void redo(Scenario& scenario);
    /// Undoes or redoes until `position` steps are applied (clicking an entry of the history list).
    void goTo(Scenario& scenario, std::size_t position);

    /// Every step's label, oldest first; the first position() are applied, the rest can be redone.
    std::vector<std::string> labels() const;
    std::size_t position() const { return position_; }
    std::string undoLabel() const; ///< "" when there is nothing to undo
    std::string redoLabel() const;

    /// True when the document differs from the one last saved (or loaded: clear()).
    bool dirty() const { return saved_ != position_; }
    void markSaved() { saved_ = position_; }
    /// The document differs from its file although no step is recorded (a recovered autosave).
    void markUnsaved() { saved_.reset(); }
    /// Forgets every step, for a newly loaded document (which counts as saved).
    void clear();

  private:
    /// The parts `mask` of a document: those before the step while it is applied, after it once undone.
    struct Step {
        std::string label;
        unsigned mask = 0;
        std::vector<Place> places;
        std::vector<Corridor> corridors;
        std::vector<Flow> flows;
        std::vector<Stage> stages;
        ScenarioProvenance provenance;
        std::vector<Viewpoint> viewpoints;
        std::vector<Tour> tours;
        std::string defaultTour;
    };
    static void swapParts(Scenario& scenario, Step& step);

    std::size_t limit_;
    std::vector<Step> steps_;
    std::size_t position_ = 0;
    std::optional<std::size_t> saved_ = 0; ///< nullopt: the saved document is no longer reachable
};

} // namespace qinba
