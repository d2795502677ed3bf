#include "qinba/core/layer.h"

#include "layer_raster.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

namespace qinba {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

void grow(MapRect& r, MapPoint p, bool& first) {
    if (first) {
        r = {p.x, p.y, p.x, p.y};
        first = false;
        return;
    }
    r.minX = std::min(r.minX, p.x);
    r.minY = std::min(r.minY, p.y);
    r.maxX = std::max(r.maxX, p.x);
    r.maxY = std::max(r.maxY, p.y);
}

std::vector<MapPoint> pointsOf(const OGRLineString& line) {
    std::vector<MapPoint> out;
    out.reserve(static_cast<std::size_t>(line.getNumPoints()));
    for (int i = 0; i < line.getNumPoints(); ++i)
        out.push_back({line.getX(i), line.getY(i)});
    return out;
}

/// Flattens any geometry into the feature's points, lines and rings; returns false for what cannot be drawn.
bool collect(const OGRGeometry* g, VectorFeature& f, std::size_t& skipped) {
    if (!g || g->IsEmpty()) return true;
    switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
        const auto* p = g->toPoint();
        f.points.push_back({p->getX(), p->getY()});
        return true;
    }
    case wkbLineString:
        f.lines.push_back(pointsOf(*g->toLineString()));
        return true;
    case wkbPolygon:
        for (const OGRLinearRing* ring : *g->toPolygon())
            f.rings.push_back(pointsOf(*ring));
        return true;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
        for (const OGRGeometry* part : *g->toGeometryCollection())
            collect(part, f, skipped);
        return true;
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbCurvePolygon:
    case wkbMultiCurve:
    case wkbMultiSurface: {
        std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
        return collect(linear.get(), f, skipped);
    }
    default:
        ++skipped;
        return false;
    }
}

bool looksGeographic(const OGREnvelope& e) {
    return e.MinX >= -180.5 && e.MaxX <= 360.5 && e.MinY >= -90.5 && e.MaxY <= 90.5;
}

Result<Layer> readVector(GDALDataset& ds, Layer layer, const MapProjection& projection) {
    const std::string& path = layer.options.path;
    GdalErrorCapture capture;
    OGRSpatialReference mapSrs;
    mapSrs.importFromWkt(projection.wkt().c_str());
    mapSrs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    bool first = true;
    for (OGRLayer* ogr : ds.GetLayers()) {
        OGRSpatialReference srs;
        if (const OGRSpatialReference* s = ogr->GetSpatialRef(); s && !s->IsEmpty()) {
            srs = *s;
        } else {
            OGREnvelope e;
            if (ogr->GetExtent(&e, TRUE) != OGRERR_NONE || !looksGeographic(e))
                return Error{
                    path, ogr->GetName(),
                    _("has no coordinate reference system and its coordinates are not longitude/latitude")};
            srs.SetWellKnownGeogCS("WGS84");
        }
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> toMap(OGRCreateCoordinateTransformation(&srs, &mapSrs));
        if (!toMap)
            return Error{path, ogr->GetName(),
                         _("cannot transform its CRS to the map projection") + capture.suffix()};
        OGRFeatureDefn* defn = ogr->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            const std::string field = defn->GetFieldDefn(i)->GetNameRef();
            if (std::find(layer.fields.begin(), layer.fields.end(), field) == layer.fields.end())
                layer.fields.push_back(field);
        }
        ogr->ResetReading();
        for (auto& feature : *ogr) {
            OGRGeometry* g = feature->GetGeometryRef();
            if (!g) continue;
            if (g->transform(toMap.get()) != OGRERR_NONE) {
                ++layer.skippedGeometries;
                continue;
            }
            VectorFeature f;
            collect(g, f, layer.skippedGeometries);
            if (f.points.empty() && f.lines.empty() && f.rings.empty()) continue;
            for (int i = 0; i < defn->GetFieldCount(); ++i)
                if (feature->IsFieldSetAndNotNull(i))
                    f.attributes[defn->GetFieldDefn(i)->GetNameRef()] = feature->GetFieldAsString(i);
            for (MapPoint p : f.points)
                grow(layer.bounds, p, first);
            for (const auto& line : f.lines)
                for (MapPoint p : line)
                    grow(layer.bounds, p, first);
            for (const auto& ring : f.rings)
                for (MapPoint p : ring)
                    grow(layer.bounds, p, first);
            layer.pointCount += f.points.size();
            layer.lineCount += f.lines.size();
            layer.ringCount += f.rings.size();
            layer.features.push_back(std::move(f));
        }
    }
    if (layer.features.empty()) {
        if (layer.skippedGeometries > 0)
            return Error{
                path, "",
                formatText(_("has only geometries that cannot be drawn ({} of a type other than point, "
                             "line or polygon)"),
                           layer.skippedGeometries)};
        return Error{path, "", _("contains no features with geometry")};
    }
    return layer;
}

bool intersects(const MapRect& a, const MapRect& b) {
    return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

} // namespace

Result<Layer> openLayer(const LayerOptions& options, const MapProjection& projection, const MapRect& extent) {
    ensureGdalRegistered();
    GdalErrorCapture capture;
    const std::string& path = options.path;
    if (path.empty()) return Error{"", "layer", _("no file given")};
    if (!isGdalVirtualPath(path) && !std::filesystem::exists(path))
        return Error{path, "", _("file not found")};
    Layer layer;
    layer.options = options;
    if (layer.options.name.empty()) layer.options.name = std::filesystem::path(path).stem().string();
    if (layer.options.id.empty()) layer.options.id = std::filesystem::path(path).stem().string();

    Result<Layer> result = Error{path, "", ""};
    DatasetPtr vector(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (vector && vector->GetLayerCount() > 0) {
        result = readVector(*vector, std::move(layer), projection);
    } else {
        DatasetPtr raster(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!raster)
            return Error{path, "", _("neither OGR nor GDAL can read it as a layer") + capture.suffix()};
        layer.kind = LayerKind::Raster;
        auto image = warpRasterForDisplay(*raster, path, projection);
        if (!image) return image.error();
        layer.raster = std::move(*image);
        layer.bounds = layer.raster.bounds;
        result = std::move(layer);
    }
    if (!result) return result;
    if (!intersects(result->bounds, extent)) return Error{path, "", _("lies entirely outside the terrain")};
    if (result->options.style.labelField == LayerOptions::kAutoLabelField) {
        result->options.style.labelField.clear();
        for (const char* candidate : {"name_en", "name", "NAME", "Name", "label"})
            if (std::find(result->fields.begin(), result->fields.end(), candidate) != result->fields.end()) {
                result->options.style.labelField = candidate;
                break;
            }
    }
    return result;
}

LayerOptions LayerOptions::fromPath(std::string path) {
    LayerOptions o;
    o.path = std::move(path);
    o.style.labelField = kAutoLabelField;
    return o;
}

std::string legendText(const Layer& layer, LabelLanguage language) {
    std::string text = mapText({layer.options.name, layer.options.legendZh}, language);
    if (layer.options.approximate)
        text += language == LabelLanguage::Chinese   ? "（近似）"
                : language == LabelLanguage::English ? " (approximate)"
                                                     : " (approximate 近似)";
    return text;
}

} // namespace qinba
