#pragma once
// Decluttered placement of map labels in screen space: each place's text box goes at one of a few
// positions around its symbol, so that no two labels overlap and more important places win.

#include "qinba/core/camera.h"

#include <cstddef>
#include <glm/glm.hpp>
#include <vector>

namespace qinba {

/// One place that wants a label. All lengths in pixels, screen coordinates from the top-left (y down).
struct LabelCandidate {
    glm::dvec2 anchor{0.0};    ///< centre of the place symbol
    glm::dvec2 size{0.0};      ///< width and height of the text box (as TextRenderer::measure gives it)
    double symbolRadius = 0.0; ///< radius of the place symbol; labels keep clear of it
    int priority = 0;          ///< smaller = more important (the place's rank); ties go by input order
};

/// A label that was placed: its candidate's index and its text box.
struct PlacedLabel {
    std::size_t candidate = 0; ///< index into the candidates passed to layoutLabels
    glm::dvec2 topLeft{0.0};   ///< pixels
    glm::dvec2 size{0.0};      ///< pixels, the candidate's size
};

/// Places labels greedily in order of importance (priority, then input order). Each label tries, in
/// order, the positions right, left, above and below its symbol, then the four diagonals, each `padding`
/// pixels clear of the symbol's circle. A position is allowed when the box lies inside the viewport,
/// keeps `padding` pixels from every label placed before it, and touches no symbol of a more important
/// place (whether that place got a label or not). Among allowed positions, the first that also leaves
/// the symbols of less important places uncovered is taken, else the first allowed one. A candidate is
/// skipped when its anchor lies outside the viewport, when a placed label already covers its symbol, or
/// when it is invalid (a number not finite, an empty box or a negative radius; its symbol is then
/// ignored too). Symbols count with `padding` added to their radius. So no label covers the symbol of a
/// labelled place: a caller that hides the symbols of unlabelled minor places shows none under a label.
/// Deterministic: the same input gives the same output. The result is in placement order (most important
/// first). A uniform grid of buckets keeps it fast for thousands of candidates.
/// A screen rectangle labels must keep clear of (a legend, a scale bar), pixels from the top-left.
struct ScreenRect {
    glm::dvec2 topLeft{0.0};
    glm::dvec2 size{0.0};
};

std::vector<PlacedLabel> layoutLabels(const std::vector<LabelCandidate>& candidates, Viewport viewport,
                                      double padding = 2.0, const std::vector<ScreenRect>& obstacles = {});

} // namespace qinba
