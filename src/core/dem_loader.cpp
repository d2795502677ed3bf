#include "qinba/core/dem_loader.h"

#include "dem_holes.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <filesystem>
#include <limits>
#include <memory>

namespace qinba {

namespace {

constexpr float kNoData = std::numeric_limits<float>::quiet_NaN();

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

/// A raster read into memory: band 1 as metres with NaN holes, and how it is georeferenced.
struct SourceGrid {
    int width = 0, height = 0;
    std::vector<float> values;
    bool hasGeoTransform = false;
    double geoTransform[6] = {0, 1, 0, 0, 0, 1};
    std::vector<GDAL_GCP> gcps; // borrowed from the open dataset
    OGRSpatialReference crs;
};

/// Opens the dataset, or its first subdataset when the container itself has no bands (netCDF, HDF).
Result<DatasetPtr> openRaster(const std::string& path, std::string& openedName) {
    GdalErrorCapture capture;
    if (!isGdalVirtualPath(path) && !std::filesystem::exists(path))
        return Error{path, "", _("file not found")};
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return Error{path, "", _("GDAL cannot open it as a raster") + capture.suffix()};
    openedName = path;
    if (ds->GetRasterCount() == 0) {
        char** subdatasets = ds->GetMetadata("SUBDATASETS");
        const char* first = CSLFetchNameValue(subdatasets, "SUBDATASET_1_NAME");
        if (!first) return Error{path, "", _("contains no raster band")};
        openedName = first;
        ds.reset(GDALDataset::Open(openedName.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!ds || ds->GetRasterCount() == 0)
            return Error{path, openedName,
                         _("GDAL cannot open the subdataset as a raster") + capture.suffix()};
    }
    return ds;
}

/// A stretch [from, to] of DemLoadOptions::progress as a GDAL progress callback.
struct ProgressSpan {
    const std::function<bool(double)>* report;
    double from, to;
    static int CPL_STDCALL call(double done, const char*, void* data) {
        const auto* s = static_cast<const ProgressSpan*>(data);
        return (*s->report)(s->from + (s->to - s->from) * done) ? TRUE : FALSE;
    }
};

bool stopped(const DemLoadOptions& options, double fraction) {
    return options.progress && !options.progress(fraction);
}

Result<SourceGrid> readSource(GDALDataset& ds, const std::string& path, const DemLoadOptions& options,
                              DemProvenance& prov) {
    GdalErrorCapture capture;
    SourceGrid src;
    const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
    prov.sourceWidth = w;
    prov.sourceHeight = h;
    if (auto size = checkDemSize(path, w, h); !size) return size.error();

    src.hasGeoTransform = ds.GetGeoTransform(src.geoTransform) == CE_None;
    const bool hasGcps = ds.GetGCPCount() > 0;
    if (!src.hasGeoTransform && !hasGcps)
        return Error{path, "", _("has no georeferencing (no geotransform and no ground control points)")};
    if (src.hasGeoTransform) {
        // Checked before the samples are read: a grid whose pixels have no size cannot be placed anywhere.
        const double* g = src.geoTransform;
        const double det = g[1] * g[5] - g[2] * g[4];
        if (!std::isfinite(det) || det == 0.0 || !std::isfinite(g[0]) || !std::isfinite(g[3]))
            return Error{path, "", _("has a degenerate geotransform (pixels of no size, or not a number)")};
    }

    const OGRSpatialReference* crs = src.hasGeoTransform ? ds.GetSpatialRef() : ds.GetGCPSpatialRef();
    if (crs && !crs->IsEmpty()) {
        src.crs = *crs;
    } else if (!options.assumedCrs.empty()) {
        if (src.crs.SetFromUserInput(options.assumedCrs.c_str()) != OGRERR_NONE)
            return Error{path, "assumed CRS",
                         formatText(_("cannot parse '{}'"), options.assumedCrs) + capture.suffix()};
        prov.crsAssumed = true;
    } else if (src.hasGeoTransform && looksGeographic(src.geoTransform, w, h)) {
        src.crs.SetWellKnownGeogCS("WGS84");
        prov.crsAssumed = true;
    } else {
        return Error{path, "",
                     _("has no coordinate reference system and its coordinates are not longitude/"
                       "latitude degrees; name one with --dem-crs")};
    }
    src.crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    prov.sourceCrs = src.crs.GetName() ? src.crs.GetName() : "unnamed CRS";

    // Very large sources are read at reduced resolution (GDAL uses overviews when the file has them).
    const int limit = std::max(2, options.maxSide) * 2;
    int bw = w, bh = h;
    if ((w > limit || h > limit) && src.hasGeoTransform) {
        const double f = static_cast<double>(limit) / std::max(w, h);
        bw = std::max(2, static_cast<int>(std::lround(w * f)));
        bh = std::max(2, static_cast<int>(std::lround(h * f)));
        const double sx = static_cast<double>(w) / bw, sy = static_cast<double>(h) / bh;
        src.geoTransform[1] *= sx;
        src.geoTransform[2] *= sy;
        src.geoTransform[4] *= sx;
        src.geoTransform[5] *= sy;
    }
    src.width = bw;
    src.height = bh;
    src.values.resize(static_cast<std::size_t>(bw) * bh);

    GDALRasterBand* band = ds.GetRasterBand(1);
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_Average;
    ProgressSpan span{&options.progress, 0.0, 0.55};
    if (options.progress) {
        extra.pfnProgress = &ProgressSpan::call;
        extra.pProgressData = &span;
    }
    if (band->RasterIO(GF_Read, 0, 0, w, h, src.values.data(), bw, bh, GDT_Float32, 0, 0, &extra) != CE_None)
        return stopped(options, 0.55) ? Error{path, "", _("cancelled")}
                                      : Error{path, "band 1", _("cannot read elevations") + capture.suffix()};
    extra.pfnProgress = nullptr;
    if (stopped(options, 0.55)) return Error{path, "", _("cancelled")};

    std::vector<unsigned char> mask;
    if (!(band->GetMaskFlags() & GMF_ALL_VALID)) {
        mask.resize(src.values.size());
        extra.eResampleAlg = GRIORA_NearestNeighbour;
        if (band->GetMaskBand()->RasterIO(GF_Read, 0, 0, w, h, mask.data(), bw, bh, GDT_Byte, 0, 0, &extra) !=
            CE_None)
            return Error{path, "band 1 mask", _("cannot read the nodata mask") + capture.suffix()};
    }
    int hasNoData = 0;
    const double noData = band->GetNoDataValue(&hasNoData);
    int hasScale = 0, hasOffset = 0;
    const double scale = band->GetScale(&hasScale), offset = band->GetOffset(&hasOffset);
    const double metres = unitToMetres(band->GetUnitType());
    for (std::size_t i = 0; i < src.values.size(); ++i) {
        float& v = src.values[i];
        if (std::isnan(v) || (!mask.empty() && mask[i] == 0) ||
            (hasNoData && static_cast<double>(v) == static_cast<double>(static_cast<float>(noData)))) {
            v = kNoData;
            continue;
        }
        v = static_cast<float>(((hasScale ? v * scale : v) + (hasOffset ? offset : 0.0)) * metres);
    }
    if (std::none_of(src.values.begin(), src.values.end(), [](float v) { return !std::isnan(v); }))
        return Error{path, "band 1", _("contains no valid elevation samples (every sample is nodata)")};

    if (!src.hasGeoTransform) src.gcps.assign(ds.GetGCPs(), ds.GetGCPs() + ds.GetGCPCount());
    if (const char* d = ds.GetMetadataItem("TIFFTAG_IMAGEDESCRIPTION")) prov.description = d;
    if (const char* d = ds.GetMetadataItem("SOURCE")) prov.description = d;
    return src;
}

Result<Dem> warpToMap(const SourceGrid& src, const std::string& path, const MapProjection& projection,
                      const DemLoadOptions& options) {
    GdalErrorCapture capture;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    DatasetPtr in(mem->Create("", src.width, src.height, 1, GDT_Float32, nullptr));
    in->SetSpatialRef(&src.crs);
    if (src.hasGeoTransform)
        in->SetGeoTransform(const_cast<double*>(src.geoTransform));
    else
        in->SetGCPs(static_cast<int>(src.gcps.size()), src.gcps.data(), &src.crs);
    GDALRasterBand* band = in->GetRasterBand(1);
    band->SetNoDataValue(kNoData);
    if (band->RasterIO(GF_Write, 0, 0, src.width, src.height, const_cast<float*>(src.values.data()),
                       src.width, src.height, GDT_Float32, 0, 0, nullptr) != CE_None)
        return Error{path, "", _("cannot stage the elevations for reprojection") + capture.suffix()};

    // Output extent and a resolution close to the source's, then capped to options.maxSide.
    const std::string dstDef = "DST_SRS=" + projection.wkt();
    const char* tOpts[] = {dstDef.c_str(), nullptr};
    void* transformer = GDALCreateGenImgProjTransformer2(in.get(), nullptr, const_cast<char**>(tOpts));
    if (!transformer)
        return Error{path, "", _("cannot transform it to the map projection") + capture.suffix()};
    double gt[6];
    double extent[4];
    int nx = 0, ny = 0;
    const CPLErr err =
        GDALSuggestedWarpOutput2(in.get(), GDALGenImgProjTransform, transformer, gt, &nx, &ny, extent, 0);
    GDALDestroyGenImgProjTransformer(transformer);
    if (err != CE_None || nx <= 0 || ny <= 0)
        return Error{path, "", _("its extent cannot be placed in the map projection") + capture.suffix()};
    double res = std::abs(gt[1]);
    const double spanX = extent[2] - extent[0], spanY = extent[3] - extent[1];
    const int maxSide = std::max(2, options.maxSide);
    if (std::max(spanX, spanY) / res > maxSide) res = std::max(spanX, spanY) / maxSide;
    nx = std::max(2, static_cast<int>(std::ceil(spanX / res - 1e-9)));
    ny = std::max(2, static_cast<int>(std::ceil(spanY / res - 1e-9)));
    const bool downsampling = res > std::abs(gt[1]) * 1.5;

    auto num = [](double v) { return CPLSPrintf("%.17g", v); };
    CPLStringList args;
    args.AddString("-of");
    args.AddString("MEM");
    args.AddString("-t_srs");
    args.AddString(projection.wkt().c_str());
    args.AddString("-te");
    args.AddString(num(extent[0]));
    args.AddString(num(extent[3] - ny * res));
    args.AddString(num(extent[0] + nx * res));
    args.AddString(num(extent[3]));
    args.AddString("-ts");
    args.AddString(CPLSPrintf("%d", nx));
    args.AddString(CPLSPrintf("%d", ny));
    args.AddString("-r");
    args.AddString(downsampling ? "average" : "bilinear");
    args.AddString("-dstnodata");
    args.AddString("nan");
    GDALWarpAppOptions* warpOptions = GDALWarpAppOptionsNew(args.List(), nullptr);
    ProgressSpan span{&options.progress, 0.6, 0.95};
    if (options.progress) GDALWarpAppOptionsSetProgress(warpOptions, &ProgressSpan::call, &span);
    GDALDatasetH inputs[] = {GDALDataset::ToHandle(in.get())};
    int usageError = 0;
    DatasetPtr out(GDALDataset::FromHandle(GDALWarp("", nullptr, 1, inputs, warpOptions, &usageError)));
    GDALWarpAppOptionsFree(warpOptions);
    if (!out && stopped(options, 0.95)) return Error{path, "", _("cancelled")};
    if (!out) return Error{path, "", _("reprojection to the map projection failed") + capture.suffix()};

    std::vector<float> heights(static_cast<std::size_t>(nx) * ny);
    if (out->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, nx, ny, heights.data(), nx, ny, GDT_Float32, 0, 0,
                                        nullptr) != CE_None)
        return Error{path, "", _("cannot read the reprojected grid") + capture.suffix()};
    Dem dem(nx, ny, MapPoint{extent[0], extent[3]}, res, std::move(heights));
    if (dem.validCount() == 0)
        return Error{path, "", _("no sample falls inside the map projection's valid area")};
    dem.setFootprintCoverage(footprintCoverage(*in, *out, src.width, src.height));
    return dem;
}

} // namespace

Result<Dem> loadDem(const std::string& path, const MapProjection& projection, const DemLoadOptions& options) {
    ensureGdalRegistered();
    std::string openedName;
    auto ds = openRaster(path, openedName);
    if (!ds) return ds.error();
    DemProvenance prov;
    prov.path = path;
    prov.driver = (*ds)->GetDriver() ? (*ds)->GetDriver()->GetDescription() : "";
    auto src = readSource(**ds, path, options, prov);
    if (!src) return src.error();
    if (stopped(options, 0.57)) return Error{path, "", "cancelled"};
    prov.filledVoids = fillEnclosedVoids(src->values, src->width, src->height);
    if (stopped(options, 0.6)) return Error{path, "", "cancelled"};
    auto dem = warpToMap(*src, path, projection, options);
    if (!dem) return dem.error();
    if (stopped(options, 1.0)) return Error{path, "", "cancelled"};
    dem->provenance = std::move(prov);
    return dem;
}

} // namespace qinba
