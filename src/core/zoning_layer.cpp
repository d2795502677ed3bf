#include "qinba/core/zoning.h"

#include <cmath>

namespace qinba {

Layer zoningLayer(const Zoning& z, const Dem& dem) {
    Layer layer;
    layer.kind = LayerKind::Raster;
    layer.options.id = "zoning";
    layer.options.name = "Ecological zoning (derived from the DEM)";
    layer.options.legendZh = "生态分区";
    layer.options.approximate = true;
    layer.options.style.opacity = 0.6f;
    layer.raster.width = z.width;
    layer.raster.height = z.height;
    layer.raster.bounds = dem.bounds();
    layer.raster.rgba.assign(static_cast<std::size_t>(z.width) * z.height * 4, 0);
    for (std::size_t i = 0; i < z.classes.size(); ++i) {
        const glm::vec4 c = zoneColor(z.classes[i]);
        for (int k = 0; k < 4; ++k)
            layer.raster.rgba[i * 4 + k] = static_cast<std::uint8_t>(std::lround(c[k] * 255.0f));
    }
    // The terrain draws the zones from the rules' margins, so their boundaries stay smooth at any zoom.
    if (z.margins.size() == z.classes.size()) {
        layer.raster.ruleMargins.reserve(z.margins.size() * 4);
        for (const auto& m : z.margins)
            layer.raster.ruleMargins.insert(layer.raster.ruleMargins.end(), m.begin(), m.end());
        layer.raster.ruleSpline = z.marginSpline;
        for (std::size_t k = 0; k < kZoneRules.size(); ++k)
            layer.raster.ruleColors[k] = zoneColor(kZoneRules[k]);
    }
    layer.bounds = layer.raster.bounds;
    for (int c = 1; c < kZoneClassCount; ++c) {
        const auto zone = static_cast<ZoneClass>(c);
        layer.legendClasses.emplace_back(MapText{zoneName(zone), zoneNameZh(zone)}, zoneColor(zone));
    }
    return layer;
}

} // namespace qinba
