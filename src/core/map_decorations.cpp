#include "qinba/core/map_decorations.h"

#include "qinba/core/screen_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qinba {

namespace {

const glm::vec4 kPanel{1.0f, 1.0f, 1.0f, 0.78f};
const glm::vec4 kInk{0.08f, 0.08f, 0.10f, 1.0f};

TextItem text(std::string s, glm::vec2 topLeft, double size, glm::vec4 color = kInk) {
    TextItem t;
    t.utf8 = std::move(s);
    t.topLeft = topLeft;
    t.pixelSize = size;
    t.color = color;
    t.haloWidth = 0.0;
    return t;
}

/// A disc of `radius` pixels as a fan of triangles.
ScreenShape disc(glm::vec2 c, float radius, glm::vec4 color) {
    ScreenShape out{{}, color};
    constexpr int kSides = 16;
    for (int i = 0; i < kSides; ++i) {
        const float a0 = 6.2831853f * static_cast<float>(i) / kSides;
        const float a1 = 6.2831853f * static_cast<float>(i + 1) / kSides;
        out.triangles.insert(out.triangles.end(), {c, c + radius * glm::vec2(std::cos(a0), std::sin(a0)),
                                                   c + radius * glm::vec2(std::cos(a1), std::sin(a1))});
    }
    return out;
}

/// A flow mark as the map draws it (fill inside a dark rim), centred on `c`, about `size` pixels across.
void flowMark(DrawList& out, MarkerShape shape, glm::vec2 c, float size, glm::vec4 fill) {
    const glm::vec4 rim{0.08f, 0.08f, 0.08f, 0.9f};
    const float r = 0.15f * size;
    if (shape == MarkerShape::Disc) {
        out.shapes.push_back(disc(c, 0.5f * size, rim));
        out.shapes.push_back(disc(c, 0.5f * size - r, fill));
        return;
    }
    const glm::vec2 half =
        shape == MarkerShape::Dash ? glm::vec2(0.85f, 0.29f) * size : glm::vec2(0.43f * size);
    out.shapes.push_back(ScreenShape::rect(c - half, 2.0f * half, rim));
    out.shapes.push_back(ScreenShape::rect(c - half + r, 2.0f * half - 2.0f * r, fill));
}

std::string rampLabel(double metres) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f m", metres + 0.0);
    return buf;
}

std::string rampRange(const LegendEntry& e) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f–%.0f m", e.rampMin + 0.0, e.rampMax + 0.0);
    return buf;
}

/// Sizes of a legend form at text scale s.
struct LegendMetrics {
    float pad, row, swatch, textSize, rampRows;
    bool title;
};

LegendMetrics metricsFor(LegendForm form, float s) {
    if (form == LegendForm::Compact) return {5.0f * s, 15.0f * s, 14.0f * s, 11.0f * s, 1.0f, false};
    return {7.0f * s, 17.0f * s, 16.0f * s, 12.0f * s, 3.2f, true};
}

void drawLegend(DrawList& out, const std::vector<LegendEntry>& entries, const std::string& title,
                LegendForm form, glm::vec2 origin, glm::vec2 size, float s) {
    const LegendMetrics m = metricsFor(form, s);
    const float pad = m.pad, row = m.row, swatch = m.swatch, textSize = m.textSize;
    out.shapes.push_back(ScreenShape::rect(origin, size, kPanel));
    if (form == LegendForm::Collapsed) {
        // A "+" before the title says there is more to unfold.
        const glm::vec2 c = origin + glm::vec2(pad + 6 * s, size.y * 0.5f);
        out.shapes.push_back(ScreenShape::rect(c - glm::vec2(5 * s, 1 * s), {10 * s, 2 * s}, kInk));
        out.shapes.push_back(ScreenShape::rect(c - glm::vec2(1 * s, 5 * s), {2 * s, 10 * s}, kInk));
        out.texts.push_back(text(title, origin + glm::vec2(pad + 16 * s, pad), textSize * 1.1));
        return;
    }
    float y = origin.y + pad;
    if (m.title) {
        out.texts.push_back(text(title, origin + glm::vec2(pad, pad), textSize * 1.1));
        y += row * 1.2f;
    }
    const float x = origin.x + pad;
    for (const LegendEntry& e : entries) {
        const float cy = y + row * 0.5f;
        const float half = std::min(7 * s, row * 0.42f);
        switch (e.swatch) {
        case LegendEntry::Swatch::Fill:
            out.shapes.push_back(
                ScreenShape::rect({x - 1, cy - half - 1}, {swatch + 2, 2 * half + 2}, e.outline));
            out.shapes.push_back(ScreenShape::rect({x, cy - half}, {swatch, 2 * half}, e.fill));
            break;
        case LegendEntry::Swatch::Line:
            out.shapes.push_back(ScreenShape::rect({x, cy - 1.5f * s}, {swatch, 3 * s}, e.outline));
            break;
        case LegendEntry::Swatch::Point:
            out.shapes.push_back(ScreenShape::rect({x + 4 * s, cy - 5 * s}, {10 * s, 10 * s}, e.outline));
            out.shapes.push_back(ScreenShape::rect({x + 6 * s, cy - 3 * s}, {6 * s, 6 * s}, e.fill));
            break;
        case LegendEntry::Swatch::Mark: {
            // Marks as they travel in a row along a corridor, inside the swatch's width: two dots or
            // blocks, one dash (a dash is 1.7 times as long as its size).
            if (e.mark == MarkerShape::Dash) {
                flowMark(out, e.mark, {x + swatch * 0.5f, cy}, std::min(8.0f * s, swatch / 1.7f), e.fill);
                break;
            }
            const float markPx = std::min(8.0f * s, swatch / 2.25f);
            flowMark(out, e.mark, {x + markPx * 0.5f, cy}, markPx, e.fill);
            flowMark(out, e.mark, {x + swatch - markPx * 0.5f, cy}, markPx, e.fill);
            break;
        }
        case LegendEntry::Swatch::Volume: {
            // A ribbon widening to the right, with marks closer together as it widens.
            const glm::vec2 a{x, cy + 1.0f * s}, b{x + swatch, cy + 3.0f * s}, c{x + swatch, cy - 3.0f * s},
                d{x, cy - 1.0f * s};
            out.shapes.push_back({{a, b, c, a, c, d}, e.outline});
            for (const float t : {0.1f, 0.55f, 0.78f, 0.95f})
                out.shapes.push_back(disc({x + t * swatch, cy - 5.5f * s}, 1.6f * s, e.fill));
            break;
        }
        case LegendEntry::Swatch::Ramp: {
            constexpr float slices = 24.0f;
            const float tx = x + swatch + pad;
            if (form == LegendForm::Compact) {
                // One line: a horizontal bar from the lowest elevation (left) to the highest, "min–max m".
                for (float i = 0.0f; i < slices && e.ramp; i += 1.0f) {
                    const double elevation = e.rampMin + (e.rampMax - e.rampMin) * (i + 0.5) / slices;
                    const glm::vec3 c = e.ramp->colorAt(elevation);
                    out.shapes.push_back(ScreenShape::rect({x + swatch * i / slices, cy - half},
                                                           {swatch / slices + 0.5f, 2 * half},
                                                           glm::vec4(c, 1.0f)));
                }
                out.texts.push_back(text(e.text + " " + rampRange(e), {tx, cy - textSize * 0.62f}, textSize));
                y += row;
                continue;
            }
            // A vertical bar from the highest elevation (top) to the lowest, labelled at both ends.
            const float top = y + 2 * s, h = row * 3.0f - 4 * s;
            for (float i = 0.0f; i < slices && e.ramp; i += 1.0f) {
                const double elevation = e.rampMax - (e.rampMax - e.rampMin) * (i + 0.5) / slices;
                const glm::vec3 c = e.ramp->colorAt(elevation);
                out.shapes.push_back(ScreenShape::rect({x, top + h * i / slices}, {swatch, h / slices + 0.5f},
                                                       glm::vec4(c, 1.0f)));
            }
            out.texts.push_back(text(rampLabel(e.rampMax), {tx, top - 2 * s}, textSize * 0.9));
            out.texts.push_back(text(e.text, {tx, top + h * 0.5f - textSize * 0.6f}, textSize));
            out.texts.push_back(text(rampLabel(e.rampMin), {tx, top + h - textSize}, textSize * 0.9));
            y += row * m.rampRows;
            continue;
        }
        }
        out.texts.push_back(
            text(e.text, {x + swatch + pad, cy - static_cast<float>(textSize) * 0.62f}, textSize));
        y += row;
    }
}

void scaleBar(DrawList& out, const OrbitCamera& camera, Viewport vp, const ScreenRect& slot, float s,
              const TextMeasure& measure) {
    const double mpp = metresPerPixel(camera, vp);
    const double metres = niceScaleLength(mpp, 160.0 * s);
    const auto px = static_cast<float>(metres / mpp);
    const glm::vec2 right(static_cast<float>(slot.topLeft.x + slot.size.x) - 6.0f * s,
                          static_cast<float>(slot.topLeft.y) + 22.0f * s);
    const glm::vec2 left = right - glm::vec2(px, 0.0f);
    char label[32];
    std::snprintf(label, sizeof label, metres >= 1000.0 ? "%.0f km" : "%.0f m",
                  metres >= 1000.0 ? metres / 1000.0 : metres);
    const float textSize = 13.0f * s;
    const glm::dvec2 size = measure(label, textSize);
    out.shapes.push_back(ScreenShape::rect(left - glm::vec2(6 * s, 22 * s), {px + 12 * s, 34 * s}, kPanel));
    out.shapes.push_back(ScreenShape::rect(left, {px, 4 * s}, kInk));
    out.shapes.push_back(ScreenShape::rect(left - glm::vec2(0, 5 * s), {2 * s, 9 * s}, kInk));
    out.shapes.push_back(ScreenShape::rect(right - glm::vec2(2 * s, 5 * s), {2 * s, 9 * s}, kInk));
    out.texts.push_back(
        text(label, {left.x + px * 0.5f - static_cast<float>(size.x) * 0.5f, left.y - 20 * s}, textSize));
}

void northArrow(DrawList& out, const OrbitCamera& camera, Viewport vp, const ScreenRect& slot, float s) {
    // North on screen: the projection of a step north from the target.
    const CameraMatrices m =
        computeMatrices(camera, vp, {camera.target - glm::dvec3(1e3), camera.target + glm::dvec3(1e3)});
    const auto a = projectToScreen(m, vp, camera.target);
    const auto b = projectToScreen(m, vp, camera.target + glm::dvec3(0.0, camera.distance * 0.01, 0.0));
    glm::vec2 dir(0.0f, -1.0f);
    if (a && b && glm::length(glm::dvec2(*b - *a)) > 1e-6)
        dir = glm::normalize(glm::vec2(glm::dvec2(*b) - glm::dvec2(*a)));
    const glm::vec2 side(-dir.y, dir.x);
    const glm::vec2 centre(slot.topLeft + slot.size * 0.5);
    const float r = 20.0f * s;
    out.shapes.push_back(ScreenShape::rect(centre - glm::vec2(r + 6 * s), glm::vec2(2 * r + 12 * s), kPanel));
    const glm::vec2 tip = centre + dir * r, tail = centre - dir * r;
    out.shapes.push_back(
        {{tip, centre + side * (r * 0.45f), tail, tip, tail, centre - side * (r * 0.45f)}, kInk});
    out.shapes.push_back({{tail, centre + side * (r * 0.45f), centre - dir * (r * 0.35f), tail,
                           centre - dir * (r * 0.35f), centre - side * (r * 0.45f)},
                          glm::vec4(0.62f, 0.62f, 0.66f, 1.0f)});
    out.texts.push_back(text("N", tip + dir * (6.0f * s) - glm::vec2(5 * s, 8 * s), 13.0 * s));
}

} // namespace

double niceScaleLength(double metresPerPixel, double maxPx) {
    const double raw = std::max(metresPerPixel * maxPx, 1e-6);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * mag <= raw) return m * mag;
    return mag;
}

glm::dvec2 legendSize(const std::vector<LegendEntry>& entries, const std::string& title, LegendForm form,
                      float s, const TextMeasure& measure) {
    const LegendMetrics m = metricsFor(form, s);
    const double titleSize = m.textSize * 1.1;
    if (form == LegendForm::Collapsed)
        return {measure(title, titleSize).x + 2 * m.pad + 16 * s, m.row * 1.2 + 2 * m.pad};
    double width = m.title ? measure(title, titleSize).x : 0.0;
    double height = m.title ? m.row * 1.2 : 0.0;
    for (const LegendEntry& e : entries) {
        const bool ramp = e.swatch == LegendEntry::Swatch::Ramp;
        const std::string line = ramp && form == LegendForm::Compact ? e.text + " " + rampRange(e) : e.text;
        width = std::max(width, m.swatch + m.pad + measure(line, m.textSize).x);
        if (ramp && form == LegendForm::Full)
            width = std::max(width, m.swatch + m.pad + measure(rampLabel(e.rampMin), m.textSize).x);
        height += ramp ? m.row * m.rampRows : m.row;
    }
    return {width + 2 * m.pad, height + 2 * m.pad};
}

glm::dvec2 scaleBarSlot(float s) {
    return {172.0 * s, 34.0 * s};
}

glm::dvec2 northArrowSlot(float s) {
    return glm::dvec2(52.0 * s);
}

void addMapDecorations(DrawList& out, const std::vector<LegendEntry>& entries, const OrbitCamera& camera,
                       const ScreenLayout& layout, const TextMeasure& measure,
                       const DecorationOptions& options) {
    if (!measure) return;
    const float s = layout.scale;
    if (options.legend && layout.legend)
        drawLegend(out, entries, options.legendTitle, options.legendForm, glm::vec2(layout.legend->topLeft),
                   glm::vec2(layout.legend->size), s);
    if (options.scaleBar && layout.scaleBar)
        scaleBar(out, camera, layout.viewport, *layout.scaleBar, s, measure);
    if (options.northArrow && layout.northArrow)
        northArrow(out, camera, layout.viewport, *layout.northArrow, s);
}

} // namespace qinba
