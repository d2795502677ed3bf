#include "qinba/app/render_command.h"

#include "qinba/app/command_error.h"
#include "qinba/app/headless_scene.h"
#include "qinba/app/map_frame.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/app/scenario_setup.h"
#include "qinba/app/size_option.h"
#include "qinba/app/story_framing.h"
#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/georeferenced_image.h"
#include "qinba/core/i18n.h"
#include "qinba/core/image.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/core/text_format.h"
#include "qinba/core/wall_layout.h"
#include "qinba/core/zoning.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/offscreen.h"
#include "qinba/render/text_renderer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

namespace qinba::app {

namespace {
int fail(const Error& e) {
    return reportError("render", e);
}

bool endsWithTiff(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".tif" || ext == ".tiff";
}
} // namespace

int runRender(const RenderOptions& options) {
    auto tileSize = parseSize(options.size, "--size");
    if (!tileSize) return fail(tileSize.error());
    auto wall = parseWallTiling(options.wall, options.tile, options.bezel);
    if (!wall) return fail(wall.error());
    // On a wall the camera, the layout and the labels are those of the whole wall's canvas; this screen
    // renders its part of it.
    const Viewport size = wallCanvas(*wall, *tileSize);
    const std::optional<PixelRect> window =
        wall->isWall() ? std::optional(wallTileRect(*wall, *tileSize)) : std::nullopt;
    std::optional<CameraSpec> spec;
    if (!options.camera.empty()) {
        auto parsed = parseCameraSpec(options.camera);
        if (!parsed) return fail(parsed.error());
        spec = *parsed;
    }
    if (endsWithTiff(options.out) && !options.orthographic)
        return fail(Error{options.out, "--out", _("a GeoTIFF needs a map view: add --ortho")});
    SceneRequest request;
    request.terrain = options.terrain;
    request.withScenario = !options.stage.empty() || !options.scenario.empty() || !options.od.empty();
    request.scenario = options.scenario;
    request.od = options.od;
    request.layers = options.layers;
    request.triangles = options.triangles;
    auto opened = openHeadlessScene(request, options.scene);
    if (!opened) return fail(opened.error());
    HeadlessScene& scene = **opened;
    const Document& doc = scene.document;
    std::size_t stage = 0;
    if (doc.scenario) {
        auto index = resolveStage(*doc.scenario, options.stage.empty() ? "1" : options.stage);
        if (!index) return fail(index.error());
        stage = *index;
    }

    const TerrainSurface surface(doc.dem, options.scene.style.exaggeration);
    const auto previous = doc.scenario ? previousInPlayOrder(stage) : std::nullopt;
    OrbitCamera camera = overviewCamera(surface, size);
    if (doc.scenario && !spec) {
        // The stage framed as the viewer frames it: its places and corridors clear of the legend, caption
        // and decorations this picture burns in.
        FramingScreen screen;
        screen.viewport = size;
        screen.measure = scene.view(SceneMoment{}, size.height).measure;
        screen.legendForm = scene.legendForm;
        if (auto cam = framedStageCameraAt(doc, scene.layerPresenter, *scene.presenter, scene.settings, stage,
                                           previous, options.time, scene.projection, screen))
            camera = *cam;
    }
    if (spec) camera = cameraFromSpec(*spec, scene.projection, surface);
    camera.orthographic = options.orthographic;
    // --ortho alone is a map: straight down, north up, the whole DEM in the picture.
    if (options.orthographic && !spec) {
        const MapPoint centre = doc.dem.bounds().centre();
        camera = orthoCameraOver(doc.dem.bounds(), size, surface.heightAt(centre.x, centre.y).value_or(0.0));
    }
    std::optional<GeoTransform> georef;
    if (options.orthographic && !options.scene.compare) georef = orthoGeoTransform(camera, size);
    if (georef && window) { // this screen's part of the wall's georeferenced picture
        GeoTransform& g = *georef;
        g[0] += window->x * g[1] + window->y * g[2];
        g[3] += window->x * g[4] + window->y * g[5];
    }
    if (endsWithTiff(options.out) && !georef)
        return fail(Error{options.out, "--camera",
                          _("a GeoTIFF needs a straight-down map view: --ortho without --camera, or a camera "
                            "with pitch 90, and no --compare")});
    if (!options.orthographic) applyLimits(camera, CameraLimits{}, surface);

    // Layers, the scenario at the asked moment (corridors grown so far, flow marks, places) and labels.
    SceneMoment moment;
    moment.showsScenario = doc.scenario.has_value();
    moment.stage = stage;
    moment.previous = previous;
    moment.secondsIntoStage = options.time;
    FrameStats stats;
    auto image = scene.renderPicture(camera, moment, size, options.msaa, &stats, 0, window);
    if (!image) return fail(image.error());
    if (georef) {
        if (auto s = writeGeoreferencedImage(options.out, *image, *georef, scene.projection.wkt()); !s)
            return fail(s.error());
    } else if (auto s = writePng(options.out, *image); !s) {
        return fail(s.error());
    }
    spdlog::info("{}", formatText(_("wrote {} ({}x{}, {} terrain triangles, camera {})"), options.out,
                                  image->width, image->height, stats.triangles,
                                  formatCameraSpec(specFromCamera(camera, scene.projection))));
    return 0;
}

} // namespace qinba::app
