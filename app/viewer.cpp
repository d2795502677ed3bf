#include "viewer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#define GLFW_INCLUDE_NONE
#include "map_frame.h"
#include "scenario_presenter.h"
#include "scenario_setup.h"
#include "window_input.h"

#include "qinba/core/camera_controller.h"
#include "qinba/core/camera_spec.h"
#include "qinba/core/clock.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/terrain_surface.h"
#include "qinba/core/zoning.h"
#include "qinba/render/gl.h"
#include "qinba/render/gl_info.h"
#include "qinba/render/scene_renderer.h"
#include "qinba/render/text_renderer.h"
#include "qinba/ui/panels.h"
#include "qinba/ui/ui_fonts.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

namespace qinba::app {

namespace {

constexpr double kFlightSeconds = 1.2;

std::string windowTitle(const Document& doc) {
    const std::string name = doc.demPath.empty() ? "Pan-Qinba Region (embedded SRTM30 DEM)"
                                                 : std::filesystem::path(doc.demPath).filename().string();
    return "Qinba Atlas - " + name;
}

/// Strings with CJK characters the UI shows; their glyphs go into the font atlas.
std::vector<std::string> uiTexts(const Document& doc) {
    std::vector<std::string> texts = {
        "\xe7\xa7\xa6\xe5\xb7\xb4\xe5\x9c\xb0\xe5\x9b\xbe\xe9\x9b\x86"   // 秦巴地图集
        "\xe4\xb8\xad\xe6\x96\x87\xe7\xa4\xba\xe6\x84\x8f\xe5\x80\xbc"}; // 中文示意值
    const Scenario& sc = doc.scenario;
    texts.push_back(sc.titleZh);
    for (const Place& p : sc.places)
        texts.push_back(p.nameZh);
    for (const Agglomeration& a : sc.agglomerations)
        texts.push_back(a.nameZh);
    for (const Storyline& l : sc.storylines)
        texts.push_back(l.titleZh);
    for (const Stage& st : sc.stages)
        texts.push_back(st.titleZh + st.captionZh);
    for (const Layer& l : doc.layers)
        texts.push_back(legendText(l));
    for (const LayerOptions& l : sc.layers)
        texts.push_back(l.legendZh);
    texts.push_back("\xe8\xbf\x91\xe4\xbc\xbc"); // 近似, in legend lines of approximate layers
    for (int c = 1; c < kZoneClassCount; ++c)
        texts.push_back(zoneNameZh(static_cast<ZoneClass>(c)));
    return texts;
}

struct Viewer {
    AppContext& ctx;
    GLFWwindow* window;
    SceneRenderer& renderer;
    CameraLimits limits;
    WindowInput& input;
    bool vsyncApplied;
    ScenarioPresenter presenter;
    LayerPresenter layerPresenter;
    DrawList overlay, overlayRight;

    Viewport viewport() const {
        int w = 1, h = 1;
        glfwGetFramebufferSize(window, &w, &h);
        return {std::max(w, 1), std::max(h, 1)};
    }
    double pixelScale() const {
        int ww = 1, wh = 1;
        glfwGetWindowSize(window, &ww, &wh);
        return static_cast<double>(viewport().width) / std::max(ww, 1);
    }

    void flyTo(const OrbitCamera& to) {
        ctx.view.flight = CameraFlight{ctx.view.camera, to, ctx.time, kFlightSeconds};
    }

    /// Shows `stage` from now on, flying to its viewpoint.
    void showStage(std::size_t stage) {
        ctx.view.playback.jumpTo(stage, ctx.time);
        flyToStage();
    }

    void flyToStage() {
        const Scenario& sc = ctx.document.scenario;
        const auto& spec = sc.stages[ctx.view.playback.stage].camera;
        if (!spec) return;
        const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
        ctx.view.flight = CameraFlight{ctx.view.camera, cameraFromSpec(*spec, ctx.projection, surface),
                                       ctx.time, kStageTransitionSeconds};
    }

    /// The scenario's layers, then those named on the command line; problems become notifications.
    void openStartLayers(const std::vector<std::string>& extra) {
        std::vector<Error> problems;
        const MapRect extent = ctx.document.dem.bounds();
        if (ctx.document.hasScenario)
            ctx.document.layers =
                openLayers(ctx.document.scenario.layers,
                           std::filesystem::path(ctx.document.scenarioPath).parent_path().string(),
                           ctx.projection, extent, problems);
        std::vector<LayerOptions> more;
        for (const std::string& path : extra)
            more.push_back(LayerOptions::fromPath(path));
        for (Layer& l : openLayers(more, "", ctx.projection, extent, problems))
            ctx.document.layers.push_back(std::move(l));
        for (const Error& e : problems) {
            spdlog::error("{}", e.toString());
            ctx.notifications.error(e.toString());
        }
        ctx.requests.layersChanged = true;
    }

    /// Recomputes the zoning and puts it in the layer stack (as the bottom layer the first time).
    Zoning updateZoning() {
        const std::vector<GeoPoint> cities =
            ctx.document.hasScenario ? cityAreaCities(ctx.document.scenario) : std::vector<GeoPoint>{};
        Zoning z = computeZoning(ctx.document.dem, ctx.projection, cities, ctx.document.zoning);
        ctx.view.zoningStats = z.stats;
        Layer fresh = zoningLayer(z, ctx.document.dem);
        auto& layers = ctx.document.layers;
        const auto it = std::find_if(layers.begin(), layers.end(),
                                     [](const Layer& l) { return l.options.id == "zoning"; });
        if (it == layers.end()) {
            layers.insert(layers.begin(), std::move(fresh));
        } else {
            fresh.options = it->options; // keep what the user set: visibility, opacity, name
            *it = std::move(fresh);
        }
        ctx.requests.layersChanged = true;
        return z;
    }

    void exportZoning(const std::string& prefix) {
        const Zoning z = updateZoning();
        for (const Status& s : {writeZoningGeoTiff(prefix + ".tif", ctx.document.dem, z, ctx.projection),
                                writeZoningGeoJson(prefix + ".geojson", ctx.document.dem, z, ctx.projection),
                                writeZoningCsv(prefix + ".csv", z)})
            if (!s) return ctx.notifications.error(s.error().toString());
        ctx.notifications.info("Wrote " + prefix + ".tif, .geojson and .csv");
    }

    /// A camera that shows `r` (map metres) from the south at the current tilt.
    OrbitCamera framing(const MapRect& r) const {
        OrbitCamera c = ctx.view.camera;
        const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
        c.target = {r.centre().x, r.centre().y, surface.heightAt(r.centre().x, r.centre().y).value_or(0.0)};
        c.heading = 0.0;
        c.distance = std::max(std::max(r.width() / viewport().aspect(), r.height()) /
                                  (2.0 * std::tan(glm::radians(c.fovY) / 2.0)) * 1.25,
                              limits.minDistance);
        return c;
    }

    /// Routes and drapes the scenario over the current terrain.
    void prepareScenario() {
        if (!ctx.document.hasScenario) return;
        const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
        presenter.prepare(ctx.document.scenario, surface);
        for (const std::string& w : presenter.warnings())
            ctx.notifications.error(w);
    }

    void advance(double dt) {
        ctx.time += dt;
        ctx.view.timing.add(dt);
        if (ctx.document.hasScenario && ctx.view.playback.update(ctx.document.scenario, ctx.time))
            flyToStage();
        const NavigationInput nav = input.gather(window, pixelScale());
        if (WindowInput::steering(nav)) ctx.view.flight.reset();
        const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
        if (ctx.view.flight) {
            ctx.view.camera = ctx.view.flight->at(ctx.time);
            if (ctx.view.flight->finished(ctx.time)) ctx.view.flight.reset();
        }
        navigate(ctx.view.camera, nav, dt, viewport(), surface, limits);

        // Terrain readout under the cursor.
        ctx.view.cursor.onTerrain = false;
        if (!ImGui::GetIO().WantCaptureMouse) {
            const CameraMatrices m = computeMatrices(ctx.view.camera, viewport(), surface.box());
            if (const auto hit = surface.intersect(screenRay(m, viewport(), nav.mouse))) {
                const auto elevation = ctx.document.dem.elevationAt({hit->x, hit->y});
                if (elevation) {
                    ctx.view.cursor = {true, ctx.projection.toGeo({hit->x, hit->y}), *elevation};
                }
            }
        }
    }

    void applyRequests() {
        UiRequests& r = ctx.requests;
        if (r.openDem) {
            const TerrainOptions opts{r.openDem->first, r.openDem->second};
            auto dem = loadTerrain(opts, ctx.projection);
            if (!dem) {
                ctx.notifications.error(dem.error().toString());
            } else if (auto s = renderer.setDem(*dem, ctx.prefs.terrainTriangles); !s) {
                ctx.notifications.error(s.error().toString());
                // The previous terrain was on the GPU a moment ago, so it fits again.
                (void)renderer.setDem(ctx.document.dem, ctx.prefs.terrainTriangles);
            } else {
                ctx.document.demPath = opts.demPath;
                ctx.document.demCrs = opts.demCrs;
                ctx.document.dem = std::move(*dem);
                ctx.view.flight.reset();
                const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
                ctx.view.camera = overviewCamera(surface, viewport());
                glfwSetWindowTitle(window, windowTitle(ctx.document).c_str());
                prepareScenario();
                r.zoningChanged = true;
                r.layersChanged = true;
                const Dem& d = ctx.document.dem;
                char msg[256];
                std::snprintf(msg, sizeof msg, "Opened %s: %dx%d samples of %.0f m, %.0f to %.0f m",
                              d.provenance.path.c_str(), d.width(), d.height(), d.cellSize(),
                              d.minElevation(), d.maxElevation());
                ctx.notifications.info(msg);
            }
        }
        if (r.resetView) {
            const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
            flyTo(overviewCamera(surface, viewport()));
        }
        if (r.copyView) {
            const std::string spec = formatCameraSpec(specFromCamera(ctx.view.camera, ctx.projection));
            glfwSetClipboardString(window, ("--camera " + spec).c_str());
            ctx.notifications.info("Copied --camera " + spec);
        }
        if (r.terrainDetailChanged) renderer.setTriangleBudget(ctx.prefs.terrainTriangles);
        if (r.addLayer) {
            auto layer =
                openLayer(LayerOptions::fromPath(*r.addLayer), ctx.projection, ctx.document.dem.bounds());
            if (layer) {
                ctx.notifications.info("Added layer " + layer->options.name);
                ctx.document.layers.push_back(std::move(*layer));
                r.layersChanged = true;
            } else {
                spdlog::error("{}", layer.error().toString());
                ctx.notifications.error(layer.error().toString());
            }
        }
        if (r.zoningChanged) updateZoning();
        if (r.exportZoning) exportZoning(*r.exportZoning);
        if (r.zoomToLayer && *r.zoomToLayer < ctx.document.layers.size())
            flyTo(framing(ctx.document.layers[*r.zoomToLayer].bounds));
        if (r.layersChanged)
            layerPresenter.rebuild(ctx.document.layers,
                                   TerrainSurface(ctx.document.dem, ctx.view.style.exaggeration), renderer);
        if (ctx.document.hasScenario && r.jumpToStage && *r.jumpToStage < ctx.document.scenario.stages.size())
            showStage(*r.jumpToStage);
        if (r.togglePlay) {
            StagePlayback& pb = ctx.view.playback;
            pb.playing = !pb.playing;
            // Playing on from a stage whose time is already over starts the next one cleanly now.
            if (pb.playing && ctx.document.hasScenario &&
                pb.secondsIntoStage(ctx.time) >= ctx.document.scenario.stages[pb.stage].duration)
                pb.stageStart = ctx.time - ctx.document.scenario.stages[pb.stage].duration;
        }
        if (ctx.prefs.vsync != vsyncApplied) {
            glfwSwapInterval(ctx.prefs.vsync ? 1 : 0);
            vsyncApplied = ctx.prefs.vsync;
        }
        if (r.quit) glfwSetWindowShouldClose(window, GLFW_TRUE);
        const bool fonts = r.rebuildFonts;
        r = UiRequests{};
        r.rebuildFonts = fonts; // applied before the next UI pass, when no draw data uses the old atlas
    }

    /// The overlay of stage `stage` (coming from `previous`) for the current camera and `viewport`.
    void composeOverlay(DrawList& out, std::size_t stage, std::optional<std::size_t> previous, double seconds,
                        Viewport viewport, const TerrainSurface& surface) {
        MapView view;
        view.layers = &ctx.document.layers;
        view.layerPresenter = &layerPresenter;
        if (ctx.document.hasScenario) {
            view.scenario = &ctx.document.scenario;
            view.scenarioPresenter = &presenter;
            view.stage = stage;
            view.previous = previous;
            view.secondsIntoStage = seconds;
        }
        view.dem = &ctx.document.dem;
        if (ctx.document.demPath.empty()) view.demNote = kDefaultDemNote;
        view.style = ctx.view.style;
        view.language = static_cast<LabelLanguage>(ctx.prefs.labelLanguage);
        view.scale = static_cast<float>(ctx.prefs.uiScale);
        view.decorations = {ctx.prefs.showLegend, ctx.prefs.showScaleBar, ctx.prefs.showNorthArrow};
        if (TextRenderer* text = renderer.text())
            view.measure = [text](std::string_view s, double px) { return text->measure(s, px); };
        composeMapFrame(out, view, ctx.view.camera, viewport, surface);
    }

    void render() {
        const Viewport vp = viewport();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        SceneFrame frame;
        frame.camera = ctx.view.camera;
        frame.style = ctx.view.style;
        const bool compare = ctx.document.hasScenario && ctx.view.compare;
        frame.viewport = compare ? Viewport{std::max(vp.width / 2, 1), vp.height} : vp;
        const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
        if (ctx.document.hasScenario) presenter.follow(ctx.document.scenario, surface);
        layerPresenter.follow(ctx.document.layers, surface);
        overlay.clear();
        overlayRight.clear();
        const StagePlayback& pb = ctx.view.playback;
        composeOverlay(overlay, pb.stage, pb.previous, pb.secondsIntoStage(ctx.time), frame.viewport,
                       surface);
        frame.overlay = &overlay;
        if (!compare) {
            glViewport(0, 0, vp.width, vp.height);
            ctx.view.triangles = renderer.render(frame).triangles;
        } else {
            // Side by side: the current stage on the left, the compared one (fully shown) on the right.
            const int half = frame.viewport.width;
            glEnable(GL_SCISSOR_TEST);
            glViewport(0, 0, half, vp.height);
            glScissor(0, 0, half, vp.height);
            ctx.view.triangles = renderer.render(frame).triangles;
            const std::size_t other =
                std::min(ctx.view.compareStage, ctx.document.scenario.stages.size() - 1);
            frame.viewport = {vp.width - half, vp.height};
            composeOverlay(overlayRight, other, std::nullopt, kStageTransitionSeconds + 1.0 + ctx.time,
                           frame.viewport, surface);
            frame.overlay = &overlayRight;
            glViewport(half, 0, vp.width - half, vp.height);
            glScissor(half, 0, vp.width - half, vp.height);
            ctx.view.triangles += renderer.render(frame).triangles;
            glDisable(GL_SCISSOR_TEST);
            glViewport(0, 0, vp.width, vp.height);
        }
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
};

} // namespace

int runViewer(const ViewerOptions& options) {
    AppContext ctx(MapProjection::panQinba());
    ctx.prefsPath = preferencesPath();
    std::string prefsProblem;
    if (auto prefs = loadPreferences(ctx.prefsPath))
        ctx.prefs = *prefs;
    else
        prefsProblem = prefs.error().toString() + " (using defaults)";
    if (options.uiScale > 0) ctx.prefs.uiScale = options.uiScale;

    // The DEM is read before any window opens, so a bad --dem fails fast with one line.
    auto dem = loadTerrain(options.terrain, ctx.projection);
    if (!dem) {
        std::fprintf(stderr, "qinba: error: %s\n", dem.error().toString().c_str());
        return 1;
    }
    ctx.document.demPath = options.terrain.demPath;
    ctx.document.demCrs = options.terrain.demCrs;
    ctx.document.dem = std::move(*dem);
    // A scenario named on the command line must load; the default one is shown when it can be.
    std::string scenarioProblem;
    if (auto scenario = loadScenarioOption(options.scenario)) {
        ctx.document.scenario = std::move(*scenario);
        ctx.document.scenarioPath = options.scenario.empty() ? defaultScenarioPath() : options.scenario;
        ctx.document.hasScenario = !ctx.document.scenario.stages.empty();
    } else if (!options.scenario.empty()) {
        std::fprintf(stderr, "qinba: error: %s\n", scenario.error().toString().c_str());
        return 1;
    } else {
        scenarioProblem = scenario.error().toString();
    }

    glfwSetErrorCallback([](int, const char* msg) { spdlog::debug("GLFW: {}", msg); });
    if (!glfwInit()) {
        std::fprintf(
            stderr,
            "qinba: error: no display: the viewer needs a graphical session (X11 or Wayland). On a machine "
            "without one, run it under a virtual display (xvfb-run -a qinba) or render images headless "
            "(qinba render --out view.png --size 1920x1080).\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, ctx.prefs.msaaSamples);
    GLFWwindow* window = glfwCreateWindow(ctx.prefs.windowWidth, ctx.prefs.windowHeight,
                                          windowTitle(ctx.document).c_str(), nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "qinba: error: cannot open an OpenGL 3.3 core window on this display\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(ctx.prefs.vsync ? 1 : 0);
    const GlInfo gl = GlInfo::query();
    ctx.view.glSummary = gl.summary();
    spdlog::info("{}", ctx.view.glSummary);
    if (ctx.prefs.msaaSamples > 1) glEnable(GL_MULTISAMPLE);

    WindowInput input;
    input.install(window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // panel placement is not worth a file beside the user's data
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    float contentScale = 1.0f, unused = 1.0f;
    glfwGetWindowContentScale(window, &contentScale, &unused);
    auto fontScale = [&] { return static_cast<float>(ctx.prefs.uiScale) * std::max(contentScale, 1.0f); };
    if (auto warning = rebuildFonts(fontScale(), uiTexts(ctx.document)); !warning.empty())
        ctx.notifications.error(warning);
    if (!prefsProblem.empty()) ctx.notifications.error(prefsProblem);
    if (!scenarioProblem.empty()) ctx.notifications.error(scenarioProblem);

    int status = 0;
    {
        auto renderer = SceneRenderer::create(shaderDir());
        if (!renderer) {
            std::fprintf(stderr, "qinba: error: %s\n", renderer.error().toString().c_str());
            status = 1;
        } else if (auto s = (*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s) {
            std::fprintf(stderr, "qinba: error: %s\n", s.error().toString().c_str());
            status = 1;
        } else {
            Viewer v{ctx,
                     window,
                     **renderer,
                     CameraLimits{},
                     input,
                     ctx.prefs.vsync,
                     ScenarioPresenter(ctx.projection),
                     {},
                     {},
                     {}};
            const TerrainSurface surface(ctx.document.dem, ctx.view.style.exaggeration);
            ctx.view.camera = overviewCamera(surface, v.viewport());
            v.prepareScenario();
            v.openStartLayers(options.layers);
            v.updateZoning();
            if (ctx.document.hasScenario) v.showStage(0);
            SteadyClock clock;
            double last = clock.seconds();
            [[maybe_unused]] double lastShaderCheck = 0.0;
            long frames = 0;
            while (!glfwWindowShouldClose(window) && (options.maxFrames == 0 || frames < options.maxFrames)) {
                glfwPollEvents();
                if (ctx.requests.rebuildFonts) {
                    rebuildFonts(fontScale(), uiTexts(ctx.document));
                    ctx.requests.rebuildFonts = false;
                }
                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                drawUi(ctx);
                input.shortcuts(ctx);
                ImGui::Render();

                const double now = clock.seconds();
                v.advance(std::clamp(now - last, 0.0, 0.25));
                last = now;
                v.applyRequests();
#ifndef NDEBUG
                if (now - lastShaderCheck > 0.5) {
                    lastShaderCheck = now;
                    bool reloaded = false;
                    if (auto s = (*renderer)->reloadShadersIfChanged(reloaded); !s)
                        ctx.notifications.error(s.error().toString());
                    else if (reloaded)
                        ctx.notifications.info("Shaders reloaded");
                }
#endif
                v.render();
                glfwSwapBuffers(window);
                ++frames;
            }
            int w = 0, h = 0;
            glfwGetWindowSize(window, &w, &h);
            if (w >= 320 && h >= 240) ctx.prefs.windowWidth = w, ctx.prefs.windowHeight = h;
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    if (auto s = savePreferences(ctx.prefsPath, ctx.prefs); !s)
        std::fprintf(stderr, "qinba: warning: %s\n", s.error().toString().c_str());
    return status;
}

} // namespace qinba::app
