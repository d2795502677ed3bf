#pragma once
// Ecological zoning of the Pan-Qinba Region after the paper's "green heart" model (CAE 2020, §5.1): an
// ecological core in the mountain hinterland, a conservation buffer around it, green development in the
// basins and valleys inside the mountains, and a bead-like urban cluster belt around the cities of the
// Qinba City Area. Computed from the DEM alone, so it is reproducible from the DEM, the cities and the
// parameters, and fast enough to recompute while a panel edits the parameters.
//
// Method. Every DEM sample with data gets four measures, in map metres (the projection is conformal, so
// slopes and distances are true to within its ±0.3 % scale error):
//   slope       degrees, Horn's 3 × 3 gradient as in gdaldem (neighbours without data take the centre's
//               height);
//   relief      metres, highest minus lowest elevation in the square window of half-side relief_radius_km;
//   enclosure   share of 16 rays (every 22.5°, enclosure_radius_km long) along which the ground somewhere
//               rises enclosure_rise_m above the sample: how far mountains ring it;
//   hinterland  seen from the sample, no angle between directions to consecutive cities exceeds
//               hinterland_max_gap_deg. At 180° this is exactly the inside of the cities' convex hull;
//               smaller angles keep to the middle of the ring, bounded by circular arcs between cities. It
//               keeps the green heart to the mountains the City Area rings, not every high mountain of the
//               DEM (which reaches the Tibetan Plateau at 100°E and the Loess Plateau in the north).
// Each sample takes the first class whose rule holds:
//   4 urban cluster belt   beads: within urban_belt_radius_km of a city; axes: within
//                          urban_axis_half_width_km of the segment between two cities at most
//                          urban_axis_max_km apart whose straight line nowhere rises above the allowed top.
//                          Both only where slope ≤ urban_max_slope_deg and at most urban_max_rise_m above the
//                          city (the higher city of an axis), so the belt spreads over plains and along
//                          valleys, not up mountain fronts. The sample holding a city belongs whenever
//                          urban_belt_radius_km > 0;
//   1 ecological core      hinterland, elevation ≥ core_min_elevation_m and relief ≥ core_min_relief_m;
//   3 green development    hinterland, elevation ≤ green_max_elevation_m, slope ≤ green_max_slope_deg and
//                          enclosure ≥ green_min_enclosure: basin floors and valleys inside the mountains
//                          (Hanzhong, Ankang, Shangluo);
//   2 conservation buffer  hinterland, elevation ≥ buffer_min_elevation_m and relief ≥ buffer_min_relief_m;
//   0 other                everything else: plains and low hills outside the zones, and no data.
// Before the urban belt is laid over them, 8-connected core patches smaller than core_min_patch_km2 and
// green development patches smaller than green_min_patch_km2 become buffer, so the core is the large
// continuous green heart rather than every isolated summit.
// Areas are on the WGS84 ellipsoid: a sample's cell covers cellSize² / k² square metres, k being the
// projection's scale factor at the cell centre (computed every 16 samples and interpolated).

#include "qinba/core/dem.h"
#include "qinba/core/layer.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <array>
#include <cstdint>
#include <functional>
#include <glm/glm.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qinba {

/// Zone of a DEM sample. The numbers are stable: they are the pixel values of the exported GeoTIFF and the
/// `class` property of the exported GeoJSON.
enum class ZoneClass : std::uint8_t {
    Other = 0,              ///< outside the zones, or no data; not drawn
    EcologicalCore = 1,     ///< 生态核心区（绿心）
    ConservationBuffer = 2, ///< 生态保育缓冲区
    GreenDevelopment = 3,   ///< 绿色发展区
    UrbanBelt = 4,          ///< 城市集群带
};
inline constexpr int kZoneClassCount = 5;

/// Thresholds of the method above. Defaults were tuned on the default DEM (2 arc-minute samples, 3.3 km in
/// the map) with the default scenario's Central and City Area cities. Slopes depend on the DEM's spacing:
/// on a 3.3 km grid they rarely pass 5°, so finer DEMs want larger slope thresholds.
struct ZoningParameters {
    double hinterlandMaxGap = 150.0;   ///< degrees; 180 = inside the cities' convex hull
    double reliefRadiusKm = 12.0;      ///< half-side of the relief window, km
    double coreMinElevation = 1300.0;  ///< m
    double coreMinRelief = 600.0;      ///< m
    double coreMinPatchKm2 = 1500.0;   ///< smaller core patches become buffer, km²
    double bufferMinElevation = 700.0; ///< m
    double bufferMinRelief = 450.0;    ///< m
    double greenMinPatchKm2 = 300.0;   ///< smaller green development patches become buffer, km²
    double greenMaxElevation = 1100.0; ///< m
    double greenMaxSlope = 2.0;        ///< degrees (at the default DEM's 3.3 km spacing)
    double enclosureRadiusKm = 50.0;   ///< length of the enclosure rays, km
    double enclosureRise = 300.0;      ///< m above the sample
    double greenMinEnclosure = 0.5;    ///< share of the 16 rays, 0–1
    double urbanBeltRadiusKm = 35.0;   ///< km around each city
    double urbanAxisMaxKm = 170.0;     ///< cities at most this far apart are joined by an axis, km
    double urbanAxisHalfWidthKm = 8.0; ///< km either side of the segment between them
    double urbanMaxSlope = 5.0;        ///< degrees
    double urbanMaxRise = 250.0;       ///< m above the (higher) city's own elevation
    bool operator==(const ZoningParameters&) const = default;
};

/// One adjustable parameter, for the command line (`--set name=value`) and the Zoning panel's sliders.
struct ZoningParameterInfo {
    const char* name;                 ///< snake_case, e.g. "core_min_elevation_m"
    const char* unit;                 ///< "m", "km", "km²", "deg" or "" (a share)
    double min, max;                  ///< accepted range, inclusive
    const char* description;          ///< one line for tooltips and --help
    double ZoningParameters::*member; ///< the field it sets
};

/// Every adjustable parameter, in the order of the struct.
const std::vector<ZoningParameterInfo>& zoningParameterTable();
/// The names of zoningParameterTable(), in the same order.
std::vector<std::string> zoningParameterNames();
/// Sets the parameter called `name`. Errors (field = the name) for an unknown name, a value that is not
/// finite, or one outside the parameter's range; `p` is unchanged then.
Status setZoningParameter(ZoningParameters& p, std::string_view name, double value);
/// Parses "name=value" (value a decimal number) and sets it as setZoningParameter does. Errors (field =
/// the name, or "" when there is no '=') for a malformed assignment too.
Status applyZoningAssignment(ZoningParameters& p, std::string_view assignment);
/// Every parameter checked against its range; the error names the first one outside.
Status validateZoningParameters(const ZoningParameters& p);

/// Areas of the zones on the ellipsoid.
struct ZoningStats {
    std::array<double, kZoneClassCount> areaKm2{}; ///< by ZoneClass value; Other counts samples with data
    double totalKm2 = 0.0;                         ///< all samples with data
    double share(ZoneClass c) const { return totalKm2 > 0 ? areaKm2[static_cast<int>(c)] / totalKm2 : 0.0; }
};

/// Rules in the order they are tried, for drawing boundaries between samples: a point takes the zone of the
/// first rule whose margin holds there.
inline constexpr std::array<ZoneClass, 4> kZoneRules = {ZoneClass::UrbanBelt, ZoneClass::EcologicalCore,
                                                        ZoneClass::GreenDevelopment,
                                                        ZoneClass::ConservationBuffer};

/// Zones on the DEM's grid.
struct Zoning {
    int width = 0, height = 0;
    std::vector<ZoneClass> classes; ///< row-major like the Dem (row 0 north); Other where it has no data
    /// Per sample, how far each rule of kZoneRules holds: >= 0 where it holds, < 0 where not, so that a
    /// sample's class is the zone of its first rule with margin >= 0 (Other when none) — exactly `classes`,
    /// small patches and city samples included. Between samples the margins are interpolated (zoneAt), so a
    /// boundary follows the contour of the measures that decide it (an elevation, a relief, a slope, a
    /// distance to a city) rather than the cells' edges. Dimensionless: elevations and reliefs per 100 m,
    /// slopes per degree, hinterland gaps per 10 degrees, distances per km; clamped to ±4.
    std::vector<std::array<float, 4>> margins;
    /// The margins' interpolating cubic spline (cubicSplineCoefficients() of `margins`, four channels), from
    /// which zoneAt() and the terrain shader draw the boundaries.
    std::vector<float> marginSpline;
    ZoningStats stats;
    ZoningParameters parameters; ///< what it was computed with (after clamping to the ranges)
    ZoneClass at(int col, int row) const { return classes[static_cast<std::size_t>(row) * width + col]; }
};

/// The zone drawn at a point between samples: the margins' interpolating cubic spline (marginSpline: smooth,
/// and exact at the samples) at fractional sample coordinates (`col`, `row`; 0 is the centre of the first
/// sample, the grid's edge clamps), then the first rule that holds. What the terrain shader draws where a
/// sample spans more than 8 pixels (terrain.frag).
ZoneClass zoneAt(const Zoning& z, double col, double row);

/// The zones of `dem` by the method above. `cities`: the Qinba City Area cities (WGS84) that the urban belt
/// forms around and that ring the hinterland (with fewer than three there is no hinterland, only the
/// belt). Parameters outside their range are clamped. Deterministic; takes about 30 ms on the default DEM.
Zoning computeZoning(const Dem& dem, const MapProjection& projection, const std::vector<GeoPoint>& cities,
                     const ZoningParameters& p);

/// The same for a worker thread: `progress` gets the fraction done (0–1) every few rows and stops the work
/// when it returns false (nullopt then).
std::optional<Zoning> computeZoning(const Dem& dem, const MapProjection& projection,
                                    const std::vector<GeoPoint>& cities, const ZoningParameters& p,
                                    const std::function<bool(double)>& progress);

/// The locations of a scenario's Central and City Area places, in scenario order.
std::vector<GeoPoint> cityAreaCities(const Scenario& scenario);

const char* zoneName(ZoneClass c);   ///< "Ecological core (green heart)", ... (English; _() translates it)
const char* zoneNameZh(ZoneClass c); ///< "生态核心区（绿心）", ...
/// Legend colour, sRGB 0–1 with straight (not premultiplied) alpha: core dark green, buffer light green,
/// green development olive yellow-green, urban belt warm red-brown; Other fully transparent.
glm::vec4 zoneColor(ZoneClass c);

/// GeoTIFF of the zones, by default in the map CRS on the DEM's grid: Byte, DEFLATE, pixel = ZoneClass value,
/// with the legend colours as colour table and the parameters and areas as metadata (ZONING_<name>,
/// ZONING_AREA_KM2_<class>). 0 (Other, and samples without DEM data) is the nodata value, so GIS draw it
/// transparent (TIFF colour tables carry no alpha). Category names go to the PAM sidecar PATH.aux.xml.
/// Both written atomically. With `crs` (any definition OGR understands, e.g. "EPSG:4490" for CGCS2000) the
/// raster is reprojected to it (nearest neighbour, so every pixel stays a class value; 0 outside the grid)
/// instead of staying on the DEM's grid; an unknown CRS is an error naming the field "crs".
Status writeZoningGeoTiff(const std::string& path, const Dem& dem, const Zoning& z,
                          const MapProjection& projection, const std::string& crs = "");
/// GeoJSON: one Polygon feature per 4-connected patch of each class other than Other, with properties class
/// (1–4), name_en, name_zh and area_km2 (on the ellipsoid, via a Lambert azimuthal equal-area projection).
/// Without `crs`, or with a WGS84 one, RFC 7946 (WGS84 longitude/latitude); in any other CRS (e.g.
/// "EPSG:4490", longitude first) the file names it in a "crs" member. An unknown CRS is an error naming the
/// field "crs". Written atomically.
Status writeZoningGeoJson(const std::string& path, const Dem& dem, const Zoning& z,
                          const MapProjection& projection, const std::string& crs = "");
/// CSV "class,name_en,name_zh,area_km2,share", one row per class 0–4 (share of all samples with data),
/// UTF-8 with a byte order mark (kUtf8Bom) so that Excel on Chinese Windows reads the Chinese names as UTF-8
/// rather than GBK. Written atomically.
Status writeZoningCsv(const std::string& path, const Zoning& z);

/// The UTF-8 byte order mark every CSV file the program writes begins with.
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

/// The zoning as a raster layer over the DEM's grid (id "zoning"), its legend one line per class.
Layer zoningLayer(const Zoning& z, const Dem& dem);

} // namespace qinba
