#include "qinba/app/viewer_session.h"

#include "qinba/app/scenario_setup.h"
#include "qinba/app/story_framing.h"
#include "qinba/app/terrain_setup.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/i18n.h"
#include "qinba/core/recovery.h"
#include "qinba/core/scenario_io.h"
#include "qinba/core/stage_framing.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/core/tour.h"
#include "qinba/core/zoning.h"
#include "qinba/render/gl.h"
#include "qinba/render/offscreen.h"
#include "qinba/render/text_renderer.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace qinba::app {

namespace {

constexpr double kFlightSeconds = 1.2;

} // namespace

std::vector<std::string> uiTexts(const Document& doc) {
    // The interface's own text is in the catalogues, whose characters the font always holds (ui_fonts.cpp);
    // these are the document's names and captions.
    std::vector<std::string> texts = {"秦巴地图集中文新地点"};
    const Scenario empty;
    const Scenario& sc = doc.scenario ? *doc.scenario : empty;
    texts.push_back(sc.titleZh);
    for (const Place& p : sc.places)
        texts.push_back(p.nameZh);
    for (const Agglomeration& a : sc.agglomerations)
        texts.push_back(a.nameZh);
    for (const Storyline& l : sc.storylines)
        texts.push_back(l.titleZh);
    for (const Stage& st : sc.stages)
        texts.push_back(st.titleZh + st.captionZh);
    for (const Tour& t : sc.tours) {
        texts.push_back(t.name);
        for (const TourKeyframe& k : t.keyframes)
            texts.push_back(k.captionZh);
    }
    for (const Viewpoint& v : sc.viewpoints)
        texts.push_back(v.name);
    for (const Layer& l : doc.layers)
        texts.push_back(legendText(l));
    for (const LayerOptions& l : sc.layers)
        texts.push_back(l.legendZh);
    texts.emplace_back("近似"); // in legend lines of approximate layers
    for (int c = 1; c < kZoneClassCount; ++c)
        texts.emplace_back(zoneNameZh(static_cast<ZoneClass>(c)));
    return texts;
}

ViewerSession::ViewerSession(AppContext& ctx, ViewerHost& host, SceneRenderer& renderer)
    : ctx_(ctx), host_(host), renderer_(renderer), vsyncApplied_(ctx.prefs.vsync),
      presenter_(ctx.projection) {}

std::string ViewerSession::title() const {
    const Document& doc = ctx_.document;
    std::string name = doc.demPath.empty() ? _("Pan-Qinba Region (embedded SRTM30 DEM)")
                                           : std::filesystem::path(doc.demPath).filename().string();
    if (doc.scenario && !doc.scenarioPath.empty())
        name += " - " + std::filesystem::path(doc.scenarioPath).filename().string() +
                (ctx_.history.dirty() ? _(" (unsaved changes)") : "");
    return i18n::format(_("Qinba Atlas - %s"), name.c_str());
}

void ViewerSession::start(const std::vector<std::string>& extraLayers) {
    i18n::setLanguage(ctx_.prefs.language); // the viewer's and the kiosk's, as preferences keep it
    attachStreamedTerrain();
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    ctx_.view.camera = overviewCamera(surface, sceneViewport());
    prepareScenario();
    openStartLayers(extraLayers);
    updateZoning();
    applyLayerSettings(ctx_.document.layers, ctx_.scene);
    if (ctx_.document.scenario.has_value()) showStage(0);
    if (ctx_.document.scenario.has_value() && !ctx_.view.kiosk)
        ctx_.view.recoveryOffer = findRecovery(ctx_.document.scenarioPath);
    host_.setTitle(title());
}

void ViewerSession::flyTo(const OrbitCamera& to) {
    ctx_.view.flight = CameraFlight{ctx_.view.camera, to, ctx_.time, kFlightSeconds};
}

void ViewerSession::showStage(std::size_t stage) {
    ctx_.view.playback.jumpTo(stage, ctx_.time);
    flyToStage();
}

void ViewerSession::flyToStage() {
    const auto to = framedStageCamera(ctx_.view.playback.stage);
    if (!to) return;
    ctx_.view.flight = CameraFlight{ctx_.view.camera, *to, ctx_.time, kStageTransitionSeconds};
}

std::vector<ScreenRect> ViewerSession::screenControls() {
    ViewState& v = ctx_.view;
    // Each screen of a wall has its own controls, but the wall's layout must be the same on all of them.
    if (v.wall) return {};
    const Viewport vp = host_.viewport();
    if (vp.width != v.screenControlsViewport.width || vp.height != v.screenControlsViewport.height) {
        v.screenControls.clear();
        v.screenControlsViewport = vp;
    }
    std::vector<ScreenRect> out;
    for (const auto& [name, rect] : v.screenControls)
        out.push_back(rect);
    return out;
}

LegendForm ViewerSession::legendForm() const {
    if (ctx_.view.kiosk) return LegendForm::Compact;
    return ctx_.view.legendCollapsed ? LegendForm::Collapsed : LegendForm::Full;
}

bool ViewerSession::framesAroundPanels() const {
    return !ctx_.view.kiosk && !ctx_.view.wall;
}

std::vector<ScreenRect> ViewerSession::panelObstacles() const {
    std::vector<ScreenRect> out;
    if (framesAroundPanels())
        for (const auto& [name, rect] : ctx_.view.panelRects)
            out.push_back(rect);
    return out;
}

bool ViewerSession::stageFramingReady() {
    return renderer_.text() && presenter_.prepared() && (!framesAroundPanels() || ctx_.view.panelsDrawn);
}

std::optional<OrbitCamera> ViewerSession::framedStageCamera(std::size_t stage) {
    stageFramingProvisional_ = ctx_.document.scenario->stages[stage].camera && !stageFramingReady();
    FramingScreen screen;
    screen.viewport = sceneViewport();
    if (TextRenderer* text = renderer_.text(); text && presenter_.prepared())
        screen.measure = [text](std::string_view s, double px) { return text->measure(s, px); };
    screen.controls = screenControls();
    screen.legendForm = legendForm();
    screen.panels = panelObstacles();
    return framedStageViewpoint(ctx_.document, layerPresenter_, presenter_, ctx_.scene, stage,
                                ctx_.projection, screen);
}

const Tour& ViewerSession::framedTour(const Tour& tour) {
    TextRenderer* text = renderer_.text();
    if (!text || !presenter_.prepared()) return tour;
    FramingScreen screen;
    screen.viewport = sceneViewport();
    screen.measure = [text](std::string_view s, double px) { return text->measure(s, px); };
    screen.controls = screenControls();
    screen.legendForm = legendForm();
    std::size_t routePoints = 0; // changes when routes replace the straight lines of provisional geometry
    for (const CorridorPaths& c : presenter_.geometry().corridors)
        routePoints += c.route.size();
    // Everything the framing depends on, so it is recomputed only when one of them changes.
    std::string key =
        tour.id + "|" + std::to_string(screen.viewport.width) + "x" + std::to_string(screen.viewport.height) +
        "|" + std::to_string(static_cast<int>(screen.legendForm)) + "|" +
        std::to_string(ctx_.scene.textScale) + "|" + std::to_string(static_cast<int>(ctx_.scene.labels)) +
        "|" + std::to_string(routePoints) + "|" + std::to_string(ctx_.scene.style.exaggeration);
    const SceneDecorations& d = ctx_.scene.decorations;
    for (bool b : {d.legend, d.scaleBar, d.northArrow, d.captions, d.title, d.credits})
        key += b ? "1" : "0";
    for (const ScreenRect& r : screen.controls)
        key += "|" + std::to_string(std::lround(r.topLeft.x)) + "," +
               std::to_string(std::lround(r.topLeft.y)) + "," + std::to_string(std::lround(r.size.x)) + "," +
               std::to_string(std::lround(r.size.y));
    for (const TourKeyframe& k : tour.keyframes)
        key += "|" + formatCameraSpec(k.camera) + k.stage + k.captionEn + k.captionZh;
    for (const Layer& l : ctx_.document.layers)
        key += l.options.visible ? "v" : "h";
    if (key != framedKey_) {
        framedTour_ = app::framedTour(ctx_.document, layerPresenter_, presenter_, ctx_.scene, tour,
                                      ctx_.projection, screen);
        framedKey_ = std::move(key);
    }
    return framedTour_;
}

bool ViewerSession::playTour(const std::string& id, double seconds, bool playing, bool loop) {
    const Tour* tour = ctx_.document.scenario.has_value() ? ctx_.document.scenario->findTour(id) : nullptr;
    if (!tour || tour->keyframes.empty()) return false;
    TourPlayback& tp = ctx_.view.tour;
    if (tp.tour != id) stopTour();
    tp.tour = id;
    tp.seconds = std::clamp(seconds, 0.0, tourDuration(*tour));
    tp.start = ctx_.time - tp.seconds;
    tp.playing = playing;
    tp.loop = loop;
    ctx_.view.flight.reset();
    ctx_.view.playback.playing = false;
    followTour();
    return true;
}

void ViewerSession::stopTour() {
    TourPlayback& tp = ctx_.view.tour;
    if (tp.tour.empty()) return;
    for (Layer& l : ctx_.document.layers)
        if (const auto it = tp.layersBefore.find(l.options.id); it != tp.layersBefore.end())
            l.options.visible = it->second;
    if (!tp.layersBefore.empty()) layersDirty_ = true;
    tp = TourPlayback{};
}

void ViewerSession::followTour() {
    TourPlayback& tp = ctx_.view.tour;
    if (tp.tour.empty()) return;
    const Scenario& sc = *ctx_.document.scenario;
    const Tour* tour = sc.findTour(tp.tour);
    if (!tour || tour->keyframes.empty()) return stopTour(); // removed or emptied by an edit
    const double length = tourDuration(*tour);
    if (tp.playing) tp.seconds = ctx_.time - tp.start;
    if (tp.seconds >= length) {
        if (tp.loop && length > 0.0) {
            tp.seconds = std::fmod(tp.seconds, length);
            tp.start = ctx_.time - tp.seconds; // keeps the numbers small over days of looping
        } else {
            tp.seconds = length;
            tp.playing = false;
        }
    }
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    const TourMoment m = tourAt(sc, framedTour(*tour), tp.seconds, ctx_.projection, surface, limits_);
    ctx_.view.camera = m.camera;
    tp.captionEn = m.captionEn;
    tp.captionZh = m.captionZh;
    tp.showsStage = m.stage.has_value();
    if (m.stage && *m.stage < sc.stages.size()) {
        StagePlayback& pb = ctx_.view.playback;
        pb.stage = *m.stage;
        pb.previous = m.previousStage;
        pb.stageStart = ctx_.time - m.secondsIntoStage;
        pb.playing = false;
    }
    for (Layer& l : ctx_.document.layers) {
        const auto it = m.layers.find(l.options.id);
        const bool visible = it != m.layers.end()                  ? it->second
                             : tp.layersBefore.count(l.options.id) ? tp.layersBefore[l.options.id]
                                                                   : l.options.visible;
        if (visible == l.options.visible) continue;
        tp.layersBefore.try_emplace(l.options.id, l.options.visible);
        l.options.visible = visible;
        layersDirty_ = true;
    }
}

void ViewerSession::openStartLayers(const std::vector<std::string>& extra) {
    std::vector<Error> problems;
    const MapRect extent = ctx_.document.dem.bounds();
    if (ctx_.document.scenario.has_value())
        ctx_.document.layers =
            openLayers(ctx_.document.scenario->layers,
                       std::filesystem::path(ctx_.document.scenarioPath).parent_path().string(),
                       ctx_.projection, extent, problems);
    std::vector<LayerOptions> more;
    more.reserve(extra.size());
    for (const std::string& path : extra)
        more.push_back(LayerOptions::fromPath(path));
    for (Layer& l : openLayers(more, "", ctx_.projection, extent, problems))
        ctx_.document.layers.push_back(std::move(l));
    for (const Error& e : problems) {
        spdlog::error("{}", e.toString());
        ctx_.notifications.error(e.toString());
    }
    layersDirty_ = true;
}

Zoning ViewerSession::updateZoning() {
    const std::vector<GeoPoint> cities =
        ctx_.document.scenario ? cityAreaCities(*ctx_.document.scenario) : std::vector<GeoPoint>{};
    Zoning z = computeZoning(ctx_.document.dem, ctx_.projection, cities, ctx_.scene.zoningParameters);
    installZoning(z);
    return z;
}

void ViewerSession::installZoning(const Zoning& z) {
    ctx_.view.zoningStats = z.stats;
    Layer fresh = zoningLayer(z, ctx_.document.dem);
    auto& layers = ctx_.document.layers;
    const auto it =
        std::find_if(layers.begin(), layers.end(), [](const Layer& l) { return l.options.id == "zoning"; });
    if (it == layers.end()) {
        fresh.options.visible = ctx_.scene.zoning;
        layers.insert(layers.begin(), std::move(fresh));
    } else {
        fresh.options = it->options; // keep what the user set: visibility, opacity, name
        *it = std::move(fresh);
    }
    layersDirty_ = true;
}

void ViewerSession::exportZoning(const std::string& prefix, const std::string& crs) {
    const Zoning z = updateZoning();
    for (const Status& s :
         {writeZoningGeoTiff(prefix + ".tif", ctx_.document.dem, z, ctx_.projection, crs),
          writeZoningGeoJson(prefix + ".geojson", ctx_.document.dem, z, ctx_.projection, crs),
          writeZoningCsv(prefix + ".csv", z)})
        if (!s) return ctx_.notifications.error(s.error().toString());
    ctx_.notifications.info(i18n::format(_("Wrote %s.tif, .geojson and .csv"), prefix.c_str()));
}

OrbitCamera ViewerSession::framing(const MapRect& r) const {
    OrbitCamera c = ctx_.view.camera;
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    c.target = {r.centre().x, r.centre().y, surface.heightAt(r.centre().x, r.centre().y).value_or(0.0)};
    c.heading = 0.0;
    c.distance = std::max(std::max(r.width() / sceneViewport().aspect(), r.height()) /
                              (2.0 * std::tan(glm::radians(c.fovY) / 2.0)) * 1.25,
                          limits_.minDistance);
    return c;
}

void ViewerSession::prepareScenario() {
    ++geometryRevision_; // a routing job under way works for what was before
    if (!ctx_.document.scenario.has_value()) return;
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    if (presenter_.prepared()) {
        // The known routes at once, the new ones off the window's thread (straight until they come).
        if (presenter_.prepareProvisional(*ctx_.document.scenario, surface) > 0) startRouting();
        return;
    }
    presenter_.prepare(*ctx_.document.scenario, surface);
    for (const std::string& w : presenter_.warnings())
        ctx_.notifications.error(w);
}

void ViewerSession::advance(double dt) {
    advanceTo(ctx_.time + dt);
}

void ViewerSession::advanceTo(double time) {
    const double dt = std::max(time - ctx_.time, 0.0);
    ctx_.time = time;
    ctx_.view.timing.add(dt);
    NavigationInput nav = host_.navigation();
    // A click on the viewer's legend folds or unfolds it, and is no click on the map under it.
    const ImGuiIO& io = ImGui::GetIO();
    const auto& legend = ctx_.view.legendRect;
    const bool legendClick = !ctx_.view.kiosk && legend && !io.WantCaptureMouse && io.MouseReleased[0] &&
                             io.MouseDragMaxDistanceSqr[0] < 25.0f && nav.mouse.x >= legend->topLeft.x &&
                             nav.mouse.y >= legend->topLeft.y &&
                             nav.mouse.x <= legend->topLeft.x + legend->size.x &&
                             nav.mouse.y <= legend->topLeft.y + legend->size.y;
    if (legendClick) ctx_.commands.post(cmd::ToggleLegend{});
    if (!ctx_.view.kiosk && !legendClick)
        updatePicking(nav, TerrainSurface(ctx_.document.dem, ctx_.scene.style.exaggeration));
    const bool steering = nav.panDrag || nav.orbitDrag || nav.wheel != 0.0 || nav.panX != 0.0 ||
                          nav.panY != 0.0 || nav.turn != 0.0 || nav.tilt != 0.0 || nav.zoom != 0.0;
    if (steering) {
        ctx_.view.flight.reset();
        stopTour(); // the visitor or planner takes the camera
        stageFramingProvisional_ = false;
    }
    if (stageFramingProvisional_ && stageFramingReady() && ctx_.view.tour.tour.empty() &&
        ctx_.document.scenario.has_value())
        flyToStage(); // framed again now that the panels and the text are known
    if (!ctx_.view.tour.tour.empty()) {
        followTour();
    } else if (ctx_.document.scenario.has_value() &&
               ctx_.view.playback.update(*ctx_.document.scenario, ctx_.time)) {
        flyToStage();
    }
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    if (ctx_.view.flight) {
        ctx_.view.camera = ctx_.view.flight->at(ctx_.time);
        if (ctx_.view.flight->finished(ctx_.time)) ctx_.view.flight.reset();
    }
    const Viewport vp = sceneViewport();
    if (ctx_.view.wall) { // the pointer on this screen, in the wall's canvas
        const PixelRect screen = wallTileRect(*ctx_.view.wall, host_.viewport());
        nav.mouse += glm::dvec2(screen.x, screen.y);
    }
    navigate(ctx_.view.camera, nav, dt, vp, surface, limits_);

    // Terrain readout under the cursor.
    ctx_.view.cursor.onTerrain = false;
    if (!ImGui::GetIO().WantCaptureMouse) {
        const CameraMatrices m = computeMatrices(ctx_.view.camera, vp, surface.box());
        if (const auto hit = surface.intersect(screenRay(m, vp, nav.mouse))) {
            if (const auto elevation = ctx_.document.dem.elevationAt({hit->x, hit->y}))
                ctx_.view.cursor = {true, ctx_.projection.toGeo({hit->x, hit->y}), *elevation};
        }
    }
}

void ViewerSession::saveScenario(const std::string& path) {
    if (!ctx_.document.scenario.has_value())
        return ctx_.notifications.error(_("No scenario is loaded to save"));
    if (auto s = qinba::saveScenario(path, *ctx_.document.scenario); !s)
        return ctx_.notifications.error(s.error().toString());
    if (path != ctx_.document.scenarioPath) (void)discardRecovery(ctx_.document.scenarioPath);
    (void)discardRecovery(path);
    ctx_.document.scenarioPath = path;
    ctx_.history.markSaved();
    host_.setTitle(title());
    ctx_.notifications.info(i18n::format(_("Saved %s"), path.c_str()));
}

void ViewerSession::composeOverlay(DrawList& out, std::size_t stage, std::optional<std::size_t> previous,
                                   double seconds, Viewport viewport, const TerrainSurface& surface,
                                   double left) {
    SceneMoment moment;
    // A tour's moment without a stage shows the terrain and layers only, as recordings of it do.
    moment.showsScenario =
        ctx_.document.scenario.has_value() && (ctx_.view.tour.tour.empty() || ctx_.view.tour.showsStage);
    moment.stage = stage;
    moment.previous = previous;
    moment.secondsIntoStage = seconds;
    if (!ctx_.view.tour.tour.empty()) {
        moment.captionEn = ctx_.view.tour.captionEn;
        moment.captionZh = ctx_.view.tour.captionZh;
    }
    MapView view =
        sceneView(ctx_.document, layerPresenter_, &presenter_, ctx_.scene, moment, viewport.height);
    view.indicativeNote = forImage_; // on screen the UI says it; a saved picture must say it itself
    if (&out == &overlay_) view.labelCache = &labelCache_;
    if (&out == &overlayRight_) view.labelCache = &labelCacheRight_;
    if (TextRenderer* text = renderer_.text())
        view.measure = [text](std::string_view s, double px) { return text->measure(s, px); };
    view.decorations.legendForm = legendForm();
    if (!forImage_) {
        view.controls = screenControls();
        // Labels move off the viewer's panels (where they would be hidden); the legend stays put.
        for (const ScreenRect& r : panelObstacles())
            view.controls.push_back(r);
        for (ScreenRect& r : view.controls) // window pixels to this viewport's
            r.topLeft.x -= left;
    }
    ScreenLayout layout;
    composeMapFrame(out, view, ctx_.view.camera, viewport, surface, &layout);
    if (!forImage_ && &out == &overlay_) ctx_.view.legendRect = layout.legend; // the click target
    composeHighlight(out, surface);
}

SceneFrame ViewerSession::frameFor(Viewport vp, DrawList& overlay) {
    SceneFrame frame;
    frame.camera = ctx_.view.camera;
    frame.style = ctx_.scene.style;
    frame.viewport = vp;
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    overlay.clear();
    const StagePlayback& pb = ctx_.view.playback;
    composeOverlay(overlay, pb.stage, pb.previous, pb.secondsIntoStage(ctx_.time), vp, surface);
    frame.overlay = &overlay;
    // Streamed terrain: the window draws what is at hand each frame; screenshots wait for every tile.
    frame.streamWithoutWaiting = !forImage_;
    return frame;
}

Result<ImageRgba8> ViewerSession::renderImage(Viewport size, FrameStats* stats) {
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    if (ctx_.document.scenario) presenter_.follow(*ctx_.document.scenario, surface);
    layerPresenter_.follow(ctx_.document.layers, surface);
    DrawList overlay;
    forImage_ = true;
    const SceneFrame frame = frameFor(size, overlay);
    forImage_ = false;
    auto image = renderToImage(renderer_, frame, std::max(ctx_.prefs.msaaSamples, 1), stats);
    host_.bindTarget();
    return image;
}

void ViewerSession::saveScreenshot(const ScreenshotRequest& request) {
    const Viewport window = host_.viewport();
    const Viewport size =
        request.width > 0 && request.height > 0 ? Viewport{request.width, request.height} : window;
    auto image = renderImage(size);
    if (!image) return ctx_.notifications.error(image.error().toString());
    if (auto s = writePng(request.path, *image); !s) return ctx_.notifications.error(s.error().toString());
    ctx_.view.screenshotFolder = std::filesystem::path(request.path).parent_path().string();
    ctx_.notifications.info(
        i18n::format(_("Saved screenshot %s (%dx%d)"), request.path.c_str(), size.width, size.height));
}

Viewport ViewerSession::sceneViewport() const {
    return ctx_.view.wall ? wallCanvas(*ctx_.view.wall, host_.viewport()) : host_.viewport();
}

void ViewerSession::render() {
    host_.bindTarget();
    const Viewport vp = host_.viewport();
    const bool compare = ctx_.document.scenario.has_value() && ctx_.scene.compare;
    const TerrainSurface surface(ctx_.document.dem, ctx_.scene.style.exaggeration);
    if (ctx_.document.scenario) presenter_.follow(*ctx_.document.scenario, surface);
    layerPresenter_.follow(ctx_.document.layers, surface);
    if (ctx_.view.wall) {
        // This screen's part of the wall's picture (the compare split is the viewer's, not the wall's).
        SceneFrame frame = frameFor(sceneViewport(), overlay_);
        frame.tile = wallTileRect(*ctx_.view.wall, vp);
        glViewport(0, 0, vp.width, vp.height);
        recordFrameStats(renderer_.render(frame));
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        return;
    }
    SceneFrame frame = frameFor(compare ? Viewport{std::max(vp.width / 2, 1), vp.height} : vp, overlay_);
    if (!compare) {
        glViewport(0, 0, vp.width, vp.height);
        recordFrameStats(renderer_.render(frame));
    } else {
        // Side by side: the current stage on the left, the compared one (fully shown) on the right.
        const int half = frame.viewport.width;
        glEnable(GL_SCISSOR_TEST);
        glViewport(0, 0, half, vp.height);
        glScissor(0, 0, half, vp.height);
        recordFrameStats(renderer_.render(frame));
        const std::size_t other =
            std::min(ctx_.scene.compareStage, ctx_.document.scenario->stages.size() - 1);
        frame.viewport = {vp.width - half, vp.height};
        overlayRight_.clear();
        composeOverlay(overlayRight_, other, std::nullopt, kStageTransitionSeconds + 1.0 + ctx_.time,
                       frame.viewport, surface, half);
        frame.overlay = &overlayRight_;
        glViewport(half, 0, vp.width - half, vp.height);
        glScissor(half, 0, vp.width - half, vp.height);
        ctx_.view.triangles += renderer_.render(frame).triangles;
        glDisable(GL_SCISSOR_TEST);
        glViewport(0, 0, vp.width, vp.height);
    }
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ViewerSession::attachStreamedTerrain() {
    TerrainOptions opts;
    opts.demPath = ctx_.document.demPath;
    opts.demFallbacks = ctx_.document.demFallbacks;
    opts.demCrs = ctx_.document.demCrs;
    opts.lodMode = ctx_.prefs.lodMode == 1 ? "on" : ctx_.prefs.lodMode == 2 ? "off" : "auto";
    opts.lod.maxScreenErrorPx = ctx_.prefs.maxScreenErrorPx;
    opts.lod.cpuCacheMb = ctx_.prefs.tileCacheMb;
    opts.lod.gpuCacheMb = ctx_.prefs.gpuTileCacheMb;
    auto streamer = openStreamedTerrain(opts, ctx_.document.dem, ctx_.projection);
    if (!streamer) {
        (void)renderer_.setStreamedTerrain(nullptr);
        return ctx_.notifications.error(
            i18n::format(_("%s (showing the DEM resampled to 2048 samples a side instead)"),
                         streamer.error().toString().c_str()));
    }
    if (!*streamer) {
        (void)renderer_.setStreamedTerrain(nullptr);
        return;
    }
    for (const std::string& w : (*streamer)->info().warnings)
        ctx_.notifications.error(w);
    const TilePyramid& p = (*streamer)->pyramid();
    const std::string msg =
        i18n::format(_("Streaming the DEM with level of detail: %dx%d samples in %d levels"), p.rasterWidth,
                     p.rasterHeight, p.levels);
    if (auto s = renderer_.setStreamedTerrain(std::move(*streamer)); !s)
        return ctx_.notifications.error(s.error().toString());
    ctx_.notifications.info(msg);
}

void ViewerSession::recordFrameStats(const FrameStats& stats) {
    ctx_.view.triangles = stats.triangles;
    PerformanceStats& p = ctx_.view.perf;
    p.triangles = stats.triangles;
    p.drawCalls = stats.drawCalls;
    p.streamed = stats.streamed && renderer_.lod();
    if (!p.streamed) return;
    const LodFrameStats& l = stats.lod;
    p.tilesDrawn = l.tilesDrawn;
    p.coarsestLevel = l.coarsestLevel;
    p.finestLevel = l.finestLevel;
    p.levels = renderer_.lod()->pyramid().levels;
    p.gpuTiles = l.gpuTiles;
    p.gpuMb = l.gpuMb;
    p.worstErrorPx = l.worstErrorPx;
    p.budgetLimited = l.budgetLimited;
    const StreamStats s = renderer_.lod()->streamer().stats();
    p.cpuTiles = s.residentTiles;
    p.cpuMb = s.residentMb;
    p.queued = s.queued;
    p.inFlight = s.inFlight;
    p.loaded = s.loaded;
    p.failed = s.failed;
    for (const std::string& problem : renderer_.lod()->streamer().takeProblems())
        ctx_.notifications.error(problem);
}

} // namespace qinba::app
