#include "render_command.h"

#include "map_frame.h"
#include "scenario_presenter.h"
#include "scenario_setup.h"
#include "size_option.h"

#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/image.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/core/zoning.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/offscreen.h"
#include "qinba/render/text_renderer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

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

    // The scenario is read before any GPU work, so a bad file fails fast.
    std::optional<Scenario> scenario;
    std::string scenarioFile;
    std::size_t stage = 0;
    if (!options.stage.empty() || !options.scenario.empty()) {
        auto loaded = loadScenarioOption(options.scenario);
        if (!loaded) return fail(loaded.error());
        auto index = resolveStage(*loaded, options.stage.empty() ? "1" : options.stage);
        if (!index) return fail(index.error());
        scenario = std::move(*loaded);
        stage = *index;
        scenarioFile = options.scenario.empty() ? defaultScenarioPath() : options.scenario;
    }

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
    const auto previous = scenario ? previousInPlayOrder(stage) : std::nullopt;
    frame.camera = overviewCamera(surface, frame.viewport);
    if (scenario)
        if (auto cam = stageCameraAt(*scenario, stage, previous, options.time, projection, surface))
            frame.camera = *cam;
    if (spec) frame.camera = cameraFromSpec(*spec, projection, surface);
    frame.camera.orthographic = options.orthographic;
    if (!options.orthographic) applyLimits(frame.camera, CameraLimits{}, surface);

    // The scenario at the asked moment: corridors grown so far, flow marks, places.
    // Layers given on the command line come after the scenario's own, so they draw on top.
    std::vector<Layer> layers;
    {
        std::vector<Error> problems;
        if (scenario) {
            const std::string base = std::filesystem::path(scenarioFile).parent_path().string();
            layers = openLayers(scenario->layers, base, projection, dem->bounds(), problems);
        }
        std::vector<LayerOptions> extra;
        for (const std::string& path : options.layers)
            extra.push_back(LayerOptions::fromPath(path));
        for (Layer& l : openLayers(extra, "", projection, dem->bounds(), problems))
            layers.push_back(std::move(l));
        // A layer named on the command line must open; the scenario's own only warn.
        for (const Error& e : problems) {
            const bool fromCommandLine =
                std::find(options.layers.begin(), options.layers.end(), e.file) != options.layers.end();
            if (fromCommandLine) return fail(e);
            spdlog::warn("{}", e.toString());
        }
    }
    if (options.zoning) {
        // The green heart zoning under the other layers, around the scenario's (or the default) cities.
        std::vector<GeoPoint> cities;
        if (scenario)
            cities = cityAreaCities(*scenario);
        else if (auto fallback = loadScenarioOption(""))
            cities = cityAreaCities(*fallback);
        const Zoning z = computeZoning(*dem, projection, cities, ZoningParameters{});
        layers.insert(layers.begin(), zoningLayer(z, *dem));
    }
    LayerPresenter layerPresenter;
    layerPresenter.rebuild(layers, surface, **renderer);

    if (!(*renderer)->textProblem().empty()) spdlog::warn("{}", (*renderer)->textProblem());
    ScenarioPresenter presenter(projection);
    MapView view;
    view.layers = &layers;
    view.layerPresenter = &layerPresenter;
    if (scenario) {
        presenter.prepare(*scenario, surface);
        for (const std::string& w : presenter.warnings())
            spdlog::warn("{}", w);
        view.scenario = &*scenario;
        view.scenarioPresenter = &presenter;
        view.stage = stage;
        view.previous = previous;
        view.secondsIntoStage = options.time;
        view.indicativeNote = true;
    }
    view.dem = &*dem;
    if (options.terrain.demPath.empty()) view.demNote = kDefaultDemNote;
    view.style = frame.style;
    view.language = options.labels;
    view.scale = static_cast<float>(std::max(1.0, size->height / 1080.0));
    view.decorations = options.decorations;
    if (TextRenderer* text = (*renderer)->text())
        view.measure = [text](std::string_view s, double px) { return text->measure(s, px); };
    DrawList overlay;
    composeMapFrame(overlay, view, frame.camera, frame.viewport, surface);
    frame.overlay = &overlay;

    FrameStats stats;
    auto image = renderToImage(**renderer, frame, options.msaa, &stats);
    if (!image) return fail(image.error());
    if (auto s = writePng(options.out, *image); !s) return fail(s.error());
    spdlog::info("wrote {} ({}x{}, {} terrain triangles, camera {})", options.out, size->width, size->height,
                 stats.triangles, formatCameraSpec(specFromCamera(frame.camera, projection)));
    return 0;
}

} // namespace qinba::app
