#pragma once
// Bilingual place labels: which places get one (visible, not hidden behind terrain, not crowded out by a
// more important place) and where, as screen-space texts of a DrawList.

#include "qinba/core/camera.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/scenario_overlay.h"

#include <functional>
#include <glm/glm.hpp>
#include <string_view>

namespace qinba {

/// Which names a label shows.
enum class LabelLanguage : int { Chinese = 0, English = 1, Both = 2 };

/// Width and height in pixels of text at a size in pixels per em (e.g. TextRenderer::measure).
using TextMeasure = std::function<glm::dvec2(std::string_view utf8, double pixelSize)>;

/// The label text of a place in `language` ("西安", "Xi'an" or "西安 Xi'an").
std::string placeLabel(const Place& place, LabelLanguage language);

/// True when the terrain hides the world point `p` from the camera's eye.
bool hiddenByTerrain(const TerrainSurface& surface, const CameraMatrices& m, glm::dvec3 p);

/// Adds labels for the scenario's places to `out.texts`: places behind the terrain or off screen get none,
/// and labels never overlap (more important places, then places the stage highlights, win). `scale`
/// multiplies text and symbol sizes.
void addPlaceLabels(DrawList& out, const Scenario& scenario, const ScenarioGeometry& geometry,
                    const StageAppearance& appearance, const OrbitCamera& camera, Viewport viewport,
                    const TerrainSurface& surface, LabelLanguage language, float scale,
                    const TextMeasure& measure);

} // namespace qinba
