#include "dem_holes.h"

#include <gdal_alg.h>
#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

namespace qinba {

namespace {
struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
} // namespace

std::size_t fillEnclosedVoids(std::vector<float>& values, int w, int h) {
    std::vector<unsigned char> exterior(values.size(), 0);
    std::deque<std::size_t> queue;
    auto seed = [&](int c, int r) {
        const std::size_t i = static_cast<std::size_t>(r) * w + c;
        if (std::isnan(values[i]) && !exterior[i]) {
            exterior[i] = 1;
            queue.push_back(i);
        }
    };
    for (int c = 0; c < w; ++c)
        seed(c, 0), seed(c, h - 1);
    for (int r = 0; r < h; ++r)
        seed(0, r), seed(w - 1, r);
    while (!queue.empty()) {
        const std::size_t i = queue.front();
        queue.pop_front();
        const int c = static_cast<int>(i % w), r = static_cast<int>(i / w);
        if (c > 0) seed(c - 1, r);
        if (c < w - 1) seed(c + 1, r);
        if (r > 0) seed(c, r - 1);
        if (r < h - 1) seed(c, r + 1);
    }
    std::size_t voids = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isnan(values[i]) && !exterior[i]) ++voids;
    if (voids == 0) return 0;

    // GDALFillNodata interpolates every masked sample; the exterior ones are put back to NaN afterwards.
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset, DatasetCloser> tmp(mem->Create("", w, h, 2, GDT_Float32, nullptr));
    std::vector<float> maskValues(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        maskValues[i] = std::isnan(values[i]) ? 0.f : 1.f;
    GDALRasterBand* data = tmp->GetRasterBand(1);
    GDALRasterBand* maskBand = tmp->GetRasterBand(2);
    std::vector<float> zeroed = values;
    for (float& v : zeroed)
        if (std::isnan(v)) v = 0.f;
    const bool filled =
        data->RasterIO(GF_Write, 0, 0, w, h, zeroed.data(), w, h, GDT_Float32, 0, 0, nullptr) == CE_None &&
        maskBand->RasterIO(GF_Write, 0, 0, w, h, maskValues.data(), w, h, GDT_Float32, 0, 0, nullptr) ==
            CE_None &&
        GDALFillNodata(data, maskBand, std::max(w, h), 0, 0, nullptr, nullptr, nullptr) == CE_None &&
        data->RasterIO(GF_Read, 0, 0, w, h, zeroed.data(), w, h, GDT_Float32, 0, 0, nullptr) == CE_None;
    if (!filled) return 0; // the voids stay masked
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isnan(values[i]) && !exterior[i]) values[i] = zeroed[i];
    return voids;
}

std::vector<std::uint8_t> footprintCoverage(GDALDataset& src, GDALDataset& dst, int srcW, int srcH) {
    const int nx = dst.GetRasterXSize(), ny = dst.GetRasterYSize();
    std::vector<std::uint8_t> coverage(static_cast<std::size_t>(nx) * ny, 0);
    void* exact = GDALCreateGenImgProjTransformer2(&src, &dst, nullptr);
    if (!exact) return {};
    void* approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, exact, 0.05);
    // Source pixel coordinates of rows r and r + 1 of output sample centres.
    auto transformRow = [&](int r, std::vector<double>& xs, std::vector<double>& ys, std::vector<int>& ok) {
        std::vector<double> zs(static_cast<std::size_t>(nx), 0.0);
        for (int c = 0; c < nx; ++c)
            xs[c] = c + 0.5, ys[c] = r + 0.5;
        GDALApproxTransform(approx, TRUE, nx, xs.data(), ys.data(), zs.data(), ok.data());
    };
    std::vector<double> x0(nx), y0(nx), x1(nx), y1(nx);
    std::vector<int> ok0(nx), ok1(nx);
    transformRow(0, x0, y0, ok0);
    for (int r = 0; r < ny; ++r) {
        transformRow(r + 1, x1, y1, ok1);
        for (int c = 0; c < nx; ++c) {
            if (!ok0[c] || !ok1[c]) continue;
            const int a = std::max(c - 1, 0), b = std::min(c + 1, nx - 1);
            if (!ok0[a] || !ok0[b] || a == b) continue;
            // Source pixels per output cell, per source axis (gradient magnitudes).
            const double sx = std::hypot((x0[b] - x0[a]) / (b - a), x1[c] - x0[c]);
            const double sy = std::hypot((y0[b] - y0[a]) / (b - a), y1[c] - y0[c]);
            if (sx <= 0.0 || sy <= 0.0) continue;
            const double d = std::min(std::min(x0[c], srcW - x0[c]) / sx, std::min(y0[c], srcH - y0[c]) / sy);
            coverage[static_cast<std::size_t>(r) * nx + c] =
                static_cast<std::uint8_t>(std::lround(std::clamp(127.5 + 63.75 * d, 0.0, 255.0)));
        }
        std::swap(x0, x1);
        std::swap(y0, y1);
        std::swap(ok0, ok1);
    }
    GDALDestroyApproxTransformer(approx);
    GDALDestroyGenImgProjTransformer(exact);
    return coverage;
}

} // namespace qinba
