// Flows stay legible for colour-blind visitors: a flows frame converted with a colour-vision-deficiency
// simulation (Machado, Oliveira and Fernandes 2009, severity 1: protanopia, deuteranopia, tritanopia) still
// tells people, goods and information apart by the shape of their marks and by their colours.

#include "flow_frames.h"
#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/scene_settings.h"
#include "qinba/render/offscreen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace qinba {
namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

struct Simulation {
    const char* name;
    Matrix m; ///< linear RGB to linear RGB
};

// Machado et al. 2009, severity 1.0.
const Simulation kSimulations[] = {
    {"normal", {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}},
    {"protanopia",
     {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}}},
    {"deuteranopia",
     {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}}},
    {"tritanopia",
     {{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}}},
};

double toLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double toSrgb(double c) {
    c = std::clamp(c, 0.0, 1.0);
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

/// sRGB (0–1) as the simulated viewer sees it, sRGB (0–1).
glm::dvec3 simulate(const Simulation& s, glm::dvec3 srgb) {
    const glm::dvec3 l(toLinear(srgb.r), toLinear(srgb.g), toLinear(srgb.b));
    glm::dvec3 out;
    for (int i = 0; i < 3; ++i)
        out[i] = toSrgb(s.m[i][0] * l.r + s.m[i][1] * l.g + s.m[i][2] * l.b);
    return out;
}

/// CIE L*a*b* (D65) of an sRGB colour (0–1).
glm::dvec3 lab(glm::dvec3 srgb) {
    const double r = toLinear(srgb.r), g = toLinear(srgb.g), b = toLinear(srgb.b);
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))};
}

/// CIE76 colour difference.
double deltaE(glm::dvec3 labA, glm::dvec3 labB) {
    return glm::length(labA - labB);
}

ImageRgba8 simulateImage(const Simulation& s, const ImageRgba8& in) {
    ImageRgba8 out = in;
    for (std::size_t i = 0; i + 3 < out.pixels.size(); i += 4) {
        const glm::dvec3 c =
            simulate(s, glm::dvec3(in.pixels[i], in.pixels[i + 1], in.pixels[i + 2]) / 255.0);
        for (int k = 0; k < 3; ++k)
            out.pixels[i + k] = static_cast<std::uint8_t>(std::lround(c[k] * 255.0));
    }
    return out;
}

glm::dvec3 pixel(const ImageRgba8& img, int x, int y) {
    const std::uint8_t* p = img.at(x, y);
    return glm::dvec3(p[0], p[1], p[2]) / 255.0;
}

/// One mark found in an image: its shape descriptor and its fill colour.
struct Mark {
    double elongation = 1.0;   ///< square root of the ratio of the principal second moments (1: round)
    double rectangularity = 0; ///< area over the smallest bounding box at any angle (disc π/4, square 1)
    double area = 0;           ///< pixels
    glm::dvec3 fillLab{0.0};   ///< mean L*a*b* of the component's brightest 40 % (inside the dark rim)
};

/// The marks of `img` as `sim` sees it: 8-connected components of pixels that differ from `background`
/// (the same frame without the marks) by more than ΔE 12 after the simulation.
std::vector<Mark> findMarks(const ImageRgba8& img, const ImageRgba8& background, const Simulation& sim) {
    const int w = img.width, h = img.height;
    std::vector<int> label(static_cast<std::size_t>(w * h), -1);
    std::vector<char> on(label.size(), 0);
    auto seen = [&](const ImageRgba8& i, int x, int y) { return lab(simulate(sim, pixel(i, x, y))); };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const std::uint8_t *a = img.at(x, y), *b = background.at(x, y);
            // The terrain renders the same every time: only pixels a mark touched differ at all.
            if (a[0] == b[0] && a[1] == b[1] && a[2] == b[2]) continue;
            on[y * w + x] = deltaE(seen(img, x, y), seen(background, x, y)) > 12.0;
        }
    std::vector<Mark> marks;
    std::vector<glm::ivec2> stack, members;
    for (int start = 0; start < w * h; ++start) {
        if (!on[start] || label[start] >= 0) continue;
        members.clear();
        stack = {{start % w, start / w}};
        label[start] = static_cast<int>(marks.size());
        bool touchesEdge = false;
        while (!stack.empty()) {
            const glm::ivec2 p = stack.back();
            stack.pop_back();
            members.push_back(p);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int x = p.x + dx, y = p.y + dy;
                    if (x < 0 || y < 0 || x >= w || y >= h) {
                        touchesEdge = true;
                        continue;
                    }
                    if (on[y * w + x] && label[y * w + x] < 0) {
                        label[y * w + x] = label[start];
                        stack.push_back({x, y});
                    }
                }
        }
        Mark m;
        m.area = static_cast<double>(members.size());
        if (touchesEdge || m.area < 20.0) {
            marks.push_back({0.0, 0.0, 0.0, {}}); // keeps labels aligned; dropped below
            continue;
        }
        glm::dvec2 mean(0.0);
        for (glm::ivec2 p : members)
            mean += glm::dvec2(p);
        mean /= m.area;
        double sxx = 0, syy = 0, sxy = 0;
        for (glm::ivec2 p : members) {
            const glm::dvec2 d = glm::dvec2(p) - mean;
            sxx += d.x * d.x, syy += d.y * d.y, sxy += d.x * d.y;
        }
        const double tr = (sxx + syy) / m.area, det = (sxx * syy - sxy * sxy) / (m.area * m.area);
        const double disc = std::sqrt(std::max(tr * tr / 4.0 - det, 0.0));
        m.elongation = std::sqrt((tr / 2.0 + disc) / std::max(tr / 2.0 - disc, 1e-9));
        double smallestBox = 1e18;
        for (int step = 0; step < 90; step += 2) {
            const double a = glm::radians(static_cast<double>(step));
            const glm::dvec2 u(std::cos(a), std::sin(a)), v(-u.y, u.x);
            double u0 = 1e18, u1 = -1e18, v0 = 1e18, v1 = -1e18;
            for (glm::ivec2 p : members) {
                const double pu = glm::dot(glm::dvec2(p), u), pv = glm::dot(glm::dvec2(p), v);
                u0 = std::min(u0, pu), u1 = std::max(u1, pu), v0 = std::min(v0, pv), v1 = std::max(v1, pv);
            }
            smallestBox = std::min(smallestBox, (u1 - u0 + 1.0) * (v1 - v0 + 1.0));
        }
        m.rectangularity = m.area / smallestBox;
        std::vector<glm::dvec3> colours;
        for (glm::ivec2 p : members)
            colours.push_back(seen(img, p.x, p.y));
        std::sort(colours.begin(), colours.end(), [](glm::dvec3 a, glm::dvec3 b) { return a.x > b.x; });
        const std::size_t n = std::max<std::size_t>(1, colours.size() * 2 / 5);
        for (std::size_t i = 0; i < n; ++i)
            m.fillLab += colours[i] / static_cast<double>(n);
        marks.push_back(m);
    }
    // Marks that overlap a neighbour merge into one larger component: keep the ones of a single mark's size.
    std::vector<Mark> kept;
    std::vector<double> areas;
    for (const Mark& m : marks)
        if (m.area > 0.0) areas.push_back(m.area);
    if (areas.empty()) return kept;
    std::nth_element(areas.begin(), areas.begin() + areas.size() / 2, areas.end());
    const double median = areas[areas.size() / 2];
    for (const Mark& m : marks)
        if (m.area > 0.6 * median && m.area < 1.4 * median) kept.push_back(m);
    return kept;
}

const char* kTypeNames[] = {"people", "goods", "information"};

/// Only the flow marks of `type` from `list`.
DrawList marksOf(const DrawList& list, FlowType type) {
    const MarkerShape shapes[] = {MarkerShape::Disc, MarkerShape::Block, MarkerShape::Dash};
    DrawList out;
    for (const MarkerItem& m : list.markers)
        if (m.animated && m.shape == shapes[static_cast<int>(type)]) out.markers.push_back(m);
    return out;
}

constexpr double kMinPaletteDeltaE = 50.0;  ///< CIE76 between any two flow colours, each simulation
constexpr double kMinRenderedDeltaE = 30.0; ///< CIE76 between the rendered marks' mean fill colours

TEST(FlowLegibility, PaletteStaysApartUnderColourBlindness) {
    const OverlayStyle style;
    const glm::vec4 colours[] = {style.people, style.goods, style.information};
    for (const Simulation& s : kSimulations)
        for (int a = 0; a < 3; ++a)
            for (int b = a + 1; b < 3; ++b) {
                const double d = deltaE(lab(simulate(s, glm::dvec3(colours[a]))),
                                        lab(simulate(s, glm::dvec3(colours[b]))));
                EXPECT_GT(d, kMinPaletteDeltaE)
                    << s.name << ": " << kTypeNames[a] << " and " << kTypeNames[b];
            }
}

TEST(FlowLegibility, KindsStaySeparableByShapeAndColourUnderColourBlindness) {
    REQUIRE_GL();
    const test::FlowScene scene = test::makeFlowScene(*RenderEnvironment::dem);
    const Viewport view{960, 540};
    SceneFrame frame;
    frame.viewport = view;
    frame.camera = scene.camera;
    frame.style.haze = 0.0;
    const float scale = 2.5f; // marks about 25 px across, so their shape is measurable
    DrawList empty;
    frame.overlay = &empty;
    auto background = renderToImage(*RenderEnvironment::renderer, frame, 4);
    ASSERT_TRUE(background) << background.error().toString();

    // The whole flows frame, as a visitor sees it, saved under each simulation for people to look at.
    DrawList full = test::flowDrawList(scene, frame.camera, view, scale, 3.0);
    frame.overlay = &full;
    auto flows = renderToImage(*RenderEnvironment::renderer, frame, 4);
    ASSERT_TRUE(flows) << flows.error().toString();
    for (const Simulation& s : kSimulations)
        ASSERT_TRUE(writePng(artifact(std::string("flows_") + s.name + ".png"), simulateImage(s, *flows)));

    // Each kind's marks alone, at a few moments, against the same frame without them.
    std::map<std::string, std::array<std::vector<Mark>, 3>> found; // by simulation, then kind
    for (const double t : {3.0, 4.3, 5.6, 6.9})
        for (int type = 0; type < 3; ++type) {
            const DrawList marks =
                marksOf(test::flowDrawList(scene, frame.camera, view, scale, t), static_cast<FlowType>(type));
            frame.overlay = &marks;
            auto img = renderToImage(*RenderEnvironment::renderer, frame, 4);
            ASSERT_TRUE(img) << img.error().toString();
            for (const Simulation& s : kSimulations) {
                const std::vector<Mark> m = findMarks(*img, *background, s);
                auto& into = found[s.name][static_cast<std::size_t>(type)];
                into.insert(into.end(), m.begin(), m.end());
            }
        }

    for (const Simulation& s : kSimulations) {
        const auto& kinds = found[s.name];
        // Shape: a nearest-centre classifier on (log elongation, rectangularity) puts at least 90 % of the
        // marks of each kind with their own kind.
        glm::dvec2 centre[3];
        glm::dvec3 fill[3];
        for (int k = 0; k < 3; ++k) {
            ASSERT_GE(kinds[k].size(), 20u) << s.name << ": too few " << kTypeNames[k] << " marks found";
            centre[k] = glm::dvec2(0.0);
            fill[k] = glm::dvec3(0.0);
            for (const Mark& m : kinds[k]) {
                centre[k] += glm::dvec2(std::log(m.elongation), m.rectangularity);
                fill[k] += m.fillLab;
            }
            centre[k] /= static_cast<double>(kinds[k].size());
            fill[k] /= static_cast<double>(kinds[k].size());
            std::printf("%s %s: %zu marks, elongation %.2f, rectangularity %.2f, L*a*b* %.0f %.0f %.0f\n",
                        s.name, kTypeNames[k], kinds[k].size(), std::exp(centre[k].x), centre[k].y, fill[k].x,
                        fill[k].y, fill[k].z);
        }
        for (int k = 0; k < 3; ++k) {
            int right = 0;
            for (const Mark& m : kinds[k]) {
                const glm::dvec2 d(std::log(m.elongation), m.rectangularity);
                int best = 0;
                for (int j = 1; j < 3; ++j)
                    if (glm::length(d - centre[j]) < glm::length(d - centre[best])) best = j;
                right += best == k;
            }
            EXPECT_GE(right, static_cast<int>(kinds[k].size() * 9 / 10))
                << s.name << ": " << kTypeNames[k] << " marks not told apart by shape";
        }
        // Colour: the kinds' rendered fills stay apart.
        for (int a = 0; a < 3; ++a)
            for (int b = a + 1; b < 3; ++b)
                EXPECT_GT(deltaE(fill[a], fill[b]), kMinRenderedDeltaE)
                    << s.name << ": " << kTypeNames[a] << " and " << kTypeNames[b] << " colours too close";
    }
}

TEST(FlowLegibility, MarksScaleWithTheOutputSize) {
    // A 1080p video and a 4K wall: marks grow with the picture (SceneSettings::textScaleFor, what every
    // front end passes as OverlayStyle::scale), and stay big enough to read in 1080p.
    REQUIRE_GL();
    const test::FlowScene scene = test::makeFlowScene(*RenderEnvironment::dem);
    double medianArea[2] = {};
    const Viewport sizes[2] = {{1920, 1080}, {3840, 2160}};
    for (int i = 0; i < 2; ++i) {
        SceneFrame frame;
        frame.viewport = sizes[i];
        frame.camera = scene.camera;
        const auto scale = static_cast<float>(SceneSettings{}.textScaleFor(sizes[i].height));
        DrawList empty;
        frame.overlay = &empty;
        auto background = renderToImage(*RenderEnvironment::renderer, frame, 1);
        ASSERT_TRUE(background) << background.error().toString();
        const DrawList marks =
            marksOf(test::flowDrawList(scene, frame.camera, sizes[i], scale, 3.0), FlowType::People);
        frame.overlay = &marks;
        auto img = renderToImage(*RenderEnvironment::renderer, frame, 1);
        ASSERT_TRUE(img) << img.error().toString();
        std::vector<Mark> found = findMarks(*img, *background, kSimulations[0]);
        ASSERT_GE(found.size(), 10u);
        std::vector<double> areas;
        for (const Mark& m : found)
            areas.push_back(m.area);
        std::nth_element(areas.begin(), areas.begin() + areas.size() / 2, areas.end());
        medianArea[i] = areas[areas.size() / 2];
    }
    std::printf("median mark area: %.0f px at 1080p, %.0f px at 2160p\n", medianArea[0], medianArea[1]);
    EXPECT_GE(medianArea[0], 60.0) << "marks at least about 9 px across in a 1080p video";
    EXPECT_NEAR(medianArea[1] / medianArea[0], 4.0, 0.8) << "twice the height, twice the size";
}

} // namespace
} // namespace qinba
