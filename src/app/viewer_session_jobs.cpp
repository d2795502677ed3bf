// The viewer's long work off the window's thread: opening a DEM or a scenario, routing corridors, zoning,
// importing OD and opening layers run as BackgroundJobs on copies of what they need; the window keeps drawing
// and each result is applied here, in one step, at the start of a frame's command handling. A job that fails
// or is cancelled applies nothing, so the previous state stays. GL uploads happen in the applies only.

#include "qinba/app/terrain_setup.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/file_kind.h"
#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/core/recovery.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/core/zoning.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

namespace qinba::app {

namespace {

Error cancelledError() {
    return Error{"", "", "cancelled"};
}

std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

std::vector<GeoPoint> citiesOf(const std::optional<Scenario>& scenario) {
    return scenario ? cityAreaCities(*scenario) : std::vector<GeoPoint>{};
}

} // namespace

struct ViewerSession::LoadedDem {
    TerrainOptions options;
    Dem dem;
    std::optional<ScenarioGeometry> geometry; ///< routes over `dem`, for the scenario as it was
    unsigned long geometryRevision = 0;       ///< ... at this revision
    Zoning zoning;
};

struct ViewerSession::LoadedScenario {
    std::string path;
    std::optional<Scenario> scenario; ///< empty when the file has no stages
    std::vector<Layer> layers;
    std::vector<Error> problems;
    std::optional<ScenarioGeometry> geometry;
    unsigned long demRevision = 0; ///< the DEM the routes and layers were made for
};

void ViewerSession::pollJobs() {
    jobs_.poll([this](const std::string&, const Error& e) { ctx_.notifications.error(e.toString()); },
               [this](const std::string&, const std::string& label) {
                   ctx_.notifications.info(fmt::format(fmt::runtime(_("Cancelled: {}")), label));
               });
    ctx_.view.jobs = jobs_.progress();
}

void ViewerSession::waitForJobs() {
    while (jobs_.running()) {
        pollJobs();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    pollJobs();
}

void ViewerSession::openDem(const std::string& path, const std::string& crs,
                            std::vector<std::string> fallbacks) {
    TerrainOptions opts;
    opts.demPath = path;
    opts.demCrs = crs;
    opts.demFallbacks = std::move(fallbacks);
    const MapProjection projection = ctx_.projection;
    const std::optional<Scenario> scenario = ctx_.document.scenario;
    const double exaggeration = ctx_.scene.style.exaggeration;
    const ZoningParameters zoning = ctx_.scene.zoningParameters;
    const unsigned long revision = geometryRevision_;
    RouteCache& routes = presenter_.routes();
    const std::string name = path.empty() ? _("the embedded DEM") : fileName(path);
    jobs_.start("dem", fmt::format(fmt::runtime(_("Opening {}")), name),
                [=, this, &routes](JobControl& c) -> Result<BackgroundJobs::Apply> {
                    auto loaded = std::make_shared<LoadedDem>();
                    loaded->options = opts;
                    auto dem = loadTerrain(opts, projection, [&c](double f) { return c.progress(0.7 * f); });
                    if (c.cancelled()) return cancelledError();
                    if (!dem) return dem.error();
                    loaded->dem = std::move(*dem);
                    if (scenario) {
                        c.report(0.7, _("Routing corridors"));
                        loaded->geometry = buildScenarioGeometry(
                            *scenario, projection, TerrainSurface(loaded->dem, exaggeration), routes,
                            [&c](double f) { return c.progress(0.7 + 0.25 * f); });
                        if (!loaded->geometry) return cancelledError();
                        loaded->geometryRevision = revision;
                    }
                    c.report(0.95, _("Computing the zoning"));
                    auto z = computeZoning(loaded->dem, projection, citiesOf(scenario), zoning,
                                           [&c](double f) { return c.progress(0.95 + 0.05 * f); });
                    if (!z) return cancelledError();
                    loaded->zoning = std::move(*z);
                    if (c.cancelled()) return cancelledError();
                    return BackgroundJobs::Apply([this, loaded] { applyDem(*loaded); });
                });
}

void ViewerSession::applyDem(LoadedDem& loaded) {
    if (auto s = renderer_.setDem(loaded.dem, ctx_.prefs.terrainTriangles); !s) {
        ctx_.notifications.error(s.error().toString());
        // The previous terrain was on the GPU a moment ago, so it fits again.
        (void)renderer_.setDem(ctx_.document.dem, ctx_.prefs.terrainTriangles);
        return;
    }
    stopTour();
    jobs_.cancel("zoning"); // computed for the DEM that goes now
    ctx_.document.demPath = loaded.options.demPath;
    ctx_.document.demCrs = loaded.options.demCrs;
    ctx_.document.demFallbacks = loaded.options.demFallbacks;
    ctx_.document.dem = std::move(loaded.dem);
    ++demRevision_;
    attachStreamedTerrain();
    ctx_.view.flight.reset();
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    ctx_.view.camera = overviewCamera(surface, sceneViewport());
    if (ctx_.document.scenario && loaded.geometry && loaded.geometryRevision == geometryRevision_) {
        ++geometryRevision_;
        presenter_.adopt(std::move(*loaded.geometry));
        for (const std::string& w : presenter_.warnings())
            ctx_.notifications.error(w);
    } else {
        presenter_.forgetRoutes(); // the scenario changed meanwhile: route it again over this DEM
        prepareScenario();
    }
    if (loaded.zoning.width == ctx_.document.dem.width() &&
        loaded.zoning.height == ctx_.document.dem.height())
        installZoning(loaded.zoning);
    else
        zoningDirty_ = true;
    layersDirty_ = true;
    host_.setTitle(title());
    if (!loaded.options.demPath.empty()) rememberFile(ctx_.prefs, loaded.options.demPath);
    const Dem& d = ctx_.document.dem;
    ctx_.notifications.info(fmt::format(
        fmt::runtime(_("Opened DEM {}: {}x{} samples of {:.0f} m, {:.0f} to {:.0f} m")), d.provenance.path,
        d.width(), d.height(), d.cellSize(), d.minElevation(), d.maxElevation()));
}

void ViewerSession::openScenario(const std::string& path) {
    const MapProjection projection = ctx_.projection;
    auto dem = std::make_shared<const Dem>(ctx_.document.dem);
    const double exaggeration = ctx_.scene.style.exaggeration;
    const unsigned long demRevision = demRevision_;
    RouteCache& routes = presenter_.routes();
    jobs_.start("scenario", fmt::format(fmt::runtime(_("Opening {}")), fileName(path)),
                [=, this, &routes](JobControl& c) -> Result<BackgroundJobs::Apply> {
                    auto loaded = std::make_shared<LoadedScenario>();
                    loaded->path = path;
                    auto sc = loadScenario(path);
                    if (!sc) return sc.error();
                    if (!sc->stages.empty()) loaded->scenario = std::move(*sc);
                    if (c.cancelled()) return cancelledError();
                    c.report(0.1, _("Opening the scenario's layers"));
                    loaded->layers =
                        openLayers(loaded->scenario ? loaded->scenario->layers : std::vector<LayerOptions>{},
                                   std::filesystem::path(path).parent_path().string(), projection,
                                   dem->bounds(), loaded->problems);
                    if (loaded->scenario) {
                        c.report(0.3, _("Routing corridors"));
                        loaded->geometry = buildScenarioGeometry(
                            *loaded->scenario, projection, TerrainSurface(*dem, exaggeration), routes,
                            [&c](double f) { return c.progress(0.3 + 0.7 * f); });
                        if (!loaded->geometry) return cancelledError();
                    }
                    loaded->demRevision = demRevision;
                    if (c.cancelled()) return cancelledError();
                    return BackgroundJobs::Apply([this, loaded] { applyScenario(*loaded); });
                });
}

void ViewerSession::applyScenario(LoadedScenario& loaded) {
    stopTour();
    (void)discardRecovery(ctx_.document.scenarioPath); // the user chose to leave that document
    ctx_.document.scenarioPath = loaded.path;
    ctx_.document.scenario = std::move(loaded.scenario);
    ctx_.history.clear();
    ctx_.view.selected = ctx_.view.hover = {};
    ctx_.view.tool = EditTool::None;
    ctx_.view.playback = StagePlayback{};
    if (ctx_.document.scenario && loaded.geometry && loaded.demRevision == demRevision_) {
        ++geometryRevision_;
        presenter_.adopt(std::move(*loaded.geometry));
        for (const std::string& w : presenter_.warnings())
            ctx_.notifications.error(w);
    } else {
        presenter_.forgetRoutes();
        prepareScenario();
    }
    auto& layers = ctx_.document.layers;
    layers.erase(
        std::remove_if(layers.begin(), layers.end(), [](const Layer& l) { return l.options.id != "zoning"; }),
        layers.end());
    for (Layer& l : loaded.layers)
        layers.push_back(std::move(l));
    for (const Error& e : loaded.problems)
        ctx_.notifications.error(e.toString());
    layersDirty_ = true;
    zoningDirty_ = true;
    fontsDirty_ = true; // the new scenario's Chinese names
    if (ctx_.document.scenario.has_value()) showStage(0);
    host_.setTitle(title());
    rememberFile(ctx_.prefs, loaded.path);
    ctx_.notifications.info(fmt::format(fmt::runtime(_("Opened scenario {}")), loaded.path));
}

void ViewerSession::startRouting() {
    if (!ctx_.document.scenario) return;
    const MapProjection projection = ctx_.projection;
    const Scenario scenario = *ctx_.document.scenario;
    auto dem = std::make_shared<const Dem>(ctx_.document.dem);
    const double exaggeration = ctx_.scene.style.exaggeration;
    const unsigned long revision = geometryRevision_;
    RouteCache& routes = presenter_.routes();
    jobs_.start("routes", _("Routing corridors"),
                [=, this, &routes](JobControl& c) -> Result<BackgroundJobs::Apply> {
                    auto g = buildScenarioGeometry(scenario, projection, TerrainSurface(*dem, exaggeration),
                                                   routes, [&c](double f) { return c.progress(f); });
                    if (!g) return cancelledError();
                    auto geometry = std::make_shared<ScenarioGeometry>(std::move(*g));
                    return BackgroundJobs::Apply([this, geometry, revision] {
                        if (revision != geometryRevision_)
                            return; // the scenario or the DEM changed: a newer job routes it
                        presenter_.adopt(std::move(*geometry));
                        for (const std::string& w : presenter_.warnings())
                            ctx_.notifications.error(w);
                    });
                });
}

void ViewerSession::startZoning() {
    const MapProjection projection = ctx_.projection;
    auto dem = std::make_shared<const Dem>(ctx_.document.dem);
    const std::vector<GeoPoint> cities = citiesOf(ctx_.document.scenario);
    const ZoningParameters parameters = ctx_.scene.zoningParameters;
    const unsigned long demRevision = demRevision_;
    jobs_.start(
        "zoning", _("Computing the zoning"), [=, this](JobControl& c) -> Result<BackgroundJobs::Apply> {
            auto computed =
                computeZoning(*dem, projection, cities, parameters, [&c](double f) { return c.progress(f); });
            if (!computed) return cancelledError();
            auto z = std::make_shared<Zoning>(std::move(*computed));
            if (c.cancelled()) return cancelledError();
            return BackgroundJobs::Apply([this, z, demRevision] {
                if (demRevision == demRevision_) installZoning(*z);
            });
        });
}

void ViewerSession::importOd(const std::string& path) {
    if (!ctx_.document.scenario.has_value())
        return ctx_.notifications.error(_("Open a scenario before importing OD data"));
    const Scenario scenario = *ctx_.document.scenario;
    jobs_.start("od", fmt::format(fmt::runtime(_("Importing {}")), fileName(path)),
                [=, this](JobControl& c) -> Result<BackgroundJobs::Apply> {
                    auto matrix = readOdFile(path);
                    if (!matrix) return matrix.error();
                    if (c.cancelled()) return cancelledError();
                    c.report(0.5);
                    const std::vector<Error> problems = checkOd(*matrix, scenario);
                    if (!problems.empty()) {
                        std::string text = fmt::format(
                            fmt::runtime(_("{} problem(s) in {}, nothing imported:")), problems.size(), path);
                        for (std::size_t i = 0; i < problems.size() && i < 6; ++i)
                            text += "\n" + problems[i].toString();
                        if (problems.size() > 6)
                            text += std::string("\n") + _("(run qinba check --od for the full list)");
                        return Error{"", "", text};
                    }
                    if (c.cancelled()) return cancelledError();
                    auto m = std::make_shared<OdMatrix>(std::move(*matrix));
                    return BackgroundJobs::Apply([this, m, path] {
                        if (!ctx_.document.scenario) return;
                        const std::size_t flows = m->rows.size();
                        for (const std::string& note : odReadingNotes(*m))
                            ctx_.notifications.info(note); // "converted from GBK/GB18030 to UTF-8"
                        ctx_.commands.post(Edit{ImportOd{std::move(*m), path, utcTimestamp()}});
                        rememberFile(ctx_.prefs, path);
                        ctx_.notifications.info(fmt::format(
                            fmt::runtime(_("Imported OD matrix {} ({} flows)")), fileName(path), flows));
                    });
                });
}

void ViewerSession::addLayer(const std::string& path) {
    const MapProjection projection = ctx_.projection;
    const MapRect extent = ctx_.document.dem.bounds();
    const unsigned long demRevision = demRevision_;
    // One job per file: several dropped at once open side by side.
    jobs_.start("layer:" + path, fmt::format(fmt::runtime(_("Opening {}")), fileName(path)),
                [=, this](JobControl& c) -> Result<BackgroundJobs::Apply> {
                    auto layer = openLayer(LayerOptions::fromPath(path), projection, extent);
                    if (!layer) return layer.error();
                    if (c.cancelled()) return cancelledError();
                    auto l = std::make_shared<Layer>(std::move(*layer));
                    return BackgroundJobs::Apply([this, l, path, demRevision] {
                        if (demRevision != demRevision_) return addLayer(path); // cut for another DEM
                        ctx_.notifications.info(
                            fmt::format(fmt::runtime(_("Added layer {}")), l->options.name));
                        ctx_.document.layers.push_back(std::move(*l));
                        rememberFile(ctx_.prefs, path);
                        layersDirty_ = true;
                    });
                });
}

void ViewerSession::openByContent(const std::string& path, bool fromRecent) {
    const FileClass fc = classifyFile(path);
    switch (fc.kind) {
    case FileKind::Dem:
        return openDem(path, "");
    case FileKind::RasterLayer:
    case FileKind::VectorLayer:
        return addLayer(path);
    case FileKind::Scenario:
        return handle(cmd::OpenScenario{path});
    case FileKind::ViewSettings:
        rememberFile(ctx_.prefs, path);
        return handle(cmd::LoadViewSettings{path});
    case FileKind::OdMatrix:
        return importOd(path);
    case FileKind::Folder:
        return ctx_.notifications.info(fmt::format(
            fmt::runtime(_("{} is a folder: drop the files in it instead (a DEM, layers, a scenario, "
                           "an OD matrix), or open them with File > Open")),
            path));
    case FileKind::Missing:
        if (fromRecent) {
            forgetFile(ctx_.prefs, path);
            return ctx_.notifications.error(fmt::format(
                fmt::runtime(_("{} is no longer there; it was taken off the recent files")), path));
        }
        return ctx_.notifications.error(fmt::format(fmt::runtime(_("{}: file not found")), path));
    case FileKind::Unknown:
        break;
    }
    ctx_.notifications.error(fmt::format(
        fmt::runtime(
            _("Cannot open {}: it is not a DEM, a map layer, a scenario, view settings or an OD matrix")),
        path));
}

} // namespace qinba::app
