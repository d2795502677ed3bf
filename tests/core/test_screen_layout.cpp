// What is drawn over the map leaves the story a safe area: overlay rectangles from the frame size and
// content, the largest clear rectangle between them, wrapped captions, legend forms, and cameras fitted so a
// set of points fills a given rectangle of the frame.

#include "qinba/core/screen_layout.h"
#include "qinba/core/stage_framing.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba {
namespace {

/// A stand-in for the text renderer: ASCII half an em wide, other characters one em, lines 1.25 em high.
glm::dvec2 measure(std::string_view s, double px) {
    double w = 0.0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len == 1 ? 0.55 * px : px;
        i += len;
    }
    return {w, 1.25 * px};
}

ScreenContent storyContent() {
    ScreenContent c;
    for (const char* t :
         {"Rail corridor 铁路", "Road corridor 公路", "People 人流", "Goods 物流",
          "Qinba City Area (four agglomerations) 秦巴城市区（四大城市群） (approximate 近似)"})
        c.legend.push_back({LegendEntry::Swatch::Line, t});
    LegendEntry ramp;
    ramp.swatch = LegendEntry::Swatch::Ramp;
    ramp.text = "Elevation 高程";
    ramp.rampMin = 0;
    ramp.rampMax = 4000;
    c.legend.push_back(ramp);
    c.scaleBar = c.northArrow = true;
    c.title = "Pan-Qinba 泛秦巴";
    c.caption = "The Pan-Qinba Region: the Qinling–Daba mountains between six central cities";
    c.credits = "Qinba Atlas · terrain SRTM30 via Marble · reference data Natural Earth, GMT DCW";
    c.note = "Flow volumes: indicative values · 流量为示意值";
    return c;
}

TEST(ScreenLayout, TheSafeAreaOverlapsNoOverlayAndEveryOverlayIsOnScreen) {
    for (const Viewport vp : {Viewport{1920, 1080}, Viewport{1080, 1920}, Viewport{800, 800}}) {
        ScreenContent content = storyContent();
        content.controls.push_back({{vp.width - 400.0, vp.height - 120.0}, {380.0, 100.0}}); // a stage bar
        const float scale = static_cast<float>(std::max(1.0, vp.height / 1080.0));
        const ScreenLayout l = layoutScreen(vp, scale, measure, content);
        ASSERT_TRUE(l.legend && l.caption && l.title && l.credits && l.note && l.scaleBar && l.northArrow);
        const ScreenRect frame{{0, 0}, {double(vp.width), double(vp.height)}};
        for (const ScreenRect& r : l.overlays()) {
            EXPECT_TRUE(rectContains(frame, r)) << vp.width << "x" << vp.height;
            EXPECT_FALSE(rectsOverlap(r, l.safeArea)) << vp.width << "x" << vp.height;
        }
        // The safe area is most of what is left: at least a third of the frame.
        EXPECT_GT(l.safeArea.size.x * l.safeArea.size.y, vp.width * vp.height / 3.0) << vp.width;
        // Overlays keep clear of each other too (a wide legend in a narrow frame, the credits above it).
        const std::vector<ScreenRect> all = l.overlays();
        for (std::size_t i = 0; i < all.size(); ++i)
            for (std::size_t j = i + 1; j < all.size(); ++j)
                if (j < 7) EXPECT_FALSE(rectsOverlap(all[i], all[j])) << vp.width << " " << i << " " << j;
        EXPECT_FALSE(rectsOverlap(*l.legend, *l.note));
        EXPECT_FALSE(rectsOverlap(*l.scaleBar, *l.northArrow));
        EXPECT_FALSE(rectsOverlap(*l.credits, *l.northArrow));
    }
}

TEST(ScreenLayout, ACaptionWiderThanAPortraitFrameWraps) {
    const ScreenContent content = storyContent();
    const ScreenLayout wide = layoutScreen({1920, 1080}, 1.0f, measure, content);
    EXPECT_EQ(wide.captionLines.size(), 1u);
    const ScreenLayout tall = layoutScreen({1080, 1920}, 1920.0f / 1080.0f, measure, content);
    ASSERT_GT(tall.captionLines.size(), 1u);
    std::string joined;
    for (const std::string& line : tall.captionLines) {
        EXPECT_LE(measure(line, tall.captionTextPx).x, 1080.0) << line;
        joined += (joined.empty() ? "" : " ") + line;
    }
    EXPECT_EQ(joined, content.caption);
    EXPECT_LE(tall.caption->size.x, 1080.0);
    // Chinese breaks between characters.
    const auto zh = wrapText("秦岭大巴山之间的六个中心城市", 20.0, 100.0, measure);
    EXPECT_EQ(zh.size(), 3u);
    EXPECT_EQ(zh.front(), "秦岭大巴山");
}

TEST(ScreenLayout, CompactAndFoldedLegendsTakeLessRoom) {
    const ScreenContent content = storyContent();
    const glm::dvec2 full = legendSize(content.legend, content.legendTitle, LegendForm::Full, 1.0f, measure);
    const glm::dvec2 compact =
        legendSize(content.legend, content.legendTitle, LegendForm::Compact, 1.0f, measure);
    const glm::dvec2 folded =
        legendSize(content.legend, content.legendTitle, LegendForm::Collapsed, 1.0f, measure);
    EXPECT_LT(compact.y, full.y * 0.8);
    EXPECT_LT(folded.y, compact.y * 0.5);
    EXPECT_LT(folded.x, full.x);
}

TEST(ScreenLayout, TheLargestClearRectangleGoesAroundObstacles) {
    const Viewport vp{1000, 500};
    EXPECT_NEAR(largestClearRect(vp, {}, 0).size.x, 1000.0, 1e-9);
    // A legend in the bottom-left quarter: the best rectangle is the band above it (1000 x 300) rather than
    // the block beside it (700 x 500 = 350000 beats 300000).
    const ScreenRect legend{{0, 300}, {300, 200}};
    const ScreenRect r = largestClearRect(vp, {legend}, 0);
    EXPECT_FALSE(rectsOverlap(r, legend));
    EXPECT_NEAR(r.size.x * r.size.y, 350000.0, 1e-6);
    const ScreenRect m = largestClearRect(vp, {legend}, 10);
    EXPECT_FALSE(rectsOverlap(m, {{-10, 290}, {320, 220}}));
}

Dem plain() {
    std::vector<float> h(201 * 201, 200.0f);
    return Dem(201, 201, {-1005000.0, 1005000.0}, 10000.0, std::move(h));
}

TEST(StageFraming, FittedPointsFillTheAreaAndStayInsideIt) {
    const Dem dem = plain();
    const TerrainSurface surface(dem, 1.0);
    const std::vector<glm::dvec3> points = {
        {-300000, -100000, 200}, {250000, 50000, 200}, {0, 280000, 200}, {-120000, 150000, 200}};
    OrbitCamera start;
    start.target = {500000, -400000, 200};
    start.distance = 4.0e5;
    start.heading = 20.0;
    start.pitch = 50.0;
    for (const Viewport vp : {Viewport{1920, 1080}, Viewport{1080, 1920}}) {
        const ScreenRect area{{vp.width * 0.3, vp.height * 0.15}, {vp.width * 0.6, vp.height * 0.5}};
        const OrbitCamera c = fitCameraToArea(start, points, vp, area, surface);
        EXPECT_DOUBLE_EQ(c.heading, start.heading);
        EXPECT_DOUBLE_EQ(c.pitch, start.pitch);
        const auto b = projectedBounds(c, points, vp, surface);
        ASSERT_TRUE(b);
        EXPECT_TRUE(rectContains(area, *b)) << vp.width;
        // Filling: the bounds reach across the area on one axis (within 2 %).
        EXPECT_GT(std::max(b->size.x / area.size.x, b->size.y / area.size.y), 0.98) << vp.width;
        // ...and are centred in it.
        EXPECT_NEAR(b->topLeft.x + b->size.x / 2, area.topLeft.x + area.size.x / 2, area.size.x * 0.02);
        EXPECT_NEAR(b->topLeft.y + b->size.y / 2, area.topLeft.y + area.size.y / 2, area.size.y * 0.02);
    }
}

} // namespace
} // namespace qinba
