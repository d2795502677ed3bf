#include "qinba/app/headless_scene.h"

#include "qinba/app/scenario_setup.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/core/stage_animation.h"
#include "qinba/core/zoning.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/offscreen.h"
#include "qinba/render/text_renderer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

namespace qinba::app {

MapView HeadlessScene::view(const SceneMoment& moment, int heightPx) const {
    MapView v = sceneView(document, layerPresenter, presenter.get(), settings, moment, heightPx);
    v.decorations.legendForm = legendForm;
    if (TextRenderer* text = renderer->text())
        v.measure = [text](std::string_view s, double px) { return text->measure(s, px); };
    return v;
}

Result<ImageRgba8> HeadlessScene::renderPicture(const OrbitCamera& camera, const SceneMoment& moment,
                                                Viewport size, int msaa, FrameStats* stats, int maxTileSide,
                                                std::optional<PixelRect> window) {
    const TerrainSurface surface(document.dem, settings.style.exaggeration);
    // `region` of the `vp`-sized picture of `at`: the overlay is laid out for the whole picture and drawn
    // clipped, so that the parts of a video wall show one picture.
    const auto draw = [&](const SceneMoment& at, Viewport vp, PixelRect region) -> Result<ImageRgba8> {
        SceneFrame frame;
        frame.viewport = vp;
        frame.style = settings.style;
        frame.camera = camera;
        if (region.x != 0 || region.y != 0 || region.width != vp.width || region.height != vp.height)
            frame.tile = region;
        const MapView view = this->view(at, vp.height);
        DrawList overlay;
        composeMapFrame(overlay, view, camera, vp, surface);
        frame.overlay = &overlay;
        return renderToImage(*renderer, frame, msaa, stats, maxTileSide);
    };
    const PixelRect part = window.value_or(PixelRect{0, 0, size.width, size.height});
    const bool compare = settings.compare && document.scenario && moment.showsScenario && size.width >= 2;
    if (!compare) return draw(moment, size, part);
    // Split as in the viewer: each half is a picture of its own, and `part` may take some of each.
    const int half = size.width / 2;
    SceneMoment other;
    other.stage = std::min(settings.compareStage, document.scenario->stages.size() - 1);
    other.secondsIntoStage = kStageTransitionSeconds + 1.0 + moment.secondsIntoStage;
    ImageRgba8 out(part.width, part.height);
    const struct {
        const SceneMoment& at;
        int x0, x1; ///< the half's columns in the whole picture
    } halves[] = {{moment, 0, half}, {other, half, size.width}};
    for (const auto& h : halves) {
        const int x0 = std::max(part.x, h.x0), x1 = std::min(part.x + part.width, h.x1);
        if (x1 <= x0) continue;
        auto image = draw(h.at, {h.x1 - h.x0, size.height}, {x0 - h.x0, part.y, x1 - x0, part.height});
        if (!image) return image.error();
        for (int y = 0; y < part.height; ++y)
            std::copy_n(image->at(0, y), 4 * (x1 - x0), out.at(x0 - part.x, y));
    }
    return out;
}

bool HeadlessScene::drawsWhole(Viewport size, int maxTileSide) const {
    const bool compare = settings.compare && document.scenario && size.width >= 2;
    return !compare && (maxTileSide <= 0 || std::max(size.width, size.height) <= maxTileSide);
}

Result<std::optional<ReadFrame>> HeadlessScene::renderQueued(FrameReadback& readback, long tag,
                                                             const OrbitCamera& camera,
                                                             const SceneMoment& moment, FrameStats* stats) {
    const TerrainSurface surface(document.dem, settings.style.exaggeration);
    SceneFrame frame;
    frame.viewport = {readback.target().width(), readback.target().height()};
    frame.style = settings.style;
    frame.camera = camera;
    DrawList overlay;
    composeMapFrame(overlay, view(moment, frame.viewport.height), camera, frame.viewport, surface);
    frame.overlay = &overlay;
    return qinba::renderQueued(*renderer, frame, readback, tag, stats);
}

void HeadlessScene::setLayerVisibility(const std::map<std::string, bool>& visibility) {
    bool changed = false;
    for (Layer& l : document.layers)
        if (const auto it = visibility.find(l.options.id);
            it != visibility.end() && it->second != l.options.visible) {
            l.options.visible = it->second;
            changed = true;
        }
    if (changed)
        layerPresenter.rebuild(document.layers, TerrainSurface(document.dem, settings.style.exaggeration),
                               *renderer);
}

Result<std::unique_ptr<HeadlessScene>> openHeadlessScene(const SceneRequest& request,
                                                         const SceneSettings& settings) {
    auto scene = std::make_unique<HeadlessScene>();
    scene->settings = settings;
    const double exaggeration = settings.style.exaggeration;
    Document& doc = scene->document;
    doc.demPath = request.terrain.demPath;
    doc.demFallbacks = request.terrain.demFallbacks;
    doc.demCrs = request.terrain.demCrs;
    auto dem = loadTerrain(request.terrain, scene->projection);
    if (!dem) return dem.error();
    doc.dem = std::move(*dem);

    std::string scenarioFile;
    if (request.withScenario) {
        auto loaded = loadScenarioOption(request.scenario);
        if (!loaded) return loaded.error();
        doc.scenario = std::move(*loaded);
        scenarioFile = request.scenario.empty() ? defaultScenarioPath() : request.scenario;
    }
    if (!request.od.empty()) {
        if (!doc.scenario)
            return Error{request.od, "--od", _("an OD matrix needs a scenario (--scenario or --stage)")};
        auto matrix = readOdFile(request.od);
        if (!matrix) return matrix.error();
        auto applied = applyOd(*doc.scenario, *matrix, request.od, utcTimestamp());
        if (!applied) return applied.error();
    }

    // Layers given on the command line come after the scenario's own, so they draw on top.
    std::vector<Error> problems;
    const MapRect extent = doc.dem.bounds();
    if (doc.scenario)
        doc.layers =
            openLayers(doc.scenario->layers, std::filesystem::path(scenarioFile).parent_path().string(),
                       scene->projection, extent, problems);
    for (const Error& e : problems)
        spdlog::warn("{}", e.toString());
    problems.clear();
    std::vector<LayerOptions> extra;
    for (const std::string& path : request.layers)
        extra.push_back(LayerOptions::fromPath(path));
    for (Layer& l : openLayers(extra, "", scene->projection, extent, problems))
        doc.layers.push_back(std::move(l));
    if (!problems.empty()) return problems.front();
    doc.scenarioPath = scenarioFile;
    if (settings.zoning) {
        // Around the scenario's cities, or the default scenario's when there is none.
        std::vector<GeoPoint> cities;
        if (doc.scenario)
            cities = cityAreaCities(*doc.scenario);
        else if (auto fallback = loadScenarioOption(""))
            cities = cityAreaCities(*fallback);
        const Zoning z = computeZoning(doc.dem, scene->projection, cities, settings.zoningParameters);
        doc.layers.insert(doc.layers.begin(), zoningLayer(z, doc.dem));
    }
    applyLayerSettings(doc.layers, settings);

    auto context = HeadlessContext::create();
    if (!context) return context.error();
    scene->context = std::move(*context);
    spdlog::info("{} via {}", GlInfo::query().summary(), scene->context->platform());
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) return renderer.error();
    scene->renderer = std::move(*renderer);
    const int budget = request.triangles > 0 ? request.triangles : 2 * doc.dem.width() * doc.dem.height();
    if (auto s = scene->renderer->setDem(doc.dem, budget); !s) return s.error();
    auto streamer = openStreamedTerrain(request.terrain, doc.dem, scene->projection);
    if (!streamer) return streamer.error();
    if (*streamer) {
        for (const std::string& w : (*streamer)->info().warnings)
            spdlog::warn("{}", w);
        if (auto s = scene->renderer->setStreamedTerrain(std::move(*streamer)); !s) return s.error();
    }
    if (!scene->renderer->textProblem().empty()) spdlog::warn("{}", scene->renderer->textProblem());

    const TerrainSurface surface(doc.dem, exaggeration);
    scene->layerPresenter.rebuild(doc.layers, surface, *scene->renderer);
    scene->presenter = std::make_unique<ScenarioPresenter>(scene->projection);
    if (doc.scenario) {
        scene->presenter->prepare(*doc.scenario, surface);
        for (const std::string& w : scene->presenter->warnings())
            spdlog::warn("{}", w);
    }
    return scene;
}

} // namespace qinba::app
