#pragma once
// Vector layers on the map: their lines and outlines laid on the displayed surface (constant screen width,
// kept above the ground), their point symbols, and their labels.

#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "qinba/core/draw_list.h"
#include "qinba/core/layer.h"
#include "qinba/core/place_labels.h"
#include "qinba/core/terrain_surface.h"

namespace qinba {

/// A vector layer's geometry on one displayed surface, kept until the exaggeration or the layer changes.
struct DrapedLayer {
    std::vector<std::vector<glm::dvec3>> lines; ///< lines and polygon outlines, world metres
    std::vector<glm::dvec3> points;             ///< point symbols, world metres
    /// One anchor per distinct label text: each point; the middle of a line's longest part; the centre of a
    /// polygon's largest ring. The second member is the index of the feature the text comes from.
    std::vector<std::pair<glm::dvec3, std::size_t>> labels;
    double exaggeration = 0.0;
};

/// Lays `layer` on `surface` (lines resampled every half DEM cell).
DrapedLayer drapeLayer(const Layer& layer, const TerrainSurface& surface);

/// The label of feature `f` in `language`: the style's label field, or for a "…_en" field its "…_zh"
/// sibling in Chinese (both, for LabelLanguage::Both) when the layer has one.
std::string featureLabel(const Layer& layer, const VectorFeature& f, LabelLanguage language);

/// Adds the layer's lines and points to `out` and its labels to `labels` (priorities from
/// `labelPriority`, after the places of the scenario). `scale` multiplies pixel sizes.
void addLayerToDrawList(DrawList& out, std::vector<LabelRequest>& labels, const Layer& layer,
                        const DrapedLayer& draped, float scale, int labelPriority,
                        LabelLanguage language = LabelLanguage::English);

} // namespace qinba
