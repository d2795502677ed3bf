// Overlays cost nothing when nothing changes: while the camera orbits with the stage fixed, a frame sends
// the GPU only the flow marks (the animation's data), not the corridors, place symbols or legend.

#include "flow_frames.h"
#include "render_environment.h"
#include "test_support.h"

#include "qinba/core/map_decorations.h"
#include "qinba/core/screen_layout.h"
#include "qinba/render/gpu_upload.h"
#include "qinba/render/overlay_renderer.h"
#include "qinba/render/render_target.h"

#include <gtest/gtest.h>

namespace qinba {
namespace {

/// The flows scene with its legend and scale bar, as one frame of the viewer composes it. Texts are left
/// out unless `texts`: their glyph quads are sent again whenever a text moves on screen (labels follow the
/// camera).
DrawList composedFrame(const test::FlowScene& scene, const OrbitCamera& camera, Viewport view, double t,
                       bool texts = false) {
    DrawList list = test::flowDrawList(scene, camera, view, 1.0f, t);
    const OverlayStyle s;
    std::vector<LegendEntry> legend{{LegendEntry::Swatch::Line, "Rail", s.rail, s.rail},
                                    {LegendEntry::Swatch::Mark, "People", s.people, s.people}};
    DecorationOptions options;
    options.northArrow = false; // it turns with the camera: screen layout that does change
    const TextMeasure measure = [](std::string_view text, double px) {
        return glm::dvec2(0.6 * px * static_cast<double>(text.size()), px);
    };
    ScreenContent content;
    content.legend = legend;
    content.scaleBar = options.scaleBar;
    const ScreenLayout layout = layoutScreen(view, 1.0f, measure, content);
    addMapDecorations(list, legend, camera, layout, measure, options);
    if (!texts) list.texts.clear();
    return list;
}

std::size_t animatedMarks(const DrawList& list) {
    std::size_t n = 0;
    for (const MarkerItem& m : list.markers)
        n += m.animated;
    return n;
}

/// The flow scene, a 640×360 target of its own (bound when made) and a frame looking at the scene.
struct FlowView {
    test::FlowScene scene = test::makeFlowScene(*RenderEnvironment::dem);
    Viewport view{640, 360};
    Result<RenderTarget> target = bound(RenderTarget::create(view.width, view.height, 1));
    SceneFrame frame = [this] {
        SceneFrame f;
        f.viewport = view;
        f.camera = scene.camera;
        return f;
    }();

    static Result<RenderTarget> bound(Result<RenderTarget> t) {
        if (t) t->bind();
        return t;
    }
};

TEST(OverlayUploads, OrbitingWithTheStageFixedSendsOnlyTheAnimation) {
    REQUIRE_GL();
    FlowView v;
    ASSERT_TRUE(v.target) << v.target.error().toString();
    const test::FlowScene& scene = v.scene;
    const Viewport view = v.view;
    SceneFrame& frame = v.frame;
    frame.camera.pitch = 60.0;

    // Some other overlay first, so the first frame below has to send its static geometry.
    DrawList other;
    other.lines.push_back({{{0, 0, 0}, {1000, 0, 0}}, glm::vec4(1.0f), 2.0f, 0.0f, true});
    frame.overlay = &other;
    RenderEnvironment::renderer->render(frame);

    std::uint64_t staticBytes = 0;
    for (int i = 0; i < 24; ++i) {
        frame.camera.heading = 15.0 * i; // orbit about the target
        const double t = 3.0 + i / 30.0; // scenario time runs: the marks move
        const DrawList list = composedFrame(scene, frame.camera, view, t);
        frame.overlay = &list;
        const std::uint64_t before = gpu::uploadedBytes();
        RenderEnvironment::renderer->render(frame);
        const std::uint64_t sent = gpu::uploadedBytes() - before;
        // Bound: one marker instance per flow mark, nothing for lines, place symbols or screen shapes.
        const std::uint64_t animation = animatedMarks(list) * OverlayRenderer::markerInstanceBytes();
        ASSERT_GT(animatedMarks(list), 20u);
        if (i == 0) {
            staticBytes = sent - animation;
            EXPECT_GT(staticBytes, 10000u) << "the first frame sends the corridors, symbols and legend";
        } else {
            EXPECT_LE(sent, animation) << "frame " << i << " sent static overlay geometry again";
            EXPECT_GT(sent, 0u) << "frame " << i << ": the flow marks must move";
        }
    }
    ASSERT_GT(staticBytes, 0u);

    // A change of the document (here a corridor fading out) sends the lines again.
    test::FlowScene changed = scene;
    changed.appearance.corridors[0].opacity = 0.5;
    const DrawList list = test::flowDrawList(changed, frame.camera, view, 1.0f, 4.0);
    frame.overlay = &list;
    const std::uint64_t before = gpu::uploadedBytes();
    RenderEnvironment::renderer->render(frame);
    EXPECT_GT(gpu::uploadedBytes() - before, animatedMarks(list) * OverlayRenderer::markerInstanceBytes())
        << "a changed overlay must be sent again";
}

TEST(OverlayUploads, AStillViewSendsOnlyTheAnimationTextsIncluded) {
    REQUIRE_GL();
    ASSERT_TRUE(RenderEnvironment::renderer->text()) << RenderEnvironment::renderer->textProblem();
    FlowView v;
    ASSERT_TRUE(v.target) << v.target.error().toString();
    const test::FlowScene& scene = v.scene;
    const Viewport view = v.view;
    SceneFrame& frame = v.frame;
    for (int i = 0; i < 4; ++i) {
        const DrawList list = composedFrame(scene, frame.camera, view, 3.0 + i / 30.0, true);
        ASSERT_FALSE(list.texts.empty());
        frame.overlay = &list;
        const std::uint64_t before = gpu::uploadedBytes();
        RenderEnvironment::renderer->render(frame);
        const std::uint64_t sent = gpu::uploadedBytes() - before;
        if (i > 0)
            EXPECT_LE(sent, animatedMarks(list) * OverlayRenderer::markerInstanceBytes())
                << "frame " << i << " sent the legend's texts again";
    }
}

} // namespace
} // namespace qinba
