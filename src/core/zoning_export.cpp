// Writing a Zoning as GeoTIFF, GeoJSON and CSV. GDAL writes into /vsimem/ and the bytes go to disk through
// writeFileAtomically, so a failed export never leaves a half-written file.

#include "qinba/core/atomic_file.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/core/zoning.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdalwarper.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace qinba {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

/// A file in GDAL's /vsimem/, removed when this goes away.
class MemFile {
  public:
    explicit MemFile(std::string name) : name_(std::move(name)) {}
    /// A name unique in this process, ending in `extension`.
    static std::string uniqueName(const char* extension) {
        static std::atomic<unsigned> counter{0};
        return "/vsimem/qinba_zoning_" + std::to_string(counter++) + extension;
    }
    ~MemFile() { VSIUnlink(name_.c_str()); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    const std::string& name() const { return name_; }
    /// The file's bytes (empty when it does not exist).
    std::string contents() const {
        vsi_l_offset size = 0;
        GByte* data = VSIGetMemFileBuffer(name_.c_str(), &size, FALSE);
        return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)) : "";
    }

  private:
    std::string name_;
};

Status checkShape(const std::string& path, const Dem& dem, const Zoning& z) {
    if (z.width != dem.width() || z.height != dem.height() ||
        z.classes.size() != static_cast<std::size_t>(z.width) * z.height || dem.empty())
        return Error{path, "", _("the zoning does not match the DEM's grid")};
    return okStatus();
}

/// An in-memory raster of the zones on the DEM's grid in the map CRS: band 1 the ZoneClass values; with
/// `withMask`, band 2 is 1 where the class is not Other.
Result<DatasetPtr> zoneRaster(const std::string& path, const Dem& dem, const Zoning& z,
                              const MapProjection& projection, bool withMask) {
    GdalErrorCapture capture;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    DatasetPtr ds(mem ? mem->Create("", z.width, z.height, withMask ? 2 : 1, GDT_Byte, nullptr) : nullptr);
    if (!ds) return Error{path, "", _("cannot create an in-memory raster") + capture.suffix()};
    double gt[6] = {dem.origin().x, dem.cellSize(), 0.0, dem.origin().y, 0.0, -dem.cellSize()};
    ds->SetGeoTransform(gt);
    ds->SetProjection(projection.wkt().c_str());
    std::vector<std::uint8_t> pixels(z.classes.size()), mask(z.classes.size());
    for (std::size_t i = 0; i < z.classes.size(); ++i) {
        pixels[i] = static_cast<std::uint8_t>(z.classes[i]);
        mask[i] = z.classes[i] != ZoneClass::Other;
    }
    if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, z.width, z.height, pixels.data(), z.width, z.height,
                                       GDT_Byte, 0, 0, nullptr) != CE_None ||
        (withMask && ds->GetRasterBand(2)->RasterIO(GF_Write, 0, 0, z.width, z.height, mask.data(), z.width,
                                                    z.height, GDT_Byte, 0, 0, nullptr) != CE_None))
        return Error{path, "", _("cannot fill the in-memory raster") + capture.suffix()};
    return ds;
}

std::string formatValue(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return text;
}

std::unique_ptr<OGRCoordinateTransformation> transformFrom(const OGRSpatialReference& from, const char* to) {
    OGRSpatialReference target;
    if (target.SetFromUserInput(to) != OGRERR_NONE) return nullptr;
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return std::unique_ptr<OGRCoordinateTransformation>(OGRCreateCoordinateTransformation(&from, &target));
}

/// The output CRS `crs` (any definition OGR understands) as WKT, or an error naming the field "crs".
Result<std::string> crsWkt(const std::string& crs) {
    OGRSpatialReference srs;
    char* wkt = nullptr;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE || srs.exportToWkt(&wkt) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        return Error{"", "crs",
                     std::string(_("unknown CRS '")) + crs +
                         _("': expected EPSG:4490 (CGCS2000), EPSG:4326 (WGS84), EPSG:3857 or another "
                           "definition GDAL knows")};
    }
    std::string out(wkt);
    CPLFree(wkt);
    return out;
}

} // namespace

Status writeZoningGeoTiff(const std::string& path, const Dem& dem, const Zoning& z,
                          const MapProjection& projection, const std::string& crs) {
    if (auto s = checkShape(path, dem, z); !s) return s;
    ensureGdalRegistered();
    auto ds = zoneRaster(path, dem, z, projection, false);
    if (!ds) return ds.error();
    GdalErrorCapture capture;
    if (!crs.empty()) {
        auto target = crsWkt(crs);
        if (!target) return target.error();
        // Classes are categories: nearest neighbour keeps every pixel a class value; outside the grid is 0.
        (*ds)->GetRasterBand(1)->SetNoDataValue(0);
        GDALDatasetH warped = GDALAutoCreateWarpedVRT(ds->get(), projection.wkt().c_str(), target->c_str(),
                                                      GRA_NearestNeighbour, 0.0, nullptr);
        GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
        DatasetPtr copy(warped && mem ? mem->CreateCopy("", GDALDataset::FromHandle(warped), FALSE, nullptr,
                                                        nullptr, nullptr)
                                      : nullptr);
        if (warped) GDALClose(warped);
        if (!copy)
            return Error{path, "", std::string(_("cannot reproject the zones to ")) + crs + capture.suffix()};
        *ds = std::move(copy);
    }
    GDALRasterBand* band = (*ds)->GetRasterBand(1);
    // TIFF colour maps have no alpha, so Other is nodata to be drawn transparent.
    band->SetNoDataValue(0);
    GDALColorTable table;
    CPLStringList names;
    for (int v = 0; v < kZoneClassCount; ++v) {
        const glm::vec4 col = zoneColor(static_cast<ZoneClass>(v));
        auto byte = [](float f) { return static_cast<short>(std::lround(std::clamp(f, 0.0f, 1.0f) * 255)); };
        const GDALColorEntry e{byte(col.r), byte(col.g), byte(col.b), byte(col.a)};
        table.SetColorEntry(v, &e);
        names.AddString(zoneName(static_cast<ZoneClass>(v)));
    }
    band->SetColorTable(&table);
    band->SetColorInterpretation(GCI_PaletteIndex);
    band->SetCategoryNames(names.List());
    (*ds)->SetMetadataItem("ZONING_METHOD", "Qinba Atlas green heart zoning (include/qinba/core/zoning.h)");
    for (const ZoningParameterInfo& info : zoningParameterTable())
        (*ds)->SetMetadataItem((std::string("ZONING_") + info.name).c_str(),
                               formatValue(z.parameters.*info.member).c_str());
    for (int v = 0; v < kZoneClassCount; ++v)
        (*ds)->SetMetadataItem(("ZONING_AREA_KM2_" + std::to_string(v)).c_str(),
                               formatValue(z.stats.areaKm2[v]).c_str());

    const MemFile file(MemFile::uniqueName(".tif"));
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"COMPRESS=DEFLATE", nullptr};
    DatasetPtr out(gtiff ? gtiff->CreateCopy(file.name().c_str(), ds->get(), FALSE,
                                             const_cast<char**>(options), nullptr, nullptr)
                         : nullptr);
    if (!out) return Error{path, "", _("cannot encode the GeoTIFF") + capture.suffix()};
    out.reset();
    if (auto s = writeFileAtomically(path, file.contents()); !s) return s;
    // GeoTIFF has no place for category names: GDAL keeps them in a PAM sidecar (PATH.aux.xml).
    const MemFile aux(file.name() + ".aux.xml");
    const std::string auxText = aux.contents();
    if (auxText.empty()) {
        std::error_code ignored;
        std::filesystem::remove(path + ".aux.xml", ignored);
        return okStatus();
    }
    return writeFileAtomically(path + ".aux.xml", auxText);
}

Status writeZoningGeoJson(const std::string& path, const Dem& dem, const Zoning& z,
                          const MapProjection& projection, const std::string& crs) {
    if (auto s = checkShape(path, dem, z); !s) return s;
    ensureGdalRegistered();
    auto raster = zoneRaster(path, dem, z, projection, true);
    if (!raster) return raster.error();
    GdalErrorCapture capture;

    OGRSpatialReference mapSrs;
    mapSrs.importFromWkt(projection.wkt().c_str());
    mapSrs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");
    DatasetPtr patches(memory ? memory->Create("", 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
    OGRLayer* layer = patches ? patches->CreateLayer("patches", &mapSrs, wkbPolygon, nullptr) : nullptr;
    OGRFieldDefn classField("class", OFTInteger);
    if (!layer || layer->CreateField(&classField) != OGRERR_NONE)
        return Error{path, "", _("cannot create an in-memory layer") + capture.suffix()};
    if (GDALPolygonize((*raster)->GetRasterBand(1), (*raster)->GetRasterBand(2), layer, 0, nullptr, nullptr,
                       nullptr) != CE_None)
        return Error{path, "", _("cannot polygonize the zones") + capture.suffix()};

    // Areas in a Lambert azimuthal equal-area projection centred on the grid: true areas on the ellipsoid.
    const GeoPoint centre = projection.toGeo(dem.bounds().centre());
    const std::string laea = "+proj=laea +lat_0=" + formatValue(centre.lat) +
                             " +lon_0=" + formatValue(centre.lon) + " +datum=WGS84 +units=m +no_defs";
    const auto toEqualArea = transformFrom(mapSrs, laea.c_str());
    const std::string outCrs = crs.empty() ? "EPSG:4326" : crs;
    if (auto known = crsWkt(outCrs); !known) return known.error();
    const auto toWgs84 = transformFrom(mapSrs, outCrs.c_str());
    if (!toEqualArea || !toWgs84)
        return Error{path, "",
                     formatText(_("no transformation from the map CRS to {}"), outCrs) + capture.suffix()};

    struct Patch {
        int zone;
        double areaKm2;
        std::unique_ptr<OGRGeometry> geometry;
    };
    std::vector<Patch> list;
    layer->ResetReading();
    for (auto& feature : *layer) {
        const int zone = feature->GetFieldAsInteger(0);
        OGRGeometry* g = feature->GetGeometryRef();
        if (!g || zone <= 0 || zone >= kZoneClassCount) continue;
        std::unique_ptr<OGRGeometry> equalArea(g->clone()), geographic(g->clone());
        if (equalArea->transform(toEqualArea.get()) != OGRERR_NONE ||
            geographic->transform(toWgs84.get()) != OGRERR_NONE)
            return Error{path, "",
                         formatText(_("cannot transform a zone polygon to {}"), outCrs) + capture.suffix()};
        const double area = equalArea->toPolygon()->get_Area() * 1e-6;
        list.push_back({zone, area, std::move(geographic)});
    }
    std::stable_sort(list.begin(), list.end(), [](const Patch& a, const Patch& b) {
        return a.zone != b.zone ? a.zone < b.zone : a.areaKm2 > b.areaKm2;
    });

    const MemFile file(MemFile::uniqueName(".geojson"));
    GDALDriver* geojson = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    DatasetPtr out(geojson ? geojson->Create(file.name().c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
    OGRSpatialReference wgs84;
    wgs84.SetFromUserInput(outCrs.c_str());
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference plainWgs84;
    plainWgs84.SetWellKnownGeogCS("WGS84");
    // RFC 7946 GeoJSON is WGS84 only; in any other CRS the file names its CRS (the older GeoJSON "crs"
    // member).
    const bool rfc7946 = wgs84.IsSame(&plainWgs84);
    const char* layerOptions[] = {rfc7946 ? "RFC7946=YES" : "RFC7946=NO", "WRITE_NAME=YES", nullptr};
    OGRLayer* outLayer =
        out ? out->CreateLayer("qinba_zoning", &wgs84, wkbPolygon, const_cast<char**>(layerOptions))
            : nullptr;
    OGRFieldDefn fClass("class", OFTInteger), fEn("name_en", OFTString), fZh("name_zh", OFTString),
        fArea("area_km2", OFTReal);
    if (!outLayer || outLayer->CreateField(&fClass) != OGRERR_NONE ||
        outLayer->CreateField(&fEn) != OGRERR_NONE || outLayer->CreateField(&fZh) != OGRERR_NONE ||
        outLayer->CreateField(&fArea) != OGRERR_NONE)
        return Error{path, "", _("cannot create the GeoJSON layer") + capture.suffix()};
    for (Patch& patch : list) {
        OGRFeature feature(outLayer->GetLayerDefn());
        const auto zone = static_cast<ZoneClass>(patch.zone);
        feature.SetField("class", patch.zone);
        feature.SetField("name_en", zoneName(zone));
        feature.SetField("name_zh", zoneNameZh(zone));
        feature.SetField("area_km2", std::round(patch.areaKm2 * 1000.0) / 1000.0);
        feature.SetGeometryDirectly(patch.geometry.release());
        if (outLayer->CreateFeature(&feature) != OGRERR_NONE)
            return Error{path, "", _("cannot write a GeoJSON feature") + capture.suffix()};
    }
    out.reset();
    const std::string text = file.contents();
    if (text.empty()) return Error{path, "", _("cannot encode the GeoJSON") + capture.suffix()};
    return writeFileAtomically(path, text);
}

Status writeZoningCsv(const std::string& path, const Zoning& z) {
    std::string text = std::string(kUtf8Bom) + "class,name_en,name_zh,area_km2,share\n";
    for (int v = 0; v < kZoneClassCount; ++v) {
        const auto zone = static_cast<ZoneClass>(v);
        char numbers[64];
        std::snprintf(numbers, sizeof numbers, "%.3f,%.6f", z.stats.areaKm2[v], z.stats.share(zone));
        // No name contains a comma or a quote, so no field needs quoting.
        text += std::to_string(v) + "," + zoneName(zone) + "," + zoneNameZh(zone) + "," + numbers + "\n";
    }
    return writeFileAtomically(path, text);
}

} // namespace qinba
