#include "qinba/app/kiosk_command.h"

#include "qinba/app/command_error.h"
#include "qinba/app/frame_loop.h"
#include "qinba/app/glfw_host.h"
#include "qinba/app/kiosk_director.h"
#include "qinba/app/kiosk_parts.h"
#include "qinba/app/kiosk_touch.h"
#include "qinba/app/process_memory.h"
#include "qinba/app/size_option.h"
#include "qinba/app/viewer.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/clock.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/i18n.h"
#include "qinba/core/kiosk.h"
#include "qinba/core/text_format.h"
#include "qinba/core/tour.h"
#include "qinba/core/wall_layout.h"
#include "qinba/render/gl.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"
#include "qinba/ui/panels.h"
#include "qinba/ui/ui_fonts.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <malloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

namespace qinba::app {

namespace {

int fail(const Error& e) {
    return reportError("kiosk", e);
}

/// A number as printf's spec writes it ("%+.1f"), for the soak run's report.
std::string number(const char* spec, double v) {
    char text[48];
    std::snprintf(text, sizeof text, spec, v);
    return text;
}

constexpr double kSoakStep = 1.0 / 60.0; ///< the soak run's fixed time step, seconds

} // namespace

Result<std::string> prepareKiosk(AppContext& ctx, const KioskOptions& o) {
    if (auto prefs = loadPreferences(preferencesPath())) ctx.prefs = *prefs;
    ctx.prefs.uiScale = o.uiScale;
    ctx.scene = o.scene ? *o.scene : ctx.prefs.view;
    ctx.view.kiosk = true;
    if (o.triangles > 0) ctx.prefs.terrainTriangles = o.triangles;
    std::string scenarioProblem;
    if (auto s = loadDocument(ctx, o.terrain, o.scenario, scenarioProblem); !s) return s.error();
    if (!ctx.document.scenario)
        return Error{o.scenario, "",
                     _("the kiosk needs a scenario with stages") +
                         (scenarioProblem.empty() ? std::string() : ": " + scenarioProblem)};
    const Scenario& sc = *ctx.document.scenario;
    const std::string id = o.tour.empty() ? sc.defaultTour : o.tour;
    const Tour* tour = sc.findTour(id);
    if (!tour || tour->keyframes.empty()) {
        std::string ids;
        for (const Tour& t : sc.tours)
            ids += (ids.empty() ? "" : ", ") + t.id;
        return Error{o.scenario, "--tour",
                     (id.empty() ? std::string(_("the scenario names no default tour"))
                                 : formatText(_("no tour '{}'"), id)) +
                         (ids.empty() ? std::string(_("; the scenario has no tours"))
                                      : formatText(_("; its tours: {}"), ids))};
    }
    if (!(o.idleSeconds >= 1.0)) return Error{"", "--idle-seconds", _("expected at least 1 second")};
    auto wall = parseWallTiling(o.wallGrid, o.tile, o.bezel);
    if (!wall) return wall.error();
    if (wall->isWall()) ctx.view.wall = *wall;
    return id;
}

Result<std::unique_ptr<SceneRenderer>> openKioskRenderer(const AppContext& ctx) {
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) return renderer.error();
    if (auto s = (*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s) return s.error();
    return renderer;
}

std::vector<std::string> kioskFontTexts(const Document& doc) {
    std::vector<std::string> texts = uiTexts(doc);
    for (const std::string& t : kioskTexts())
        texts.push_back(t);
    return texts;
}

namespace {

int runWindowed(const KioskOptions& o, KioskWall* wall) {
    std::optional<KioskTrace> trace;
    if (!o.trace.empty()) {
        auto opened = KioskTrace::open(o.trace);
        if (!opened) return fail(opened.error());
        trace.emplace(std::move(*opened));
    }
    AppContext ctx(MapProjection::panQinba());
    auto tour = prepareKiosk(ctx, o);
    if (!tour) return fail(tour.error());
    auto chord = parseKeyChord(o.exitChord);
    if (!chord) return fail(chord.error());

    WindowSpec spec;
    spec.title = "Qinba Atlas";
    spec.width = 1280;
    spec.height = 720;
    spec.msaaSamples = ctx.prefs.msaaSamples;
    spec.vsync = true; // an exhibition screen runs at its refresh rate, never faster
    if (!o.windowed) {
        const bool index = !o.monitor.empty() && o.monitor.size() < 6 &&
                           std::all_of(o.monitor.begin(), o.monitor.end(), ::isdigit);
        if (index)
            spec.fullscreenMonitor = std::stoi(o.monitor);
        else if (!o.monitor.empty())
            spec.fullscreenMonitorName = o.monitor;
        else
            spec.fullscreenMonitor = 0;
    }
    auto opened = GlfwHost::open(spec);
    if (!opened) return fail(opened.error());
    GlfwHost& host = **opened;
    host.refuseWindowClose();
    if (auto warning = rebuildFonts(static_cast<float>(ctx.prefs.uiScale) * host.contentScale(),
                                    kioskFontTexts(ctx.document));
        !warning.empty())
        spdlog::warn("{}", warning);
    auto renderer = openKioskRenderer(ctx);
    if (!renderer) return fail(renderer.error());
    {
        ViewerSession session(ctx, host, **renderer);
        session.start({});
        KioskDirector director(ctx, session, *tour, o.idleSeconds);
        spdlog::info("{}", formatText(_("kiosk: tour '{}', back to it after {} s without a touch; {} closes"),
                                      *tour, o.idleSeconds, o.exitChord));
        // The exhibition screen's frames: the kiosk UI, visitors' input, the exit chord.
        class WindowDriver final : public FrameDriver {
          public:
            WindowDriver(AppContext& c, GlfwHost& h, KioskDirector& d, KeyChord k, ViewerSession& s,
                         const Clock& clk)
                : ctx_(c), host_(h), director_(d), chord_(k), session_(s), clock_(clk), touch_(h) {
                ctx_.view.multiTouch = touch_.multiTouch();
            }
            bool running() override { return !host_.shouldClose(); }
            void beginFrame() override {
                bool touched = false;
                host_.beginFrame([&] { touched = touch_.beforeUi(clock_.seconds()); });
                drawKioskUi(ctx_, director_.attract(), director_.secondsUntilAttract());
                ImGui::Render();
                const ImGuiIO& io = ImGui::GetIO();
                interacted_ = touched || io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f ||
                              io.MouseWheel != 0.0f || io.MouseDown[0] || io.MouseDown[1] || io.MouseDown[2];
                for (const WindowInput::KeyPress& p : host_.input().takePresses()) {
                    interacted_ = true;
                    if (p.key == chord_.key && (p.mods & chord_.mods) == chord_.mods) host_.close();
                }
            }
            void afterAdvance(double, double) override {
                // A follower's own visitors wait while the lead is heard: the wall shows one story.
                director_.update(interacted_ && !(wall && wall->following()));
                touch_.apply(ctx_, clock_.seconds(), host_.viewport(), session_.limits());
            }
            void beforeRender(double reading) override {
                const double now = SystemClock().seconds();
                wallAndTraceFrame(wall, trace, frames++, ctx_, session_, director_,
                                  unixReading ? reading : now, now);
            }
            void present() override { host_.swap(); }

            KioskWall* wall = nullptr;
            KioskTrace* trace = nullptr;
            long frames = 0;
            bool unixReading = false; ///< the clock reads Unix seconds (the wall's shared tour clock)

          private:
            AppContext& ctx_;
            GlfwHost& host_;
            KioskDirector& director_;
            KeyChord chord_;
            ViewerSession& session_;
            const Clock& clock_;
            KioskTouch touch_;
            bool interacted_ = false;
        };
        // On a wall with a shared epoch the frames' time is the system clock, as on every other screen.
        SteadyClock steady;
        SystemClock system;
        const bool unix = wall && wall->epoch();
        const Clock& clock = unix ? static_cast<const Clock&>(system) : steady;
        WindowDriver driver(ctx, host, director, *chord, session, clock);
        driver.wall = wall;
        driver.trace = trace ? &*trace : nullptr;
        driver.unixReading = unix;
        FrameLoop(session, clock).run(driver, o.maxFrames);
    }
    renderer->reset();
    return 0;
}

/// Live GL objects, counted by name (Mesa hands out small consecutive names).
long glObjects() {
    long n = 0;
    for (GLuint name = 1; name <= 4096; ++name)
        n += glIsBuffer(name) + glIsTexture(name) + glIsVertexArray(name) + glIsFramebuffer(name) +
             glIsRenderbuffer(name) + glIsProgram(name) + glIsShader(name);
    return n;
}

int runSoak(const KioskOptions& o) {
    auto size = parseSize(o.size, "--size");
    if (!size) return fail(size.error());
    AppContext ctx(MapProjection::panQinba());
    auto tour = prepareKiosk(ctx, o);
    if (!tour) return fail(tour.error());
    auto context = HeadlessContext::create();
    if (!context) return fail(context.error());
    auto target = RenderTarget::create(size->width, size->height, 0);
    if (!target) return fail(target.error());
    HeadlessHost host(*size, std::move(*target));

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(size->width), static_cast<float>(size->height));
    ImGui_ImplOpenGL3_Init("#version 330 core");
    if (auto warning = rebuildFonts(static_cast<float>(ctx.prefs.uiScale), kioskFontTexts(ctx.document));
        !warning.empty())
        spdlog::warn("{}", warning);
    int status = 0;
    {
        auto renderer = openKioskRenderer(ctx);
        if (!renderer) return fail(renderer.error());
        ViewerSession session(ctx, host, **renderer);
        session.start({});
        KioskDirector director(ctx, session, *tour, o.idleSeconds);
        ManualClock clock;
        // One scripted visit per period: drag, a stage button, a layer toggle, zooming; then quiet until the
        // tour resumes, and a stretch of the tour.
        // tour resumes, and a stretch of the tour (as long as the idle time, 3 to 12 s, so that a short idle
        // time gives short periods and a short run still has visits enough to compare).
        const long period =
            static_cast<long>((o.idleSeconds + std::clamp(o.idleSeconds, 3.0, 12.0)) / kSoakStep);
        const long warmup = std::min(o.soakFrames / 5, period);
        // The scripted visitor's frames, at a fixed step on a manual clock: the same code as the exhibition
        // screen's, with the input made up.
        class SoakDriver final : public FrameDriver {
          public:
            SoakDriver(AppContext& c, HeadlessHost& h, KioskDirector& d, ManualClock& clk,
                       const KioskOptions& opt, Viewport sz, long per, long warm)
                : ctx_(c), host_(h), director_(d), clock_(clk), o_(opt), size_(sz), period_(per),
                  warmup_(warm) {}
            bool running() override { return f_ < o_.soakFrames; }
            void beginFrame() override {
                if (f_ == warmup_) malloc_trim(0), rssStart = residentMb(), glStart = glObjects();
                const long phase = f_ % period_;
                host_.nav = NavigationInput{};
                host_.nav.mouse = {size_.width * 0.5, size_.height * 0.4};
                interacted_ = false;
                if (phase < 40) {
                    host_.nav.panDrag = true;
                    host_.nav.mouseDelta = {visits % 2 ? 3.0 : -3.0, 1.0};
                    interacted_ = true;
                } else if (phase >= 60 && phase < 70) {
                    host_.nav.wheel = visits % 2 ? 1.0 : -1.0;
                    interacted_ = true;
                }
                ImGuiIO& imgui = ImGui::GetIO();
                imgui.DeltaTime = static_cast<float>(kSoakStep);
                imgui.MousePos =
                    ImVec2(static_cast<float>(host_.nav.mouse.x), static_cast<float>(host_.nav.mouse.y));
                ImGui_ImplOpenGL3_NewFrame();
                ImGui::NewFrame();
                drawKioskUi(ctx_, director_.attract(), director_.secondsUntilAttract());
                ImGui::Render();
                const std::size_t stages = ctx_.document.scenario->stages.size();
                // A stage button, and later the button of the stage the visitor found, so that the tour
                // resumes over the same stage after every visit.
                if (phase == 5) {
                    foundStage_ = ctx_.view.playback.stage;
                    ctx_.commands.post(cmd::JumpToStage{static_cast<std::size_t>(visits) % stages});
                    interacted_ = true;
                }
                if (phase == 35) ctx_.commands.post(cmd::JumpToStage{foundStage_}), interacted_ = true;
                // A layer hidden and shown again, the language switched and back: every visit leaves the
                // kiosk as it found it, so the samples taken at the start of each visit see the same state.
                if ((phase == 50 || phase == 53) && !ctx_.document.layers.empty()) {
                    const std::size_t index = static_cast<std::size_t>(visits) % ctx_.document.layers.size();
                    LayerOptions options = ctx_.document.layers[index].options;
                    options.visible = !options.visible;
                    ctx_.commands.post(cmd::SetLayerOptions{index, std::move(options)});
                    interacted_ = true;
                }
                if (phase == 55 || phase == 58) {
                    SceneSettings next = ctx_.scene;
                    next.labels = next.labels == LabelLanguage::English ? LabelLanguage::Chinese
                                                                        : LabelLanguage::English;
                    ctx_.commands.post(cmd::SetScene{std::move(next)});
                    interacted_ = true;
                }
                if (phase == 0) {
                    ++visits;
                    // Freed heap pages go back to the system first, so resident memory counts what is in use.
                    if (f_ >= warmup_) malloc_trim(0), samples.emplace_back(residentMb(), heapMb());
                }
                clock_.advance(kSoakStep);
            }
            void afterAdvance(double, double) override {
                director_.update(interacted_);
                if (director_.attract() && !wasAttract_) ++attracts;
                wasAttract_ = director_.attract();
            }
            void present() override {
                glFinish();
                ++f_;
            }

            double rssStart = 0.0;
            std::vector<std::pair<double, double>>
                samples; ///< resident and heap MB at the start of each visit
            long glStart = 0, visits = 0, attracts = 0;

          private:
            AppContext& ctx_;
            HeadlessHost& host_;
            KioskDirector& director_;
            ManualClock& clock_;
            const KioskOptions& o_;
            Viewport size_;
            long period_, warmup_, f_ = 0;
            std::size_t foundStage_ = 0;
            bool interacted_ = false, wasAttract_ = true;
        };
        SoakDriver driver(ctx, host, director, clock, o, *size, period, warmup);
        const auto wallStart = std::chrono::steady_clock::now();
        FrameLoop(session, clock).run(driver);
        const double rssStart = driver.rssStart;
        const long glStart = driver.glStart, visits = driver.visits, attracts = driver.attracts;
        const std::vector<std::pair<double, double>>& samples = driver.samples;
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        malloc_trim(0);
        const double rssEnd = residentMb();
        const long glEnd = glObjects();
        std::printf("%s\n",
                    formatText(_("kiosk soak: {} frames at {}x{} ({} s of kiosk time at 60 fps) in {} s; "
                                 "{} visits, {} returns to the attract tour"),
                               o.soakFrames, size->width, size->height, number("%.0f", clock.seconds()),
                               number("%.0f", wall), visits, attracts)
                        .c_str());
        std::printf("%s\n",
                    formatText(_("resident memory: {} MB after {} warm-up frames, {} MB at the end ({} MB; "
                                 "margin {} MB)"),
                               number("%.1f", rssStart), warmup, number("%.1f", rssEnd),
                               number("%+.1f", rssEnd - rssStart), number("%.1f", o.growthMarginMb))
                        .c_str());
        std::printf("%s\n",
                    formatText(_("GL objects: {} after warm-up, {} at the end"), glStart, glEnd).c_str());
        std::printf("%s", _("resident / heap in use (MB) at each visit after the warm-up:"));
        for (const auto& [rss, heap] : samples)
            std::printf(" %.1f/%.1f", rss, heap);
        std::printf("\n");
        // Resident memory breathes (the allocator and the GL driver keep freed pages for a while). Every
        // visit starts from the same state, so the samples at the starts of visits are compared: the highest
        // of the second half against the highest of the first half, for resident memory and for the heap in
        // use.
        double firstRss = 0, lastRss = 0, firstHeap = 0, lastHeap = 0;
        const std::size_t half = samples.size() / 2;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            double& rss = i < half ? firstRss : lastRss;
            double& heap = i < half ? firstHeap : lastHeap;
            rss = std::max(rss, samples[i].first);
            heap = std::max(heap, samples[i].second);
        }
        if (half >= 2) {
            std::printf("%s\n",
                        formatText(_("growth from the first half of the visits to the second: resident {} "
                                     "MB, heap in use {} MB (margin {} MB)"),
                                   number("%+.1f", lastRss - firstRss), number("%+.1f", lastHeap - firstHeap),
                                   number("%.1f", o.growthMarginMb))
                            .c_str());
        } else {
            // A run too short to compare is not a pass: it would report flat memory it never measured.
            reportError("kiosk", formatText(_("too few visits after the warm-up to compare memory ({}; 4 are "
                                              "needed): run at least {} frames with --idle-seconds {}"),
                                            samples.size(), 4 * period + 1, o.idleSeconds));
            status = 1;
            lastRss = firstRss, lastHeap = firstHeap;
        }
        if (lastRss - firstRss > o.growthMarginMb || lastHeap - firstHeap > o.growthMarginMb ||
            glEnd > glStart) {
            reportError(
                "kiosk",
                formatText(_("the soak run grew (resident {} MB, heap {} MB, GL objects {}; margin {} MB)"),
                           number("%+.1f", lastRss - firstRss), number("%+.1f", lastHeap - firstHeap),
                           number("%+.0f", static_cast<double>(glEnd - glStart)),
                           number("%.1f", o.growthMarginMb)));
            status = 1;
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
    return status;
}

} // namespace

Result<KeyChord> parseKeyChord(const std::string& text) {
    static const std::map<std::string, int> kMods = {
        {"ctrl", GLFW_MOD_CONTROL}, {"control", GLFW_MOD_CONTROL}, {"alt", GLFW_MOD_ALT},
        {"shift", GLFW_MOD_SHIFT},  {"super", GLFW_MOD_SUPER},     {"meta", GLFW_MOD_SUPER}};
    static const std::map<std::string, int> kNamed = {
        {"escape", GLFW_KEY_ESCAPE}, {"esc", GLFW_KEY_ESCAPE}, {"space", GLFW_KEY_SPACE},
        {"enter", GLFW_KEY_ENTER},   {"tab", GLFW_KEY_TAB},    {"backspace", GLFW_KEY_BACKSPACE},
        {"delete", GLFW_KEY_DELETE}, {"home", GLFW_KEY_HOME},  {"end", GLFW_KEY_END}};
    KeyChord chord;
    std::string part;
    const auto bad = [&](const std::string& why) {
        return Error{"", "--exit-chord",
                     formatText(_("{} in '{}'; expected e.g. ctrl+alt+shift+q"), why, text)};
    };
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '+') {
            part += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
            continue;
        }
        if (part.empty()) return bad(_("an empty key name"));
        if (const auto m = kMods.find(part); m != kMods.end()) {
            chord.mods |= m->second;
        } else if (chord.key != 0) {
            return bad(_("more than one key"));
        } else if (part.size() == 1 && std::isalnum(static_cast<unsigned char>(part[0]))) {
            chord.key = std::isdigit(static_cast<unsigned char>(part[0])) ? GLFW_KEY_0 + (part[0] - '0')
                                                                          : GLFW_KEY_A + (part[0] - 'a');
        } else if (part.size() >= 2 && part[0] == 'f' &&
                   std::all_of(part.begin() + 1, part.end(), ::isdigit) && std::stoi(part.substr(1)) >= 1 &&
                   std::stoi(part.substr(1)) <= 25) {
            chord.key = GLFW_KEY_F1 + std::stoi(part.substr(1)) - 1;
        } else if (const auto k = kNamed.find(part); k != kNamed.end()) {
            chord.key = k->second;
        } else {
            return bad(formatText(_("unknown key '{}'"), part));
        }
        part.clear();
    }
    if (chord.key == 0) return bad(_("no key"));
    if (chord.mods == 0) return bad(_("no modifier (a single key is too easy for a visitor to press)"));
    return chord;
}

int runKiosk(const KioskOptions& o) {
    if (o.soakFrames < 0) return fail(Error{"", "--soak-frames", _("expected a positive number of frames")});
    if (!(o.headlessSeconds >= 0.0))
        return fail(Error{"", "--headless-seconds", _("expected a positive number of seconds")});
    if (o.soakFrames > 0) {
        if (o.wall.any() || !o.trace.empty() || o.headlessSeconds > 0.0)
            return fail(
                Error{"", "--soak-frames",
                      _("the soak run has its own clock and visitors: no wall, trace or headless run")});
        return runSoak(o);
    }
    if (!o.visitorScript.empty() && o.headlessSeconds <= 0.0)
        return fail(Error{"", "--visitor-script", _("only for a headless run (--headless-seconds)")});
    std::unique_ptr<KioskWall> wall;
    if (o.wall.any()) { // before anything slow: a port in use or a bad key is said at once
        auto opened = KioskWall::open(o.wall);
        if (!opened) return fail(opened.error());
        wall = std::move(*opened);
    }
    const int status = o.headlessSeconds > 0.0 ? runHeadlessKiosk(o, wall.get()) : runWindowed(o, wall.get());
    if (wall) std::printf("%s\n", wall->summary().c_str());
    return status;
}

} // namespace qinba::app
