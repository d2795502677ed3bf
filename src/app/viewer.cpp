#include "qinba/app/viewer.h"

#include "qinba/app/command_error.h"
#include "qinba/app/frame_loop.h"
#include "qinba/app/glfw_host.h"
#include "qinba/app/scenario_setup.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/clock.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/od_import.h"
#include "qinba/render/gl_info.h"
#include "qinba/ui/panels.h"
#include "qinba/ui/ui_fonts.h"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace qinba::app {

namespace {

int fail(const Error& e) {
    return reportError("", e);
}

} // namespace

Status loadDocument(AppContext& ctx, const TerrainOptions& terrain, const std::string& scenarioPath,
                    std::string& scenarioProblem) {
    // The DEM is read before any window opens, so a bad --dem fails fast with one line.
    auto dem = loadTerrain(terrain, ctx.projection);
    if (!dem) return dem.error();
    ctx.document.demPath = terrain.demPath;
    ctx.document.demFallbacks = terrain.demFallbacks;
    ctx.document.demCrs = terrain.demCrs;
    ctx.document.dem = std::move(*dem);
    // A scenario named on the command line must load; the default one is shown when it can be.
    if (auto scenario = loadScenarioOption(scenarioPath)) {
        ctx.document.scenarioPath = scenarioPath.empty() ? defaultScenarioPath() : scenarioPath;
        if (!scenario->stages.empty()) ctx.document.scenario = std::move(*scenario);
    } else if (!scenarioPath.empty()) {
        return scenario.error();
    } else {
        scenarioProblem = scenario.error().toString();
    }
    return okStatus();
}

int runViewer(const ViewerOptions& options) {
    AppContext ctx(MapProjection::panQinba());
    ctx.prefsPath = preferencesPath();
    std::string prefsProblem;
    if (auto prefs = loadPreferences(ctx.prefsPath))
        ctx.prefs = *prefs;
    else
        prefsProblem = i18n::format(_("%s (using defaults)"), prefs.error().toString().c_str());
    i18n::setLanguage(ctx.prefs.language); // before any text is shown
    if (options.uiScale > 0) ctx.prefs.uiScale = options.uiScale;
    ctx.scene = ctx.prefs.view; // the picture as this person left it
    const TerrainOptions& t = options.terrain;
    if (options.lodModeGiven) ctx.prefs.lodMode = t.lodMode == "on" ? 1 : t.lodMode == "off" ? 2 : 0;
    if (options.maxErrorGiven) ctx.prefs.maxScreenErrorPx = t.lod.maxScreenErrorPx;
    if (options.tileCacheGiven) ctx.prefs.tileCacheMb = t.lod.cpuCacheMb;
    if (options.gpuCacheGiven) ctx.prefs.gpuTileCacheMb = t.lod.gpuCacheMb;

    std::string scenarioProblem;
    if (auto s = loadDocument(ctx, options.terrain, options.scenario, scenarioProblem); !s)
        return fail(s.error());
    if (!options.od.empty()) {
        // A matrix named on the command line must fit the scenario before any window opens.
        if (!ctx.document.scenario.has_value())
            return fail(Error{options.od, "--od", "no scenario to import it into"});
        const std::vector<Error> problems = checkOdFiles({options.od}, *ctx.document.scenario);
        for (const Error& e : problems)
            std::fprintf(stderr, "qinba: error: %s\n", e.toString().c_str());
        if (!problems.empty()) return 1;
        ctx.commands.post(cmd::ImportOd{options.od}); // imported as an undoable edit once the session starts
    }

    WindowSpec spec;
    spec.title = "Qinba Atlas";
    spec.width = ctx.prefs.windowWidth;
    spec.height = ctx.prefs.windowHeight;
    spec.msaaSamples = ctx.prefs.msaaSamples;
    spec.vsync = ctx.prefs.vsync;
    auto opened = GlfwHost::open(spec);
    if (!opened) return fail(opened.error());
    GlfwHost& host = **opened;
    ctx.view.glSummary = GlInfo::query().summary();
    spdlog::info("{}", ctx.view.glSummary);

    auto fontScale = [&] { return static_cast<float>(ctx.prefs.uiScale) * host.contentScale(); };
    if (auto warning = rebuildFonts(fontScale(), uiTexts(ctx.document)); !warning.empty())
        ctx.notifications.error(warning);
    if (!prefsProblem.empty()) ctx.notifications.error(prefsProblem);
    if (!scenarioProblem.empty()) ctx.notifications.error(scenarioProblem);

    int status = 0;
    {
        auto renderer = SceneRenderer::create(shaderDir());
        if (!renderer) {
            status = fail(renderer.error());
        } else if (auto s = (*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s) {
            status = fail(s.error());
        } else {
            ViewerSession session(ctx, host, **renderer);
            session.start(options.layers);
            host.input().interceptClose(host.window());
            // The window's frames: panels and shortcuts in, the performance graph and (debug builds) shader
            // reloading out.
            class ViewerDriver final : public FrameDriver {
              public:
                ViewerDriver(AppContext& c, GlfwHost& h, ViewerSession& s, SceneRenderer& r,
                             std::function<float()> fontScale)
                    : ctx_(c), host_(h), session_(s), renderer_(r), fontScale_(std::move(fontScale)) {}
                bool running() override { return !host_.shouldClose(); }
                void beginFrame() override {
                    // The built-in file browser shows file names in any script: their glyphs join the atlas
                    // when it lists a folder.
                    FileDialogs& dialogs = ctx_.panels.fileDialogs;
                    const std::string listed = dialogs.active() ? dialogs.browser().folder() : std::string();
                    const bool newFolder = !listed.empty() && listed != browsedFolder_;
                    browsedFolder_ = listed;
                    if (session_.takeFontRebuild() || newFolder) {
                        std::vector<std::string> texts = uiTexts(ctx_.document);
                        if (!listed.empty()) {
                            texts.push_back(listed);
                            for (const FileBrowserModel::Entry& e : dialogs.browser().entries())
                                texts.push_back(e.name);
                        }
                        rebuildFonts(fontScale_(), texts);
                    }
                    host_.beginFrame();
                    if (host_.input().takeCloseRequest()) session_.requestClose();
                    if (auto dropped = host_.input().takeDrops(); !dropped.empty())
                        ctx_.commands.post(cmd::OpenDroppedFiles{std::move(dropped)});
                    drawUi(ctx_);
                    host_.input().shortcuts(ctx_);
                    ImGui::Render();
                }
                void afterAdvance(double, double frameSeconds) override {
                    ctx_.view.perf.addFrame(static_cast<float>(frameSeconds * 1000.0)); // unclamped
#ifndef NDEBUG
                    sinceShaderCheck_ += frameSeconds;
                    if (sinceShaderCheck_ > 0.5) {
                        sinceShaderCheck_ = 0.0;
                        bool reloaded = false;
                        if (auto st = renderer_.reloadShadersIfChanged(reloaded); !st)
                            ctx_.notifications.error(st.error().toString());
                        else if (reloaded)
                            ctx_.notifications.info(_("Shaders reloaded"));
                    }
#endif
                }
                void present() override {
                    host_.swap();
                }

              private:
                AppContext& ctx_;
                GlfwHost& host_;
                ViewerSession& session_;
                SceneRenderer& renderer_;
                std::function<float()> fontScale_;
                [[maybe_unused]] double sinceShaderCheck_ = 0.0;
                std::string browsedFolder_; ///< the folder the built-in file browser listed last frame
            };
            SteadyClock clock;
            ViewerDriver driver(ctx, host, session, **renderer, fontScale);
            FrameLoop(session, clock).run(driver, options.maxFrames);
            session.finish();
            const auto [w, h] = host.windowSize();
            if (w >= 320 && h >= 240) ctx.prefs.windowWidth = w, ctx.prefs.windowHeight = h;
        }
    }
    opened->reset();
    if (auto s = savePreferences(ctx.prefsPath, ctx.prefs); !s)
        std::fprintf(stderr, "qinba: warning: %s\n", s.error().toString().c_str());
    return status;
}

} // namespace qinba::app
