// Double-buffered read-back (pixel buffer objects): each frame comes back one call late, under its own tag,
// with exactly the pixels a synchronous read gives.

#include "render_environment.h"

#include "qinba/core/camera_controller.h"
#include "qinba/render/frame_readback.h"
#include "qinba/render/offscreen.h"

#include <gtest/gtest.h>

namespace qinba {
namespace {

SceneFrame frameAt(double heading) {
    SceneFrame frame;
    frame.viewport = {160, 90};
    const TerrainSurface surface(*RenderEnvironment::dem, frame.style.exaggeration);
    frame.camera = overviewCamera(surface, frame.viewport);
    frame.camera.heading = heading;
    return frame;
}

TEST(FrameReadback, FramesComeBackOneLateWithTheirTagsAndPixels) {
    REQUIRE_GL();
    SceneRenderer& renderer = *RenderEnvironment::renderer;
    const SceneFrame a = frameAt(0.0), b = frameAt(120.0);
    auto expectA = renderToImage(renderer, a, 4), expectB = renderToImage(renderer, b, 4);
    ASSERT_TRUE(expectA && expectB);
    ASSERT_NE(expectA->pixels, expectB->pixels) << "the two views must differ for the order to show";

    auto readback = FrameReadback::create(160, 90, 4);
    ASSERT_TRUE(readback) << readback.error().toString();
    auto first = renderQueued(renderer, a, **readback, 7);
    ASSERT_TRUE(first) << first.error().toString();
    EXPECT_FALSE(first->has_value()) << "nothing is ready before the second frame";

    FrameStats stats;
    auto second = renderQueued(renderer, b, **readback, 8, &stats);
    ASSERT_TRUE(second) << second.error().toString();
    ASSERT_TRUE(second->has_value());
    EXPECT_EQ((*second)->tag, 7);
    EXPECT_TRUE((*second)->image.pixels == expectA->pixels) << "frame 7 differs from a synchronous read";
    EXPECT_GT(stats.triangles, 0);

    auto rest = (*readback)->drain();
    ASSERT_TRUE(rest) << rest.error().toString();
    ASSERT_TRUE(rest->has_value());
    EXPECT_EQ((*rest)->tag, 8);
    EXPECT_TRUE((*rest)->image.pixels == expectB->pixels) << "frame 8 differs from a synchronous read";
    auto none = (*readback)->drain();
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());

    // A frame of another size is refused, not read back cropped.
    SceneFrame wrong = a;
    wrong.viewport = {80, 45};
    EXPECT_FALSE(renderQueued(renderer, wrong, **readback, 9));
}

} // namespace
} // namespace qinba
