// The kiosk without a display, in real time on the system clock: rehearses a video wall on one PC (several
// processes, one a scripted visitor) and lets tests watch each screen through its trace. SIGTERM or Ctrl+C
// ends it early, after the frame, with its summary.
#include "qinba/app/command_error.h"
#include "qinba/app/frame_loop.h"
#include "qinba/app/kiosk_command.h"
#include "qinba/app/kiosk_director.h"
#include "qinba/app/kiosk_parts.h"
#include "qinba/app/kiosk_wall.h"
#include "qinba/app/size_option.h"
#include "qinba/core/clock.h"
#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/core/visitor_script.h"
#include "qinba/render/gl.h"
#include "qinba/render/headless_context.h"
#include "qinba/ui/panels.h"
#include "qinba/ui/ui_fonts.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>
#include <thread>

namespace qinba::app {

namespace {

constexpr double kFramePeriod = 1.0 / 60.0; ///< frames are paced as a 60 Hz screen's, seconds

/// Set by SIGTERM or SIGINT: the run ends after the frame and still prints its summary.
volatile std::sig_atomic_t stopRequested = 0;
extern "C" void requestStop(int) {
    stopRequested = 1;
}

/// The headless screen's frames: the scripted visitor's input, the wall, the trace, 60 frames a second.
class HeadlessDriver final : public FrameDriver {
  public:
    HeadlessDriver(AppContext& c, ViewerSession& s, HeadlessHost& h, KioskDirector& d, KioskWall* w,
                   KioskTrace* t, const std::vector<VisitorAction>& script, const Clock& clk, double seconds,
                   Viewport size)
        : ctx_(c), session_(s), host_(h), director_(d), wall_(w), trace_(t), script_(script), clock_(clk),
          start_(clk.seconds()), end_(start_ + seconds), size_(size), last_(start_) {}

    bool running() override { return !stopRequested && clock_.seconds() < end_; }
    void beginFrame() override {
        // The script's seconds count from the first frame shown: the first one is slow (uploads, fonts).
        const double now = clock_.seconds();
        VisitorFrame v;
        if (scriptStart_) {
            v = visitorFrame(script_, last_ - *scriptStart_, now - *scriptStart_,
                             {size_.width * 0.5, size_.height * 0.5});
        }
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = static_cast<float>(std::clamp(now - last_, 1.0e-4, 1.0));
        last_ = now;
        // A follower's own visitors wait while the lead is heard: the wall shows one story.
        if (wall_ && wall_->following()) v = VisitorFrame{};
        host_.nav = v.nav;
        io.MousePos = ImVec2(static_cast<float>(v.nav.mouse.x), static_cast<float>(v.nav.mouse.y));
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        drawKioskUi(ctx_, director_.attract(), director_.secondsUntilAttract());
        ImGui::Render();
        if (v.stage && ctx_.document.scenario && *v.stage < ctx_.document.scenario->stages.size())
            ctx_.commands.post(cmd::JumpToStage{*v.stage});
        interacted_ = v.interacted;
    }
    void afterAdvance(double, double) override { director_.update(interacted_); }
    void beforeRender(double reading) override {
        wallAndTraceFrame(wall_, trace_, frames, ctx_, session_, director_, reading, clock_.seconds());
    }
    void present() override {
        glFinish();
        if (++frames == 1) scriptStart_ = last_ = clock_.seconds();
        // Paced like a screen's refresh: two screens on one PC leave each other time.
        const double wait = last_ + kFramePeriod - clock_.seconds();
        if (wait > 0.0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    }
    long frames = 0;

  private:
    AppContext& ctx_;
    ViewerSession& session_;
    HeadlessHost& host_;
    KioskDirector& director_;
    KioskWall* wall_;
    KioskTrace* trace_;
    const std::vector<VisitorAction>& script_;
    const Clock& clock_;
    double start_, end_;
    Viewport size_;
    double last_;                       ///< the clock at the last frame's start (or the script's start)
    std::optional<double> scriptStart_; ///< the clock when the first frame was shown
    bool interacted_ = false;
};

} // namespace

int runHeadlessKiosk(const KioskOptions& o, KioskWall* wall) {
    const auto fail = [](const Error& e) { return reportError("kiosk", e); };
    auto size = parseSize(o.size, "--size");
    if (!size) return fail(size.error());
    std::vector<VisitorAction> script;
    if (!o.visitorScript.empty()) {
        auto loaded = loadVisitorScript(o.visitorScript);
        if (!loaded) return fail(loaded.error());
        script = std::move(*loaded);
    }
    std::optional<KioskTrace> trace;
    if (!o.trace.empty()) {
        auto opened = KioskTrace::open(o.trace);
        if (!opened) return fail(opened.error());
        trace.emplace(std::move(*opened));
    }
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
        if (!renderer) {
            status = fail(renderer.error());
        } else {
            ViewerSession session(ctx, host, **renderer);
            session.start({});
            KioskDirector director(ctx, session, *tour, o.idleSeconds);
            SystemClock clock;
            struct sigaction stop {
            }, oldTerm{}, oldInt{};
            stop.sa_handler = requestStop;
            sigaction(SIGTERM, &stop, &oldTerm);
            sigaction(SIGINT, &stop, &oldInt);
            HeadlessDriver driver(ctx, session, host, director, wall, trace ? &*trace : nullptr, script,
                                  clock, o.headlessSeconds, *size);
            const double started = clock.seconds();
            FrameLoop(session, clock).run(driver);
            sigaction(SIGTERM, &oldTerm, nullptr);
            sigaction(SIGINT, &oldInt, nullptr);
            const double seconds = std::round((clock.seconds() - started) * 10.0) / 10.0;
            std::printf(
                "%s\n",
                formatText(_("kiosk: {} frames in {} s without a display"), driver.frames, seconds).c_str());
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
    return status;
}

} // namespace qinba::app
