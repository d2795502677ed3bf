#pragma once
// Where the things drawn over the map sit on the screen (legend, scale bar, north arrow, title, caption,
// credits, notes and on-screen controls), as a pure function of the frame size and what they show, and the
// safe area they leave for the story: the largest rectangle of the frame that none of them covers. The
// same layout places the decorations and frames each stage's camera, in the viewer, the kiosk and
// recordings. All rectangles in pixels from the frame's top-left corner.

#include "qinba/core/camera.h"
#include "qinba/core/label_layout.h"
#include "qinba/core/map_decorations.h"
#include "qinba/core/place_labels.h"

#include <optional>
#include <string>
#include <vector>

namespace qinba {

/// What is shown over the map in one frame.
struct ScreenContent {
    std::vector<LegendEntry> legend; ///< only what the frame shows; empty: no legend
    std::string legendTitle = "Legend 图例";
    LegendForm legendForm = LegendForm::Full;
    bool scaleBar = false;
    bool northArrow = false;
    std::string title;   ///< top left; empty: none
    std::string caption; ///< top centre, wrapped to the frame; empty: none
    std::string credits; ///< bottom right, above the scale bar; empty: none
    std::string note;    ///< bottom left, under the legend (e.g. "indicative values"); empty: none
    /// On-screen controls drawn by the user interface (the kiosk's stage bar and hint, touch buttons, the
    /// viewer's caption box): the story keeps clear of them too.
    std::vector<ScreenRect> controls;
};

/// Rectangles of everything over the map, and the safe area left between them.
struct ScreenLayout {
    Viewport viewport;
    float scale = 1.0f; ///< multiplies pixel sizes
    std::optional<ScreenRect> legend, scaleBar, northArrow, title, caption, credits, note;
    std::vector<std::string> captionLines; ///< the caption wrapped to fit the frame's width
    double captionTextPx = 22.0;           ///< caption text size, pixels per em
    std::vector<ScreenRect> controls;
    ScreenRect safeArea; ///< where the stage's places, corridors and labels belong

    /// Every occupied rectangle (legend, scale bar at its widest, north arrow, texts, controls).
    std::vector<ScreenRect> overlays() const;
};

/// Lays out `content` on a `viewport` frame at text scale `scale`; `measure` sizes the texts.
ScreenLayout layoutScreen(Viewport viewport, float scale, const TextMeasure& measure,
                          const ScreenContent& content);

/// The largest rectangle of the frame (by area) that overlaps none of `obstacles` grown by `margin` pixels.
ScreenRect largestClearRect(Viewport viewport, const std::vector<ScreenRect>& obstacles, double margin);

/// `text` broken at spaces (or between Chinese characters) into lines no wider than `maxWidth` pixels.
std::vector<std::string> wrapText(const std::string& text, double pixelSize, double maxWidth,
                                  const TextMeasure& measure);

/// True when the rectangles share some area.
bool rectsOverlap(const ScreenRect& a, const ScreenRect& b);
/// True when `inner` lies wholly inside `outer`.
bool rectContains(const ScreenRect& outer, const ScreenRect& inner);

} // namespace qinba
