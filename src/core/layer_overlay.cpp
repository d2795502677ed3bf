#include "qinba/core/layer_overlay.h"

#include "qinba/core/polyline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

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
            return {line[i - 1].x + (line[i].x - line[i - 1].x) * t,
                    line[i - 1].y + (line[i].y - line[i - 1].y) * t};
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

std::optional<glm::dvec3> onSurface(MapPoint p, const TerrainSurface& surface) {
    const auto h = surface.heightAt(p.x, p.y);
    if (!h) return std::nullopt;
    return glm::dvec3(p.x, p.y, *h);
}

/// The line resampled every `spacing` metres on the surface, `lift` above it, cut into parts where the
/// terrain has no data (beyond the DEM's edge): nothing is drawn in the air.
void drapeClipped(const std::vector<MapPoint>& line, const TerrainSurface& surface, double spacing,
                  double lift, std::vector<std::vector<glm::dvec3>>& out) {
    std::vector<glm::dvec3> part;
    auto flush = [&] {
        if (part.size() >= 2) out.push_back(std::move(part));
        part.clear();
    };
    auto visit = [&](double x, double y) {
        const auto h = surface.heightAt(x, y);
        if (!h) return flush();
        part.emplace_back(x, y, *h + lift);
    };
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const MapPoint a = line[i], b = line[i + 1];
        const int steps =
            std::max(1, static_cast<int>(std::ceil(std::hypot(b.x - a.x, b.y - a.y) / spacing)));
        for (int k = 0; k < steps; ++k)
            visit(a.x + (b.x - a.x) * k / steps, a.y + (b.y - a.y) * k / steps);
    }
    if (!line.empty()) visit(line.back().x, line.back().y);
    flush();
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
    std::map<std::string, std::tuple<double, MapPoint, std::size_t>> anchors;
    for (std::size_t fi = 0; fi < layer.features.size(); ++fi) {
        const VectorFeature& f = layer.features[fi];
        for (const auto& line : f.lines)
            drapeClipped(line, surface, spacing, lift, d.lines);
        for (auto ring : f.rings) {
            if (ring.size() >= 2 && (ring.front().x != ring.back().x || ring.front().y != ring.back().y))
                ring.push_back(ring.front());
            drapeClipped(ring, surface, spacing, lift, d.lines);
        }
        for (MapPoint p : f.points)
            if (const auto w = onSurface(p, surface)) d.points.push_back(*w);
        const auto value = field.empty() ? f.attributes.end() : f.attributes.find(field);
        if (value == f.attributes.end() || value->second.empty()) continue;
        for (MapPoint p : f.points)
            if (const auto w = onSurface(p, surface)) d.labels.emplace_back(*w, fi);
        for (const auto& line : f.lines) {
            const double len = lengthOf(line);
            auto& best = anchors[value->second];
            if (len > std::get<0>(best)) best = {len, middleOf(line), fi};
        }
        for (const auto& ring : f.rings) {
            const auto [area, centre] = ringCentroid(ring);
            auto& best = anchors[value->second];
            if (area > std::get<0>(best)) best = {area, centre, fi};
        }
    }
    for (const auto& [text, anchor] : anchors)
        if (const auto w = onSurface(std::get<1>(anchor), surface))
            d.labels.emplace_back(*w, std::get<2>(anchor));
    return d;
}

std::string featureLabel(const Layer& layer, const VectorFeature& f, LabelLanguage language) {
    const std::string& field = layer.options.style.labelField;
    const auto get = [&](const std::string& name) {
        const auto it = f.attributes.find(name);
        return it == f.attributes.end() ? std::string() : it->second;
    };
    std::string text = get(field);
    if (field.size() < 3 || field.compare(field.size() - 3, 3, "_en") != 0 ||
        language == LabelLanguage::English)
        return text;
    const std::string zh = get(field.substr(0, field.size() - 3) + "_zh");
    if (zh.empty()) return text;
    return language == LabelLanguage::Chinese ? zh : zh + " " + text;
}

void addLayerToDrawList(DrawList& out, std::vector<LabelRequest>& labels, const Layer& layer,
                        const DrapedLayer& draped, float scale, int labelPriority, LabelLanguage language) {
    const LayerStyle& s = layer.options.style;
    const auto faded = [&](glm::vec4 c) { return glm::vec4(c.r, c.g, c.b, c.a * s.opacity); };
    if (s.outlineWidthPx > 0.0f)
        for (const auto& line : draped.lines)
            if (line.size() >= 2)
                out.lines.push_back({line, faded(s.outline), s.outlineWidthPx * scale, 0.0f, true});
    for (const glm::dvec3& p : draped.points) {
        MarkerItem m;
        m.position = p;
        m.color = faded(glm::vec4(s.fill.r, s.fill.g, s.fill.b, std::max(s.fill.a, 0.85f)));
        m.ring = faded(s.outline);
        m.sizePx = s.pointSizePx * scale;
        m.shape = MarkerShape::Diamond;
        out.markers.push_back(m);
    }
    for (const auto& [world, feature] : draped.labels) {
        LabelRequest r;
        r.world = world;
        r.text = featureLabel(layer, layer.features[feature], language);
        r.priority = labelPriority;
        r.symbolRadiusPx = draped.points.empty() ? 0.0 : 0.5 * s.pointSizePx * scale;
        r.pixelSize = s.labelSizePx * scale;
        r.color = glm::vec4(s.outline.r * 0.6f, s.outline.g * 0.6f, s.outline.b * 0.6f, s.opacity);
        labels.push_back(std::move(r));
    }
}

} // namespace qinba
