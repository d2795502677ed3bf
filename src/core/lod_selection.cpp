#include "qinba/core/lod_selection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

namespace qinba {

namespace {

struct Node {
    TileKey key;
    TileBounds bounds;
    double error = 0.0;
    double distance = 0.0; ///< eye to the tile's box, world metres
    bool operator<(const Node& o) const { return error < o.error; }
};

glm::dvec3 boxMin(const TilePyramid& p, TileKey k, const TileBounds& b, double exaggeration) {
    const MapRect r = p.mapRect(k);
    return {r.minX, r.minY, b.minHeight * exaggeration};
}

glm::dvec3 boxMax(const TilePyramid& p, TileKey k, const TileBounds& b, double exaggeration) {
    const MapRect r = p.mapRect(k);
    return {r.maxX, r.maxY, b.maxHeight * exaggeration};
}

double distanceToBox(glm::dvec3 eye, glm::dvec3 lo, glm::dvec3 hi) {
    const glm::dvec3 d = glm::max(glm::max(lo - eye, eye - hi), glm::dvec3(0.0));
    return glm::length(d);
}

bool outsideFrustum(const glm::dmat4& vp, glm::dvec3 lo, glm::dvec3 hi) {
    glm::dvec4 c[8];
    for (int i = 0; i < 8; ++i)
        c[i] = vp * glm::dvec4(i & 1 ? hi.x : lo.x, i & 2 ? hi.y : lo.y, i & 4 ? hi.z : lo.z, 1.0);
    for (int axis = 0; axis < 3; ++axis) {
        bool allBelow = true, allAbove = true;
        for (const glm::dvec4& p : c) {
            allBelow = allBelow && p[axis] < -p.w;
            allAbove = allAbove && p[axis] > p.w;
        }
        if (allBelow || allAbove) return true;
    }
    return false;
}

} // namespace

std::array<float, kMeshStrides> tileMeshErrors(const float* h, int width, int height, int originX,
                                               int originY, int cells) {
    std::array<float, kMeshStrides> out{};
    const auto at = [&](int x, int y) { return h[static_cast<std::size_t>(y) * width + x]; };
    for (int k = 1; k < kMeshStrides; ++k) {
        const int s = 1 << k;
        float worst = 0.0f;
        // Cells of s×s samples from the tile's first own sample, as the mesh of that stride lies; each
        // sample against the bilinear surface of its cell's corners.
        const int lastY = std::min(originY + cells, height - 1), lastX = std::min(originX + cells, width - 1);
        for (int y0 = originY; y0 + s <= lastY; y0 += s)
            for (int x0 = originX; x0 + s <= lastX; x0 += s) {
                const float a = at(x0, y0), b = at(x0 + s, y0), c = at(x0, y0 + s), d = at(x0 + s, y0 + s);
                for (int j = 0; j <= s; ++j)
                    for (int i = 0; i <= s; ++i) {
                        const float u = static_cast<float>(i) / static_cast<float>(s),
                                    v = static_cast<float>(j) / static_cast<float>(s);
                        const float mesh = (a * (1 - u) + b * u) * (1 - v) + (c * (1 - u) + d * u) * v;
                        const float e = std::fabs(at(x0 + i, y0 + j) - mesh);
                        if (e > worst) worst = e; // NaN (no data) compares false and is skipped
                    }
            }
        out[static_cast<std::size_t>(k)] = std::max(worst, out[static_cast<std::size_t>(k - 1)]);
    }
    return out;
}

double lodGeometricError(const TilePyramid& pyramid, int level) {
    return pyramid.cellSize(level);
}

double lodScreenError(const TilePyramid& pyramid, int level, const LodView& view, double distance) {
    const double err = lodGeometricError(pyramid, level);
    if (view.orthographic) return err / std::max(view.metresPerPixel, 1e-9);
    return err * view.pixelsPerRadian / std::max(distance, 1e-3);
}

LodSelection selectTiles(const TilePyramid& pyramid, const LodView& view, const LodSettings& settings,
                         const TileResidency& residency, int maxTiles) {
    LodSelection out;
    const TileKey root{0, 0, 0};
    const TileBounds* rootBounds = residency(root);
    if (!rootBounds) {
        out.wanted.push_back(root);
        return out;
    }
    const double tau = std::max(settings.maxScreenErrorPx, 0.05);
    auto errorOf = [&](TileKey k, const TileBounds& b) {
        const double d = distanceToBox(view.eye, boxMin(pyramid, k, b, view.exaggeration),
                                       boxMax(pyramid, k, b, view.exaggeration));
        return std::pair(lodScreenError(pyramid, k.level, view, d), d);
    };
    const auto nodeOf = [&](TileKey k, const TileBounds& b) {
        const auto [error, distance] = errorOf(k, b);
        return Node{k, b, error, distance};
    };
    if (outsideFrustum(view.viewProjection, boxMin(pyramid, root, *rootBounds, view.exaggeration),
                       boxMax(pyramid, root, *rootBounds, view.exaggeration))) {
        out.culled = 1;
        return out;
    }

    std::priority_queue<Node> open;
    open.push(nodeOf(root, *rootBounds));
    std::vector<Node> kept;
    std::vector<std::pair<double, TileKey>> wanted;
    int count = 1;
    while (!open.empty()) {
        const Node n = open.top();
        open.pop();
        if (n.error <= tau || n.key.level >= pyramid.finestLevel()) {
            kept.push_back(n);
            continue;
        }
        Node children[4];
        int visible = 0;
        bool allResident = true;
        for (int i = 0; i < 4; ++i) {
            const TileKey c = n.key.child(i);
            if (!pyramid.contains(c)) continue;
            // A child not yet loaded is culled and ranked with its parent's elevation range.
            const TileBounds* b = residency(c);
            const TileBounds cb = b ? *b : n.bounds;
            if (outsideFrustum(view.viewProjection, boxMin(pyramid, c, cb, view.exaggeration),
                               boxMax(pyramid, c, cb, view.exaggeration))) {
                ++out.culled;
                continue;
            }
            if (!b) {
                allResident = false;
                wanted.emplace_back(n.error, c);
                continue;
            }
            children[visible++] = nodeOf(c, cb);
        }
        if (!allResident) {
            kept.push_back(n);
            continue;
        }
        if (count - 1 + visible > maxTiles) {
            out.budgetLimited = true;
            kept.push_back(n);
            continue;
        }
        count += visible - 1;
        for (int i = 0; i < visible; ++i)
            open.push(children[i]);
    }

    for (const Node& n : kept) {
        TileDraw d;
        d.key = n.key;
        d.screenErrorPx = n.error;
        // The coarsest mesh whose height error stays within the bound; strides must divide the tile.
        for (int k = 1; k < kMeshStrides && pyramid.tileCells % (1 << k) == 0; ++k) {
            const double metres = n.bounds.meshError[static_cast<std::size_t>(k)] * view.exaggeration;
            const double px = view.orthographic ? metres / std::max(view.metresPerPixel, 1e-9)
                                                : metres * view.pixelsPerRadian / std::max(n.distance, 1e-3);
            if (px > tau) break;
            d.meshStride = 1 << k;
        }
        // Full-resolution tiles are as sharp as the data; the bound applies to the others.
        if (n.key.level < pyramid.finestLevel()) out.worstErrorPx = std::max(out.worstErrorPx, n.error);
        if (n.key.level == 0 || view.orthographic) {
            d.morphStart = d.morphEnd = std::numeric_limits<double>::max();
        } else {
            // The parent is refined closer than this distance; vertices reach its grid just before it.
            d.morphEnd = lodGeometricError(pyramid, n.key.level - 1) * view.pixelsPerRadian / tau;
            d.morphStart = 0.7 * d.morphEnd;
        }
        out.draws.push_back(d);
    }
    // Coarse levels first (they unlock the finer ones), then the largest error.
    std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) {
        if (a.second.level != b.second.level) return a.second.level < b.second.level;
        return a.first > b.first;
    });
    for (const auto& w : wanted)
        out.wanted.push_back(w.second);
    return out;
}

} // namespace qinba
