#include "qinba/core/elevation_stack.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qinba {

std::string resolveDemEntry(const std::string& entry) {
    return entry.empty() || entry == kEmbeddedDemName ? defaultDemPath().string() : entry;
}

std::vector<float> blendWeights(const float* heights, int width, int height, int blendCells) {
    const std::size_t n = static_cast<std::size_t>(width) * height;
    const int cap = std::max(1, blendCells);
    // Chamfer distance (in whole steps, diagonals counting one) to the nearest sample without data, capped.
    std::vector<int> d(n);
    for (std::size_t i = 0; i < n; ++i)
        d[i] = std::isnan(heights[i]) ? 0 : cap;
    auto relax = [&](int x, int y, int nx, int ny) {
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) return;
        int& here = d[static_cast<std::size_t>(y) * width + x];
        here = std::min(here, d[static_cast<std::size_t>(ny) * width + nx] + 1);
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            relax(x, y, x - 1, y);
            relax(x, y, x - 1, y - 1);
            relax(x, y, x, y - 1);
            relax(x, y, x + 1, y - 1);
        }
    for (int y = height - 1; y >= 0; --y)
        for (int x = width - 1; x >= 0; --x) {
            relax(x, y, x + 1, y);
            relax(x, y, x + 1, y + 1);
            relax(x, y, x, y + 1);
            relax(x, y, x - 1, y + 1);
        }
    std::vector<float> w(n);
    for (std::size_t i = 0; i < n; ++i)
        w[i] = static_cast<float>(d[i]) / static_cast<float>(cap);
    return w;
}

std::vector<float> compositeGrids(const std::vector<const float*>& finestFirst, int width, int height,
                                  int blendCells) {
    const std::size_t n = static_cast<std::size_t>(width) * height;
    std::vector<float> out(n, std::numeric_limits<float>::quiet_NaN());
    if (finestFirst.empty()) return out;
    std::copy(finestFirst.back(), finestFirst.back() + n, out.begin());
    for (std::size_t k = finestFirst.size() - 1; k-- > 0;) {
        const float* layer = finestFirst[k];
        const std::vector<float> w = blendWeights(layer, width, height, blendCells);
        for (std::size_t i = 0; i < n; ++i) {
            if (std::isnan(layer[i])) continue;
            // Where nothing coarser has data the finer source is all there is, whatever its weight.
            out[i] = std::isnan(out[i]) ? layer[i] : w[i] * layer[i] + (1.0f - w[i]) * out[i];
        }
    }
    return out;
}

Result<Dem> compositeDems(const std::vector<const Dem*>& finestFirst, int maxSide, int blendCells) {
    if (finestFirst.empty()) return Error{"", "", _("no elevation source to composite")};
    MapRect u = finestFirst.front()->bounds();
    double finest = finestFirst.front()->cellSize(), finestSource = finest;
    for (const Dem* d : finestFirst) {
        const MapRect b = d->bounds();
        u = {std::min(u.minX, b.minX), std::min(u.minY, b.minY), std::max(u.maxX, b.maxX),
             std::max(u.maxY, b.maxY)};
        finest = std::min(finest, d->cellSize());
        // The source's own spacing: loadDem resampled it to at most its maxSide.
        const int sw = std::max(d->provenance.sourceWidth, d->width());
        finestSource = std::min(finestSource, d->cellSize() * d->width() / std::max(1, sw));
    }
    const double spanX = u.maxX - u.minX, spanY = u.maxY - u.minY;
    const double cell = std::max(finest, std::max(spanX, spanY) / std::max(2, maxSide));
    const int w = std::max(2, static_cast<int>(std::ceil(spanX / cell - 1e-9)));
    const int h = std::max(2, static_cast<int>(std::ceil(spanY / cell - 1e-9)));
    const MapPoint origin{u.minX, u.maxY};
    const std::size_t n = static_cast<std::size_t>(w) * h;
    std::vector<std::vector<float>> grids;
    for (const Dem* d : finestFirst) {
        std::vector<float> g(n, std::numeric_limits<float>::quiet_NaN());
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col) {
                const MapPoint p{origin.x + (col + 0.5) * cell, origin.y - (row + 0.5) * cell};
                if (auto e = d->elevationAt(p))
                    g[static_cast<std::size_t>(row) * w + col] = static_cast<float>(*e);
            }
        grids.push_back(std::move(g));
    }
    std::vector<const float*> ptrs;
    ptrs.reserve(grids.size());
    for (const auto& g : grids)
        ptrs.push_back(g.data());
    Dem dem(w, h, origin, cell, compositeGrids(ptrs, w, h, blendCells));
    if (dem.validCount() == 0) return Error{"", "", _("no elevation source has data in the map")};
    dem.provenance = finestFirst.front()->provenance;
    dem.provenance.sourceWidth = static_cast<int>(std::ceil(spanX / finestSource));
    dem.provenance.sourceHeight = static_cast<int>(std::ceil(spanY / finestSource));
    return dem;
}

TerrainSourceInfo describeDem(const std::string& listedAs, const Dem& dem) {
    TerrainSourceInfo info;
    info.path = listedAs.empty() ? kEmbeddedDemName : listedAs;
    info.driver = dem.provenance.driver;
    const int sw = std::max(dem.provenance.sourceWidth, dem.width());
    info.cellSize = dem.cellSize() * dem.width() / std::max(1, sw);
    info.coverageKm2 = static_cast<double>(dem.validCount()) * dem.cellSize() * dem.cellSize() / 1.0e6;
    info.bounds = dem.bounds();
    info.filledVoids = dem.provenance.filledVoids;
    return info;
}

} // namespace qinba
