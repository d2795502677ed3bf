#include "qinba/app/kiosk_command.h"

#include "qinba/app/glfw_host.h"
#include "qinba/app/process_memory.h"
#include "qinba/app/size_option.h"
#include "qinba/app/viewer.h"
#include "qinba/app/viewer_session.h"

#include "qinba/core/clock.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/kiosk.h"
#include "qinba/core/tour.h"
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
    std::fprintf(stderr, "qinba kiosk: error: %s\n", e.toString().c_str());
    return 1;
}

/// Puts the attract tour on when nobody has touched anything for a while, and takes it off for visitors.
class KioskDirector {
  public:
    KioskDirector(AppContext& ctx, ViewerSession& session, std::string tour, double idleSeconds)
        : ctx_(ctx), session_(session), tour_(std::move(tour)),
          machine_(idleSeconds, tourDuration(*ctx.document.scenario.findTour(tour_)), ctx.time) {
        session_.playTour(tour_, 0.0, true, true);
    }

    /// After the frame's advance(): `interacted` is whether a visitor did anything this frame.
    void update(bool interacted) {
        if (!machine_.update(ctx_.time, interacted)) return;
        if (machine_.state() == KioskState::Attract) {
            ctx_.view.compare = false;
            session_.playTour(tour_, 0.0, true, true);
        } else {
            session_.stopTour();
        }
    }
    bool attract() const { return machine_.state() == KioskState::Attract; }
    double secondsUntilAttract() const { return machine_.secondsUntilAttract(ctx_.time); }

  private:
    AppContext& ctx_;
    ViewerSession& session_;
    std::string tour_;
    KioskStateMachine machine_;
};

/// Loads preferences (window settings only matter to the viewer), the document, and checks the tour.
Result<std::string> prepare(AppContext& ctx, const KioskOptions& o) {
    if (auto prefs = loadPreferences(preferencesPath())) ctx.prefs = *prefs;
    ctx.prefs.uiScale = o.uiScale;
    ctx.view.kiosk = true;
    if (o.triangles > 0) ctx.prefs.terrainTriangles = o.triangles;
    std::string scenarioProblem;
    if (auto s = loadDocument(ctx, o.terrain, o.scenario, scenarioProblem); !s) return s.error();
    if (!ctx.document.hasScenario)
        return Error{o.scenario, "",
                     "the kiosk needs a scenario with stages" +
                         (scenarioProblem.empty() ? std::string() : ": " + scenarioProblem)};
    const Scenario& sc = ctx.document.scenario;
    const std::string id = o.tour.empty() ? sc.defaultTour : o.tour;
    const Tour* tour = sc.findTour(id);
    if (!tour || tour->keyframes.empty()) {
        std::string ids;
        for (const Tour& t : sc.tours)
            ids += (ids.empty() ? "" : ", ") + t.id;
        return Error{
            o.scenario, "--tour",
            (id.empty() ? std::string("the scenario names no default tour") : "no tour '" + id + "'") +
                (ids.empty() ? "; the scenario has no tours" : "; its tours: " + ids)};
    }
    if (!(o.idleSeconds >= 1.0)) return Error{"", "--idle-seconds", "expected at least 1 second"};
    return id;
}

/// The renderer with the document's terrain on the GPU (a GL context must be current).
Result<std::unique_ptr<SceneRenderer>> openRenderer(const AppContext& ctx) {
    auto renderer = SceneRenderer::create(shaderDir());
    if (!renderer) return renderer.error();
    if (auto s = (*renderer)->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s) return s.error();
    return renderer;
}

std::vector<std::string> fontTexts(const Document& doc) {
    std::vector<std::string> texts = uiTexts(doc);
    for (const std::string& t : kioskTexts())
        texts.push_back(t);
    return texts;
}

int runWindowed(const KioskOptions& o) {
    AppContext ctx(MapProjection::panQinba());
    auto tour = prepare(ctx, o);
    if (!tour) return fail(tour.error());
    auto chord = parseKeyChord(o.exitChord);
    if (!chord) return fail(chord.error());

    WindowSpec spec;
    spec.title = "Qinba Atlas";
    spec.width = 1280;
    spec.height = 720;
    spec.msaaSamples = ctx.prefs.msaaSamples;
    spec.vsync = true; // an exhibition screen runs at its refresh rate, never faster
    if (!o.windowed) spec.fullscreenMonitor = o.monitor.value_or(0);
    auto opened = GlfwHost::open(spec);
    if (!opened) return fail(opened.error());
    GlfwHost& host = **opened;
    host.refuseWindowClose();
    if (auto warning = rebuildFonts(static_cast<float>(ctx.prefs.uiScale) * host.contentScale(),
                                    fontTexts(ctx.document));
        !warning.empty())
        spdlog::warn("{}", warning);
    auto renderer = openRenderer(ctx);
    if (!renderer) return fail(renderer.error());
    {
        ViewerSession session(ctx, host, **renderer);
        session.setMapScale(1.0);
        session.start({});
        KioskDirector director(ctx, session, *tour, o.idleSeconds);
        spdlog::info("kiosk: tour '{}', back to it after {} s without a touch; {} closes", *tour,
                     o.idleSeconds, o.exitChord);
        SteadyClock clock;
        double last = clock.seconds();
        for (long frame = 0; !host.shouldClose() && (o.maxFrames == 0 || frame < o.maxFrames); ++frame) {
            host.beginFrame();
            drawKioskUi(ctx, director.attract(), director.secondsUntilAttract());
            ImGui::Render();
            const ImGuiIO& io = ImGui::GetIO();
            bool interacted = io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f ||
                              io.MouseDown[0] || io.MouseDown[1] || io.MouseDown[2];
            for (const WindowInput::KeyPress& p : host.input().takePresses()) {
                interacted = true;
                if (p.key == chord->key && (p.mods & chord->mods) == chord->mods) host.close();
            }
            const double now = clock.seconds();
            session.advance(std::clamp(now - last, 0.0, 0.25));
            last = now;
            director.update(interacted);
            ctx.requests.quit = false; // nothing but the chord closes the kiosk
            session.applyRequests();
            session.render();
            host.swap();
        }
    }
    renderer->reset();
    return 0;
}

/// Draws into an offscreen target; the scripted visitor's input comes from `nav`.
class HeadlessHost final : public ViewerHost {
  public:
    HeadlessHost(Viewport size, RenderTarget target) : size_(size), target_(std::move(target)) {}
    Viewport viewport() const override { return size_; }
    NavigationInput navigation() override { return nav; }
    void bindTarget() override { target_.bind(); }
    void close() override {}
    NavigationInput nav;

  private:
    Viewport size_;
    RenderTarget target_;
};

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
    auto tour = prepare(ctx, o);
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
    if (auto warning = rebuildFonts(static_cast<float>(ctx.prefs.uiScale), fontTexts(ctx.document));
        !warning.empty())
        spdlog::warn("{}", warning);
    int status = 0;
    {
        auto renderer = openRenderer(ctx);
        if (!renderer) return fail(renderer.error());
        ViewerSession session(ctx, host, **renderer);
        session.setMapScale(1.0);
        session.start({});
        KioskDirector director(ctx, session, *tour, o.idleSeconds);
        ManualClock clock;
        const double dt = 1.0 / 60.0;
        // One scripted visit per period: drag, a stage button, a layer toggle, zooming; then quiet until the
        // tour resumes, and a stretch of the tour (as long as the idle time, 3 to 12 s, so that a short idle
        // time gives short periods and a short run still has visits enough to compare).
        const long period = static_cast<long>((o.idleSeconds + std::clamp(o.idleSeconds, 3.0, 12.0)) / dt);
        const long warmup = std::min(o.soakFrames / 5, period);
        const std::size_t stages = ctx.document.scenario.stages.size();
        double rssStart = 0.0;
        std::vector<std::pair<double, double>> samples; ///< resident and heap MB at the start of each visit
        long glStart = 0, visits = 0, attracts = 0;
        std::size_t foundStage = 0;
        bool wasAttract = true;
        const auto wallStart = std::chrono::steady_clock::now();
        for (long f = 0; f < o.soakFrames; ++f) {
            if (f == warmup) malloc_trim(0), rssStart = residentMb(), glStart = glObjects();
            const long phase = f % period;
            host.nav = NavigationInput{};
            host.nav.mouse = {size->width * 0.5, size->height * 0.4};
            bool interacted = false;
            if (phase < 40) {
                host.nav.panDrag = true;
                host.nav.mouseDelta = {visits % 2 ? 3.0 : -3.0, 1.0};
                interacted = true;
            } else if (phase >= 60 && phase < 70) {
                host.nav.wheel = visits % 2 ? 1.0 : -1.0;
                interacted = true;
            }
            io.DeltaTime = static_cast<float>(dt);
            io.MousePos = ImVec2(static_cast<float>(host.nav.mouse.x), static_cast<float>(host.nav.mouse.y));
            ImGui_ImplOpenGL3_NewFrame();
            ImGui::NewFrame();
            drawKioskUi(ctx, director.attract(), director.secondsUntilAttract());
            ImGui::Render();
            // A stage button, and later the button of the stage the visitor found, so that the tour resumes
            // over the same stage after every visit.
            if (phase == 5) {
                foundStage = ctx.view.playback.stage;
                ctx.requests.jumpToStage = static_cast<std::size_t>(visits) % stages;
                interacted = true;
            }
            if (phase == 35) ctx.requests.jumpToStage = foundStage, interacted = true;
            // A layer hidden and shown again, the language switched and back: every visit leaves the kiosk as
            // it found it, so the samples taken at the start of each visit see the same state.
            if ((phase == 50 || phase == 53) && !ctx.document.layers.empty()) {
                Layer& l = ctx.document.layers[static_cast<std::size_t>(visits) % ctx.document.layers.size()];
                l.options.visible = !l.options.visible;
                ctx.requests.layersChanged = true;
                interacted = true;
            }
            if (phase == 55 || phase == 58)
                ctx.prefs.labelLanguage = ctx.prefs.labelLanguage == 1 ? 0 : 1, interacted = true;
            if (phase == 0) {
                ++visits;
                // Freed heap pages go back to the system first, so resident memory counts what is in use.
                if (f >= warmup) malloc_trim(0), samples.emplace_back(residentMb(), heapMb());
            }
            clock.advance(dt);
            session.advance(dt);
            director.update(interacted);
            if (director.attract() && !wasAttract) ++attracts;
            wasAttract = director.attract();
            session.applyRequests();
            session.render();
            glFinish();
        }
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        malloc_trim(0);
        const double rssEnd = residentMb();
        const long glEnd = glObjects();
        std::printf("kiosk soak: %ld frames at %dx%d (%.0f s of kiosk time at 60 fps) in %.0f s; %ld visits, "
                    "%ld returns to the attract tour\n",
                    o.soakFrames, size->width, size->height, clock.seconds(), wall, visits, attracts);
        std::printf("resident memory: %.1f MB after %ld warm-up frames, %.1f MB at the end (%+.1f MB; margin "
                    "%.1f MB)\n",
                    rssStart, warmup, rssEnd, rssEnd - rssStart, o.growthMarginMb);
        std::printf("GL objects: %ld after warm-up, %ld at the end\n", glStart, glEnd);
        std::printf("resident / heap in use (MB) at each visit after the warm-up:");
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
            std::printf(
                "growth from the first half of the visits to the second: resident %+.1f MB, heap in use "
                "%+.1f MB (margin %.1f MB)\n",
                lastRss - firstRss, lastHeap - firstHeap, o.growthMarginMb);
        } else {
            // A run too short to compare is not a pass: it would report flat memory it never measured.
            std::fprintf(stderr,
                         "qinba kiosk: error: too few visits after the warm-up to compare memory (%zu; 4 are "
                         "needed): run at least %ld frames with --idle-seconds %g\n",
                         samples.size(), 4 * period + 1, o.idleSeconds);
            status = 1;
            lastRss = firstRss, lastHeap = firstHeap;
        }
        if (lastRss - firstRss > o.growthMarginMb || lastHeap - firstHeap > o.growthMarginMb ||
            glEnd > glStart) {
            std::fprintf(
                stderr,
                "qinba kiosk: error: the soak run grew (resident %+.1f MB, heap %+.1f MB, GL objects "
                "%+ld; margin %.1f MB)\n",
                lastRss - firstRss, lastHeap - firstHeap, glEnd - glStart, o.growthMarginMb);
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
        return Error{"", "--exit-chord", why + " in '" + text + "'; expected e.g. ctrl+alt+shift+q"};
    };
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '+') {
            part += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
            continue;
        }
        if (part.empty()) return bad("an empty key name");
        if (const auto m = kMods.find(part); m != kMods.end()) {
            chord.mods |= m->second;
        } else if (chord.key != 0) {
            return bad("more than one key");
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
            return bad("unknown key '" + part + "'");
        }
        part.clear();
    }
    if (chord.key == 0) return bad("no key");
    if (chord.mods == 0) return bad("no modifier (a single key is too easy for a visitor to press)");
    return chord;
}

int runKiosk(const KioskOptions& o) {
    if (o.soakFrames < 0) return fail(Error{"", "--soak-frames", "expected a positive number of frames"});
    return o.soakFrames > 0 ? runSoak(o) : runWindowed(o);
}

} // namespace qinba::app
