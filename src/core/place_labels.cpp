#include "qinba/core/place_labels.h"

#include "qinba/core/fnv1a.h"
#include "qinba/core/label_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace qinba {

std::string placeLabel(const Place& place, LabelLanguage language) {
    switch (language) {
    case LabelLanguage::Chinese:
        return place.nameZh.empty() ? place.nameEn : place.nameZh;
    case LabelLanguage::English:
        return place.nameEn;
    case LabelLanguage::Both:
        return place.nameZh.empty() ? place.nameEn : place.nameZh + " " + place.nameEn;
    }
    return place.nameEn;
}

bool hiddenByTerrain(const TerrainSurface& surface, const CameraMatrices& m, glm::dvec3 p) {
    const glm::dvec3 toPoint = p - m.eye;
    const double distance = glm::length(toPoint);
    if (distance <= 0.0) return false;
    const auto hit = surface.intersect({m.eye, toPoint / distance});
    // The point sits on the surface itself; only ground well in front of it hides it.
    return hit && glm::length(*hit - m.eye) < distance * 0.995 - 2.0 * surface.dem().cellSize();
}

void requestPlaceLabels(std::vector<LabelRequest>& out, const Scenario& scenario,
                        const ScenarioGeometry& geometry, const StageAppearance& appearance,
                        LabelLanguage language, float scale) {
    for (std::size_t i = 0; i < scenario.places.size() && i < geometry.places.size(); ++i) {
        const Place& place = scenario.places[i];
        const double emphasis = i < appearance.placeEmphasis.size() ? appearance.placeEmphasis[i] : 0.0;
        LabelRequest r;
        r.world = geometry.places[i];
        r.text = placeLabel(place, language);
        // Rank first; within a rank the stage's highlighted places go first.
        r.priority = place.rank * 10 - static_cast<int>(std::lround(5.0 * emphasis));
        r.symbolRadiusPx = 0.5 * placeSymbolPx(place) * scale * (1.0 + 0.35 * emphasis);
        r.pixelSize = (place.rank <= 1 ? 17.0 : place.rank <= 3 ? 14.0 : 12.5) * scale;
        r.color =
            place.rank <= 1 ? glm::vec4(0.05f, 0.05f, 0.08f, 1.0f) : glm::vec4(0.15f, 0.15f, 0.18f, 1.0f);
        out.push_back(std::move(r));
    }
}

namespace {

std::uint64_t layoutKey(const std::vector<LabelRequest>& requests, const OrbitCamera& camera,
                        Viewport viewport, const TerrainSurface& surface, float scale,
                        const std::vector<ScreenRect>& obstacles) {
    Fnv1a k;
    k.add(camera.target), k.add(camera.distance), k.add(camera.heading), k.add(camera.pitch);
    k.add(camera.fovY), k.add(camera.orthographic), k.add(viewport.width), k.add(viewport.height);
    const Dem& dem = surface.dem();
    k.add(reinterpret_cast<std::uintptr_t>(&dem)), k.add(dem.bounds()), k.add(dem.width()),
        k.add(dem.height());
    k.add(surface.exaggeration()), k.add(scale);
    for (const LabelRequest& r : requests) {
        k.add(r.world), k.addBytes(r.text.data(), r.text.size()), k.add(r.text.size()), k.add(r.priority);
        k.add(r.symbolRadiusPx), k.add(r.pixelSize), k.add(r.color), k.add(r.halo);
    }
    for (const ScreenRect& o : obstacles)
        k.add(o.topLeft), k.add(o.size);
    return k.value();
}

} // namespace

void placeLabels(DrawList& out, const std::vector<LabelRequest>& requests, const OrbitCamera& camera,
                 Viewport viewport, const TerrainSurface& surface, float scale, const TextMeasure& measure,
                 const std::vector<ScreenRect>& obstacles, LabelLayoutCache* cache) {
    if (cache) {
        const std::uint64_t key = layoutKey(requests, camera, viewport, surface, scale, obstacles);
        if (cache->valid && cache->key == key) {
            out.texts.insert(out.texts.end(), cache->texts.begin(), cache->texts.end());
            return;
        }
        DrawList fresh;
        placeLabels(fresh, requests, camera, viewport, surface, scale, measure, obstacles);
        cache->key = key;
        cache->valid = true;
        cache->texts = fresh.texts;
        ++cache->layouts;
        out.texts.insert(out.texts.end(), fresh.texts.begin(), fresh.texts.end());
        return;
    }
    const CameraMatrices m = computeMatrices(camera, viewport, surface.box());
    std::vector<LabelCandidate> candidates;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const LabelRequest& r = requests[i];
        if (r.text.empty()) continue;
        const auto px = projectToScreen(m, viewport, r.world);
        if (!px || px->z < 0.0 || px->z > 1.0) continue;
        if (px->x < 0 || px->y < 0 || px->x > viewport.width || px->y > viewport.height) continue;
        if (hiddenByTerrain(surface, m, r.world)) continue;
        LabelCandidate c;
        c.anchor = {px->x, px->y};
        c.size = measure(r.text, r.pixelSize);
        c.symbolRadius = r.symbolRadiusPx;
        c.priority = r.priority;
        candidates.push_back(c);
        index.push_back(i);
    }
    for (const PlacedLabel& placed : layoutLabels(candidates, viewport, 2.0 * scale, obstacles)) {
        const LabelRequest& r = requests[index[placed.candidate]];
        TextItem t;
        t.utf8 = r.text;
        t.topLeft = placed.topLeft;
        t.pixelSize = r.pixelSize;
        t.color = r.color;
        t.halo = r.halo;
        t.haloWidth = 2.0 * scale;
        out.texts.push_back(std::move(t));
    }
}

} // namespace qinba
