#include "qinba/core/tile_source.h"

#include "qinba/core/elevation_stack.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>

namespace qinba {

/// One raster of a stack, read per tile through GDALWarp into the tile's grid of the map projection.
struct StackLayer {
    GDALDatasetH ds = nullptr;
    std::string path;
    std::string assumedWkt; ///< the CRS to assume when the raster has none; empty when it has one
    double scale = 1.0, offset = 0.0;
    double cell = 0.0; ///< metres between its samples in the map projection
};

struct TileSource::Impl {
    std::vector<StackLayer> stack; ///< finest first; empty for a single raster
    std::string mapWkt;
    int blendCells = 4;
    GDALDatasetH source = nullptr;
    GDALDatasetH warped = nullptr;
    GDALRasterBandH band = nullptr;
    std::string path;
    double scale = 1.0, offset = 0.0;
    bool hasNoData = false;
    double noData = 0.0;
    ~Impl() {
        for (StackLayer& l : stack)
            if (l.ds) GDALClose(l.ds);
        if (warped) GDALClose(warped);
        if (source) GDALClose(source);
    }
};

TileSource::~TileSource() = default;

namespace {

/// Samples a side above which reading distant tiles without overviews is slow enough to warn about.
constexpr int kOverviewsWorthIt = 4096;

std::string noOverviewsWarning(const std::string& path) {
    return formatText(_("{0}: has no overviews, so every distant tile reads all the samples under it and the "
                        "far terrain fills in slowly; run `qinba prepare {0}` once to add them"),
                      path);
}

/// A tile's raster window: its pixels plus one sample of margin on each side (clamped to the raster), read
/// at the level's spacing. Sets t's key, size and window.
struct TileGrid {
    long long spacing, x0, y0, x1, y1;
};

TileGrid tileGrid(const TilePyramid& p, TileKey key, TileData& t) {
    const long long s = p.spacing(key.level);
    const PixelWindow r = p.pixelRect(key);
    const long long x0 = std::max(0LL, static_cast<long long>(r.x0) - 2 * s);
    const long long y0 = std::max(0LL, static_cast<long long>(r.y0) - 2 * s);
    const long long x1 = std::min<long long>(p.rasterWidth, static_cast<long long>(r.x1) + 2 * s);
    const long long y1 = std::min<long long>(p.rasterHeight, static_cast<long long>(r.y1) + 2 * s);
    t.key = key;
    t.width = static_cast<int>(std::max(1LL, (x1 - x0 + s - 1) / s));
    t.height = static_cast<int>(std::max(1LL, (y1 - y0 + s - 1) / s));
    t.window = {static_cast<double>(x0), static_cast<double>(y0), static_cast<double>(x1),
                static_cast<double>(y1)};
    return {s, x0, y0, x1, y1};
}

} // namespace

Result<std::unique_ptr<TileSource>> TileSource::open(const TileSourceSpec& spec,
                                                     const MapProjection& projection) {
    ensureGdalRegistered();
    if (!spec.fallbacks.empty()) return openStack(spec, projection);
    GdalErrorCapture capture;
    const std::string& path = spec.path;
    if (!isGdalVirtualPath(path) && !std::filesystem::exists(path))
        return Error{path, "", _("file not found")};
    std::unique_ptr<TileSource> src(new TileSource());
    src->impl_ = std::make_unique<Impl>();
    Impl& im = *src->impl_;
    im.path = path;
    im.source = GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!im.source) return Error{path, "", _("GDAL cannot open it as a raster") + capture.suffix()};
    if (GDALGetRasterCount(im.source) < 1) return Error{path, "", _("contains no raster band")};
    const int w = GDALGetRasterXSize(im.source), h = GDALGetRasterYSize(im.source);
    if (auto size = checkDemSize(path, w, h); !size) return size.error();
    double gt[6];
    if (GDALGetGeoTransform(im.source, gt) != CE_None)
        return Error{path, "",
                     _("has no geotransform; level-of-detail streaming needs a georeferenced grid")};
    if (!std::isfinite(gt[1] * gt[5] - gt[2] * gt[4]) || gt[1] * gt[5] - gt[2] * gt[4] == 0.0)
        return Error{path, "", _("has a degenerate geotransform (pixels of no size, or not a number)")};

    OGRSpatialReference crs;
    if (const OGRSpatialReference* sr = GDALDataset::FromHandle(im.source)->GetSpatialRef();
        sr && !sr->IsEmpty()) {
        crs = *sr;
    } else if (!spec.assumedCrs.empty()) {
        if (crs.SetFromUserInput(spec.assumedCrs.c_str()) != OGRERR_NONE)
            return Error{path, "assumed CRS",
                         formatText(_("cannot parse '{}'"), spec.assumedCrs) + capture.suffix()};
    } else if (looksGeographic(gt, w, h)) {
        crs.SetWellKnownGeogCS("WGS84");
    } else {
        return Error{path, "",
                     _("has no coordinate reference system and its coordinates are not longitude/latitude "
                       "degrees; name one with --dem-crs")};
    }
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference map;
    map.importFromWkt(projection.wkt().c_str());
    map.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    if (crs.IsGeographic()) {
        // Corners beyond the poles or wrapping round the Earth mean damaged georeferencing, and warping them
        // takes GDAL minutes (fuzz_dem: 65535 columns of 0.25 degrees).
        const double x1 = gt[0] + w * gt[1] + h * gt[2], y1 = gt[3] + w * gt[4] + h * gt[5];
        for (double lon : {gt[0], x1})
            if (!std::isfinite(lon) || std::abs(lon) > 540.0)
                return Error{path, "",
                             _("its corners do not lie on the Earth (is its georeferencing damaged?)")};
        for (double lat : {gt[3], y1, gt[3] + w * gt[4], gt[3] + h * gt[5]})
            if (!std::isfinite(lat) || std::abs(lat) > 90.5)
                return Error{path, "",
                             _("its corners do not lie on the Earth (is its georeferencing damaged?)")};
    }
    GDALDatasetH ds = im.source;
    const bool northUp = gt[2] == 0.0 && gt[4] == 0.0 && gt[5] < 0.0 && gt[1] > 0.0;
    if (!crs.IsSame(&map) || !northUp) {
        char* srcWkt = nullptr;
        crs.exportToWkt(&srcWkt);
        im.warped = GDALAutoCreateWarpedVRT(im.source, srcWkt, projection.wkt().c_str(), GRA_Bilinear, 0.125,
                                            nullptr);
        CPLFree(srcWkt);
        if (!im.warped)
            return Error{path, "", _("cannot be reprojected into the map projection") + capture.suffix()};
        ds = im.warped;
        src->info_.warped = true;
        GDALGetGeoTransform(ds, gt);
    }
    // Warping an odd source can give any grid; stream only one that makes sense (about the source's size).
    const int ww = GDALGetRasterXSize(ds), wh = GDALGetRasterYSize(ds);
    const double sourceSamples = static_cast<double>(w) * h, warpedSamples = static_cast<double>(ww) * wh;
    if (warpedSamples > 16.0 * sourceSamples + 1.0e6 || ww < 2 || wh < 2 || ww > kMaxDemSide ||
        wh > kMaxDemSide || !std::isfinite(gt[0]) || !std::isfinite(gt[3]) || !(gt[1] > 0.0) ||
        !(gt[5] < 0.0) || !std::isfinite(gt[1]) || !std::isfinite(gt[5]))
        return Error{path, "",
                     formatText(_("does not give a usable grid in the map projection ({}x{} samples); is its "
                                  "georeferencing damaged?"),
                                ww, wh)};
    im.band = GDALGetRasterBand(ds, 1);
    int has = 0;
    im.noData = GDALGetRasterNoDataValue(im.band, &has);
    im.hasNoData = has != 0;
    int hasScale = 0, hasOffset = 0;
    const double scale = GDALGetRasterScale(im.band, &hasScale),
                 offset = GDALGetRasterOffset(im.band, &hasOffset);
    const double metres = unitToMetres(GDALGetRasterUnitType(im.band));
    im.scale = (hasScale ? scale : 1.0) * metres;
    im.offset = (hasOffset ? offset : 0.0) * metres;

    TileSourceInfo& info = src->info_;
    info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(im.source));
    info.pyramid = TilePyramid::make(GDALGetRasterXSize(ds), GDALGetRasterYSize(ds), {gt[0], gt[3]}, gt[1],
                                     -gt[5], spec.tileCells);
    info.overviews = GDALGetOverviewCount(GDALGetRasterBand(im.source, 1));
    // Rasters of a quarter million samples or fewer (the embedded DEM) read whole in milliseconds.
    if (info.overviews == 0 && info.pyramid.levels > 2 && info.pyramid.samples() > 250000.0)
        info.warnings.push_back(noOverviewsWarning(path));
    return src;
}

Result<TileData> TileSource::read(TileKey key) const {
    if (!impl_->stack.empty()) return readStack(key);
    const auto start = std::chrono::steady_clock::now();
    GdalErrorCapture capture;
    const TilePyramid& p = info_.pyramid;
    if (!p.contains(key)) return Error{impl_->path, key.toString(), _("is not a tile of this raster")};
    TileData t;
    const auto [s, x0, y0, x1, y1] = tileGrid(p, key, t);
    t.heights.resize(static_cast<std::size_t>(t.width) * t.height);
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = s > 1 ? GRIORA_Average : GRIORA_NearestNeighbour;
    if (GDALRasterIOEx(impl_->band, GF_Read, static_cast<int>(x0), static_cast<int>(y0),
                       static_cast<int>(x1 - x0), static_cast<int>(y1 - y0), t.heights.data(), t.width,
                       t.height, GDT_Float32, 0, 0, &extra) != CE_None)
        return Error{impl_->path, key.toString(), _("cannot be read") + capture.suffix()};
    float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
    for (float& v : t.heights) {
        if (std::isnan(v) || (impl_->hasNoData && v == static_cast<float>(impl_->noData))) {
            v = std::numeric_limits<float>::quiet_NaN();
            continue;
        }
        v = static_cast<float>(v * impl_->scale + impl_->offset);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    t.anyData = lo <= hi;
    t.minHeight = t.anyData ? lo : 0.0f;
    t.maxHeight = t.anyData ? hi : 0.0f;
    t.readMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return t;
}

namespace {

/// Opens one raster of a stack and finds where it lies in the map projection and how fine it is there.
Result<StackLayer> openLayer(const std::string& listed, const std::string& assumedCrs,
                             const MapProjection& projection, MapRect& bounds) {
    GdalErrorCapture capture;
    StackLayer l;
    l.path = resolveDemEntry(listed);
    const std::string& path = l.path;
    if (!isGdalVirtualPath(path) && !std::filesystem::exists(path))
        return Error{path, "", _("file not found")};
    l.ds = GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!l.ds) return Error{path, "", _("GDAL cannot open it as a raster") + capture.suffix()};
    auto fail = [&](Error e) {
        GDALClose(l.ds);
        return e;
    };
    if (GDALGetRasterCount(l.ds) < 1) return fail(Error{path, "", _("contains no raster band")});
    const int w = GDALGetRasterXSize(l.ds), h = GDALGetRasterYSize(l.ds);
    if (auto size = checkDemSize(path, w, h); !size) return fail(size.error());
    double gt[6];
    if (GDALGetGeoTransform(l.ds, gt) != CE_None)
        return fail(Error{path, "", _("has no geotransform; a terrain source needs a georeferenced grid")});
    const OGRSpatialReference* sr = GDALDataset::FromHandle(l.ds)->GetSpatialRef();
    if (!sr || sr->IsEmpty()) {
        OGRSpatialReference crs;
        if (!assumedCrs.empty()) {
            if (crs.SetFromUserInput(assumedCrs.c_str()) != OGRERR_NONE)
                return fail(Error{path, "assumed CRS", formatText(_("cannot parse '{}'"), assumedCrs)});
        } else if (looksGeographic(gt, w, h)) {
            crs.SetWellKnownGeogCS("WGS84");
        } else {
            return fail(Error{path, "",
                              _("has no coordinate reference system and its coordinates are not "
                                "longitude/latitude degrees; name one with --dem-crs")});
        }
        char* wkt = nullptr;
        crs.exportToWkt(&wkt);
        l.assumedWkt = wkt;
        CPLFree(wkt);
    }
    CPLStringList topts;
    if (!l.assumedWkt.empty()) topts.SetNameValue("SRC_SRS", l.assumedWkt.c_str());
    topts.SetNameValue("DST_SRS", projection.wkt().c_str());
    void* transformer = GDALCreateGenImgProjTransformer2(l.ds, nullptr, topts.List());
    double out[6], extent[4];
    int nx = 0, ny = 0;
    const CPLErr err = transformer ? GDALSuggestedWarpOutput2(l.ds, GDALGenImgProjTransform, transformer, out,
                                                              &nx, &ny, extent, 0)
                                   : CE_Failure;
    if (transformer) GDALDestroyGenImgProjTransformer(transformer);
    if (err != CE_None || nx < 1 || ny < 1 || !(out[1] > 0.0) || !std::isfinite(out[1]))
        return fail(Error{path, "", _("cannot be placed in the map projection") + capture.suffix()});
    l.cell = out[1];
    bounds = {extent[0], extent[1], extent[2], extent[3]};
    GDALRasterBandH band = GDALGetRasterBand(l.ds, 1);
    int hasScale = 0, hasOffset = 0;
    const double scale = GDALGetRasterScale(band, &hasScale), offset = GDALGetRasterOffset(band, &hasOffset);
    const double metres = unitToMetres(GDALGetRasterUnitType(band));
    l.scale = (hasScale ? scale : 1.0) * metres;
    l.offset = (hasOffset ? offset : 0.0) * metres;
    return l;
}

} // namespace

Result<std::unique_ptr<TileSource>> TileSource::openStack(const TileSourceSpec& spec,
                                                          const MapProjection& projection) {
    std::unique_ptr<TileSource> src(new TileSource());
    src->impl_ = std::make_unique<Impl>();
    Impl& im = *src->impl_;
    im.mapWkt = projection.wkt();
    im.blendCells = std::max(1, spec.blendCells);
    std::vector<std::string> listed{spec.path};
    listed.insert(listed.end(), spec.fallbacks.begin(), spec.fallbacks.end());
    MapRect all{};
    double cell = 0.0;
    for (std::size_t i = 0; i < listed.size(); ++i) {
        MapRect b;
        auto layer = openLayer(listed[i], spec.assumedCrs, projection, b);
        if (!layer) return layer.error();
        all = i == 0 ? b
                     : MapRect{std::min(all.minX, b.minX), std::min(all.minY, b.minY),
                               std::max(all.maxX, b.maxX), std::max(all.maxY, b.maxY)};
        cell = i == 0 ? layer->cell : std::min(cell, layer->cell);
        const bool hasOverviews = GDALGetOverviewCount(GDALGetRasterBand(layer->ds, 1)) > 0;
        // Small sources (the embedded DEM among them) read fast enough without overviews.
        if (!hasOverviews &&
            std::max(GDALGetRasterXSize(layer->ds), GDALGetRasterYSize(layer->ds)) > kOverviewsWorthIt)
            src->info_.warnings.push_back(noOverviewsWarning(layer->path));
        im.stack.push_back(std::move(*layer));
    }
    const double w = std::ceil(all.width() / cell - 1e-9), h = std::ceil(all.height() / cell - 1e-9);
    if (!(w >= 2 && h >= 2 && w <= kMaxDemSide && h <= kMaxDemSide))
        return Error{
            spec.path, "",
            formatText(_("the sources together do not give a usable grid in the map projection ({}x{} "
                         "samples of {} m)"),
                       w, h, cell)};
    TileSourceInfo& info = src->info_;
    info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(im.stack.front().ds));
    info.warped = true;
    info.sources = static_cast<int>(im.stack.size());
    info.pyramid = TilePyramid::make(static_cast<int>(w), static_cast<int>(h), {all.minX, all.maxY}, cell,
                                     cell, spec.tileCells);
    return src;
}

Result<TileData> TileSource::readStack(TileKey key) const {
    const auto start = std::chrono::steady_clock::now();
    GdalErrorCapture capture;
    const TilePyramid& p = info_.pyramid;
    const Impl& im = *impl_;
    if (!p.contains(key))
        return Error{im.stack.front().path, key.toString(), _("is not a tile of this raster")};
    TileData t;
    const auto [s, x0, y0, x1, y1] = tileGrid(p, key, t);
    // The texels as a single raster would give them (its window squeezed into width × height), with a
    // margin of blendCells texels so that the blend weights agree between neighbouring tiles.
    const double tx = static_cast<double>(x1 - x0) * p.pixelWidth / t.width;
    const double ty = static_cast<double>(y1 - y0) * p.pixelHeight / t.height;
    const int m = im.blendCells, ew = t.width + 2 * m, eh = t.height + 2 * m;
    double gt[6] = {p.origin.x + static_cast<double>(x0) * p.pixelWidth - m * tx,  tx,  0.0,
                    p.origin.y - static_cast<double>(y0) * p.pixelHeight + m * ty, 0.0, -ty};
    GDALDriverH mem = GDALGetDriverByName("MEM");
    std::vector<std::vector<float>> grids;
    for (const StackLayer& l : im.stack) {
        GDALDatasetH dst = GDALCreate(mem, "", ew, eh, 1, GDT_Float32, nullptr);
        GDALSetGeoTransform(dst, gt);
        GDALSetProjection(dst, im.mapWkt.c_str());
        GDALRasterBandH band = GDALGetRasterBand(dst, 1);
        GDALSetRasterNoDataValue(band, std::numeric_limits<double>::quiet_NaN());
        GDALFillRaster(band, std::numeric_limits<double>::quiet_NaN(), 0.0);
        CPLStringList args;
        args.AddString("-r");
        // Averaged when coarsened; a coarser source magnified under finer texels is a cubic B-spline,
        // because bilinear texels would show its cells as flat facets in the shading.
        args.AddString(tx > 1.5 * l.cell ? "average" : tx < l.cell / 1.5 ? "cubicspline" : "bilinear");
        if (!l.assumedWkt.empty()) {
            args.AddString("-s_srs");
            args.AddString(l.assumedWkt.c_str());
        }
        args.AddString("-q");
        GDALWarpAppOptions* opts = GDALWarpAppOptionsNew(args.List(), nullptr);
        GDALDatasetH inputs[] = {l.ds};
        int usage = 0;
        GDALDatasetH done = GDALWarp(nullptr, dst, 1, inputs, opts, &usage);
        GDALWarpAppOptionsFree(opts);
        std::vector<float> g(static_cast<std::size_t>(ew) * eh);
        const bool ok =
            done && GDALRasterIO(band, GF_Read, 0, 0, ew, eh, g.data(), ew, eh, GDT_Float32, 0, 0) == CE_None;
        GDALClose(dst);
        if (!ok) return Error{l.path, key.toString(), _("cannot be read") + capture.suffix()};
        for (float& v : g)
            if (!std::isnan(v)) v = static_cast<float>(v * l.scale + l.offset);
        grids.push_back(std::move(g));
    }
    std::vector<const float*> ptrs;
    ptrs.reserve(grids.size());
    for (const auto& g : grids)
        ptrs.push_back(g.data());
    const std::vector<float> all = compositeGrids(ptrs, ew, eh, im.blendCells);
    t.heights.resize(static_cast<std::size_t>(t.width) * t.height);
    float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
    for (int y = 0; y < t.height; ++y)
        for (int x = 0; x < t.width; ++x) {
            const float v = all[static_cast<std::size_t>(y + m) * ew + x + m];
            t.heights[static_cast<std::size_t>(y) * t.width + x] = v;
            if (std::isnan(v)) continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    t.anyData = lo <= hi;
    t.minHeight = t.anyData ? lo : 0.0f;
    t.maxHeight = t.anyData ? hi : 0.0f;
    t.readMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return t;
}

} // namespace qinba
