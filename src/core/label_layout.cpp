#include "qinba/core/label_layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace qinba {

namespace {

struct Rect {
    glm::dvec2 min;
    glm::dvec2 max;
};

/// True when the rectangles come closer than `gap` (touching at exactly `gap` is allowed).
bool closerThan(const Rect& a, const Rect& b, double gap) {
    return a.min.x < b.max.x + gap && b.min.x < a.max.x + gap && a.min.y < b.max.y + gap &&
           b.min.y < a.max.y + gap;
}

/// True when the open disc (or, for radius 0, the point) reaches into the open rectangle.
bool discTouchesRect(glm::dvec2 centre, double radius, const Rect& r) {
    if (radius <= 0.0)
        return centre.x > r.min.x && centre.x < r.max.x && centre.y > r.min.y && centre.y < r.max.y;
    const double dx = std::max({r.min.x - centre.x, 0.0, centre.x - r.max.x});
    const double dy = std::max({r.min.y - centre.y, 0.0, centre.y - r.max.y});
    return dx * dx + dy * dy < radius * radius;
}

bool valid(const LabelCandidate& c) {
    return std::isfinite(c.anchor.x) && std::isfinite(c.anchor.y) && std::isfinite(c.size.x) &&
           std::isfinite(c.size.y) && c.size.x > 0.0 && c.size.y > 0.0 && std::isfinite(c.symbolRadius) &&
           c.symbolRadius >= 0.0;
}

/// Buckets of item indices over the viewport, so that a query looks only at nearby items.
class Grid {
  public:
    Grid(Viewport viewport, double cellSize)
        : cell_(cellSize), cols_(cellsFor(viewport.width)), rows_(cellsFor(viewport.height)),
          buckets_(static_cast<std::size_t>(cols_) * rows_) {}

    void insert(std::size_t item, const Rect& r) {
        forCells(r, [&](std::size_t cell) { buckets_[cell].push_back(item); });
    }
    /// Calls f(item) for every item inserted into a cell that `r` touches (possibly more than once).
    template <typename F>
    bool any(const Rect& r, F f) const {
        bool found = false;
        forCells(r, [&](std::size_t cell) {
            for (std::size_t item : buckets_[cell])
                if (!found && f(item)) found = true;
        });
        return found;
    }

  private:
    int cellsFor(int pixels) const {
        return std::max(1, static_cast<int>(std::ceil(std::max(pixels, 1) / cell_)));
    }
    // Clamped as doubles: far-off symbols must not overflow the conversion to int.
    int clampCol(double x) const {
        return static_cast<int>(std::clamp(std::floor(x / cell_), 0.0, cols_ - 1.0));
    }
    int clampRow(double y) const {
        return static_cast<int>(std::clamp(std::floor(y / cell_), 0.0, rows_ - 1.0));
    }
    /// Calls f(cell index) for the cells `r` touches; parts outside the viewport go to the edge cells.
    template <typename F>
    void forCells(const Rect& r, F f) const {
        for (int y = clampRow(r.min.y); y <= clampRow(r.max.y); ++y)
            for (int x = clampCol(r.min.x); x <= clampCol(r.max.x); ++x)
                f(static_cast<std::size_t>(y) * cols_ + x);
    }

    double cell_;
    int cols_, rows_;
    std::vector<std::vector<std::size_t>> buckets_;
};

/// Top-left corners of the positions tried around a symbol, in order of preference.
std::array<glm::dvec2, 8> positions(const LabelCandidate& c, double gap) {
    const glm::dvec2 a = c.anchor, s = c.size;
    const double d = c.symbolRadius + gap;
    const double k = c.symbolRadius * std::sqrt(0.5) + gap;
    return {{
        {a.x + d, a.y - s.y / 2},       // right
        {a.x - d - s.x, a.y - s.y / 2}, // left
        {a.x - s.x / 2, a.y - d - s.y}, // above
        {a.x - s.x / 2, a.y + d},       // below
        {a.x + k, a.y - k - s.y},       // upper right
        {a.x + k, a.y + k},             // lower right
        {a.x - k - s.x, a.y - k - s.y}, // upper left
        {a.x - k - s.x, a.y + k},       // lower left
    }};
}

} // namespace

std::vector<PlacedLabel> layoutLabels(const std::vector<LabelCandidate>& candidates, Viewport viewport,
                                      double padding, const std::vector<ScreenRect>& obstacles) {
    padding = std::isfinite(padding) ? std::max(padding, 0.0) : 0.0;
    const glm::dvec2 view(std::max(viewport.width, 1), std::max(viewport.height, 1));

    // Order of importance: priority, then input order.
    std::vector<std::size_t> order;
    order.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (valid(candidates[i])) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return candidates[a].priority < candidates[b].priority;
    });
    std::vector<std::size_t> rank(candidates.size(), 0);
    for (std::size_t r = 0; r < order.size(); ++r)
        rank[order[r]] = r;

    // Cells of a few lines of text keep the buckets short without spreading a box over many cells.
    Grid symbols(viewport, 64.0);
    for (std::size_t i : order) {
        const LabelCandidate& c = candidates[i];
        const double r = c.symbolRadius + padding;
        symbols.insert(i, {c.anchor - r, c.anchor + r});
    }
    Grid labels(viewport, 64.0);

    std::vector<PlacedLabel> placed;
    auto symbolTouches = [&](std::size_t j, const Rect& box) {
        const LabelCandidate& s = candidates[j];
        return discTouchesRect(s.anchor, s.symbolRadius + padding, box);
    };
    for (std::size_t i : order) {
        const LabelCandidate& c = candidates[i];
        if (c.anchor.x < 0.0 || c.anchor.y < 0.0 || c.anchor.x > view.x || c.anchor.y > view.y) continue;
        const Rect symbol{c.anchor - c.symbolRadius, c.anchor + c.symbolRadius};
        if (labels.any(symbol, [&](std::size_t p) {
                return discTouchesRect(c.anchor, c.symbolRadius,
                                       {placed[p].topLeft, placed[p].topLeft + placed[p].size});
            }))
            continue;

        std::optional<Rect> fallback;
        std::optional<Rect> chosen;
        for (const glm::dvec2& topLeft : positions(c, padding)) {
            const Rect box{topLeft, topLeft + c.size};
            if (box.min.x < 0.0 || box.min.y < 0.0 || box.max.x > view.x || box.max.y > view.y) continue;
            if (std::any_of(obstacles.begin(), obstacles.end(), [&](const ScreenRect& o) {
                    return closerThan(box, {o.topLeft, o.topLeft + o.size}, padding);
                }))
                continue;
            const Rect reach{box.min - padding, box.max + padding};
            if (labels.any(reach, [&](std::size_t p) {
                    return closerThan(box, {placed[p].topLeft, placed[p].topLeft + placed[p].size}, padding);
                }))
                continue;
            if (symbols.any(
                    box, [&](std::size_t j) { return j != i && rank[j] < rank[i] && symbolTouches(j, box); }))
                continue;
            if (!symbols.any(box, [&](std::size_t j) { return j != i && symbolTouches(j, box); })) {
                chosen = box;
                break;
            }
            if (!fallback) fallback = box;
        }
        if (!chosen) chosen = fallback;
        if (!chosen) continue;
        labels.insert(placed.size(), *chosen);
        placed.push_back({i, chosen->min, c.size});
    }
    return placed;
}

} // namespace qinba
