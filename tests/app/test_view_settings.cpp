// The picture options of render and record (--view FILE and the style options on top), asserted on
// pixels, and a view-settings file saved by the viewer giving the viewer's picture in render and record.

#include "test_support.h"

#include "qinba/app/viewer.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/image.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace qinba::app {
namespace {

const std::string kExe = QINBA_EXE;

/// Frame 200 of the default tour (a stage with corridors and flows) at 640x360.
ImageRgba8 recordFrame(const test::TempDir& dir, const std::string& name, const std::string& options) {
    const std::string out = (dir.path() / (name + "%03d.png")).string();
    const test::ShellRun run =
        test::shell("'" + kExe + "' record --frames 200-200 --size 640x360 --out '" + out + "' " + options);
    EXPECT_EQ(run.status, 0) << run.out;
    auto image = readImage((dir.path() / (name + "200.png")).string());
    EXPECT_TRUE(image) << run.out;
    if (image) (void)writePng(std::string(QINBA_TEST_OUTPUT_DIR "/record_") + name + ".png", *image);
    return image ? *image : ImageRgba8(640, 360);
}

/// Share of pixels whose channels differ by less than 14 (grey).
double greyShare(const ImageRgba8& im) {
    long grey = 0;
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x) {
            const std::uint8_t* p = im.at(x, y);
            grey += std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) < 14;
        }
    return static_cast<double>(grey) / (static_cast<double>(im.width) * im.height);
}

/// Share of pixels that are clearly green (the zoning's green heart classes on grey terrain).
double greenShare(const ImageRgba8& im) {
    long green = 0;
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x) {
            const std::uint8_t* p = im.at(x, y);
            green += p[1] > p[0] + 12 && p[1] > p[2] + 4;
        }
    return static_cast<double>(green) / (static_cast<double>(im.width) * im.height);
}

/// Mean brightness of a rectangle.
double brightness(const ImageRgba8& im, int x0, int y0, int x1, int y1) {
    double sum = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            sum += (im.at(x, y)[0] + im.at(x, y)[1] + im.at(x, y)[2]) / 3.0;
    return sum / ((x1 - x0) * (y1 - y0));
}

TEST(RecordOptions, RampLabelsZoningAndScaleBarShowInThePixels) {
    test::TempDir dir;
    const ImageRgba8 plain = recordFrame(dir, "plain", "");
    const ImageRgba8 greys = recordFrame(dir, "greys", "--ramp greys");
    const ImageRgba8 zoning = recordFrame(dir, "greys_zoning", "--ramp greys --zoning");
    const ImageRgba8 english = recordFrame(dir, "greys_en", "--ramp greys --labels en");
    const ImageRgba8 scaleBar = recordFrame(dir, "greys_scale_bar", "--ramp greys --scale-bar");

    // --ramp greys: grey terrain where the default ramp is coloured.
    std::printf("grey share: default ramp %.3f, greys %.3f; green share: greys %.3f, with zoning %.3f\n",
                greyShare(plain), greyShare(greys), greenShare(greys), greenShare(zoning));
    EXPECT_LT(greyShare(plain), 0.35);
    EXPECT_GT(greyShare(greys), greyShare(plain) + 0.25);
    // --zoning: the green heart's classes tint the terrain.
    EXPECT_GT(greenShare(zoning), greenShare(greys) + 0.05);
    // --labels en: the labels change (Latin names, longer than the Chinese ones, are placed anew); the
    // terrain and the overlays do not.
    auto labels = compareImages(greys, english, 40);
    ASSERT_TRUE(labels);
    std::printf("labels en against zh: %.3f of the pixels differ\n", labels->fractionAbove);
    EXPECT_GT(labels->fractionAbove, 0.01);
    EXPECT_LT(labels->fractionAbove, 0.3);
    // --scale-bar: a light box at the bottom right, over terrain that is darker without it.
    EXPECT_GT(brightness(scaleBar, 520, 300, 625, 328), 160.0);
    EXPECT_GT(brightness(scaleBar, 520, 300, 625, 328), brightness(greys, 520, 300, 625, 328) + 20.0);
}

TEST(ViewSettings, CompareModeSplitsThePictureAsTheViewerDoes) {
    test::TempDir dir;
    const std::string view = (dir.path() / "compare.json").string();
    std::ofstream(view) << R"({"compare": {"on": true, "stage": 6}, "labels": "en"})";
    // One camera for both pictures: a stage's own framing depends on the picture's size.
    const std::string common = " --stage 2 --time 8 --camera 108,32.5,1400,0,50 --size ";
    const std::string split = (dir.path() / "split.png").string(), half = (dir.path() / "half.png").string();
    test::ShellRun run =
        test::shell("'" + kExe + "' render" + common + "640x360 --view '" + view + "' --out '" + split + "'");
    ASSERT_EQ(run.status, 0) << run.out;
    // The left half is stage 2 as a picture of half the width shows it.
    run = test::shell("'" + kExe + "' render" + common + "320x360 --labels en --out '" + half + "'");
    ASSERT_EQ(run.status, 0) << run.out;
    auto a = readImage(split), b = readImage(half);
    ASSERT_TRUE(a && b);
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/render_compare.png", *a);
    ImageRgba8 left(320, 360), right(320, 360);
    for (int y = 0; y < 360; ++y) {
        std::copy_n(a->at(0, y), 4 * 320, left.at(0, y));
        std::copy_n(a->at(320, y), 4 * 320, right.at(0, y));
    }
    auto same = compareImages(left, *b, 24);
    ASSERT_TRUE(same);
    EXPECT_LT(same->meanAbsolute, 0.5);
    // The right half shows another stage: its corridors and flows differ.
    auto other = compareImages(left, right, 40);
    ASSERT_TRUE(other);
    EXPECT_GT(other->fractionAbove, 0.02);
}

TEST(ViewSettings, AFileSavedByTheViewerGivesTheViewersPictureInRenderAndRecord) {
    test::TempDir dir;
    auto context = HeadlessContext::create();
    ASSERT_TRUE(context) << context.error().toString();
    auto target = RenderTarget::create(640, 360, 0);
    ASSERT_TRUE(target);
    struct Host final : ViewerHost {
        explicit Host(RenderTarget t) : target(std::move(t)) {}
        Viewport viewport() const override { return {640, 360}; }
        NavigationInput navigation() override { return {}; }
        void bindTarget() override { target.bind(); }
        void close() override {}
        RenderTarget target;
    } host(std::move(*target));
    ImGui::CreateContext();
    ImGui::GetIO().DisplaySize = ImVec2(640, 360);
    AppContext ctx(MapProjection::panQinba());
    std::string problem;
    ASSERT_TRUE(loadDocument(ctx, TerrainOptions{}, "", problem));
    auto renderer = SceneRenderer::create(shaderDir());
    ASSERT_TRUE(renderer);
    ASSERT_TRUE((*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles));
    {
        ViewerSession session(ctx, host, **renderer);
        ctx.scene.style.exaggeration = 3.0;
        ctx.scene.style.rampId = "vegetation";
        ctx.scene.style.sunAzimuth = 225.0;
        ctx.scene.labels = LabelLanguage::English;
        ctx.scene.zoning = true;
        ctx.scene.decorations.scaleBar = true;
        session.start({});
        const std::string view = (dir.path() / "view.json").string();
        ctx.commands.post(cmd::SaveViewSettings{view});
        ctx.commands.post(cmd::JumpToStage{1});
        session.handleCommands();
        for (int i = 0; i < 40; ++i) // past the flight to the stage, 8 s into it
            session.advance(0.2);
        session.handleCommands();
        auto viewer = session.renderImage({640, 360});
        ASSERT_TRUE(viewer);
        (void)writePng(QINBA_TEST_OUTPUT_DIR "/view_settings_viewer_stage2.png", *viewer);
        const std::string camera = formatCameraSpec(specFromCamera(ctx.view.camera, ctx.projection));
        const std::string common = " --size 640x360 --msaa " +
                                   std::to_string(std::max(ctx.prefs.msaaSamples, 1)) + " --triangles " +
                                   std::to_string(ctx.prefs.terrainTriangles) + " --view '" + view + "'";
        const std::string rendered = (dir.path() / "render.png").string();
        const test::ShellRun run = test::shell("'" + kExe + "' render --stage 2 --time " +
                                               std::to_string(ctx.view.playback.secondsIntoStage(ctx.time)) +
                                               " --camera " + camera + common + " --out '" + rendered + "'");
        ASSERT_EQ(run.status, 0) << run.out;
        auto image = readImage(rendered);
        ASSERT_TRUE(image);
        (void)writePng(QINBA_TEST_OUTPUT_DIR "/view_settings_render_stage2.png", *image);
        auto diff = compareImages(*viewer, *image, 24);
        ASSERT_TRUE(diff);
        EXPECT_LT(diff->meanAbsolute, 1.5);
        EXPECT_LT(diff->fractionAbove, 0.01);

        // The same file with record: the viewer playing the tour at frame 200 (30 fps).
        ASSERT_TRUE(session.playTour(ctx.document.scenario->defaultTour, 200.0 / 30.0, false, false));
        session.handleCommands();
        auto touring = session.renderImage({640, 360});
        ASSERT_TRUE(touring);
        const std::string out = (dir.path() / "f%03d.png").string();
        const test::ShellRun rec =
            test::shell("'" + kExe + "' record --frames 200-200 --fps 30" + common + " --out '" + out + "'");
        ASSERT_EQ(rec.status, 0) << rec.out;
        auto frame = readImage((dir.path() / "f200.png").string());
        ASSERT_TRUE(frame);
        auto tourDiff = compareImages(*touring, *frame, 24);
        ASSERT_TRUE(tourDiff);
        EXPECT_LT(tourDiff->meanAbsolute, 1.0);
        EXPECT_LT(tourDiff->fractionAbove, 0.002);
    }
    renderer->reset();
    ImGui::DestroyContext();
}

} // namespace
} // namespace qinba::app
