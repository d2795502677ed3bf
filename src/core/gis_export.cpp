// The scenario as GIS layers through OGR. Every file is first built under /vsimem/ and its bytes then go to
// disk through writeFileAtomically, so a failed export leaves no half-written GeoPackage or Shapefile.

#include "qinba/core/gis_export.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/scenario_overlay.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>

namespace qinba {

namespace {

namespace fs = std::filesystem;

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

/// A folder in GDAL's /vsimem/, removed with its files when this goes away.
class MemFolder {
  public:
    MemFolder() : name_(uniqueName()) { VSIMkdir(name_.c_str(), 0755); }
    ~MemFolder() { VSIRmdirRecursive(name_.c_str()); }
    MemFolder(const MemFolder&) = delete;
    MemFolder& operator=(const MemFolder&) = delete;
    std::string file(const std::string& leaf) const { return name_ + "/" + leaf; }
    /// The names of the files in the folder, sorted.
    std::vector<std::string> files() const {
        CPLStringList list(VSIReadDir(name_.c_str()));
        std::vector<std::string> out;
        for (int i = 0; i < list.size(); ++i)
            if (std::string(list[i]) != "." && std::string(list[i]) != "..") out.emplace_back(list[i]);
        std::sort(out.begin(), out.end());
        return out;
    }
    std::string contents(const std::string& leaf) const {
        vsi_l_offset size = 0;
        GByte* data = VSIGetMemFileBuffer(file(leaf).c_str(), &size, FALSE);
        return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)) : "";
    }

  private:
    static std::string uniqueName() {
        static std::atomic<unsigned> counter{0};
        return "/vsimem/qinba_gis_" + std::to_string(counter++);
    }
    std::string name_;
};

std::string lowerExtension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

/// One attribute: name (≤ 10 characters, for Shapefiles) and OGR type.
struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

const std::vector<FieldSpec>& fieldsOf(const std::string& layer) {
    static const std::vector<FieldSpec> places{
        {"id", OFTString},    {"name_zh", OFTString},  {"name_en", OFTString}, {"role", OFTString},
        {"rank", OFTInteger}, {"province", OFTString}, {"source", OFTString}};
    static const std::vector<FieldSpec> agglomerations{{"id", OFTString},
                                                       {"name_zh", OFTString},
                                                       {"name_en", OFTString},
                                                       {"n_places", OFTInteger},
                                                       {"places", OFTString}};
    static const std::vector<FieldSpec> corridors{
        {"id", OFTString},      {"from_id", OFTString}, {"to_id", OFTString},  {"from_zh", OFTString},
        {"to_zh", OFTString},   {"mode", OFTString},    {"capacity", OFTReal}, {"cap_unit", OFTString},
        {"routed", OFTInteger}, {"length_km", OFTReal}};
    static const std::vector<FieldSpec> flows{
        {"flow_id", OFTString},    {"corridor", OFTString}, {"stage", OFTString}, {"stage_zh", OFTString},
        {"stage_en", OFTString},   {"year", OFTInteger},    {"type", OFTString},  {"direction", OFTString},
        {"origin", OFTString},     {"dest", OFTString},     {"volume", OFTReal},  {"unit", OFTString},
        {"indicative", OFTInteger}};
    if (layer == "places") return places;
    if (layer == "agglomerations") return agglomerations;
    if (layer == "corridors") return corridors;
    return flows;
}

std::size_t layerIndexOf(const std::string& layer) {
    const auto* it =
        std::find_if(std::begin(kGisLayers), std::end(kGisLayers), [&](const char* l) { return layer == l; });
    return static_cast<std::size_t>(it - std::begin(kGisLayers));
}

OGRwkbGeometryType geometryOf(const std::string& layer) {
    if (layer == "places") return wkbPoint;
    if (layer == "agglomerations") return wkbMultiPoint;
    return wkbLineString;
}

/// Great-circle length on the mean Earth sphere, km.
double lengthKm(const std::vector<GeoPoint>& line) {
    constexpr double kRadiusKm = 6371.0088, kRad = M_PI / 180.0;
    double sum = 0.0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double dLat = (line[i].lat - line[i - 1].lat) * kRad,
                     dLon = (line[i].lon - line[i - 1].lon) * kRad;
        const double a = std::pow(std::sin(dLat / 2), 2) + std::cos(line[i - 1].lat * kRad) *
                                                               std::cos(line[i].lat * kRad) *
                                                               std::pow(std::sin(dLon / 2), 2);
        sum += 2 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
    }
    return std::round(sum * 10.0) / 10.0;
}

bool usable(const std::vector<GeoPoint>& line) {
    return line.size() >= 2 && std::all_of(line.begin(), line.end(), [](const GeoPoint& p) {
               return std::isfinite(p.lon) && std::isfinite(p.lat);
           });
}

/// What each layer's description says about where its data come from.
std::string layerDescription(const Scenario& s, const std::string& layer) {
    std::string d =
        "Qinba Atlas scenario '" + s.id + "' (" + s.titleZh + " / " + s.titleEn + "), layer " + layer + ".";
    const bool illustrative =
        s.provenance.indicative ||
        std::any_of(s.flows.begin(), s.flows.end(), [](const Flow& f) { return f.indicative; });
    if ((layer == "flows" || layer == "corridors") && illustrative)
        d +=
            " ILLUSTRATIVE DATA 示意数据，非实测: flow volumes (indicative = 1) and corridor capacities were "
            "chosen to illustrate the plan; they are not measurements.";
    if (layer == "places") d += " Coordinates are approximate centres (see the source attribute).";
    return d;
}

/// Builds the layers in one OGR dataset (GeoPackage) or one dataset a layer (GeoJSON, Shapefile).
class LayerWriter {
  public:
    LayerWriter(GisFormat format, const OGRSpatialReference& srs, OGRCoordinateTransformation& toTarget,
                const MemFolder& folder, std::string path)
        : format_(format), srs_(srs), toTarget_(toTarget), folder_(folder), path_(std::move(path)) {}

    /// Starts `layer`: creates its file (or, for a GeoPackage, the file on the first layer) and fields.
    Status begin(const std::string& layer, const std::string& description) {
        GdalErrorCapture capture;
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(toString(format_));
        if (!driver) return Error{path_, "", _("GDAL has no driver for this format") + capture.suffix()};
        if (format_ != GisFormat::GeoPackage || !dataset_) {
            const std::size_t file = format_ == GisFormat::GeoPackage ? 0 : layerIndexOf(layer);
            layerFile_ = fs::path(gisExportFiles(path_, format_)[file]).filename().string();
            dataset_.reset(driver->Create(folder_.file(layerFile_).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!dataset_)
                return Error{path_, "", std::string(_("cannot create the file")) + capture.suffix()};
        }
        CPLStringList options;
        if (format_ == GisFormat::GeoPackage) options.SetNameValue("DESCRIPTION", description.c_str());
        if (format_ == GisFormat::GeoJson) {
            options.SetNameValue("WRITE_NAME", "YES");
            options.SetNameValue("DESCRIPTION", description.c_str());
            if (srs_.GetAuthorityCode(nullptr) && std::string(srs_.GetAuthorityCode(nullptr)) == "4326")
                options.SetNameValue("RFC7946", "YES");
        }
        if (format_ == GisFormat::Shapefile) {
            options.SetNameValue("ENCODING", "UTF-8"); // writes the .cpg that tells GIS the text is UTF-8
            options.SetNameValue("RESIZE", "YES");     // string widths shrink to the longest value
        }
        const std::string name =
            format_ == GisFormat::Shapefile ? fs::path(layerFile_).stem().string() : layer;
        layer_ = dataset_->CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(&srs_),
                                       geometryOf(layer), options.List());
        if (!layer_) return Error{path_, layer, std::string(_("cannot create the layer")) + capture.suffix()};
        for (const FieldSpec& f : fieldsOf(layer)) {
            OGRFieldDefn defn(f.name, f.type);
            // Shapefile text is 254 bytes at most; RESIZE trims it to what the values need.
            if (format_ == GisFormat::Shapefile && f.type == OFTString) defn.SetWidth(254);
            if (layer_->CreateField(&defn) != OGRERR_NONE)
                return Error{path_, layer + "." + f.name,
                             std::string(_("cannot create the field")) + capture.suffix()};
        }
        layerName_ = layer;
        layerIndex_ = layerIndexOf(layer);
        return okStatus();
    }

    /// A feature of the current layer: `fill` sets its attributes; the geometry is in WGS84 degrees.
    template <typename Fill>
    Status add(std::unique_ptr<OGRGeometry> geometry, Fill&& fill) {
        GdalErrorCapture capture;
        if (geometry->transform(&toTarget_) != OGRERR_NONE)
            return Error{path_, layerName_,
                         std::string(_("cannot transform a geometry to the output CRS")) + capture.suffix()};
        OGRFeature feature(layer_->GetLayerDefn());
        fill(feature);
        feature.SetGeometryDirectly(geometry.release());
        if (layer_->CreateFeature(&feature) != OGRERR_NONE)
            return Error{path_, layerName_, std::string(_("cannot write a feature")) + capture.suffix()};
        ++features[layerIndex_];
        return okStatus();
    }

    /// Closes the dataset so every byte is in the memory folder.
    void close() {
        layer_ = nullptr;
        dataset_.reset();
    }

    std::size_t features[std::size(kGisLayers)] = {}; ///< written so far, by layer

  private:
    GisFormat format_;
    const OGRSpatialReference& srs_;
    OGRCoordinateTransformation& toTarget_;
    const MemFolder& folder_;
    std::string path_;
    DatasetPtr dataset_;
    OGRLayer* layer_ = nullptr;
    std::string layerFile_, layerName_;
    std::size_t layerIndex_ = 0;
};

std::unique_ptr<OGRGeometry> pointOf(GeoPoint p) {
    return std::make_unique<OGRPoint>(p.lon, p.lat);
}

std::unique_ptr<OGRGeometry> lineOf(const std::vector<GeoPoint>& line, bool reversed) {
    auto out = std::make_unique<OGRLineString>();
    for (std::size_t i = 0; i < line.size(); ++i) {
        const GeoPoint& p = line[reversed ? line.size() - 1 - i : i];
        out->addPoint(p.lon, p.lat);
    }
    return out;
}

std::string placeNameZh(const Scenario& s, const std::string& id) {
    const Place* p = s.findPlace(id);
    return p ? p->nameZh : "";
}

Status writeLayers(LayerWriter& w, const Scenario& s, const CorridorLines& lines,
                   const GisExportOptions& options) {
    if (auto st = w.begin("places", layerDescription(s, "places")); !st) return st;
    for (const Place& p : s.places)
        if (auto st = w.add(pointOf(p.location),
                            [&](OGRFeature& f) {
                                f.SetField("id", p.id.c_str());
                                f.SetField("name_zh", p.nameZh.c_str());
                                f.SetField("name_en", p.nameEn.c_str());
                                f.SetField("role", toString(p.role));
                                f.SetField("rank", p.rank);
                                f.SetField("province", p.province.c_str());
                                f.SetField("source", p.source.c_str());
                            });
            !st)
            return st;

    if (auto st = w.begin("agglomerations", layerDescription(s, "agglomerations")); !st) return st;
    for (const Agglomeration& a : s.agglomerations) {
        auto points = std::make_unique<OGRMultiPoint>();
        std::string ids;
        for (const std::string& id : a.places)
            if (const Place* p = s.findPlace(id)) {
                OGRPoint point(p->location.lon, p->location.lat);
                points->addGeometry(&point);
                ids += (ids.empty() ? "" : ",") + id;
            }
        if (auto st = w.add(std::move(points),
                            [&](OGRFeature& f) {
                                f.SetField("id", a.id.c_str());
                                f.SetField("name_zh", a.nameZh.c_str());
                                f.SetField("name_en", a.nameEn.c_str());
                                f.SetField("n_places", static_cast<int>(a.places.size()));
                                f.SetField("places", ids.c_str());
                            });
            !st)
            return st;
    }

    const Stage* only = options.stage ? &s.stages[*options.stage] : nullptr;
    const auto activeIn = [](const Stage& stage, const std::string& corridor) {
        return std::find(stage.corridors.begin(), stage.corridors.end(), corridor) != stage.corridors.end();
    };
    const auto lineIndex = [&](const std::string& corridor) -> std::optional<std::size_t> {
        const Corridor* c = s.findCorridor(corridor);
        if (!c) return std::nullopt;
        const auto i = static_cast<std::size_t>(c - s.corridors.data());
        if (i >= lines.lines.size() || !usable(lines.lines[i])) return std::nullopt;
        return i;
    };

    if (auto st = w.begin("corridors", layerDescription(s, "corridors")); !st) return st;
    for (const Corridor& c : s.corridors) {
        const auto i = lineIndex(c.id);
        if (!i || (only && !activeIn(*only, c.id))) continue;
        const std::vector<GeoPoint>& line = lines.lines[*i];
        const bool routed = *i < lines.routed.size() ? lines.routed[*i] : true;
        if (auto st = w.add(lineOf(line, false),
                            [&](OGRFeature& f) {
                                f.SetField("id", c.id.c_str());
                                f.SetField("from_id", c.from.c_str());
                                f.SetField("to_id", c.to.c_str());
                                f.SetField("from_zh", placeNameZh(s, c.from).c_str());
                                f.SetField("to_zh", placeNameZh(s, c.to).c_str());
                                f.SetField("mode", toString(c.mode));
                                f.SetField("capacity", c.capacity);
                                f.SetField("cap_unit", c.capacityUnit.c_str());
                                f.SetField("routed", routed ? 1 : 0);
                                f.SetField("length_km", lengthKm(line));
                            });
            !st)
            return st;
    }

    if (auto st = w.begin("flows", layerDescription(s, "flows")); !st) return st;
    for (std::size_t si = 0; si < s.stages.size(); ++si) {
        const Stage& stage = s.stages[si];
        if (only && only != &stage) continue;
        const std::string& key = stage.volumeKey.empty() ? stage.id : stage.volumeKey;
        for (const Flow& flow : s.flows) {
            const auto volume = flow.volumes.find(key);
            const auto i = lineIndex(flow.corridor);
            if (volume == flow.volumes.end() || !i || !activeIn(stage, flow.corridor)) continue;
            const Corridor& c = s.corridors[*i];
            if (auto st = w.add(lineOf(lines.lines[*i], flow.reverse),
                                [&](OGRFeature& f) {
                                    f.SetField("flow_id", flow.id.c_str());
                                    f.SetField("corridor", flow.corridor.c_str());
                                    f.SetField("stage", stage.id.c_str());
                                    f.SetField("stage_zh", stage.titleZh.c_str());
                                    f.SetField("stage_en", stage.titleEn.c_str());
                                    f.SetField("year", stage.year.value_or(0));
                                    f.SetField("type", toString(flow.type));
                                    f.SetField("direction", flow.reverse ? "reverse" : "forward");
                                    f.SetField("origin", (flow.reverse ? c.to : c.from).c_str());
                                    f.SetField("dest", (flow.reverse ? c.from : c.to).c_str());
                                    f.SetField("volume", volume->second);
                                    f.SetField("unit", flow.unit.c_str());
                                    f.SetField("indicative", flow.indicative ? 1 : 0);
                                });
                !st)
                return st;
        }
    }
    w.close();
    return okStatus();
}

} // namespace

Result<GisFormat> gisFormatFromPath(const std::string& path) {
    const std::string ext = lowerExtension(path);
    if (ext == ".gpkg") return GisFormat::GeoPackage;
    if (ext == ".geojson" || ext == ".json") return GisFormat::GeoJson;
    if (ext == ".shp") return GisFormat::Shapefile;
    return Error{path, "",
                 _("unsupported extension: expected .gpkg (GeoPackage), .geojson (GeoJSON) or .shp "
                   "(ESRI Shapefile)")};
}

const char* toString(GisFormat format) {
    switch (format) {
    case GisFormat::GeoPackage:
        return "GPKG";
    case GisFormat::GeoJson:
        return "GeoJSON";
    case GisFormat::Shapefile:
        return "ESRI Shapefile";
    }
    return "GPKG";
}

CorridorLines corridorLinesAsDrawn(const ScenarioGeometry& geometry, const MapProjection& projection) {
    CorridorLines out;
    for (const CorridorPaths& paths : geometry.corridors) {
        std::vector<GeoPoint> line;
        line.reserve(paths.route.size());
        for (const MapPoint& p : paths.route)
            line.push_back(projection.toGeo(p));
        out.lines.push_back(std::move(line));
        out.routed.push_back(paths.routed);
    }
    return out;
}

std::vector<std::string> gisExportFiles(const std::string& path, GisFormat format) {
    if (format == GisFormat::GeoPackage) return {path};
    const fs::path p(path);
    const std::string ext = p.extension().string();
    std::vector<std::string> out;
    for (const char* layer : kGisLayers)
        out.push_back((p.parent_path() / (p.stem().string() + "_" + layer + ext)).string());
    return out;
}

Result<GisExportReport> exportScenarioGis(const std::string& path, const Scenario& scenario,
                                          const CorridorLines& corridors, const GisExportOptions& options) {
    auto format = gisFormatFromPath(path);
    if (!format) return format.error();
    if (options.stage && *options.stage >= scenario.stages.size())
        return Error{path, "stage",
                     std::string(_("there is no stage ")) + std::to_string(*options.stage + 1) +
                         _(": the scenario has ") + std::to_string(scenario.stages.size())};
    ensureGdalRegistered();
    GdalErrorCapture capture;
    OGRSpatialReference target;
    if (options.crs.empty() || target.SetFromUserInput(options.crs.c_str()) != OGRERR_NONE)
        return Error{"", "crs",
                     std::string(_("unknown CRS '")) + options.crs +
                         _("': expected EPSG:4490 (CGCS2000), EPSG:4326 (WGS84), EPSG:3857 or another "
                           "definition GDAL knows")};
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> toTarget(OGRCreateCoordinateTransformation(&wgs84, &target));
    if (!toTarget)
        return Error{"", "crs",
                     std::string(_("no transformation from WGS84 to '")) + options.crs + "'" +
                         capture.suffix()};

    const MemFolder folder;
    LayerWriter writer(*format, target, *toTarget, folder, path);
    if (auto s = writeLayers(writer, scenario, corridors, options); !s) return s.error();

    // The memory folder holds exactly the files of this export (with a Shapefile's sidecars), named as on
    // disk.
    const fs::path dir = fs::path(path).parent_path();
    GisExportReport report;
    std::copy(std::begin(writer.features), std::end(writer.features), std::begin(report.features));
    std::vector<std::string>& written = report.files;
    for (const std::string& leaf : folder.files()) {
        const std::string file = (dir / leaf).string();
        if (auto s = writeFileAtomically(file, folder.contents(leaf)); !s) return s.error();
        written.push_back(file);
    }
    if (written.empty()) return Error{path, "", std::string(_("GDAL wrote nothing")) + capture.suffix()};
    return report;
}

} // namespace qinba
