// The kiosk on a video wall (`kiosk --wall 2x2 --tile C,R`): each window is one screen of the whole wall's
// picture, framed, laid out and labelled for the wall's canvas, so the screens side by side show what one
// kiosk of the canvas's size shows.

#include "test_support.h"

#include "qinba/app/kiosk_command.h"
#include "qinba/app/kiosk_director.h"
#include "qinba/app/viewer.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/image.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"

#include <backends/imgui_impl_opengl3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdlib>

namespace qinba::app {
namespace {

class ScreenHost final : public ViewerHost {
  public:
    ScreenHost(Viewport size, RenderTarget target) : size_(size), target(std::move(target)) {}
    Viewport viewport() const override { return size_; }
    NavigationInput navigation() override { return {}; }
    void bindTarget() override { target.bind(); }
    void close() override {}

  private:
    Viewport size_;

  public:
    RenderTarget target;
};

/// What a kiosk window of `size` shows ten seconds into the attract tour (holding on its first stage,
/// framed into the safe area), as the frame loop draws it
/// (ViewerSession::render with an empty UI); `wall` and `tile` as on the command line.
Result<ImageRgba8> kioskWindow(Viewport size, const std::string& wall, const std::string& tile,
                               const std::string& bezel = "", bool chineseFirst = false) {
    auto context = HeadlessContext::create();
    if (!context) return context.error();
    AppContext ctx(MapProjection::panQinba());
    ctx.view.kiosk = true;
    KioskOptions o;
    SceneSettings scene;
    scene.labels = LabelLanguage::English;
    scene.decorations.legend = scene.decorations.scaleBar = scene.decorations.northArrow = true;
    scene.decorations.captions = scene.decorations.title = scene.decorations.credits = true;
    o.scene = scene;
    o.wallGrid = wall;
    o.tile = tile;
    o.bezel = bezel;
    auto tour = prepareKiosk(ctx, o);
    if (!tour) return tour.error();
    auto target = RenderTarget::create(size.width, size.height, 0);
    if (!target) return target.error();
    ScreenHost host(size, std::move(*target));
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) return renderer.error();
    if (auto s = (*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s) return s.error();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImageRgba8 image;
    {
        ViewerSession session(ctx, host, **renderer);
        session.start({});
        session.handleCommands();
        KioskDirector director(ctx, session, *tour, o.idleSeconds);
        if (chineseFirst) { // other glyphs come into the text atlas first, as in a screen running for a while
            SceneSettings zh = ctx.scene;
            zh.labels = LabelLanguage::Chinese;
            ctx.commands.post(cmd::SetScene{zh});
            session.handleCommands();
            for (int frame = 0; frame < 2; ++frame) {
                ImGui_ImplOpenGL3_NewFrame();
                ImGui::NewFrame();
                ImGui::Render();
                session.render();
                session.advance(3.0);
            }
            ctx.commands.post(cmd::SetScene{scene});
            session.handleCommands();
        }
        session.advance(chineseFirst ? 4.0 : 10.0);
        director.update(false);
        session.handleCommands();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        ImGui::Render();
        session.render();
        image = host.target.read();
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
    return image;
}

/// The screens of a `cols` × `rows` wall of `screen`-sized windows with `bezelX` pixels between columns,
/// side by side, against one kiosk window of the wall's canvas with the bezel strips left out.
void expectOnePicture(int cols, int rows, Viewport screen, int bezelX, const std::string& name) {
    const Viewport canvas{cols * screen.width + (cols - 1) * bezelX, rows * screen.height};
    auto whole = kioskWindow(canvas, "", "");
    ASSERT_TRUE(whole) << whole.error().toString();
    ImageRgba8 stitched(canvas.width, canvas.height), visible(canvas.width, canvas.height);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            auto image =
                kioskWindow(screen, std::to_string(cols) + "x" + std::to_string(rows),
                            std::to_string(c) + "," + std::to_string(r), std::to_string(bezelX) + ",0");
            ASSERT_TRUE(image) << image.error().toString();
            ASSERT_EQ(image->width, screen.width);
            const int x0 = c * (screen.width + bezelX), y0 = r * screen.height;
            for (int y = 0; y < screen.height; ++y) {
                std::copy_n(image->at(0, y), 4 * screen.width, stitched.at(x0, y0 + y));
                std::copy_n(whole->at(x0, y0 + y), 4 * screen.width, visible.at(x0, y0 + y));
            }
        }
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/wall_kiosk_" + name + "_stitched.png", stitched);
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/wall_kiosk_" + name + "_whole.png", visible);
    // Mean difference, and the worst 8 × 8 block (a label or legend twice, or cut elsewhere, is tens).
    double total = 0.0, worst = 0.0;
    for (int by = 0; by + 8 <= canvas.height; by += 8)
        for (int bx = 0; bx + 8 <= canvas.width; bx += 8) {
            double block = 0.0;
            for (int y = by; y < by + 8; ++y)
                for (int x = bx; x < bx + 8; ++x)
                    for (int k = 0; k < 3; ++k)
                        block += std::abs(int(visible.at(x, y)[k]) - int(stitched.at(x, y)[k]));
            total += block;
            worst = std::max(worst, block / 192.0);
        }
    const double mean = total / (static_cast<double>(canvas.width) * canvas.height * 3.0);
    std::printf("kiosk %s: mean %.4f grey levels, worst 8x8 block %.2f\n", name.c_str(), mean, worst);
    EXPECT_LT(mean, 1.0) << name;
    EXPECT_LT(worst, 4.0) << name;
}

TEST(WallKiosk, FourScreensOfTheAttractTourShowTheWholeWallsPicture) {
    expectOnePicture(2, 2, {320, 180}, 0, "2x2");
}

// Screens of another shape than the wall: the tour is framed for the wall's canvas, not for one screen.
TEST(WallKiosk, ThreeTallScreensWithBezelsShowTheWholeWallsPicture) {
    expectOnePicture(3, 1, {200, 360}, 20, "3x1");
}

// A screen restarted during the exhibition has another history of glyphs in its text atlas than its
// neighbours: its text must still be drawn pixel for pixel as theirs, or labels would break at the seams.
TEST(WallKiosk, TheTextAtlasHistoryDoesNotChangeAScreensPixels) {
    auto fresh = kioskWindow({320, 180}, "2x2", "1,0");
    ASSERT_TRUE(fresh) << fresh.error().toString();
    auto seasoned = kioskWindow({320, 180}, "2x2", "1,0", "", true);
    ASSERT_TRUE(seasoned) << seasoned.error().toString();
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/wall_kiosk_atlas_fresh.png", *fresh);
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/wall_kiosk_atlas_seasoned.png", *seasoned);
    int differing = 0, worst = 0;
    for (int y = 0; y < 180; ++y)
        for (int x = 0; x < 320; ++x)
            for (int k = 0; k < 3; ++k) {
                const int d = std::abs(int(fresh->at(x, y)[k]) - int(seasoned->at(x, y)[k]));
                differing += d > 0;
                worst = std::max(worst, d);
            }
    std::printf("atlas history: %d channel values differ, by at most %d\n", differing, worst);
    EXPECT_EQ(differing, 0);
}

TEST(WallKiosk, ABadTileIsRefusedByName) {
    AppContext ctx(MapProjection::panQinba());
    KioskOptions o;
    o.wallGrid = "2x2";
    o.tile = "0,2";
    auto r = prepareKiosk(ctx, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "--tile");
}

} // namespace
} // namespace qinba::app
