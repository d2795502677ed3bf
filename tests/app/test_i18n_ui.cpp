// The interface in Chinese, drawn: every character of the Chinese catalogue has a glyph in the UI font, and
// the main menu bar drawn in Chinese shows real glyphs (not the font's fallback for missing characters), and
// switches to English between two frames.

#include "test_support.h"

#include "qinba/core/i18n.h"
#include "qinba/core/image.h"
#include "qinba/core/map_projection.h"
#include "qinba/render/gl.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"
#include "qinba/ui/panels.h"
#include "qinba/ui/ui_fonts.h"

#include <backends/imgui_impl_opengl3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <set>
#include <string>

namespace qinba {
namespace {

/// Code points of a UTF-8 string.
std::vector<unsigned> codepoints(const std::string& s) {
    std::vector<unsigned> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned cp = n == 1 ? c : c & (0x3Fu >> (n - 1));
        for (int k = 1; k < n && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

/// A headless GL context with ImGui and its OpenGL backend, drawing into an offscreen target.
struct UiCanvas {
    UiCanvas(int w, int h) : width(w), height(h) {
        auto c = HeadlessContext::create();
        if (!c) throw std::runtime_error(c.error().toString());
        context = std::move(*c);
        auto t = RenderTarget::create(w, h, 0);
        if (!t) throw std::runtime_error(t.error().toString());
        target = std::make_unique<RenderTarget>(std::move(*t));
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
        ImGui_ImplOpenGL3_Init("#version 330 core");
        fontWarning = rebuildFonts(1.0f, {});
    }
    ~UiCanvas() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext();
    }
    /// Runs `ui` for two frames (sizes settle after the first) and returns the second, drawn on black.
    ImageRgba8 draw(const std::function<void()>& ui) {
        for (int frame = 0; frame < 2; ++frame) {
            ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
            ImGui_ImplOpenGL3_NewFrame();
            ImGui::NewFrame();
            ui();
            ImGui::Render();
        }
        target->bind();
        glViewport(0, 0, width, height);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        return target->read();
    }

    int width, height;
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<RenderTarget> target;
    std::string fontWarning;
};

/// Bright (text) pixels in the top `rows` rows: the menu bar's glyphs on its dark background.
long inkInTopRows(const ImageRgba8& image, int rows) {
    long n = 0;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < image.width; ++x)
            n += image.at(x, y)[0] > 150 && image.at(x, y)[1] > 150 && image.at(x, y)[2] > 150;
    return n;
}

long differingPixels(const ImageRgba8& a, const ImageRgba8& b, int rows) {
    long n = 0;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < a.width; ++x)
            for (int k = 0; k < 3; ++k)
                if (std::abs(a.at(x, y)[k] - b.at(x, y)[k]) > 40) {
                    ++n;
                    break;
                }
    return n;
}

void save(const ImageRgba8& image, const std::string& name) {
    (void)writePng(std::string(QINBA_TEST_OUTPUT_DIR "/") + name, image);
}

struct FollowEnvironmentAfterwards {
    ~FollowEnvironmentAfterwards() { i18n::setLanguage(""); }
};

TEST(ChineseUi, EveryCharacterOfTheCatalogueHasAGlyph) {
    UiCanvas canvas(64, 64);
    ASSERT_TRUE(canvas.fontWarning.empty()) << canvas.fontWarning;
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    std::set<unsigned> missing;
    long chinese = 0;
    for (const std::string& text : i18n::catalogueTranslations("zh_CN"))
        for (unsigned cp : codepoints(text)) {
            chinese += cp >= 0x4E00 && cp <= 0x9FFF;
            if (cp >= 0x20 && font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr)
                missing.insert(cp);
        }
    EXPECT_GT(chinese, 1000) << "the Chinese catalogue did not load";
    std::string list;
    for (unsigned cp : missing)
        if (list.size() < 200) {
            char hex[16];
            std::snprintf(hex, sizeof hex, " U+%04X", cp);
            list += hex;
        }
    EXPECT_TRUE(missing.empty()) << missing.size() << " characters without a glyph:" << list;
    EXPECT_EQ(font->FindGlyphNoFallback(0xE000), nullptr) << "U+E000 is meant to be missing";
}

TEST(ChineseUi, TheMenuBarIsDrawnWithRealGlyphsAndSwitchesLive) {
    FollowEnvironmentAfterwards restore;
    UiCanvas canvas(900, 120);
    ASSERT_TRUE(canvas.fontWarning.empty()) << canvas.fontWarning;
    AppContext ctx(MapProjection::panQinba());

    i18n::setLanguage("zh_CN");
    const ImageRgba8 chinese = canvas.draw([&] { drawMainMenu(ctx); });
    const int bar = static_cast<int>(ImGui::GetFrameHeight()); // the menu bar's rows
    ASSERT_GT(bar, 10);
    // The same menu bar with every Chinese character replaced by one the font lacks: what "tofu" or the
    // fallback glyph would look like.
    const ImageRgba8 fallback = canvas.draw([&] {
        if (!ImGui::BeginMainMenuBar()) return;
        int id = 0;
        for (const char* title : {_("File"), _("Edit"), _("View"), _("Help")}) {
            std::string replaced;
            for (unsigned cp : codepoints(title))
                replaced += cp < 0x80 ? std::string(1, static_cast<char>(cp)) : std::string("\xee\x80\x80");
            if (ImGui::BeginMenu((replaced + "##" + std::to_string(id++)).c_str())) ImGui::EndMenu();
        }
        ImGui::EndMainMenuBar();
    });
    i18n::setLanguage("en");
    const ImageRgba8 english = canvas.draw([&] { drawMainMenu(ctx); });
    save(chinese, "menu_bar_zh_CN.png");
    save(fallback, "menu_bar_missing_glyphs.png");
    save(english, "menu_bar_en.png");

    EXPECT_STREQ(_("File"), "File");
    const long inkChinese = inkInTopRows(chinese, bar), inkFallback = inkInTopRows(fallback, bar);
    // Eight CJK characters (文件 编辑 视图 帮助) carry far more strokes than eight fallback glyphs.
    EXPECT_GT(inkChinese, 150) << "no text in the Chinese menu bar";
    EXPECT_GT(inkChinese, inkFallback * 3 / 2)
        << "Chinese ink " << inkChinese << ", fallback " << inkFallback;
    EXPECT_GT(differingPixels(chinese, fallback, bar), 100);
    EXPECT_GT(differingPixels(chinese, english, bar), 100) << "the language did not switch";
}

} // namespace
} // namespace qinba
