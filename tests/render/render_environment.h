#pragma once
// One headless GL context, the scene renderer and the default DEM, shared by every test of the render
// test program (a process has one GL context).

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"
#include "qinba/render/scene_renderer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

namespace qinba {

class RenderEnvironment : public ::testing::Environment {
  public:
    static inline std::unique_ptr<HeadlessContext> context;
    static inline std::unique_ptr<SceneRenderer> renderer;
    static inline std::unique_ptr<Dem> dem;
    static inline std::string failure;

    void SetUp() override {
        auto ctx = HeadlessContext::create();
        if (!ctx) {
            failure = ctx.error().toString();
            return;
        }
        context = std::move(*ctx);
        std::printf("%s via %s\n", GlInfo::query().summary().c_str(), context->platform());
        auto r = SceneRenderer::create(shaderDir());
        if (!r) {
            failure = r.error().toString();
            return;
        }
        renderer = std::move(*r);
        auto d = loadDem(defaultDemPath().string(), MapProjection::panQinba());
        if (!d) {
            failure = d.error().toString();
            return;
        }
        dem = std::make_unique<Dem>(std::move(*d));
        if (auto s = renderer->setDem(*dem, 2 * dem->width() * dem->height()); !s)
            failure = s.error().toString();
    }
    void TearDown() override {
        renderer.reset();
        context.reset();
    }
};

#define REQUIRE_GL() ASSERT_TRUE(RenderEnvironment::failure.empty()) << RenderEnvironment::failure

/// Where test images are written for people to look at: $QINBA_TEST_OUTPUT, else the build tree's
/// test-output folder (QINBA_TEST_OUTPUT_DIR, from CMake), never the working folder.
inline std::string artifact(const std::string& name) {
    const char* env = std::getenv("QINBA_TEST_OUTPUT");
    const std::filesystem::path dir = env && *env ? env : QINBA_TEST_OUTPUT_DIR;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec); // a failure shows when the image is written
    return (dir / name).string();
}

/// A 480×270 view of terrain on a magenta background (no sky, no haze, heights doubled), aimed at the
/// origin 900 m up: any magenta pixel in the image is a hole in the terrain.
inline SceneFrame magentaTerrainFrame() {
    SceneFrame f;
    f.viewport = {480, 270};
    f.style.sky = false;
    f.style.exaggeration = 2.0;
    f.style.haze = 0.0;
    f.background = {1.0f, 0.0f, 1.0f}; // magenta, which the terrain never is
    f.camera.target = {0.0, 0.0, 900.0 * f.style.exaggeration};
    return f;
}

/// How many pixels are the magenta background.
inline int magentaPixels(const ImageRgba8& im) {
    int n = 0;
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x) {
            const std::uint8_t* p = im.at(x, y);
            n += p[0] > 240 && p[1] < 15 && p[2] > 240;
        }
    return n;
}

} // namespace qinba
