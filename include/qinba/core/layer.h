#pragma once
// Map layers draped on the terrain: vector layers (points, lines, polygons) read through OGR and raster
// layers read through GDAL, in any CRS, brought into the map projection when opened.

#include "qinba/core/map_projection.h"
#include "qinba/core/map_text.h"
#include "qinba/core/result.h"

#include <array>
#include <cstdint>
#include <glm/glm.hpp>
#include <map>
#include <string>
#include <vector>

namespace qinba {

/// How a layer looks. Colours are straight-alpha RGBA in 0–1.
struct LayerStyle {
    glm::vec4 fill{0.20f, 0.55f, 0.30f, 0.35f};   ///< polygon fill, point fill
    glm::vec4 outline{0.10f, 0.30f, 0.15f, 1.0f}; ///< polygon outline, line colour, point rim
    float outlineWidthPx = 1.5f;                  ///< line and outline width, pixels (0 = none)
    float pointSizePx = 7.0f;                     ///< point symbol size, pixels
    float opacity = 1.0f;                         ///< multiplies every alpha of the layer, 0–1
    std::string labelField;                       ///< attribute shown as a label; empty = none
    float labelSizePx = 13.0f;                    ///< label text size, pixels per em
    bool operator==(const LayerStyle&) const = default;
};

/// What a layer file is opened as.
enum class LayerKind { Vector, Raster };

/// One vector feature in map metres. Polygons are drawn with the even-odd rule, so holes (and islands in
/// holes) come out right however the rings are grouped.
struct VectorFeature {
    std::vector<MapPoint> points;                  ///< point geometries
    std::vector<std::vector<MapPoint>> lines;      ///< line strings
    std::vector<std::vector<MapPoint>> rings;      ///< polygon rings, outer and inner alike
    std::map<std::string, std::string> attributes; ///< field values as text
};

/// A raster brought into the map projection, as colours for display.
struct RasterImage {
    int width = 0, height = 0;      ///< pixels
    MapRect bounds;                 ///< map metres covered by the image
    std::vector<std::uint8_t> rgba; ///< row 0 north, straight alpha
    /// Rasters of classes rather than colours (the zoning) also say how to draw their boundaries smoothly:
    /// per pixel, the signed margins of up to four rules tried in order (4 floats a pixel, row 0 north); a
    /// point takes the colour of the first rule whose margin, interpolated there, is >= 0, transparent when
    /// none. The terrain draws such a raster from these instead of `rgba`, so its boundaries are smooth
    /// curves at any zoom. Empty for rasters of colours.
    std::vector<float> ruleMargins;
    /// The margins' interpolating cubic spline (cubic_spline.h: kSplinePad samples wider on every side),
    /// which the terrain draws magnified boundaries from; computed once with the margins.
    std::vector<float> ruleSpline;
    std::array<glm::vec4, 4> ruleColors{}; ///< straight-alpha colour of each rule's class
};

/// How a layer is to be opened and shown: what the scenario file and the command line give.
struct LayerOptions {
    std::string id;   ///< unique within the layer stack; derived from the file name when empty
    std::string name; ///< shown in the Layers panel and the legend; the file name when empty
    std::string path; ///< file or GDAL/OGR dataset name
    LayerStyle style;
    bool visible = true;
    bool approximate = false; ///< boundaries or positions are approximate: the legend says so
    std::string legendZh;     ///< Chinese legend text, optional

    /// A file with the default style, named after the file, labelled by its name field if it has one.
    static LayerOptions fromPath(std::string path);
    /// labelField value that openLayer replaces by the first of name_en, name, NAME, Name, label it finds.
    static constexpr const char* kAutoLabelField = "*";
};

/// A layer: its options, the data in map metres, and whether opening it worked.
struct Layer {
    LayerOptions options;
    LayerKind kind = LayerKind::Vector;
    std::vector<VectorFeature> features; ///< vector layers
    RasterImage raster;                  ///< raster layers
    MapRect bounds;                      ///< extent in map metres
    std::vector<std::string> fields;     ///< attribute names of a vector layer
    std::size_t pointCount = 0, lineCount = 0, ringCount = 0;
    /// Geometries OGR read but the layer cannot show (e.g. TINs); counted, not drawn.
    std::size_t skippedGeometries = 0;
    /// For classified rasters (zoning): one legend line per class with its colour.
    std::vector<std::pair<MapText, glm::vec4>> legendClasses;
};

/// Opens `options.path` as a vector layer (OGR) or, when OGR cannot read it, as a raster layer (GDAL), and
/// brings it into `projection`. `extent` is the terrain's extent: a layer entirely outside it is an error.
/// Errors name the file and the problem: missing file, not readable as vector or raster, no features, only
/// geometry types that cannot be drawn, no georeferencing, outside the terrain.
Result<Layer> openLayer(const LayerOptions& options, const MapProjection& projection, const MapRect& extent);

/// A layer's legend line in `language`: its name (legendZh in Chinese, where the layer has one),
/// "(approximate)" where so marked.
std::string legendText(const Layer& layer, LabelLanguage language = LabelLanguage::Both);

} // namespace qinba
