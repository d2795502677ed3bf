#pragma once
// What the map overlay draws in one frame, decided on the CPU (which corridors, which marks, where) and
// executed by the renderer: wide lines along 3D polylines and screen-facing markers.

#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace qinba {

/// Shapes a marker can take.
enum class MarkerShape : int {
    Disc = 0,    ///< round dot with a dark rim (people)
    Block = 1,   ///< square block with a dark rim, turned to the direction of travel (goods)
    Glow = 2,    ///< soft bright pulse (highlights)
    Place = 3,   ///< white disc with a coloured ring (cities)
    Diamond = 4, ///< small diamond (county towns)
    Dash = 5,    ///< short thin dash along the direction of travel, dark rim (information)
};

/// A line of constant screen width along a polyline in world space.
struct LineItem {
    std::vector<glm::dvec3> points; ///< world metres
    glm::vec4 color{1.0f};          ///< straight alpha
    float widthPx = 2.0f;           ///< pixels
    float dashPx = 0.0f;            ///< dash and gap length in pixels along the line; 0 = solid
    bool depthTested = true;        ///< hidden behind terrain (false: always on top)
};

/// A marker centred on a world point, `sizePx` across.
struct MarkerItem {
    glm::dvec3 position{0.0};               ///< world metres
    glm::dvec3 direction{1.0, 0.0, 0.0};    ///< unit; elongated shapes point this way on screen
    glm::vec4 color{1.0f};                  ///< fill, straight alpha
    glm::vec4 ring{0.0f, 0.0f, 0.0f, 1.0f}; ///< rim or ring colour
    float sizePx = 6.0f;
    float sideOffsetPx = 0.0f; ///< shifts the marker this far to the right of its direction of travel, pixels
    MarkerShape shape = MarkerShape::Disc;
    /// Moves every frame (flow marks): the renderer sends it each frame instead of keeping it on the GPU.
    bool animated = false;
};

/// Text in screen space (labels, notes), drawn last, over everything.
struct TextItem {
    std::string utf8;
    glm::dvec2 topLeft{0.0};                    ///< pixels from the top-left of the viewport
    double pixelSize = 14.0;                    ///< pixels per em
    glm::vec4 color{0.08f, 0.08f, 0.08f, 1.0f}; ///< straight alpha
    glm::vec4 halo{1.0f, 1.0f, 1.0f, 0.9f};
    double haloWidth = 2.0; ///< pixels
};

/// Filled triangles in screen space (legend boxes and swatches, scale bar, north arrow).
struct ScreenShape {
    std::vector<glm::vec2> triangles; ///< three pixel positions per triangle, from the top-left
    glm::vec4 color{1.0f};            ///< straight alpha
    /// An axis-aligned rectangle.
    static ScreenShape rect(glm::vec2 topLeft, glm::vec2 size, glm::vec4 color);
};

/// Everything the overlay draws in one frame, in order: lines, markers, screen shapes, texts.
struct DrawList {
    std::vector<LineItem> lines;
    std::vector<MarkerItem> markers;
    std::vector<ScreenShape> shapes;
    std::vector<TextItem> texts;
    void clear() {
        lines.clear();
        markers.clear();
        shapes.clear();
        texts.clear();
    }
};

inline ScreenShape ScreenShape::rect(glm::vec2 p, glm::vec2 s, glm::vec4 color) {
    return {
        {p, {p.x + s.x, p.y}, {p.x, p.y + s.y}, {p.x + s.x, p.y}, {p.x + s.x, p.y + s.y}, {p.x, p.y + s.y}},
        color};
}

} // namespace qinba
