#include "qinba/core/dem.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace qinba {

Dem::Dem(int width, int height, MapPoint origin, double cellSize, std::vector<float> heights)
    : width_(width), height_(height), origin_(origin), cellSize_(cellSize), heights_(std::move(heights)) {
    float lo = std::numeric_limits<float>::infinity();
    float hi = -lo;
    for (float h : heights_) {
        if (std::isnan(h)) continue;
        lo = std::min(lo, h);
        hi = std::max(hi, h);
        ++validCount_;
    }
    if (validCount_ > 0) {
        minElevation_ = lo;
        maxElevation_ = hi;
    }
}

MapRect Dem::bounds() const {
    return {origin_.x, origin_.y - height_ * cellSize_, origin_.x + width_ * cellSize_, origin_.y};
}

bool Dem::hasData(int col, int row) const {
    return col >= 0 && row >= 0 && col < width_ && row < height_ && !std::isnan(at(col, row));
}

MapPoint Dem::sampleCentre(int col, int row) const {
    return {origin_.x + (col + 0.5) * cellSize_, origin_.y - (row + 0.5) * cellSize_};
}

std::optional<double> Dem::elevationAt(MapPoint p) const {
    if (heights_.empty()) return std::nullopt;
    const double fx = (p.x - origin_.x) / cellSize_ - 0.5;
    const double fy = (origin_.y - p.y) / cellSize_ - 0.5;
    // Within half a cell of the outer samples the edge value holds.
    if (fx < -0.5 || fy < -0.5 || fx > width_ - 0.5 || fy > height_ - 0.5) return std::nullopt;
    const double cx = std::clamp(fx, 0.0, width_ - 1.0);
    const double cy = std::clamp(fy, 0.0, height_ - 1.0);
    const int x0 = std::min(static_cast<int>(cx), width_ - 2 < 0 ? 0 : width_ - 2);
    const int y0 = std::min(static_cast<int>(cy), height_ - 2 < 0 ? 0 : height_ - 2);
    const int x1 = std::min(x0 + 1, width_ - 1);
    const int y1 = std::min(y0 + 1, height_ - 1);
    const double tx = cx - x0, ty = cy - y0;
    const double h00 = at(x0, y0), h10 = at(x1, y0), h01 = at(x0, y1), h11 = at(x1, y1);
    const double h = (h00 * (1 - tx) + h10 * tx) * (1 - ty) + (h01 * (1 - tx) + h11 * tx) * ty;
    if (std::isnan(h)) return std::nullopt;
    return h;
}

std::vector<std::uint8_t> Dem::displayCoverage() const {
    std::vector<std::uint8_t> out(heights_.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const bool data = !std::isnan(heights_[i]);
        // Within the footprint's smooth edge band the outline decides; elsewhere the samples do.
        if (footprint_.size() == out.size() && footprint_[i] < 255)
            out[i] = footprint_[i];
        else
            out[i] = data ? 255 : 0;
    }
    return out;
}

std::vector<float> Dem::heightsFilledForDisplay() const {
    std::vector<float> out = heights_;
    if (validCount_ == heights_.size() || validCount_ == 0) {
        if (validCount_ == 0) std::fill(out.begin(), out.end(), 0.0f);
        return out;
    }
    // Breadth-first growth from the samples with data: each empty sample takes the value of the
    // neighbour that reached it first, which is a nearest sample in the 4-neighbour metric.
    std::deque<std::size_t> queue;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (!std::isnan(out[i])) queue.push_back(i);
    while (!queue.empty()) {
        const std::size_t i = queue.front();
        queue.pop_front();
        const int col = static_cast<int>(i % width_), row = static_cast<int>(i / width_);
        const int dc[4] = {1, -1, 0, 0}, dr[4] = {0, 0, 1, -1};
        for (int k = 0; k < 4; ++k) {
            const int c = col + dc[k], r = row + dr[k];
            if (c < 0 || r < 0 || c >= width_ || r >= height_) continue;
            const std::size_t j = static_cast<std::size_t>(r) * width_ + c;
            if (!std::isnan(out[j])) continue;
            out[j] = out[i];
            queue.push_back(j);
        }
    }
    return out;
}

} // namespace qinba
