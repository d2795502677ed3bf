#include "qinba/core/scenario.h"

#include <algorithm>
#include <charconv>

namespace qinba {

const Place* Scenario::findPlace(const std::string& placeId) const {
    for (const Place& p : places)
        if (p.id == placeId) return &p;
    return nullptr;
}

const Corridor* Scenario::findCorridor(const std::string& corridorId) const {
    for (const Corridor& c : corridors)
        if (c.id == corridorId) return &c;
    return nullptr;
}

std::optional<std::size_t> Scenario::findStage(const std::string& idOrNumber) const {
    // An id wins over a number, so a stage may never be hidden by its position (validation also forbids
    // all-digit stage ids).
    for (std::size_t i = 0; i < stages.size(); ++i)
        if (stages[i].id == idOrNumber) return i;
    std::size_t number = 0;
    const char* first = idOrNumber.data();
    const char* last = first + idOrNumber.size();
    const auto [ptr, ec] = std::from_chars(first, last, number);
    if (idOrNumber.empty() || ec != std::errc() || ptr != last) return std::nullopt;
    if (number < 1 || number > stages.size()) return std::nullopt;
    return number - 1;
}

double Scenario::volumeIn(const Flow& flow, const Stage& stage) const {
    if (std::find(stage.corridors.begin(), stage.corridors.end(), flow.corridor) == stage.corridors.end())
        return 0.0;
    const std::string& key = stage.volumeKey.empty() ? stage.id : stage.volumeKey;
    const auto it = flow.volumes.find(key);
    return it == flow.volumes.end() ? 0.0 : it->second;
}

const char* toString(PlaceRole role) {
    switch (role) {
    case PlaceRole::Central:
        return "central";
    case PlaceRole::CityArea:
        return "city_area";
    case PlaceRole::NearMountain:
        return "near_mountain";
    case PlaceRole::MountainCity:
        return "mountain_city";
    case PlaceRole::CountyTown:
        return "county_town";
    }
    return "city_area";
}

const char* toString(CorridorMode mode) {
    switch (mode) {
    case CorridorMode::Rail:
        return "rail";
    case CorridorMode::Road:
        return "road";
    case CorridorMode::AirData:
        return "air_data";
    }
    return "rail";
}

const char* toString(FlowType type) {
    switch (type) {
    case FlowType::People:
        return "people";
    case FlowType::Goods:
        return "goods";
    case FlowType::Information:
        return "information";
    }
    return "people";
}

const Tour* Scenario::findTour(const std::string& tourId) const {
    for (const Tour& t : tours)
        if (t.id == tourId) return &t;
    return nullptr;
}

const char* toString(Easing easing) {
    switch (easing) {
    case Easing::Linear:
        return "linear";
    case Easing::EaseInOut:
        return "ease_in_out";
    case Easing::EaseIn:
        return "ease_in";
    case Easing::EaseOut:
        return "ease_out";
    }
    return "ease_in_out";
}

} // namespace qinba
