#include "qinba/core/layer_overlay.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "qinba/core/polyline.h"

namespace qinba {

namespace {

double lengthOf(const std::vector<MapPoint>& line) {
    double total = 0.0;
    for (std::size_t i = 1; i < line.size(); ++i)
        total += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    return total;
}

MapPoint middleOf(const std::vector<MapPoint>& line) {
    const double half = lengthOf(line) / 2.0;
    double run = 0.0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double step = std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
        if (run + step >= half && step > 0.0) {
            const double t = (half - run) / step;
            return {line[i - 1].x + (line[i].x - line[i - 1].x) * t, line[i - 1].y + (line[i].y - line[i - 1].y) * t};
        }
        run += step;
    }
    return line.empty() ? MapPoint{} : line.front();
}

/// Signed area and area-weighted centroid of a ring (shoelace formula).
std::pair<double, MapPoint> ringCentroid(const std::vector<MapPoint>& ring) {
    double a = 0.0, cx = 0.0, cy = 0.0;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const double cross = ring[j].x * ring[i].y - ring[i].x * ring[j].y;
        a += cross;
        cx += (ring[j].x + ring[i].x) * cross;
        cy += (ring[j].y + ring[i].y) * cross;
    }
    if (std::abs(a) < 1e-9) return {0.0, ring.empty() ? MapPoint{} : ring.front()};
    return {std::abs(a) / 2.0, {cx / (3.0 * a), cy / (3.0 * a)}};
}

glm::dvec3 onSurface(MapPoint p, const TerrainSurface& surface) {
    return {p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0)};
}

} // namespace

DrapedLayer drapeLayer(const Layer& layer, const TerrainSurface& surface) {
    DrapedLayer d;
    d.exaggeration = surface.exaggeration();
    if (layer.kind != LayerKind::Vector) return d;
    const double spacing = surface.dem().cellSize() * 0.5;
    const double lift = 40.0 * surface.exaggeration();
    const std::string& field = layer.options.style.labelField;
    // Per label text the best anchor: the longest line or the largest polygon ring carrying it.
    std::map<std::string, std::pair<double, MapPoint>> anchors;
    for (const VectorFeature& f : layer.features) {
        for (const auto& line : f.lines) d.lines.push_back(drapeOnSurface(line, surface, spacing, lift).points());
        for (auto ring : f.rings) {
            if (ring.size() >= 2 && (ring.front().x != ring.back().x || ring.front().y != ring.back().y))
                ring.push_back(ring.front());
            d.lines.push_back(drapeOnSurface(ring, surface, spacing, lift).points());
        }
        for (MapPoint p : f.points) d.points.push_back(onSurface(p, surface));
        const auto value = field.empty() ? f.attributes.end() : f.attributes.find(field);
        if (value == f.attributes.end() || value->second.empty()) continue;
        for (MapPoint p : f.points) d.labels.emplace_back(onSurface(p, surface), value->second);
        for (const auto& line : f.lines) {
            const double len = lengthOf(line);
            auto& best = anchors[value->second];
            if (len > best.first) best = {len, middleOf(line)};
        }
        for (const auto& ring : f.rings) {
            const auto [area, centre] = ringCentroid(ring);
            auto& best = anchors[value->second];
            if (area > best.first) best = {area, centre};
        }
    }
    for (const auto& [text, anchor] : anchors) d.labels.emplace_back(onSurface(anchor.second, surface), text);
    return d;
}

void addLayerToDrawList(DrawList& out, std::vector<LabelRequest>& labels, const Layer& layer,
                        const DrapedLayer& draped, float scale, int labelPriority) {
    const LayerStyle& s = layer.options.style;
    const auto faded = [&](glm::vec4 c) { return glm::vec4(c.r, c.g, c.b, c.a * s.opacity); };
    if (s.outlineWidthPx > 0.0f)
        for (const auto& line : draped.lines)
            if (line.size() >= 2) out.lines.push_back({line, faded(s.outline), s.outlineWidthPx * scale, 0.0f, true});
    for (const glm::dvec3& p : draped.points) {
        MarkerItem m;
        m.position = p;
        m.color = faded(glm::vec4(s.fill.r, s.fill.g, s.fill.b, std::max(s.fill.a, 0.85f)));
        m.ring = faded(s.outline);
        m.sizePx = s.pointSizePx * scale;
        m.shape = MarkerShape::Diamond;
        out.markers.push_back(m);
    }
    for (const auto& [world, text] : draped.labels) {
        LabelRequest r;
        r.world = world;
        r.text = text;
        r.priority = labelPriority;
        r.symbolRadiusPx = draped.points.empty() ? 0.0 : 0.5 * s.pointSizePx * scale;
        r.pixelSize = s.labelSizePx * scale;
        r.color = glm::vec4(s.outline.r * 0.6f, s.outline.g * 0.6f, s.outline.b * 0.6f, s.opacity);
        labels.push_back(std::move(r));
    }
}

} // namespace qinba
