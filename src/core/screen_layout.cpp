#include "qinba/core/screen_layout.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

ScreenRect grown(const ScreenRect& r, double by) {
    return {r.topLeft - by, r.size + 2.0 * by};
}

/// A text on a panel with `pad` around it, placed by `anchor` and `align` (0: left/top, 1: right/bottom).
ScreenRect panelRect(glm::dvec2 box, glm::dvec2 anchor, glm::dvec2 align, double pad) {
    return {anchor - align * (box + 2.0 * pad), box + 2.0 * pad};
}

/// Splits UTF-8 text into pieces that a line may break after: a word with its trailing spaces, or a single
/// character outside ASCII (Chinese breaks between any two characters).
std::vector<std::string> breakable(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        const std::string ch = text.substr(i, len);
        i += len;
        if (len > 1) {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
            out.push_back(ch);
        } else {
            word += ch;
            if (ch == " ") {
                out.push_back(std::move(word));
                word.clear();
            }
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

std::string trimmed(std::string s) {
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    return s;
}

} // namespace

bool rectsOverlap(const ScreenRect& a, const ScreenRect& b) {
    return a.topLeft.x < b.topLeft.x + b.size.x && b.topLeft.x < a.topLeft.x + a.size.x &&
           a.topLeft.y < b.topLeft.y + b.size.y && b.topLeft.y < a.topLeft.y + a.size.y;
}

bool rectContains(const ScreenRect& outer, const ScreenRect& inner) {
    return inner.topLeft.x >= outer.topLeft.x && inner.topLeft.y >= outer.topLeft.y &&
           inner.topLeft.x + inner.size.x <= outer.topLeft.x + outer.size.x &&
           inner.topLeft.y + inner.size.y <= outer.topLeft.y + outer.size.y;
}

std::vector<std::string> wrapText(const std::string& text, double pixelSize, double maxWidth,
                                  const TextMeasure& measure) {
    std::vector<std::string> lines;
    std::string line;
    for (const std::string& piece : breakable(text)) {
        const std::string longer = line + piece;
        if (!line.empty() && measure(trimmed(longer), pixelSize).x > maxWidth) {
            lines.push_back(trimmed(line));
            line = piece == " " ? std::string() : piece;
        } else {
            line = longer;
        }
    }
    if (!trimmed(line).empty()) lines.push_back(trimmed(line));
    return lines;
}

std::vector<ScreenRect> ScreenLayout::overlays() const {
    std::vector<ScreenRect> out;
    for (const auto* r : {&legend, &scaleBar, &northArrow, &title, &caption, &credits, &note})
        if (*r) out.push_back(**r);
    out.insert(out.end(), controls.begin(), controls.end());
    return out;
}

ScreenLayout layoutScreen(Viewport viewport, float scale, const TextMeasure& measure,
                          const ScreenContent& content) {
    ScreenLayout l;
    l.viewport = viewport;
    l.scale = scale;
    l.controls = content.controls;
    const double w = viewport.width, h = viewport.height, s = scale, pad = 8.0 * s;
    if (measure) {
        double captionTop = 14 * s;
        if (!content.title.empty()) {
            l.title = panelRect(measure(content.title, 16.0 * s), {14 * s, 14 * s}, {0.0, 0.0}, pad);
            captionTop = l.title->topLeft.y + l.title->size.y + 8 * s;
        }
        if (!content.caption.empty()) {
            // Wrapped to the frame, so a portrait frame keeps the whole caption on screen.
            l.captionTextPx = 22.0 * s;
            l.captionLines = wrapText(content.caption, l.captionTextPx, w - 28 * s - 2 * pad, measure);
            glm::dvec2 box(0.0);
            for (const std::string& line : l.captionLines)
                box = {std::max(box.x, measure(line, l.captionTextPx).x),
                       box.y + measure(line, l.captionTextPx).y};
            l.caption = panelRect(box, {w / 2, captionTop}, {0.5, 0.0}, pad);
        }
        if (!content.credits.empty())
            l.credits =
                panelRect(measure(content.credits, 11.0 * s), {w - 14 * s, h - 150 * s}, {1.0, 1.0}, pad);
        double bottomLeft = h - 36.0 * s;
        if (!content.note.empty()) {
            const glm::dvec2 box = measure(content.note, 15.0 * s);
            l.note = ScreenRect{{12.0 * s, h - box.y - 10.0 * s}, box};
            bottomLeft = std::min(bottomLeft, l.note->topLeft.y - 4.0 * s);
        }
        if (!content.legend.empty()) {
            const glm::dvec2 size =
                legendSize(content.legend, content.legendTitle, content.legendForm, scale, measure);
            l.legend = ScreenRect{{12.0 * s, bottomLeft - size.y}, size};
        }
        if (content.scaleBar) {
            const glm::dvec2 slot = scaleBarSlot(scale);
            l.scaleBar = ScreenRect{{w - 10.0 * s - slot.x, h - 62.0 * s}, slot};
        }
    }
    if (content.northArrow) {
        const glm::dvec2 slot = northArrowSlot(scale);
        l.northArrow = ScreenRect{glm::dvec2(w - 40.0 * s, h - 110.0 * s) - slot * 0.5, slot};
    }
    // A wide legend (a narrow frame) would run under the furniture of the bottom right: it moves up above
    // it, and the credits move up above whatever they would cover.
    const auto lift = [&](std::optional<ScreenRect>& r, const std::optional<ScreenRect>& below) {
        if (r && below && rectsOverlap(*r, *below))
            r->topLeft.y = std::max(0.0, below->topLeft.y - r->size.y - 6.0 * s);
    };
    lift(l.legend, l.scaleBar);
    lift(l.legend, l.northArrow);
    for (int pass = 0; pass < 2; ++pass)
        for (const auto* other : {&l.legend, &l.northArrow, &l.scaleBar})
            lift(l.credits, *other);
    l.safeArea = largestClearRect(viewport, l.overlays(), 6.0 * s);
    return l;
}

ScreenRect largestClearRect(Viewport viewport, const std::vector<ScreenRect>& obstacles, double margin) {
    const double w = viewport.width, h = viewport.height;
    std::vector<ScreenRect> blocks;
    std::vector<double> xs{0.0, w}, ys{0.0, h};
    for (const ScreenRect& r : obstacles) {
        const ScreenRect g = grown(r, margin);
        blocks.push_back(g);
        xs.push_back(std::clamp(g.topLeft.x, 0.0, w));
        xs.push_back(std::clamp(g.topLeft.x + g.size.x, 0.0, w));
        ys.push_back(std::clamp(g.topLeft.y, 0.0, h));
        ys.push_back(std::clamp(g.topLeft.y + g.size.y, 0.0, h));
    }
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
    // Every candidate's edges are frame edges or obstacle edges; a handful of obstacles keeps this small.
    ScreenRect best{{0.0, 0.0}, {0.0, 0.0}};
    double bestArea = -1.0;
    for (std::size_t x0 = 0; x0 < xs.size(); ++x0)
        for (std::size_t x1 = x0 + 1; x1 < xs.size(); ++x1)
            for (std::size_t y0 = 0; y0 < ys.size(); ++y0)
                for (std::size_t y1 = y0 + 1; y1 < ys.size(); ++y1) {
                    const ScreenRect c{{xs[x0], ys[y0]}, {xs[x1] - xs[x0], ys[y1] - ys[y0]}};
                    const double area = c.size.x * c.size.y;
                    if (area <= bestArea) continue;
                    if (std::none_of(blocks.begin(), blocks.end(),
                                     [&](const ScreenRect& b) { return rectsOverlap(b, c); })) {
                        best = c;
                        bestArea = area;
                    }
                }
    return best;
}

} // namespace qinba
