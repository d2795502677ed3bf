#pragma once
// The scenario document: places, urban agglomerations, corridors, flows and the stages of the planning
// story. It is the source of truth that is saved and loaded (JSON, schema in assets/scenarios/SCHEMA.md).
// Coordinates are WGS84 degrees; volumes are in each flow's own unit.

#include "qinba/core/camera_spec.h"
#include "qinba/core/layer.h"
#include "qinba/core/map_projection.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

/// The schema version this program reads and writes.
inline constexpr int kScenarioSchemaVersion = 1;

/// A place's part in the plan (the roles of ../shared/reference/places.csv).
enum class PlaceRole {
    Central,      ///< one of the six central cities
    CityArea,     ///< one of the 26 cities of the Qinba City Area
    NearMountain, ///< near-mountain central city (green heart, primary stage)
    MountainCity, ///< main city inside the mountain area
    CountyTown,   ///< grassroots county town (secondary and tertiary stages)
};

/// A city or town.
struct Place {
    std::string id;     ///< stable identifier, e.g. "xian"
    std::string nameEn; ///< English name, e.g. "Xi'an"
    std::string nameZh; ///< Chinese name, e.g. "西安"
    GeoPoint location;  ///< degrees
    PlaceRole role = PlaceRole::CityArea;
    int rank = 3;         ///< 1 (most important) to 5; larger symbols and label priority for small ranks
    std::string province; ///< e.g. "Shaanxi"
    std::string source;   ///< where the coordinates come from, e.g. "ne10m"
};

/// An urban agglomeration (city cluster) of the Qinba City Area.
struct Agglomeration {
    std::string id;
    std::string nameEn;
    std::string nameZh;
    std::vector<std::string> places; ///< place ids
};

/// How a corridor carries its flows.
enum class CorridorMode {
    Rail,    ///< high-speed and conventional railway
    Road,    ///< expressways
    AirData, ///< air routes and data links: drawn as arcs, not along the ground
};

/// A link between two places. Without waypoints its route is a least-cost path over the terrain.
struct Corridor {
    std::string id;
    std::string from;                ///< place id
    std::string to;                  ///< place id
    std::vector<GeoPoint> waypoints; ///< optional intermediate points, degrees, in order from `from`
    CorridorMode mode = CorridorMode::Rail;
    double capacity = 1.0;    ///< in capacityUnit; sets the ribbon width
    std::string capacityUnit; ///< e.g. "trains/day"
};

/// What moves along a corridor.
enum class FlowType { People, Goods, Information };

/// A flow of one type along one corridor in one direction.
struct Flow {
    std::string id;
    std::string corridor; ///< corridor id
    bool reverse = false; ///< false: from the corridor's `from` to its `to`; true: the other way
    FlowType type = FlowType::People;
    std::string unit; ///< e.g. "thousand trips/day"
    /// Volume by stage id or by year ("2014"); a stage reads the key it names (Stage::volumeKey).
    std::map<std::string, double> volumes;
    bool indicative = true; ///< chosen to illustrate the plan, not measured
};

/// One step of a storyline.
struct Stage {
    std::string id;
    std::string storyline; ///< storyline id
    std::string titleEn, titleZh;
    std::string captionEn, captionZh;
    std::vector<std::string> corridors;       ///< active corridor ids
    std::vector<std::string> places;          ///< highlighted place ids
    std::string volumeKey;                    ///< key into Flow::volumes; empty means the stage id
    std::vector<std::string> highlightLayers; ///< ids of Scenario::layers shown in this stage even if hidden
    std::optional<CameraSpec> camera;         ///< viewpoint the camera flies to
    double duration = 8.0;                    ///< seconds the stage plays before the next one
    std::optional<int> year;                  ///< for year series, e.g. 2019
};

/// An ordered group of stages telling one part of the story.
struct Storyline {
    std::string id;
    std::string titleEn, titleZh;
    std::string descriptionEn;
};

/// A named view to return to.
struct Viewpoint {
    std::string id;
    std::string name;
    CameraSpec camera;
};

/// How a tour keyframe moves from the previous one.
enum class Easing { Linear, EaseInOut, EaseIn, EaseOut };

/// One step of a tour: the camera flies here over `duration` seconds, then holds for `hold` seconds.
struct TourKeyframe {
    CameraSpec camera;     ///< where the camera is when the flight ends
    double duration = 6.0; ///< seconds of flight from the previous keyframe (first keyframe: none)
    double hold = 0.0;     ///< seconds to stay after arriving
    Easing easing = Easing::EaseInOut;
    std::string stage;                  ///< stage id to switch to when the keyframe starts; empty: keep
    std::string captionEn, captionZh;   ///< shown while the keyframe plays (empty: the stage's title)
    std::map<std::string, bool> layers; ///< layer id → visible, applied when the keyframe starts
};

/// A camera tour through the scenario, for exhibitions and recorded videos.
struct Tour {
    std::string id;
    std::string name;
    std::vector<TourKeyframe> keyframes;
    bool constantSpeed = false; ///< spread each flight evenly over its length instead of easing
};

/// One import of measured data: an origin–destination matrix (od_import.h) whose rows set flow volumes.
struct DataImport {
    std::string file;               ///< file name of the matrix, without its folders, e.g. "od_2019.csv"
    std::string importedAt;         ///< UTC time of the import, "2025-03-02T10:15:00Z"
    int rows = 0;                   ///< data rows applied
    std::vector<std::string> flows; ///< ids of the flows that received its volumes (measured, not indicative)
};

/// Where the scenario's data come from.
struct ScenarioProvenance {
    std::string description; ///< free text
    std::vector<std::string> sources;
    bool indicative = true;          ///< the flow values are illustrative, not measured
    std::vector<DataImport> imports; ///< measured data imported into the flows, oldest first
};

/// A whole scenario.
struct Scenario {
    int schemaVersion = kScenarioSchemaVersion;
    std::string id;
    std::string titleEn, titleZh;
    std::vector<Place> places;
    std::vector<Agglomeration> agglomerations;
    std::vector<Corridor> corridors;
    std::vector<Flow> flows;
    std::vector<Storyline> storylines;
    std::vector<Stage> stages; ///< in play order
    ScenarioProvenance provenance;
    /// Map layers shown with the scenario, drawn in this order (later ones on top). Paths are relative to the
    /// scenario file's folder.
    std::vector<LayerOptions> layers;
    std::vector<Viewpoint> viewpoints; ///< saved views
    std::vector<Tour> tours;           ///< camera tours
    std::string defaultTour;           ///< tour id used when none is named (record, kiosk)

    const Tour* findTour(const std::string& tourId) const;

    const Place* findPlace(const std::string& id) const;
    const Corridor* findCorridor(const std::string& id) const;
    /// 0-based index of the stage with this id, or of "N" (1-based), or nullopt.
    std::optional<std::size_t> findStage(const std::string& idOrNumber) const;
    /// Volume of `flow` in `stage` (0 when the stage does not name it or the corridor is inactive).
    double volumeIn(const Flow& flow, const Stage& stage) const;
};

const char* toString(PlaceRole role);
const char* toString(CorridorMode mode);
const char* toString(FlowType type);
const char* toString(Easing easing);

} // namespace qinba
