#pragma once
// The scenario as GIS vector layers (`qinba export`, File > Export): places, agglomerations, the corridors
// as routed and drawn, and the flows, written through OGR to a GeoPackage, GeoJSON or ESRI Shapefile in a
// chosen CRS, every text attribute in UTF-8 so QGIS and ArcGIS show the Chinese names.
//
// Layers and attributes (also in assets/scenarios/SCHEMA.md, "Export"); names are at most 10 characters so
// Shapefiles keep them:
//   places          Point       id, name_zh, name_en, role (central, city_area, near_mountain,
//                               mountain_city, county_town), rank (1 most important to 5), province, source
//   agglomerations  MultiPoint  id, name_zh, name_en, n_places, places (member place ids, comma-separated);
//                               the points are the member places (no boundary is invented)
//   corridors       LineString  id, from_id, to_id, from_zh, to_zh, mode (rail, road, air_data), capacity,
//                               cap_unit, routed (1: least-cost path over the DEM or through the waypoints;
//                               0: routing failed and the straight stand-in the viewer draws is exported),
//                               length_km (along the line on the ellipsoid)
//   flows           LineString  one feature per flow and stage in which the flow's corridor is active and the
//                               flow has a volume: flow_id, corridor, stage, stage_zh, stage_en, year (0:
//                               none), type (people, goods, information), direction (forward: from the
//                               corridor's from_id to its to_id; reverse: the other way), origin, dest
//                               (place ids in the direction of travel), volume, unit, indicative (1:
//                               illustrative, not measured; 0: measured, imported from an OD matrix). The
//                               geometry is the corridor's line, reversed for reverse flows, so it points
//                               the way the flow goes.
// Where the format has a place for it (GeoPackage and GeoJSON layer descriptions) each layer says where the
// data come from and, when any flow value is illustrative, that they are illustrative.

#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"
#include "qinba/core/scenario.h"

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

struct ScenarioGeometry;

/// The vector formats written, chosen by the output's extension.
enum class GisFormat {
    GeoPackage, ///< .gpkg: one file holding the four layers
    GeoJson,    ///< .geojson or .json: one file a layer, OUT_<layer>.geojson
    Shapefile,  ///< .shp: one Shapefile a layer, OUT_<layer>.shp with .shx, .dbf, .prj and .cpg (UTF-8)
};

/// The format of `path` by its extension (case-insensitive). Error (file = path) for any other extension.
Result<GisFormat> gisFormatFromPath(const std::string& path);
const char* toString(GisFormat format); ///< "GPKG", "GeoJSON", "ESRI Shapefile" (OGR driver names)

/// The layer names, in the order written.
inline constexpr const char* kGisLayers[] = {"places", "agglomerations", "corridors", "flows"};

/// What to write.
struct GisExportOptions {
    /// Output CRS, any definition OGR understands: "EPSG:4490" (CGCS2000, what Chinese agencies use),
    /// "EPSG:4326" (WGS84), "EPSG:3857", WKT or PROJ. Geographic CRSs are written longitude first.
    std::string crs = "EPSG:4326";
    /// Only this stage (0-based index into Scenario::stages): its active corridors and its flows. nullopt:
    /// every corridor, and the flows of every stage.
    std::optional<std::size_t> stage;
};

/// The line of each corridor, WGS84 longitude/latitude degrees, parallel to Scenario::corridors, and whether
/// it was routed (see the corridors layer).
struct CorridorLines {
    std::vector<std::vector<GeoPoint>> lines;
    std::vector<bool> routed;
};

/// The corridors exactly as the viewer draws them in plan: each CorridorPaths::route (map metres: the
/// least-cost path, the polyline through the waypoints, or the straight line of an air or data link)
/// converted to longitude/latitude with `projection`.
CorridorLines corridorLinesAsDrawn(const ScenarioGeometry& geometry, const MapProjection& projection);

/// The files a GIS export of `path` in `format` consists of: `path` itself for a GeoPackage, otherwise
/// OUT_<layer>.<ext> for each layer (OUT being `path` without its extension), in kGisLayers order; the
/// Shapefile sidecars (.shx, .dbf, .prj, .cpg) are not listed.
std::vector<std::string> gisExportFiles(const std::string& path, GisFormat format);

/// What an export wrote.
struct GisExportReport {
    std::vector<std::string> files; ///< every file written, Shapefile sidecars included, sorted
    std::size_t features[std::size(kGisLayers)] = {}; ///< features written, by layer in kGisLayers order
};

/// Writes the four layers of `scenario` to `path` (format by extension), reprojected from WGS84 to
/// `options.crs`. `corridors` must be parallel to scenario.corridors (corridors without a line of at least
/// two points are left out, with their flows). Each file is built in memory and then written atomically, so
/// a failure leaves no half-written file. Errors: an unsupported extension (file = path); an unknown CRS
/// (field "crs"); a stage index out of range (field "stage"); a folder that cannot be written (file = the
/// file concerned).
Result<GisExportReport> exportScenarioGis(const std::string& path, const Scenario& scenario,
                                          const CorridorLines& corridors,
                                          const GisExportOptions& options = {});

} // namespace qinba
