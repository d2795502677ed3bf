#include "layer_raster.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

namespace qinba {

namespace {

constexpr int kMaxSide = 2048;
/// Class rasters are drawn up to this many times finer than their pixels, with smooth boundaries.
constexpr int kClassUpsampling = 8;

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

std::vector<float> readBand(GDALDataset& ds, int band, int w, int h, bool& ok) {
    std::vector<float> v(static_cast<std::size_t>(w) * h);
    ok = ds.GetRasterBand(band)->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float32, 0, 0, nullptr) ==
         CE_None;
    return v;
}

/// Catmull-Rom weights of the four samples around t in [0, 1): 1 on the sample itself at t = 0.
std::array<float, 4> cubicWeights(float t) {
    const float t2 = t * t, t3 = t2 * t;
    return {0.5f * (-t3 + 2 * t2 - t), 0.5f * (3 * t3 - 5 * t2 + 2), 0.5f * (-3 * t3 + 4 * t2 + t),
            0.5f * (t3 - t2)};
}

/// The classes of a w × h raster (-1: transparent) drawn `f` times finer with smooth boundaries: each fine
/// pixel takes, of the classes of the four source pixels around it, the one whose indicator interpolated
/// bicubically there is largest. At source pixel centres that is the pixel's own class, so areas stay what
/// the source says; between them a boundary is a smooth curve instead of a magnified staircase.
std::vector<int> smoothClasses(const std::vector<int>& classes, int w, int h, int f) {
    std::vector<int> out(static_cast<std::size_t>(w) * f * h * f);
    auto at = [&](int c, int r) {
        return classes[static_cast<std::size_t>(std::clamp(r, 0, h - 1)) * w + std::clamp(c, 0, w - 1)];
    };
    for (int y = 0; y < h * f; ++y) {
        const float py = (static_cast<float>(y) + 0.5f) / static_cast<float>(f) - 0.5f, fy = std::floor(py);
        const auto wy = cubicWeights(py - fy);
        for (int x = 0; x < w * f; ++x) {
            const float px = (static_cast<float>(x) + 0.5f) / static_cast<float>(f) - 0.5f,
                        fx = std::floor(px);
            const int c0 = static_cast<int>(fx), r0 = static_cast<int>(fy);
            const int near[4] = {at(c0, r0), at(c0 + 1, r0), at(c0, r0 + 1), at(c0 + 1, r0 + 1)};
            int best = near[0];
            if (!(near[1] == best && near[2] == best && near[3] == best)) {
                const auto wx = cubicWeights(px - fx);
                float bestScore = -1e30f;
                for (int candidate : near) {
                    float score = 0.0f;
                    for (int j = 0; j < 4; ++j)
                        for (int i = 0; i < 4; ++i)
                            if (at(c0 - 1 + i, r0 - 1 + j) == candidate) score += wx[i] * wy[j];
                    if (score > bestScore) bestScore = score, best = candidate;
                }
            }
            out[static_cast<std::size_t>(y) * w * f + x] = best;
        }
    }
    return out;
}

/// Scales values in [lo, hi] to 0–255.
std::uint8_t stretch(float v, float lo, float hi) {
    if (!(hi > lo)) return 128;
    return static_cast<std::uint8_t>(std::lround(std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f) * 255.0f));
}

/// A raster of classes (band 1 with a colour table) as display colours: `img` (its size and bounds set)
/// gets the palette's colours, drawn kClassUpsampling times finer with smooth boundaries (smoothClasses)
/// when that stays within kMaxSide, so that magnified classes are not squares.
RasterImage classImage(RasterImage img, const GDALColorTable* palette, const std::vector<float>& values,
                       const std::vector<float>& alpha, int hasNoData, double noData) {
    const std::size_t n = values.size();
    std::vector<int> classes(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        if (alpha[i] > 0 && !(hasNoData && values[i] == static_cast<float>(noData)))
            classes[i] = static_cast<int>(std::lround(values[i]));
    const int f = std::clamp(kMaxSide / std::max(1, std::max(img.width, img.height)), 1, kClassUpsampling);
    if (f > 1) {
        classes = smoothClasses(classes, img.width, img.height, f);
        img.width *= f;
        img.height *= f;
    }
    img.rgba.assign(classes.size() * 4, 0);
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const GDALColorEntry* e = classes[i] >= 0 ? palette->GetColorEntry(classes[i]) : nullptr;
        if (!e) continue;
        std::uint8_t* px = &img.rgba[i * 4];
        px[0] = static_cast<std::uint8_t>(e->c1);
        px[1] = static_cast<std::uint8_t>(e->c2);
        px[2] = static_cast<std::uint8_t>(e->c3);
        px[3] = static_cast<std::uint8_t>(std::clamp(e->c4, short(0), short(255)));
    }
    return img;
}

} // namespace

Result<RasterImage> warpRasterForDisplay(GDALDataset& ds, const std::string& path,
                                         const MapProjection& projection) {
    GdalErrorCapture capture;
    double gt[6];
    const bool hasGt = ds.GetGeoTransform(gt) == CE_None;
    if (!hasGt && ds.GetGCPCount() == 0) return Error{path, "", _("has no georeferencing")};
    if (ds.GetRasterCount() < 1) return Error{path, "", _("contains no raster band")};
    const OGRSpatialReference* srs = hasGt ? ds.GetSpatialRef() : ds.GetGCPSpatialRef();
    CPLStringList args;
    for (const char* a : {"-of", "MEM", "-dstalpha", "-t_srs"})
        args.AddString(a);
    args.AddString(projection.wkt().c_str());
    if (!srs || srs->IsEmpty()) {
        const double x1 = gt[0] + ds.GetRasterXSize() * gt[1], y1 = gt[3] + ds.GetRasterYSize() * gt[5];
        const bool degrees = hasGt && std::min(gt[0], x1) >= -180.5 && std::max(gt[0], x1) <= 360.5 &&
                             std::min(gt[3], y1) >= -90.5 && std::max(gt[3], y1) <= 90.5;
        if (!degrees)
            return Error{path, "", _("has no coordinate reference system and is not in longitude/latitude")};
        args.AddString("-s_srs");
        args.AddString("EPSG:4326");
    }
    if (hasGt) {
        // Corners beyond the poles or outside the CRS's domain mean damaged georeferencing; warping such a
        // raster takes GDAL minutes (fuzz_layer: a column of 0.25-degree pixels reaching latitude -15840).
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference from = srs && !srs->IsEmpty() ? *srs : wgs84;
        from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> toGeo(OGRCreateCoordinateTransformation(&from, &wgs84));
        for (const auto& [c, r] : {std::pair{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
            double x = gt[0] + c * ds.GetRasterXSize() * gt[1] + r * ds.GetRasterYSize() * gt[2];
            double y = gt[3] + c * ds.GetRasterXSize() * gt[4] + r * ds.GetRasterYSize() * gt[5];
            if (!toGeo || !toGeo->Transform(1, &x, &y) || !std::isfinite(x) || !std::isfinite(y) ||
                std::abs(y) > 90.5)
                return Error{path, "",
                             _("its corners do not lie on the Earth (is its georeferencing damaged?)")};
        }
    }
    GDALRasterBand* first = ds.GetRasterBand(1);
    const GDALColorTable* palette = first->GetColorTable();
    args.AddString("-r");
    args.AddString(palette ? "near" : "bilinear");
    const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
    if (std::max(w, h) > kMaxSide) {
        args.AddString("-ts");
        args.AddString(w >= h ? CPLSPrintf("%d", kMaxSide) : "0");
        args.AddString(w >= h ? "0" : CPLSPrintf("%d", kMaxSide));
    }
    // Only the first three bands (and an alpha band) are shown, so a raster with more is warped through a
    // virtual subset of those: otherwise every band is warped, and a file of thousands of bands takes
    // minutes.
    std::unique_ptr<GDALDataset, DatasetCloser> subset;
    GDALDataset* source = &ds;
    if (ds.GetRasterCount() > 4) {
        CPLStringList bands;
        for (const char* b : {"1", "2", "3"})
            bands.AddString("-b"), bands.AddString(b);
        for (int b = 4; b <= ds.GetRasterCount(); ++b)
            if (ds.GetRasterBand(b)->GetColorInterpretation() == GCI_AlphaBand) {
                bands.AddString("-b");
                bands.AddString(CPLSPrintf("%d", b));
                break;
            }
        bands.AddString("-of");
        bands.AddString("VRT");
        GDALTranslateOptions* translate = GDALTranslateOptionsNew(bands.List(), nullptr);
        subset.reset(
            GDALDataset::FromHandle(GDALTranslate("", GDALDataset::ToHandle(&ds), translate, nullptr)));
        GDALTranslateOptionsFree(translate);
        if (!subset) return Error{path, "", _("cannot select its first three bands") + capture.suffix()};
        source = subset.get();
    }
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(args.List(), nullptr);
    GDALDatasetH inputs[] = {GDALDataset::ToHandle(source)};
    int usage = 0;
    std::unique_ptr<GDALDataset, DatasetCloser> out(
        GDALDataset::FromHandle(GDALWarp("", nullptr, 1, inputs, options, &usage)));
    GDALWarpAppOptionsFree(options);
    if (!out) return Error{path, "", _("cannot bring it into the map projection") + capture.suffix()};

    RasterImage img;
    img.width = out->GetRasterXSize();
    img.height = out->GetRasterYSize();
    double ogt[6];
    out->GetGeoTransform(ogt);
    img.bounds = {ogt[0], ogt[3] + img.height * ogt[5], ogt[0] + img.width * ogt[1], ogt[3]};
    const int bands = out->GetRasterCount(); // data bands + the alpha band added by -dstalpha
    bool ok = true;
    const std::vector<float> alpha = readBand(*out, bands, img.width, img.height, ok);
    std::vector<std::vector<float>> data;
    for (int b = 1; b <= std::min(bands - 1, 3); ++b) {
        bool bandOk = true;
        data.push_back(readBand(*out, b, img.width, img.height, bandOk));
        ok = ok && bandOk;
    }
    if (!ok || data.empty()) return Error{path, "", _("cannot read the warped pixels") + capture.suffix()};
    int hasNoData = 0;
    const double noData = first->GetNoDataValue(&hasNoData);
    const std::size_t n = static_cast<std::size_t>(img.width) * img.height;
    img.rgba.assign(n * 4, 0);
    // A stretch per band from the values actually shown.
    std::vector<float> lo(data.size(), std::numeric_limits<float>::max()), hi(data.size(), -lo[0]);
    for (std::size_t b = 0; b < data.size(); ++b)
        for (std::size_t i = 0; i < n; ++i)
            if (alpha[i] > 0 && !(hasNoData && data[b][i] == static_cast<float>(noData))) {
                lo[b] = std::min(lo[b], data[b][i]);
                hi[b] = std::max(hi[b], data[b][i]);
            }
    if (palette) return classImage(img, palette, data[0], alpha, hasNoData, noData);
    const bool byteRgb = data.size() == 3 && first->GetRasterDataType() == GDT_Byte;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t* px = &img.rgba[i * 4];
        float a = std::clamp(alpha[i], 0.0f, 255.0f);
        if (hasNoData && data[0][i] == static_cast<float>(noData)) a = 0.0f;
        if (data.size() == 3) {
            for (int c = 0; c < 3; ++c)
                px[c] = byteRgb ? static_cast<std::uint8_t>(std::clamp(data[c][i], 0.0f, 255.0f))
                                : stretch(data[c][i], lo[c], hi[c]);
        } else {
            px[0] = px[1] = px[2] = stretch(data[0][i], lo[0], hi[0]);
        }
        px[3] = static_cast<std::uint8_t>(std::lround(a));
    }
    return img;
}

} // namespace qinba
