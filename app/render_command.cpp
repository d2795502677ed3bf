#include "render_command.h"

#include "size_option.h"

#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/image.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/offscreen.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace qinba::app {

namespace {
int fail(const Error& e) {
    std::fprintf(stderr, "qinba render: error: %s\n", e.toString().c_str());
    return 1;
}
} // namespace

int runRender(const RenderOptions& options) {
    auto size = parseSize(options.size, "--size");
    if (!size) return fail(size.error());
    std::optional<CameraSpec> spec;
    if (!options.camera.empty()) {
        auto parsed = parseCameraSpec(options.camera);
        if (!parsed) return fail(parsed.error());
        spec = *parsed;
    }
    const MapProjection projection = MapProjection::panQinba();
    auto dem = loadTerrain(options.terrain, projection);
    if (!dem) return fail(dem.error());

    auto context = HeadlessContext::create();
    if (!context) return fail(context.error());
    spdlog::info("{} via {}", GlInfo::query().summary(), (*context)->platform());
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) return fail(renderer.error());
    const int budget = options.triangles > 0 ? options.triangles : 2 * dem->width() * dem->height();
    if (auto s = (*renderer)->setDem(*dem, budget); !s) return fail(s.error());

    SceneFrame frame;
    frame.viewport = *size;
    frame.style = options.style;
    const TerrainSurface surface(*dem, frame.style.exaggeration);
    frame.camera =
        spec ? cameraFromSpec(*spec, projection, surface) : overviewCamera(surface, frame.viewport);
    frame.camera.orthographic = options.orthographic;
    CameraLimits limits;
    if (!options.orthographic) applyLimits(frame.camera, limits, surface);

    FrameStats stats;
    auto image = renderToImage(**renderer, frame, options.msaa, &stats);
    if (!image) return fail(image.error());
    if (auto s = writePng(options.out, *image); !s) return fail(s.error());
    spdlog::info("wrote {} ({}x{}, {} terrain triangles, camera {})", options.out, size->width, size->height,
                 stats.triangles, formatCameraSpec(specFromCamera(frame.camera, projection)));
    return 0;
}

} // namespace qinba::app
