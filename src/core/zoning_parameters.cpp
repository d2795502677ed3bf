#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/core/zoning.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace qinba {

namespace {

std::string formatNumber(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

Status checkValue(const ZoningParameterInfo& info, double value) {
    if (std::isfinite(value) && value >= info.min && value <= info.max) return okStatus();
    const std::string unit = *info.unit ? std::string(" ") + info.unit : std::string();
    return Error{"", info.name,
                 formatText(_("value {} out of range: expected {} to {}{}"), formatNumber(value),
                            formatNumber(info.min), formatNumber(info.max), unit)};
}

} // namespace

const std::vector<ZoningParameterInfo>& zoningParameterTable() {
    using P = ZoningParameters;
    static const std::vector<ZoningParameterInfo> table = {
        {"hinterland_max_gap_deg", "deg", 90, 180,
         N_("hinterland: largest angle between consecutive cities seen from a sample (180: their convex "
            "hull)"),
         &P::hinterlandMaxGap},
        {"relief_radius_km", "km", 1, 60, N_("half-side of the square window relief is measured in"),
         &P::reliefRadiusKm},
        {"core_min_elevation_m", "m", 0, 6000, N_("ecological core: lowest elevation"), &P::coreMinElevation},
        {"core_min_relief_m", "m", 0, 4000, N_("ecological core: least relief"), &P::coreMinRelief},
        {"core_min_patch_km2", "km²", 0, 100000, N_("ecological core: smaller patches become buffer"),
         &P::coreMinPatchKm2},
        {"buffer_min_elevation_m", "m", 0, 6000, N_("conservation buffer: upland from this elevation"),
         &P::bufferMinElevation},
        {"buffer_min_relief_m", "m", 0, 4000, N_("conservation buffer: upland from this relief"),
         &P::bufferMinRelief},
        {"green_min_patch_km2", "km²", 0, 100000, N_("green development: smaller patches become buffer"),
         &P::greenMinPatchKm2},
        {"green_max_elevation_m", "m", 0, 6000, N_("green development: highest elevation"),
         &P::greenMaxElevation},
        {"green_max_slope_deg", "deg", 0, 90, N_("green development: steepest slope"), &P::greenMaxSlope},
        {"enclosure_radius_km", "km", 1, 150,
         N_("green development: how far the rays look for higher ground"), &P::enclosureRadiusKm},
        {"enclosure_rise_m", "m", 0, 3000, N_("green development: how much higher the ground must rise"),
         &P::enclosureRise},
        {"green_min_enclosure", "", 0, 1,
         N_("green development: least share of the 16 rays that meet higher ground"), &P::greenMinEnclosure},
        {"urban_belt_radius_km", "km", 0, 300, N_("urban belt: distance from a city"), &P::urbanBeltRadiusKm},
        {"urban_axis_max_km", "km", 0, 1000,
         N_("urban belt: cities at most this far apart are joined by an axis"), &P::urbanAxisMaxKm},
        {"urban_axis_half_width_km", "km", 0, 100, N_("urban belt: half-width of an axis"),
         &P::urbanAxisHalfWidthKm},
        {"urban_max_slope_deg", "deg", 0, 90, N_("urban belt: steepest slope"), &P::urbanMaxSlope},
        {"urban_max_rise_m", "m", 0, 6000, N_("urban belt: highest elevation above the city's"),
         &P::urbanMaxRise},
    };
    return table;
}

std::vector<std::string> zoningParameterNames() {
    std::vector<std::string> names;
    for (const ZoningParameterInfo& info : zoningParameterTable())
        names.emplace_back(info.name);
    return names;
}

Status setZoningParameter(ZoningParameters& p, std::string_view name, double value) {
    for (const ZoningParameterInfo& info : zoningParameterTable()) {
        if (name != info.name) continue;
        if (auto s = checkValue(info, value); !s) return s;
        p.*info.member = value;
        return okStatus();
    }
    std::string names;
    for (const ZoningParameterInfo& info : zoningParameterTable())
        names += (names.empty() ? "" : ", ") + std::string(info.name);
    return Error{"", std::string(name), formatText(_("unknown zoning parameter: expected one of {}"), names)};
}

Status applyZoningAssignment(ZoningParameters& p, std::string_view assignment) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string_view::npos)
        return Error{"", "", formatText(_("expected NAME=VALUE, got '{}'"), assignment)};
    const std::string_view name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return Error{"", std::string(name), formatText(_("expected a number, got '{}'"), text)};
    return setZoningParameter(p, name, value);
}

Status validateZoningParameters(const ZoningParameters& p) {
    for (const ZoningParameterInfo& info : zoningParameterTable())
        if (auto s = checkValue(info, p.*info.member); !s) return s;
    return okStatus();
}

std::vector<GeoPoint> cityAreaCities(const Scenario& scenario) {
    std::vector<GeoPoint> out;
    for (const Place& place : scenario.places)
        if (place.role == PlaceRole::Central || place.role == PlaceRole::CityArea)
            out.push_back(place.location);
    return out;
}

const char* zoneName(ZoneClass c) {
    switch (c) {
    case ZoneClass::EcologicalCore:
        return N_("Ecological core (green heart)");
    case ZoneClass::ConservationBuffer:
        return N_("Ecological conservation buffer");
    case ZoneClass::GreenDevelopment:
        return N_("Green development area");
    case ZoneClass::UrbanBelt:
        return N_("Urban cluster belt");
    case ZoneClass::Other:
        break;
    }
    return N_("Other");
}

const char* zoneNameZh(ZoneClass c) {
    switch (c) {
    case ZoneClass::EcologicalCore:
        return "生态核心区（绿心）";
    case ZoneClass::ConservationBuffer:
        return "生态保育缓冲区";
    case ZoneClass::GreenDevelopment:
        return "绿色发展区";
    case ZoneClass::UrbanBelt:
        return "城市集群带";
    case ZoneClass::Other:
        break;
    }
    return "其他";
}

glm::vec4 zoneColor(ZoneClass c) {
    switch (c) {
    case ZoneClass::EcologicalCore:
        return {0.08f, 0.40f, 0.18f, 1.0f};
    case ZoneClass::ConservationBuffer:
        return {0.52f, 0.76f, 0.44f, 1.0f};
    case ZoneClass::GreenDevelopment:
        return {0.80f, 0.80f, 0.28f, 1.0f};
    case ZoneClass::UrbanBelt:
        return {0.78f, 0.34f, 0.18f, 1.0f};
    case ZoneClass::Other:
        break;
    }
    return {0.0f, 0.0f, 0.0f, 0.0f};
}

} // namespace qinba
