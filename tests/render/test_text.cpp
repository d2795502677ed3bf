// Map label text through a headless EGL context: Chinese glyphs from Noto Sans CJK are really drawn (not
// .notdef boxes), inside their boxes, with a halo, and decluttered labels do not overlap on screen.

#include "render_environment.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/label_layout.h"
#include "qinba/render/gl.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"
#include "qinba/render/text_renderer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace qinba {
namespace {

/// The scene renderer's text renderer, in the render tests' shared GL context.
TextRenderer* sharedText() {
    return RenderEnvironment::renderer ? RenderEnvironment::renderer->text() : nullptr;
}

#define REQUIRE_TEXT()                                                                                       \
    REQUIRE_GL();                                                                                            \
    ASSERT_NE(sharedText(), nullptr) << RenderEnvironment::renderer->textProblem()

const glm::vec4 kInk(0.08f, 0.08f, 0.10f, 1.0f);
const glm::vec4 kHalo(1.0f, 1.0f, 0.96f, 0.9f);
const glm::vec3 kBackground(0.45f, 0.55f, 0.40f); // a lowland green

/// A target cleared to `background`, with bands of light and dark terrain-like colours when `bands`.
RenderTarget clearedTarget(int width, int height, glm::vec3 background, bool bands = false) {
    auto target = RenderTarget::create(width, height, 4);
    EXPECT_TRUE(target) << target.error().toString();
    target->bind();
    glDisable(GL_SCISSOR_TEST);
    glClearColor(background.r, background.g, background.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    if (bands) {
        const glm::vec3 colours[] = {{0.93f, 0.90f, 0.80f},
                                     {0.25f, 0.30f, 0.22f},
                                     {0.62f, 0.50f, 0.35f},
                                     {0.10f, 0.12f, 0.15f},
                                     {0.80f, 0.84f, 0.70f}};
        glEnable(GL_SCISSOR_TEST);
        for (int i = 0; i * 37 < width; ++i) {
            const glm::vec3 c = colours[i % 5];
            glScissor(i * 37, 0, 37, height);
            glClearColor(c.r, c.g, c.b, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
    }
    return std::move(*target);
}

/// Pixels of `image` in the box whose colour differs from `background` (0–1) by more than 40 of 255.
int differingPixels(const ImageRgba8& image, glm::dvec2 topLeft, glm::dvec2 size, glm::vec3 background) {
    int count = 0;
    const int x0 = std::max(0, static_cast<int>(std::floor(topLeft.x)));
    const int y0 = std::max(0, static_cast<int>(std::floor(topLeft.y)));
    const int x1 = std::min(image.width, static_cast<int>(std::ceil(topLeft.x + size.x)));
    const int y1 = std::min(image.height, static_cast<int>(std::ceil(topLeft.y + size.y)));
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const std::uint8_t* p = image.at(x, y);
            int d = 0;
            for (int k = 0; k < 3; ++k)
                d = std::max(d, std::abs(p[k] - static_cast<int>(std::lround(background[k] * 255.0f))));
            if (d > 40) ++count;
        }
    return count;
}

TEST(TextUtf8, DecodesAndReplacesMalformedSequences) {
    EXPECT_EQ(decodeUtf8("Xi'an 西安"), U"Xi'an 西安");
    EXPECT_EQ(decodeUtf8("\xF0\x9F\x97\xBA"), U"\U0001F5FA"); // four bytes
    EXPECT_EQ(decodeUtf8("a\x80z"), U"a\uFFFDz");             // stray continuation byte
    EXPECT_EQ(decodeUtf8("\xC0\xAF"), U"\uFFFD");             // overlong '/'
    EXPECT_EQ(decodeUtf8("\xED\xA0\x80"), U"\uFFFD");         // surrogate
    EXPECT_EQ(decodeUtf8("\xE8\xA5"), U"\uFFFD");             // truncated at the end
    EXPECT_EQ(decodeUtf8("\xE8Q"), U"\uFFFDQ");               // truncated before ASCII
    EXPECT_EQ(decodeUtf8("\xF4\x90\x80\x80"), U"\uFFFD");     // above U+10FFFF
    EXPECT_EQ(decodeUtf8("\xFF"), U"\uFFFD");
}

TEST(TextRenderer, CreationErrorNamesTheFontFile) {
    REQUIRE_TEXT();
    auto missing = TextRenderer::create(shaderDir(), "/nonexistent/NotoSansCJK-Regular.ttc");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().file, "/nonexistent/NotoSansCJK-Regular.ttc");
    EXPECT_NE(missing.error().message.find("not found"), std::string::npos) << missing.error().toString();
    const std::string notFont = (shaderDir() / "text.frag").string();
    auto garbage = TextRenderer::create(shaderDir(), notFont);
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().file, notFont);
    EXPECT_NE(garbage.error().message.find("not a font"), std::string::npos) << garbage.error().toString();
    auto noFace = TextRenderer::create(shaderDir(), TextRenderer::findFontFile(), 99);
    ASSERT_FALSE(noFace);
    EXPECT_EQ(noFace.error().field, "face 99") << noFace.error().toString();
    EXPECT_FALSE(TextRenderer::create(shaderDir(), ""));
}

TEST(TextRenderer, HasRealGlyphsForChinesePlaceNames) {
    REQUIRE_TEXT();
    TextRenderer& text = *sharedText();
    for (char32_t c : decodeUtf8("西安 Xi'an 成都 重庆 郑州 武汉 兰州 汉中 秦岭 大巴山 Chóngqìng"))
        EXPECT_TRUE(text.hasGlyph(c)) << "U+" << std::hex << static_cast<unsigned>(c);
    EXPECT_FALSE(text.hasGlyph(0xE000)) << "a private-use code point has no glyph";
}

TEST(TextRenderer, MeasuresAdvancesInPixels) {
    REQUIRE_TEXT();
    TextRenderer& text = *sharedText();
    const glm::dvec2 xian = text.measure("西安", 20.0);
    EXPECT_NEAR(xian.x, 40.0, 0.01) << "ideographs advance one em";
    EXPECT_GT(xian.y, 20.0);
    EXPECT_LT(xian.y, 30.0);
    EXPECT_NEAR(text.measure("西安", 40.0).x, 80.0, 0.01) << "linear in the pixel size";
    const glm::dvec2 latin = text.measure("Xi'an", 20.0);
    EXPECT_GT(latin.x, 30.0);
    EXPECT_LT(latin.x, 80.0);
    EXPECT_DOUBLE_EQ(latin.y, xian.y) << "one line height whatever the text";
    EXPECT_EQ(text.measure("", 20.0).x, 0.0);
    EXPECT_NEAR(text.measure("a\nb", 20.0).x, text.measure("ab", 20.0).x, 1e-9) << "control characters";
}

TEST(TextRenderer, DrawsChineseLabelsInsideTheirBoxesWithAHalo) {
    REQUIRE_TEXT();
    TextRenderer& text = *sharedText();
    const int w = 480, h = 200;
    RenderTarget target = clearedTarget(w, h, kBackground);
    const char* labels[] = {"西安 Xi'an", "成都", "重庆", "郑州", "武汉", "兰州"};
    std::vector<std::pair<glm::dvec2, glm::dvec2>> boxes;
    const double size = 24.0;
    for (int i = 0; i < 6; ++i) {
        const glm::dvec2 topLeft(20 + (i % 3) * 150, 30 + (i / 3) * 90);
        boxes.emplace_back(topLeft, text.measure(labels[i], size));
        text.draw(labels[i], topLeft, size, kInk, kHalo, 2.0);
    }
    glEnable(GL_DEPTH_TEST);
    text.flush({w, h});
    EXPECT_TRUE(glIsEnabled(GL_DEPTH_TEST)) << "flush restores the depth test";
    glDisable(GL_DEPTH_TEST);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
    const ImageRgba8 image = target.read();
    ASSERT_TRUE(writePng(artifact("text_labels.png"), image));

    int inkTotal = 0;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const auto [topLeft, box] = boxes[i];
        const int differing = differingPixels(image, topLeft, box, kBackground);
        // Ideographs of 24 px with a halo cover a good part of their box, a box outline far less.
        EXPECT_GT(differing, 0.25 * box.x * box.y) << labels[i];
        inkTotal += differing;
        // Dark ink and the light halo both appear.
        int dark = 0, light = 0;
        for (int y = static_cast<int>(topLeft.y); y < topLeft.y + box.y; ++y)
            for (int x = static_cast<int>(topLeft.x); x < topLeft.x + box.x; ++x) {
                const std::uint8_t* p = image.at(x, y);
                dark += p[0] < 60 && p[1] < 60;
                light += p[0] > 200 && p[1] > 200;
            }
        EXPECT_GT(dark, 20) << labels[i];
        EXPECT_GT(light, 20) << labels[i];
    }
    // Nothing is drawn outside the boxes (plus the halo and a pixel of soft edge).
    EXPECT_EQ(differingPixels(image, {0, 0}, {w, h}, kBackground), [&] {
        int inside = 0;
        for (const auto& [topLeft, box] : boxes)
            inside += differingPixels(image, topLeft - 3.0, box + 6.0, kBackground);
        return inside;
    }());
    EXPECT_GT(inkTotal, 0);
}

TEST(TextRenderer, ScalesFromSmallToLargeSizes) {
    REQUIRE_TEXT();
    TextRenderer& text = *sharedText();
    const int w = 560, h = 300;
    RenderTarget target = clearedTarget(w, h, kBackground);
    double y = 4;
    std::vector<std::pair<glm::dvec2, glm::dvec2>> boxes;
    for (double size : {11.0, 14.0, 18.0, 24.0, 36.0, 60.0}) {
        const std::string label = "秦岭 Qinling 汉中";
        boxes.emplace_back(glm::dvec2(6, y), text.measure(label, size));
        text.draw(label, {6, y}, size, kInk, kHalo, std::min(2.0, size / 8));
        y += boxes.back().second.y + 6;
    }
    text.flush({w, h});
    const ImageRgba8 image = target.read();
    ASSERT_TRUE(writePng(artifact("text_sizes.png"), image));
    for (const auto& [topLeft, box] : boxes) {
        // Dark ink pixels in proportion to the box: no size lost its strokes.
        int dark = 0;
        for (int py = static_cast<int>(topLeft.y); py < topLeft.y + box.y; ++py)
            for (int px = static_cast<int>(topLeft.x); px < topLeft.x + box.x; ++px)
                dark += image.at(px, py)[0] < 70;
        EXPECT_GT(dark, 0.08 * box.x * box.y) << box.y << " px high";
    }
}

/// One character drawn alone at 48 px on a plain background.
ImageRgba8 renderCharacter(const char* utf8) {
    TextRenderer& text = *sharedText();
    RenderTarget target = clearedTarget(64, 72, glm::vec3(1.0f));
    text.draw(utf8, {8, 8}, 48.0, glm::vec4(0, 0, 0, 1));
    text.flush({64, 72});
    return target.read();
}

TEST(TextRenderer, DifferentCharactersLookDifferentNotLikeBoxes) {
    REQUIRE_TEXT();
    const char* chars[] = {"西", "安", "成", "都", "重", "庆", "郑", "州", "武", "汉", "兰"};
    std::vector<ImageRgba8> images;
    for (const char* c : chars) {
        images.push_back(renderCharacter(c));
        const std::string hex = [&] {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(decodeUtf8(c)[0]));
            return std::string(buf);
        }();
        ASSERT_TRUE(writePng(artifact("text_glyph_" + hex + ".png"), images.back()));
    }
    const ImageRgba8 tofu = renderCharacter("\uE000"); // no glyph: the .notdef box
    ASSERT_TRUE(writePng(artifact("text_glyph_notdef.png"), tofu));
    for (std::size_t i = 0; i < images.size(); ++i) {
        auto vsTofu = compareImages(images[i], tofu, 128);
        ASSERT_TRUE(vsTofu);
        EXPECT_GT(vsTofu->fractionAbove, 0.08) << chars[i] << " looks like the .notdef box";
        for (std::size_t j = i + 1; j < images.size(); ++j) {
            auto d = compareImages(images[i], images[j], 128);
            ASSERT_TRUE(d);
            EXPECT_GT(d->fractionAbove, 0.08) << chars[i] << " and " << chars[j] << " look alike";
        }
    }
}

/// Places of the Pan-Qinba Region and around, Chinese and English names.
struct Place {
    const char* zh;
    const char* en;
};
const Place kPlaces[] = {
    {"西安", "Xi'an"},         {"成都", "Chengdu"},       {"重庆", "Chongqing"},     {"郑州", "Zhengzhou"},
    {"武汉", "Wuhan"},         {"兰州", "Lanzhou"},       {"汉中", "Hanzhong"},      {"宝鸡", "Baoji"},
    {"天水", "Tianshui"},      {"安康", "Ankang"},        {"商洛", "Shangluo"},      {"十堰", "Shiyan"},
    {"襄阳", "Xiangyang"},     {"南阳", "Nanyang"},       {"洛阳", "Luoyang"},       {"广元", "Guangyuan"},
    {"绵阳", "Mianyang"},      {"达州", "Dazhou"},        {"巴中", "Bazhong"},       {"陇南", "Longnan"},
    {"太白山", "Taibai Shan"}, {"华山", "Hua Shan"},      {"神农架", "Shennongjia"}, {"大巴山", "Daba Shan"},
    {"秦岭", "Qinling"},       {"米仓山", "Micang Shan"}, {"渭南", "Weinan"},        {"咸阳", "Xianyang"},
};

/// Labels of many places laid out on `viewport` (a fixed pseudo-random scatter; rank 1 for the first
/// places of the list), half of them in English.
struct LabelScene {
    std::vector<std::string> texts;
    std::vector<LabelCandidate> candidates;
};
LabelScene labelScene(TextRenderer& text, Viewport viewport, int count, double pixelSize) {
    LabelScene scene;
    std::uint64_t state = 12345;
    auto uniform = [&](double lo, double hi) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return lo + (hi - lo) * static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    const int places = static_cast<int>(std::size(kPlaces));
    for (int i = 0; i < count; ++i) {
        const Place& p = kPlaces[i % places];
        scene.texts.push_back((i / places) % 2 ? p.en : p.zh);
        LabelCandidate c;
        c.anchor = {uniform(0, viewport.width), uniform(0, viewport.height)};
        c.size = text.measure(scene.texts.back(), pixelSize);
        c.symbolRadius = 4.0;
        c.priority = 1 + i / 40;
        scene.candidates.push_back(c);
    }
    return scene;
}

TEST(TextRenderer, DecluteredLabelsDoNotOverlapOnScreen) {
    REQUIRE_TEXT();
    TextRenderer& text = *sharedText();
    const Viewport viewport{800, 500};
    const double pixelSize = 16.0, halo = 1.5;
    // Ink reaches past a box by its halo and soft edge; keep twice that between boxes.
    const double reach = halo + 1.5;
    const LabelScene scene = labelScene(text, viewport, 300, pixelSize);
    const auto placed = layoutLabels(scene.candidates, viewport, 2.0 * reach);
    ASSERT_GT(placed.size(), 40u);
    ASSERT_LT(placed.size(), 300u) << "a dense scene must be decluttered";

    auto render = [&](bool bands) {
        RenderTarget target = clearedTarget(viewport.width, viewport.height, kBackground, bands);
        if (bands) { // place symbols: small dark squares with a light rim
            glEnable(GL_SCISSOR_TEST);
            for (const auto& c : scene.candidates) {
                const int x = static_cast<int>(c.anchor.x),
                          y = viewport.height - static_cast<int>(c.anchor.y);
                glScissor(x - 4, y - 4, 8, 8);
                glClearColor(1, 1, 1, 1);
                glClear(GL_COLOR_BUFFER_BIT);
                glScissor(x - 3, y - 3, 6, 6);
                glClearColor(0.6f, 0.1f, 0.1f, 1);
                glClear(GL_COLOR_BUFFER_BIT);
            }
            glDisable(GL_SCISSOR_TEST);
        }
        for (const PlacedLabel& p : placed)
            text.draw(scene.texts[p.candidate], p.topLeft, pixelSize, kInk, kHalo, halo);
        text.flush(viewport);
        return target.read();
    };
    const ImageRgba8 image = render(false);
    ASSERT_TRUE(writePng(artifact("text_layout.png"), image));
    ASSERT_TRUE(writePng(artifact("text_layout_bands.png"), render(true)));

    // Each drawn pixel belongs to exactly one label's box (grown by the reach), every label drew something.
    std::vector<int> owners(static_cast<std::size_t>(viewport.width) * viewport.height, 0);
    for (const PlacedLabel& p : placed) {
        EXPECT_GT(differingPixels(image, p.topLeft, p.size, kBackground), 0.1 * p.size.x * p.size.y)
            << scene.texts[p.candidate];
        const int x0 = std::max(0, static_cast<int>(std::floor(p.topLeft.x - reach)));
        const int y0 = std::max(0, static_cast<int>(std::floor(p.topLeft.y - reach)));
        const int x1 = std::min(viewport.width, static_cast<int>(std::ceil(p.topLeft.x + p.size.x + reach)));
        const int y1 = std::min(viewport.height, static_cast<int>(std::ceil(p.topLeft.y + p.size.y + reach)));
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                if (differingPixels(image, {x, y}, {1, 1}, kBackground)) ++owners[y * viewport.width + x];
    }
    int orphans = 0, shared = 0;
    for (int y = 0; y < viewport.height; ++y)
        for (int x = 0; x < viewport.width; ++x) {
            const int n = owners[y * viewport.width + x];
            shared += n > 1;
            orphans += n == 0 && differingPixels(image, {x, y}, {1, 1}, kBackground) > 0;
        }
    EXPECT_EQ(shared, 0) << "pixels drawn by two labels";
    EXPECT_EQ(orphans, 0) << "pixels drawn outside every label's box";
}

/// The first `count` ideographs from U+4E00 that the font has, as UTF-8 strings.
std::vector<std::string> ideographs(const TextRenderer& text, std::size_t count) {
    std::vector<std::string> out;
    for (char32_t c = 0x4E00; out.size() < count; ++c)
        if (text.hasGlyph(c)) {
            std::string s;
            s += static_cast<char>(0xE0 | (c >> 12));
            s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (c & 0x3F));
            out.push_back(s);
        }
    return out;
}

/// Draws `chars[first, first + count)` in rows of 16 at 22 px and returns the image.
ImageRgba8 renderGrid(TextRenderer& text, const std::vector<std::string>& chars, int first, int count) {
    const int rows = (count + 15) / 16;
    RenderTarget target = clearedTarget(400, 8 + rows * 28, glm::vec3(1.0f));
    for (int i = 0; i < count; ++i)
        text.draw(chars[first + i], {4 + (i % 16) * 24, 4 + (i / 16) * 28}, 22.0, glm::vec4(0, 0, 0, 1));
    text.flush({400, 8 + rows * 28});
    return target.read();
}

TEST(TextRenderer, AtlasHoldsOnlyUsedGlyphsAndGrows) {
    REQUIRE_TEXT();
    auto fresh = TextRenderer::create(shaderDir(), TextRenderer::findFontFile());
    ASSERT_TRUE(fresh) << fresh.error().toString();
    TextRenderer& text = **fresh;
    EXPECT_EQ(text.atlasSize(), glm::ivec2(1024, 256));
    (void)text.measure("西安 Xi'an", 16.0);
    EXPECT_EQ(text.atlasGlyphs(), 0) << "measuring loads metrics only";
    text.draw("西安 Xi'an 西安", {0, 0}, 16.0, glm::vec4(1.0f));
    text.flush({64, 64});
    EXPECT_EQ(text.atlasGlyphs(), 7) << "one field per character used; spaces have none";

    const auto chars = ideographs(text, 120);
    const ImageRgba8 image = renderGrid(text, chars, 0, 120);
    ASSERT_TRUE(writePng(artifact("text_atlas_grown.png"), image));
    EXPECT_EQ(text.atlasGlyphs(), 127);
    EXPECT_EQ(text.atlasSize(), glm::ivec2(1024, 512)) << "a 1024 x 256 atlas holds about 70 fields";
    // Every character drew ink in its cell, also those placed before the atlas grew.
    for (int i = 0; i < 120; ++i) {
        const glm::dvec2 cell(4 + (i % 16) * 24, 4 + (i / 16) * 28);
        EXPECT_GT(differingPixels(image, cell, {22, 26}, glm::vec3(1.0f)), 20) << "character " << i;
    }
}

TEST(TextRenderer, AtlasRefillsWhenFullAtItsLargestSize) {
    REQUIRE_TEXT();
    // A 256 x 256 atlas (16 fields of 40 px ideographs) makes refilling quick to reach.
    auto small = TextRenderer::create(shaderDir(), TextRenderer::findFontFile(),
                                      TextRenderer::kSimplifiedChineseFace, 256);
    ASSERT_TRUE(small) << small.error().toString();
    TextRenderer& text = **small;
    EXPECT_EQ(text.atlasSize(), glm::ivec2(256, 256));
    const auto chars = ideographs(text, 40);
    (void)renderGrid(text, chars, 0, 8);
    EXPECT_EQ(text.atlasGlyphs(), 8);
    const ImageRgba8 second = renderGrid(text, chars, 8, 12); // 8 + 12 fields do not fit: refilled
    EXPECT_EQ(text.atlasGlyphs(), 12);
    ASSERT_TRUE(writePng(artifact("text_atlas_refilled.png"), second));
    // The same frame from the shared renderer, whose atlas has room, looks the same.
    auto d = compareImages(second, renderGrid(*sharedText(), chars, 8, 12), 8);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->maxAbsolute, 0);
    // More glyphs in one frame than the atlas holds: those that fit are drawn, nothing breaks.
    const ImageRgba8 overfull = renderGrid(text, chars, 0, 40);
    EXPECT_EQ(text.atlasGlyphs(), 16);
    EXPECT_GT(differingPixels(overfull, {0, 0}, {400, 50}, glm::vec3(1.0f)), 16 * 40);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

} // namespace
} // namespace qinba
