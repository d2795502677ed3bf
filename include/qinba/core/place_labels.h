#pragma once
// Map labels: requests from places and layers, placed together so they never overlap (more important
// first), hidden behind the terrain, as screen-space texts of a DrawList.

#include "qinba/core/camera.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/label_layout.h"
#include "qinba/core/scenario_overlay.h"

#include <cstdint>
#include <functional>
#include <glm/glm.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace qinba {

/// Which names a label shows.
enum class LabelLanguage : int { Chinese = 0, English = 1, Both = 2 };

/// Width and height in pixels of text at a size in pixels per em (e.g. TextRenderer::measure).
using TextMeasure = std::function<glm::dvec2(std::string_view utf8, double pixelSize)>;

/// Something that wants a label at a world position.
struct LabelRequest {
    glm::dvec3 world{0.0};     ///< world metres (on the surface)
    std::string text;          ///< UTF-8
    int priority = 100;        ///< smaller = more important
    double symbolRadiusPx = 0; ///< the symbol the label keeps clear of, pixels
    double pixelSize = 13.0;   ///< text size, pixels per em
    glm::vec4 color{0.1f, 0.1f, 0.12f, 1.0f};
    glm::vec4 halo{1.0f, 1.0f, 1.0f, 0.9f};
};

/// The label text of a place in `language` ("西安", "Xi'an" or "西安 Xi'an").
std::string placeLabel(const Place& place, LabelLanguage language);

/// True when the terrain hides the world point `p` from the camera's eye.
bool hiddenByTerrain(const TerrainSurface& surface, const CameraMatrices& m, glm::dvec3 p);

/// Label requests for the scenario's places; the stage's highlighted places come first within a rank.
void requestPlaceLabels(std::vector<LabelRequest>& out, const Scenario& scenario,
                        const ScenarioGeometry& geometry, const StageAppearance& appearance,
                        LabelLanguage language, float scale);

/// The last label layout and a fingerprint of everything that decided it (camera, viewport, surface,
/// scale, requests, obstacles), so a frame whose view did not change reuses it instead of laying out again.
struct LabelLayoutCache {
    std::uint64_t key = 0;
    bool valid = false;
    std::vector<TextItem> texts;
    int layouts = 0; ///< how many times the layout ran (for tests and statistics)
};

/// Places the requests as texts of `out`: those behind the terrain or off screen get none, and labels never
/// overlap (smaller priority wins). With a `cache`, the layout runs only when something that decides it
/// changed; otherwise the cached texts are added.
void placeLabels(DrawList& out, const std::vector<LabelRequest>& requests, const OrbitCamera& camera,
                 Viewport viewport, const TerrainSurface& surface, float scale, const TextMeasure& measure,
                 const std::vector<ScreenRect>& obstacles = {}, LabelLayoutCache* cache = nullptr);

} // namespace qinba
