#pragma once
// Map furniture drawn into the image itself, so it appears in screenshots, headless renders and videos:
// a legend, a scale bar and a north arrow that follow the camera.

#include "qinba/core/camera.h"
#include "qinba/core/color_ramp.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/place_labels.h"

#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace qinba {

/// One line of the legend.
struct LegendEntry {
    /// Mark: a flow mark of `mark`'s shape (dot, block, dash) as drawn on the map. Volume: a ribbon
    /// widening from left to right with marks growing denser, explaining how flow volume reads.
    enum class Swatch { Fill, Line, Point, Ramp, Mark, Volume };
    Swatch swatch = Swatch::Fill;
    std::string text; ///< UTF-8
    glm::vec4 fill{0.5f, 0.5f, 0.5f, 1.0f};
    glm::vec4 outline{0.2f, 0.2f, 0.2f, 1.0f};
    const ColorRamp* ramp = nullptr;      ///< for Swatch::Ramp
    double rampMin = 0.0, rampMax = 1.0;  ///< metres shown by the ramp
    MarkerShape mark = MarkerShape::Disc; ///< for Swatch::Mark: Disc, Block or Dash
};

/// How much room the legend takes: every line with its title; smaller lines without the title (kiosk and
/// recordings); or only its title, folded away (the viewer's toggle).
enum class LegendForm { Full, Compact, Collapsed };

/// Which pieces to draw.
struct DecorationOptions {
    bool legend = true;
    bool scaleBar = true;
    bool northArrow = true;
    std::string legendTitle = "Legend 图例";
    LegendForm legendForm = LegendForm::Full;
};

struct ScreenLayout;

/// Width and height in pixels of the legend panel for `entries` in `form` at text scale `scale`.
glm::dvec2 legendSize(const std::vector<LegendEntry>& entries, const std::string& title, LegendForm form,
                      float scale, const TextMeasure& measure);

/// Widest scale bar panel in pixels (the bar is at most 160 pixels times the scale).
glm::dvec2 scaleBarSlot(float scale);
/// North arrow panel in pixels.
glm::dvec2 northArrowSlot(float scale);

/// Length in metres of a scale bar of about `maxPx` pixels at `metresPerPixel`: 1, 2 or 5 × 10^n.
double niceScaleLength(double metresPerPixel, double maxPx);

/// Adds the legend, the scale bar and the north arrow to `out` where `layout` puts them (see
/// layoutScreen()) for `camera` looking at its target. The scale bar measures at the target (in a
/// perspective view it holds there) and is right-aligned in its slot.
void addMapDecorations(DrawList& out, const std::vector<LegendEntry>& legend, const OrbitCamera& camera,
                       const ScreenLayout& layout, const TextMeasure& measure,
                       const DecorationOptions& options);

} // namespace qinba
