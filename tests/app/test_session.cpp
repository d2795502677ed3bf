// The application layer through its library, without a window: command handling, the panels' own state,
// and what the Record panel and the kiosk produce against what the viewer shows.

#include "test_support.h"

#include "qinba/app/frame_loop.h"
#include "qinba/app/kiosk_command.h"
#include "qinba/app/kiosk_director.h"
#include "qinba/app/scenario_presenter.h"
#include "qinba/app/viewer.h"
#include "qinba/app/viewer_session.h"
#include "qinba/core/clock.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/image.h"
#include "qinba/core/scenario_overlay.h"
#include "qinba/core/stage_animation.h"
#include "qinba/core/stage_framing.h"
#include "qinba/core/tour.h"
#include "qinba/render/headless_context.h"
#include "qinba/render/render_target.h"
#include "qinba/ui/panels.h"

#include <backends/imgui_impl_opengl3.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

namespace qinba::app {
namespace {

/// Draws into an offscreen target of a fixed size; no input.
class TestHost final : public ViewerHost {
  public:
    TestHost(Viewport size, RenderTarget target) : size_(size), target_(std::move(target)) {}
    Viewport viewport() const override { return size_; }
    NavigationInput navigation() override { return {}; }
    void bindTarget() override { target_.bind(); }
    void close() override { closed = true; }
    bool closed = false;

  private:
    Viewport size_;
    RenderTarget target_;
};

/// A GL context, the default document and a session over it, as the viewer has them.
struct Session {
    explicit Session(bool kiosk = false, Viewport size = {640, 360}) : ctx(MapProjection::panQinba()) {
        auto c = HeadlessContext::create();
        if (!c) throw std::runtime_error(c.error().toString());
        context = std::move(*c);
        auto t = RenderTarget::create(size.width, size.height, 0);
        if (!t) throw std::runtime_error(t.error().toString());
        host = std::make_unique<TestHost>(size, std::move(*t));
        ctx.view.kiosk = kiosk;
        std::string problem;
        if (auto s = loadDocument(ctx, TerrainOptions{}, "", problem); !s)
            throw std::runtime_error(s.error().toString());
        auto r = SceneRenderer::create(shaderDir());
        if (!r) throw std::runtime_error(r.error().toString());
        renderer = std::move(*r);
        if (auto s = renderer->setDem(ctx.document.dem, ctx.prefs.terrainTriangles); !s)
            throw std::runtime_error(s.error().toString());
        session = std::make_unique<ViewerSession>(ctx, *host, *renderer);
        // The session reads ImGui's input state (whether a panel has the mouse), as in every front end.
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Session() {
        ImGui::DestroyContext();
        session.reset();
        renderer.reset();
    }
    void start(const SceneSettings& scene) {
        ctx.scene = scene;
        session->start({});
        session->handleCommands();
    }

    AppContext ctx;
    std::unique_ptr<HeadlessContext> context;
    std::unique_ptr<TestHost> host;
    std::unique_ptr<SceneRenderer> renderer;
    std::unique_ptr<ViewerSession> session;
};

/// The picture a presenter tuned: nothing of it is a default.
SceneSettings tunedScene() {
    SceneSettings s;
    s.style.exaggeration = 3.0;
    s.style.rampId = "vegetation";
    s.style.sunAzimuth = 225.0;
    s.style.sunAltitude = 35.0;
    s.labels = LabelLanguage::English;
    s.zoning = true;
    s.decorations.scaleBar = true;
    return s;
}

const Layer* layer(const Document& doc, const std::string& id) {
    for (const Layer& l : doc.layers)
        if (l.options.id == id) return &l;
    return nullptr;
}

TEST(Commands, ChangeTheSceneTheDocumentAndTheViewInTheOrderPosted) {
    Session s;
    s.start(SceneSettings{});
    AppContext& ctx = s.ctx;
    ASSERT_TRUE(ctx.document.scenario);
    ASSERT_NE(layer(ctx.document, "zoning"), nullptr);
    EXPECT_FALSE(layer(ctx.document, "zoning")->options.visible);

    ctx.commands.post(cmd::SetScene{tunedScene()});
    ctx.commands.post(cmd::JumpToStage{1});
    ctx.commands.post(cmd::JumpToStage{2}); // later commands win
    s.session->handleCommands();
    EXPECT_TRUE(ctx.commands.empty());
    EXPECT_EQ(ctx.scene.style.rampId, "vegetation");
    EXPECT_EQ(ctx.scene.labels, LabelLanguage::English);
    EXPECT_TRUE(layer(ctx.document, "zoning")->options.visible);
    EXPECT_EQ(ctx.view.playback.stage, 2u);
    // Preferences follow what the person set (saved at exit).
    EXPECT_EQ(ctx.prefs.view.style, ctx.scene.style);

    // A layer hidden by its panel: the document and the scene settings agree.
    const std::size_t index = 1;
    ASSERT_LT(index, ctx.document.layers.size());
    LayerOptions hidden = ctx.document.layers[index].options;
    hidden.visible = false;
    hidden.style.opacity = 0.5f;
    ctx.commands.post(cmd::SetLayerOptions{index, hidden});
    s.session->handleCommands();
    ASSERT_EQ(ctx.scene.layers.size(), ctx.document.layers.size());
    EXPECT_EQ(ctx.scene.layers[index], (LayerSetting{hidden.id, false, 0.5}));

    // Scenario edits go through the history: undoable, and the title says so.
    const Place first = ctx.document.scenario->places.front();
    ctx.commands.post(Edit{RenamePlace{first.id, "Renamed", "\xe6\x94\xb9\xe5\x90\x8d"}});
    s.session->handleCommands();
    EXPECT_EQ(ctx.document.scenario->places.front().nameEn, "Renamed");
    EXPECT_NE(s.session->title().find("unsaved"), std::string::npos);
    ctx.commands.post(cmd::Undo{});
    s.session->handleCommands();
    EXPECT_EQ(ctx.document.scenario->places.front().nameEn, first.nameEn);

    // Quit with unsaved changes asks first; Cancel stays.
    ctx.commands.post(Edit{RenamePlace{first.id, "Again", "\xe5\x86\x8d"}});
    ctx.commands.post(cmd::Quit{});
    s.session->handleCommands();
    EXPECT_TRUE(ctx.view.confirmDiscard);
    EXPECT_FALSE(s.host->closed);
    ctx.commands.post(cmd::CancelPendingOpen{});
    s.session->handleCommands();
    EXPECT_FALSE(ctx.view.confirmDiscard);
    ctx.commands.post(cmd::Quit{});
    ctx.commands.post(cmd::DiscardAndContinue{});
    s.session->handleCommands();
    EXPECT_TRUE(s.host->closed);
}

TEST(Commands, ViewSettingsSaveAndLoadAndBadFilesAreNotifications) {
    test::TempDir dir;
    Session s;
    s.start(tunedScene());
    AppContext& ctx = s.ctx;
    const std::string path = (dir.path() / "view.json").string();
    ctx.commands.post(cmd::SaveViewSettings{path});
    s.session->handleCommands();
    auto saved = loadSceneSettings(path);
    ASSERT_TRUE(saved) << saved.error().toString();
    EXPECT_EQ(saved->style, tunedScene().style);
    EXPECT_TRUE(saved->zoning);
    EXPECT_EQ(saved->layers.size(), ctx.document.layers.size());

    ctx.commands.post(cmd::SetScene{SceneSettings{}});
    s.session->handleCommands();
    EXPECT_FALSE(layer(ctx.document, "zoning")->options.visible);
    ctx.commands.post(cmd::LoadViewSettings{path});
    s.session->handleCommands();
    EXPECT_EQ(ctx.scene.style, tunedScene().style);
    EXPECT_TRUE(layer(ctx.document, "zoning")->options.visible);

    // A bad file changes nothing and says why.
    std::ofstream(dir.path() / "bad.json") << R"({"style": {"haze": 7}})";
    const std::size_t before = ctx.notifications.items().size();
    ctx.commands.post(cmd::LoadViewSettings{(dir.path() / "bad.json").string()});
    s.session->handleCommands();
    EXPECT_EQ(ctx.scene.style, tunedScene().style);
    ASSERT_GT(ctx.notifications.items().size(), before);
    EXPECT_NE(ctx.notifications.items().back().text.find("style.haze"), std::string::npos);
}

TEST(Commands, ExportToGisWritesTheDocumentAsEditedWithTheCorridorsAsDrawn) {
    test::TempDir dir;
    Session s;
    s.start(SceneSettings{});
    AppContext& ctx = s.ctx;
    const GeoPoint waypoint{106.5, 32.4};
    ctx.commands.post(Edit{RenamePlace{"xian", "Chang'an", "长安"}});
    ctx.commands.post(Edit{SetCorridorWaypoints{"xian-chengdu", {waypoint}}});
    const std::string out = dir.file("edited.gpkg");
    ctx.commands.post(cmd::ExportGis{out, "EPSG:4490", std::nullopt});
    s.session->handleCommands();
    s.session->waitForJobs(); // the export routes and writes on a worker
    ASSERT_FALSE(ctx.notifications.items().empty());
    EXPECT_NE(ctx.notifications.items().back().text.find(out), std::string::npos)
        << ctx.notifications.items().back().text;

    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    OGRLayer* places = ds->GetLayerByName("places");
    ASSERT_NE(places, nullptr);
    places->SetAttributeFilter("id = 'xian'");
    OGRFeatureUniquePtr xian(places->GetNextFeature());
    ASSERT_TRUE(xian);
    EXPECT_STREQ(xian->GetFieldAsString("name_zh"), "长安");
    // The edited corridor runs through its new waypoint (routes keep every waypoint as a vertex).
    OGRLayer* corridors = ds->GetLayerByName("corridors");
    corridors->SetAttributeFilter("id = 'xian-chengdu'");
    OGRFeatureUniquePtr corridor(corridors->GetNextFeature());
    ASSERT_TRUE(corridor);
    const OGRLineString* line = corridor->GetGeometryRef()->toLineString();
    double nearest = 1e9;
    for (int k = 0; k < line->getNumPoints(); ++k)
        nearest = std::min(nearest, std::hypot(line->getX(k) - waypoint.lon, line->getY(k) - waypoint.lat));
    EXPECT_LT(nearest, 1e-6);
    EXPECT_GT(line->getNumPoints(), 3);
    ds.reset();

    // A folder that does not exist is a notification naming the file.
    ctx.commands.post(cmd::ExportGis{dir.file("missing/out.gpkg"), "EPSG:4490", std::nullopt});
    s.session->handleCommands();
    s.session->waitForJobs();
    EXPECT_NE(ctx.notifications.items().back().text.find("missing/out.gpkg"), std::string::npos);

    // The Zoning panel's export takes a CRS too.
    ctx.commands.post(cmd::ExportZoning{dir.file("zones"), "EPSG:4490"});
    s.session->handleCommands();
    GDALDatasetUniquePtr zones(
        GDALDataset::Open(dir.file("zones.tif").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(zones) << ctx.notifications.items().back().text;
    ASSERT_NE(zones->GetSpatialRef(), nullptr);
    const char* code = zones->GetSpatialRef()->GetAuthorityCode(nullptr);
    EXPECT_STREQ(code ? code : "none", "4490");
}

TEST(Commands, ToggleLegendFoldsTheViewersLegendToItsTitle) {
    Session s;
    SceneSettings scene;
    scene.decorations.legend = true;
    s.start(scene);
    auto full = s.session->renderImage({640, 360});
    ASSERT_TRUE(full) << full.error().toString();
    EXPECT_FALSE(s.ctx.view.legendCollapsed);
    s.ctx.commands.post(cmd::ToggleLegend{});
    s.session->handleCommands();
    EXPECT_TRUE(s.ctx.view.legendCollapsed);
    auto folded = s.session->renderImage({640, 360});
    ASSERT_TRUE(folded) << folded.error().toString();
    // The legend's lines are gone from the bottom left: the folded picture differs there.
    auto diff = compareImages(*full, *folded, 24);
    ASSERT_TRUE(diff) << diff.error().toString();
    EXPECT_GT(diff->fractionAbove, 0.01);
    s.ctx.commands.post(cmd::ToggleLegend{});
    s.session->handleCommands();
    EXPECT_FALSE(s.ctx.view.legendCollapsed);
}

/// Draws the panels into ImGui's frame and steps the session to `time`, as the viewer's frame loop does.
void panelFrame(Session& s, double time) {
    ImGui::GetIO().DeltaTime = 1.0f / 30.0f;
    ImGui::NewFrame();
    drawUi(s.ctx);
    ImGui::Render();
    s.session->advanceTo(time);
    s.session->handleCommands();
}

/// The places of `stage` whose symbol, with the framing margin around it, lies under a panel or off the
/// frame.
std::vector<std::string> placesUnderPanels(Session& s, std::size_t stage, Viewport vp) {
    const Scenario& sc = *s.ctx.document.scenario;
    const TerrainSurface surface(s.ctx.document.dem, s.ctx.scene.style.exaggeration);
    ScenarioPresenter presenter(s.ctx.projection);
    presenter.prepareProvisional(sc, surface);
    const CameraMatrices m = computeMatrices(s.ctx.view.camera, vp, surface.box());
    const ScreenRect frame{{0, 0}, {double(vp.width), double(vp.height)}};
    std::vector<std::string> hidden;
    for (std::size_t i = 0; i < sc.places.size(); ++i) {
        const Place& p = sc.places[i];
        const std::vector<std::string>& shown = sc.stages[stage].places;
        if (std::find(shown.begin(), shown.end(), p.id) == shown.end()) continue;
        const auto at = projectToScreen(m, vp, presenter.geometry().places[i]);
        const double r = placeSymbolPx(p) * 0.5;
        const ScreenRect symbol{at ? glm::dvec2(at->x, at->y) - r : glm::dvec2(-1e9), glm::dvec2(2 * r)};
        bool clear = rectContains(frame, symbol);
        for (const auto& [name, panel] : s.ctx.view.panelRects)
            clear = clear && !rectsOverlap(panel, symbol);
        if (!clear) hidden.push_back(p.id);
    }
    return hidden;
}

TEST(Panels, AChosenStageIsFramedIntoTheMapThePanelsLeave) {
    // The viewer's first window: the stages panel on the left, the view and layers panels on the right.
    const Viewport vp{1600, 900};
    Session s(false, vp);
    ImGui::GetIO().FontGlobalScale = 16.0f / 13.0f; // the viewer's 16 px font (ui_fonts.cpp), panels as large
    s.start(SceneSettings{});
    const Scenario& sc = *s.ctx.document.scenario;
    double t = 0.0;
    for (; t < kStageTransitionSeconds + 0.5; t += 1.0 / 30.0) // the flight to the first stage
        panelFrame(s, t);
    ASSERT_FALSE(s.ctx.view.flight.has_value());
    ASSERT_TRUE(s.ctx.view.panelRects.count("stages") && s.ctx.view.panelRects.count("view") &&
                s.ctx.view.panelRects.count("layers"));
    for (std::size_t stage : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
        if (stage > 0) {
            s.ctx.commands.post(cmd::JumpToStage{stage});
            const double until = t + kStageTransitionSeconds + 0.5;
            for (; t < until; t += 1.0 / 30.0)
                panelFrame(s, t);
        }
        std::string ids;
        for (const std::string& id : placesUnderPanels(s, stage, vp))
            ids += id + " ";
        EXPECT_TRUE(ids.empty()) << "stage " << sc.stages[stage].id << ": " << ids << "under a panel";
    }
}

TEST(Commands, TheKioskIgnoresQuit) {
    Session s(true);
    s.start(SceneSettings{});
    s.ctx.commands.post(cmd::Quit{});
    s.session->handleCommands();
    EXPECT_FALSE(s.host->closed);
}

TEST(Commands, ImportingAGbkOdTableSaysItWasConverted) {
    Session s;
    s.start(SceneSettings{});
    const std::string gbk = (test::sourceDir() / "tests" / "data" / "od" / "od_long_gbk.csv").string();
    s.ctx.commands.post(cmd::ImportOd{gbk});
    s.session->handleCommands(); // starts reading the table in the background
    s.session->waitForJobs();    // applies it: posts the import as an edit
    s.session->handleCommands();
    std::string texts;
    for (const auto& item : s.ctx.notifications.items())
        texts += item.text + "\n";
    EXPECT_NE(texts.find(gbk + ": converted from GBK/GB18030 to UTF-8"), std::string::npos) << texts;
    // The Chinese place names were read: the Xi'an–Chengdu flow is measured.
    ASSERT_TRUE(s.ctx.document.scenario.has_value());
    bool measured = false;
    for (const Flow& f : s.ctx.document.scenario->flows)
        measured |= f.id == "cx-xian-chengdu-people" && !f.indicative;
    EXPECT_TRUE(measured) << texts;
}

TEST(Commands, SetLanguageSwitchesAtOnceAndIsKeptUnlessTheKioskAsks) {
    Session s;
    s.start(SceneSettings{});
    s.ctx.commands.post(cmd::SetLanguage{"zh_CN"});
    s.session->handleCommands();
    EXPECT_EQ(s.ctx.prefs.language, "zh_CN");
    EXPECT_EQ(i18n::currentLanguage(), "zh_CN");
    EXPECT_STREQ(_("Layers"), "图层");
    // The kiosk's visitor button switches without touching the installation's preferences.
    s.ctx.commands.post(cmd::SetLanguage{"en", false});
    s.session->handleCommands();
    EXPECT_EQ(s.ctx.prefs.language, "zh_CN");
    EXPECT_STREQ(_("Layers"), "Layers");
    // A session starts in the language its preferences keep.
    s.ctx.prefs.language = "zh_CN";
    s.start(SceneSettings{});
    EXPECT_STREQ(_("Layers"), "图层");
    s.ctx.commands.post(cmd::SetLanguage{""});
    s.session->handleCommands();
    EXPECT_EQ(s.ctx.prefs.language, "");
    EXPECT_EQ(i18n::currentLanguage(), i18n::environmentLanguage());
}

TEST(Panels, KeepTheirOwnStateAndPostNothingWhenUntouched) {
    Session s;
    s.start(SceneSettings{});
    AppContext& ctx = s.ctx;
    ctx.prefs.showRecordPanel = ctx.prefs.showTourPanel = ctx.prefs.showZoningPanel = true;
    ctx.panels.openDem.open = true;
    ctx.panels.exportGis.open = true;
    ImGuiIO& io = ImGui::GetIO();
    for (int frame = 0; frame < 3; ++frame) {
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        drawUi(ctx);
        ImGui::Render();
        EXPECT_TRUE(ctx.commands.empty()) << "frame " << frame;
        // The dialog filled its field from the document when it appeared; what is typed afterwards stays.
        if (frame == 0) EXPECT_EQ(ctx.panels.openDem.path, ctx.document.demPath);
        if (frame == 0) ctx.panels.openDem.path = "/data/dem.tif";
    }
    // Each panel filled its own fields and kept what was typed.
    EXPECT_EQ(ctx.panels.openDem.path, "/data/dem.tif");
    EXPECT_EQ(ctx.panels.record.settings.tour, ctx.document.scenario->defaultTour);
    EXPECT_FALSE(ctx.panels.record.settings.out.empty());
    EXPECT_EQ(ctx.panels.tour.tour, ctx.document.scenario->defaultTour);
    // File > Export to GIS offers a GeoPackage named after the scenario, and stays open until used.
    EXPECT_TRUE(ctx.panels.exportGis.open);
    EXPECT_NE(ctx.panels.exportGis.path.find(ctx.document.scenario->id + ".gpkg"), std::string::npos);
}

/// Polls the session until its recording ends (bounded), and returns the status.
RecordingStatus waitForRecording(Session& s) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(4);
    while (s.session->recording() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        s.session->handleCommands();
    }
    EXPECT_FALSE(s.session->recording()) << "the recording did not end within 4 minutes";
    return s.ctx.view.recording;
}

void expectSamePicture(const ImageRgba8& viewer, const std::string& recordedPath, const std::string& what) {
    auto recorded = readImage(recordedPath);
    ASSERT_TRUE(recorded) << recorded.error().toString();
    auto diff = compareImages(viewer, *recorded, 24);
    ASSERT_TRUE(diff) << diff.error().toString();
    // Tolerance: MSAA resolves and text antialiasing may differ by a grey level here and there.
    EXPECT_LT(diff->meanAbsolute, 1.0) << what;
    EXPECT_LT(diff->fractionAbove, 0.002) << what;
    if (diff->meanAbsolute >= 1.0 || diff->fractionAbove >= 0.002) {
        const std::string stem = std::string(QINBA_TEST_OUTPUT_DIR "/") + what;
        (void)writePng(stem + " viewer.png", viewer);
        (void)writePng(stem + " recorded.png", *recorded);
    }
}

TEST(RecordPanel, RecordsWhatTheViewerShows) {
    test::TempDir dir;
    Session s;
    s.start(tunedScene());
    s.session->setRecorderExecutable(QINBA_EXE);
    const std::string tour = s.ctx.document.scenario->defaultTour;
    ASSERT_TRUE(s.session->playTour(tour, 0.0, false, false));
    s.session->handleCommands();
    auto viewer = s.session->renderImage({640, 360});
    ASSERT_TRUE(viewer) << viewer.error().toString();

    RecordingSettings r;
    r.tour = tour;
    r.out = (dir.path() / "frame%03d.png").string();
    r.width = 640;
    r.height = 360;
    r.fps = 30.0;
    r.frames = "0-0";
    s.ctx.commands.post(cmd::StartRecording{r});
    s.session->handleCommands();
    ASSERT_TRUE(s.session->recording())
        << (s.ctx.notifications.items().empty() ? std::string() : s.ctx.notifications.items().back().text);
    const RecordingStatus status = waitForRecording(s);
    ASSERT_EQ(status.exitCode, 0) << status.message;
    expectSamePicture(*viewer, (dir.path() / "frame000.png").string(), "record_panel");
    // The picture is the tuned one: English labels, zoning colours and a scale bar are there to compare.
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/record_panel_viewer.png", *viewer);
}

TEST(Kiosk, AFrameOfTheAttractTourIsWhatRecordDraws) {
    test::TempDir dir;
    Session s(true);
    KioskOptions o;
    o.scene = tunedScene();
    auto tour = prepareKiosk(s.ctx, o);
    ASSERT_TRUE(tour) << tour.error().toString();
    s.session->start({});
    s.session->handleCommands();
    KioskDirector director(s.ctx, *s.session, *tour, o.idleSeconds);
    // One second into the attract tour: frame 30 of a 30 fps recording.
    s.session->advance(1.0);
    director.update(false);
    s.session->handleCommands();
    auto kiosk = s.session->renderImage({640, 360});
    ASSERT_TRUE(kiosk) << kiosk.error().toString();

    const std::string view = (dir.path() / "kiosk-view.json").string();
    ASSERT_TRUE(saveSceneSettings(view, *o.scene));
    const std::string out = (dir.path() / "k%03d.png").string();
    const test::ShellRun run =
        test::shell(std::string("'") + QINBA_EXE + "' record --view '" + view + "' --tour " + *tour +
                    " --size 640x360 --fps 30 --frames 30-30 --msaa " +
                    std::to_string(std::max(s.ctx.prefs.msaaSamples, 1)) + " --triangles " +
                    std::to_string(s.ctx.prefs.terrainTriangles) + " --out '" + out + "'");
    ASSERT_EQ(run.status, 0) << run.out;
    expectSamePicture(*kiosk, (dir.path() / "k030.png").string(), "kiosk_attract_1s");
}

/// The kiosk's frame at clock time `t`, the attract tour having looped since clock time 0: the frame loop on
/// an injected clock, its last half second at 60 fps. The jump from 0 to just before `t` is time that passed
/// (maxStep large), as it passes for a kiosk left running.
Result<ImageRgba8> kioskFrameAt(double t) {
    Session s(true);
    KioskOptions o;
    o.scene = tunedScene();
    auto tour = prepareKiosk(s.ctx, o);
    if (!tour) return tour.error();
    s.session->start({});
    s.session->handleCommands();
    ManualClock clock;
    KioskDirector director(s.ctx, *s.session, *tour, o.idleSeconds);
    // The frame loop renders the UI too: an empty one.
    ImGui_ImplOpenGL3_Init("#version 330 core");
    struct Driver final : FrameDriver {
        explicit Driver(KioskDirector& d) : director(d) {}
        bool running() override { return true; }
        void beginFrame() override {
            ImGui_ImplOpenGL3_NewFrame();
            ImGui::NewFrame();
            ImGui::Render();
        }
        void afterAdvance(double, double) override { director.update(false); }
        KioskDirector& director;
    } driver(director);
    FrameLoop loop(*s.session, clock, 1e12);
    loop.step(driver);
    for (int i = 30; i >= 0; --i) {
        clock.set(t - i / 60.0);
        loop.step(driver);
    }
    EXPECT_TRUE(director.attract());
    EXPECT_EQ(s.ctx.time, t) << "the session's time is the clock's, not a sum of steps";
    auto image = s.session->renderImage({640, 360});
    ImGui_ImplOpenGL3_Shutdown();
    return image;
}

TEST(Kiosk, AFrameAfterSevenAndThirtyDaysIsTheFrameAtTheSameTourPhaseOnDayZero) {
    AppContext probe(MapProjection::panQinba());
    KioskOptions o;
    auto tour = prepareKiosk(probe, o);
    ASSERT_TRUE(tour) << tour.error().toString();
    const double length = tourDuration(*probe.document.scenario->findTour(*tour));
    ASSERT_GT(length, 2.0);
    // 37 % into the tour, on day 0 and after whole loops filling 7 and 30 days.
    const double phase = 0.37 * length;
    auto day0 = kioskFrameAt(phase);
    ASSERT_TRUE(day0) << day0.error().toString();
    (void)writePng(QINBA_TEST_OUTPUT_DIR "/kiosk_uptime_day0.png", *day0);
    for (const double days : {7.0, 30.0}) {
        const double t = std::floor(days * 86400.0 / length) * length + phase;
        auto later = kioskFrameAt(t);
        ASSERT_TRUE(later) << later.error().toString();
        auto diff = compareImages(*day0, *later, 8);
        ASSERT_TRUE(diff) << diff.error().toString();
        EXPECT_EQ(diff->fractionAbove, 0.0) << days << " days";
        EXPECT_LT(diff->meanAbsolute, 0.05) << days << " days";
        if (diff->fractionAbove > 0.0)
            (void)writePng(QINBA_TEST_OUTPUT_DIR "/kiosk_uptime_day" + std::to_string(int(days)) + ".png",
                           *later);
    }
}

} // namespace
} // namespace qinba::app
