#pragma once
// Turns the document's map layers into what the renderer draws: the drape (raster layers, polygon fills)
// and, per frame, lines, point symbols and labels.

#include "qinba/core/layer.h"
#include "qinba/core/layer_overlay.h"
#include "qinba/core/map_decorations.h"

#include <string>
#include <vector>

namespace qinba {
class SceneRenderer;
}

namespace qinba::app {

class LayerPresenter {
  public:
    /// Re-drapes every layer on `surface` and redraws the renderer's drape from the visible ones. Call after
    /// the layers, their order, visibility or style changed.
    void rebuild(const std::vector<Layer>& layers, const TerrainSurface& surface, SceneRenderer& renderer);
    /// Re-drapes the lines when the exaggeration changed since the last rebuild.
    void follow(const std::vector<Layer>& layers, const TerrainSurface& surface);

    /// Adds the visible layers' lines and points to `out` and their labels to `labels`.
    void compose(DrawList& out, std::vector<LabelRequest>& labels, const std::vector<Layer>& layers,
                 float scale, LabelLanguage language) const;

  private:
    std::vector<DrapedLayer> draped_;
};

/// Legend lines for the visible layers, in drawing order (top layer first).
std::vector<LegendEntry> layerLegend(const std::vector<Layer>& layers, LabelLanguage language);

/// Opens each layer; layers that cannot be opened are left out and their errors returned. Relative paths
/// are taken from `baseDir` (the scenario file's folder) when it is not empty.
std::vector<Layer> openLayers(const std::vector<LayerOptions>& options, const std::string& baseDir,
                              const MapProjection& projection, const MapRect& extent,
                              std::vector<Error>& problems);

} // namespace qinba::app
