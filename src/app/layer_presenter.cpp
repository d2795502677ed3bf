#include "qinba/app/layer_presenter.h"

#include "qinba/render/scene_renderer.h"

#include <filesystem>

namespace qinba::app {

void LayerPresenter::rebuild(const std::vector<Layer>& layers, const TerrainSurface& surface,
                             SceneRenderer& renderer) {
    draped_.clear();
    std::vector<const Layer*> drapedLayers;
    for (const Layer& layer : layers) {
        draped_.push_back(drapeLayer(layer, surface));
        if (layer.options.visible) drapedLayers.push_back(&layer);
    }
    renderer.setDrapedLayers(drapedLayers);
}

void LayerPresenter::follow(const std::vector<Layer>& layers, const TerrainSurface& surface) {
    if (draped_.size() != layers.size()) return;
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (draped_[i].exaggeration != surface.exaggeration()) draped_[i] = drapeLayer(layers[i], surface);
}

void LayerPresenter::compose(DrawList& out, std::vector<LabelRequest>& labels,
                             const std::vector<Layer>& layers, float scale, LabelLanguage language) const {
    for (std::size_t i = 0; i < layers.size() && i < draped_.size(); ++i)
        if (layers[i].options.visible)
            // Layer labels yield to the places of the scenario (priorities 10-50), earlier layers first.
            addLayerToDrawList(out, labels, layers[i], draped_[i], scale, 60 + static_cast<int>(i), language);
}

std::vector<LegendEntry> layerLegend(const std::vector<Layer>& layers, LabelLanguage language) {
    std::vector<LegendEntry> out;
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        const Layer& l = *it;
        if (!l.options.visible) continue;
        if (!l.legendClasses.empty()) {
            for (const auto& [text, colour] : l.legendClasses)
                out.push_back({LegendEntry::Swatch::Fill, mapText(text, language), colour,
                               colour * glm::vec4(0.7f, 0.7f, 0.7f, 1.0f)});
            continue;
        }
        LegendEntry e;
        e.text = legendText(l, language);
        e.fill = l.options.style.fill;
        e.outline = l.options.style.outline;
        e.swatch = l.ringCount > 0 || l.kind == LayerKind::Raster ? LegendEntry::Swatch::Fill
                   : l.lineCount > 0                              ? LegendEntry::Swatch::Line
                                                                  : LegendEntry::Swatch::Point;
        out.push_back(e);
    }
    return out;
}

std::vector<Layer> openLayers(const std::vector<LayerOptions>& options, const std::string& baseDir,
                              const MapProjection& projection, const MapRect& extent,
                              std::vector<Error>& problems) {
    std::vector<Layer> out;
    for (LayerOptions o : options) {
        if (!baseDir.empty() && std::filesystem::path(o.path).is_relative())
            o.path = (std::filesystem::path(baseDir) / o.path).lexically_normal().string();
        if (auto layer = openLayer(o, projection, extent))
            out.push_back(std::move(*layer));
        else
            problems.push_back(layer.error());
    }
    return out;
}

} // namespace qinba::app
