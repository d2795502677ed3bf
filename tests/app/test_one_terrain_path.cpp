// One terrain path: the viewer, `render`, `record` and `bench` draw the same terrain triangles for the same
// view and size, since every DEM (the embedded one included) goes through the level-of-detail renderer.
#include "test_support.h"

#include "qinba/app/viewer.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>

namespace qinba::app {
namespace {

/// Frame 0 of the default scenario's default tour ("story"), which `record --frames 0-0` draws.
const char* const kView = "109,32.2,2300,0,55";
const Viewport kSize{320, 180};

class NoInputHost final : public ViewerHost {
  public:
    explicit NoInputHost(RenderTarget target) : target_(std::move(target)) {}
    Viewport viewport() const override { return kSize; }
    NavigationInput navigation() override { return {}; }
    void bindTarget() override { target_.bind(); }
    void close() override {}

  private:
    RenderTarget target_;
};

/// Terrain triangles the viewer draws for the view, through its session as the window does.
int viewerTriangles() {
    AppContext ctx(MapProjection::panQinba());
    auto context = HeadlessContext::create();
    if (!context) throw std::runtime_error(context.error().toString());
    auto target = RenderTarget::create(kSize.width, kSize.height, 0);
    if (!target) throw std::runtime_error(target.error().toString());
    NoInputHost host(std::move(*target));
    std::string problem;
    if (auto s = loadDocument(ctx, TerrainOptions{}, "", problem); !s)
        throw std::runtime_error(s.error().toString());
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) throw std::runtime_error(renderer.error().toString());
    if (auto s = (*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s)
        throw std::runtime_error(s.error().toString());
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    int triangles = -1;
    {
        ViewerSession session(ctx, host, **renderer);
        session.start({});
        session.handleCommands();
        EXPECT_TRUE((*renderer)->lod()) << "the viewer draws the embedded DEM through level of detail";
        const TerrainSurface surface(ctx.document.dem, ctx.scene.style.exaggeration);
        ctx.view.camera = cameraFromSpec(*parseCameraSpec(kView), ctx.projection, surface);
        applyLimits(ctx.view.camera, CameraLimits{}, surface);
        FrameStats stats;
        auto image = session.renderImage(kSize, &stats);
        EXPECT_TRUE(image) << image.error().toString();
        triangles = stats.triangles;
    }
    ImGui::DestroyContext();
    return triangles;
}

/// The number after `before` in `text`, or -1.
long numberAfter(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern))) return -1;
    return std::stol(m[1].str());
}

TEST(OneTerrainPath, ViewerRenderRecordAndBenchDrawTheSameTriangles) {
    test::TempDir dir;
    const std::string exe = std::string("'") + QINBA_EXE + "' ";
    const std::string size = " --size " + std::to_string(kSize.width) + "x" + std::to_string(kSize.height);

    const test::ShellRun render = test::shell(exe + "render --stage 1 --camera " + kView + size + " --out '" +
                                              (dir.path() / "r.png").string() + "'");
    ASSERT_EQ(render.status, 0) << render.out;
    const long rendered = numberAfter(render.out, R"((\d+) terrain triangles)");

    const test::ShellRun record = test::shell(exe + "record --fps 30 --frames 0-0" + size + " --out '" +
                                              (dir.path() / "f%03d.png").string() + "'");
    ASSERT_EQ(record.status, 0) << record.out;
    const long recorded = numberAfter(record.out, R"(median (\d+) terrain triangles)");

    const test::ShellRun bench =
        test::shell(exe + "bench --frames 1 --wait-for-tiles --camera " + kView + size + " --exaggeration " +
                    std::to_string(SceneSettings{}.style.exaggeration) + " 2>/dev/null");
    ASSERT_EQ(bench.status, 0) << bench.out;
    const long benched = nlohmann::json::parse(bench.out)["triangles"].get<long>();

    const long viewed = viewerTriangles();
    EXPECT_GT(rendered, 0) << render.out;
    EXPECT_EQ(recorded, rendered) << record.out;
    EXPECT_EQ(benched, rendered) << bench.out;
    EXPECT_EQ(viewed, rendered);
}

} // namespace
} // namespace qinba::app
