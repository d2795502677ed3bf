// Nothing on screen hides the story: in the kiosk's layout and in recordings, at 16:9 and in portrait, every
// stage of the default tour is framed so that its places' symbols and labels lie clear of the legend,
// captions, title, credits, scale bar, north arrow and on-screen controls; checked from the layout and the
// projected positions for every stage, and on a rendered picture for one.

#include "test_support.h"

#include "qinba/app/headless_scene.h"
#include "qinba/app/story_framing.h"
#include "qinba/core/image.h"
#include "qinba/core/stage_framing.h"
#include "qinba/core/tour.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba::app {
namespace {

SceneSettings storyScene() {
    SceneSettings s;
    s.decorations = {true, true, true,
                     true, true, true}; // legend, scale bar, north arrow, captions, title, credits
    return s;
}

/// The kiosk's own controls as it lays them out (kiosk_ui.cpp), in pixels of a `vp` frame: the caption box
/// at the top centre, the stage bar at the bottom right with the hint above it.
std::vector<ScreenRect> kioskControls(Viewport vp) {
    const double em = 13.0 * std::max(1.0, vp.height / 1080.0), w = vp.width, h = vp.height;
    const double bar = std::min(w - 2 * em, 62.0 * em);
    return {{{(w - std::min(w, 36 * em)) / 2, 1.5 * em}, {std::min(w, 36 * em), 5 * em}},
            {{w - 0.6 * em - bar, h - 3.4 * em - 5 * em}, {bar, 5 * em}},
            {{w - 0.6 * em - 22 * em, h - 10 * em - 4 * em}, {22 * em, 4 * em}}};
}

struct Screen {
    const char* name;
    Viewport size;
    bool kiosk;
};

class SafeArea : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        SceneRequest request;
        request.withScenario = true;
        auto opened = openHeadlessScene(request, storyScene());
        if (!opened) FAIL() << opened.error().toString();
        scene_ = std::move(*opened).release();
        scene_->legendForm = LegendForm::Compact;
    }
    static void TearDownTestSuite() {
        delete scene_;
        scene_ = nullptr;
    }

    /// The settings and controls of `screen`: the kiosk shows captions in its UI, recordings burn them in.
    static FramingScreen framingFor(const Screen& screen) {
        scene_->settings.decorations.captions = !screen.kiosk;
        FramingScreen f;
        f.viewport = screen.size;
        f.measure = scene_->view(SceneMoment{}, screen.size.height).measure;
        f.legendForm = LegendForm::Compact;
        if (screen.kiosk) f.controls = kioskControls(screen.size);
        return f;
    }

    static HeadlessScene* scene_;
};
HeadlessScene* SafeArea::scene_ = nullptr;

/// The moment and camera of keyframe `k`'s hold, halfway through.
std::pair<SceneMoment, OrbitCamera> holdOf(const HeadlessScene& scene, const Tour& tour, std::size_t k) {
    const TerrainSurface surface(scene.document.dem, scene.settings.style.exaggeration);
    const TourKeyframe& key = tour.keyframes[k];
    const double t = keyframeStart(tour, k) + (k == 0 ? 0.0 : key.duration) + key.hold * 0.5;
    const TourMoment m = tourAt(*scene.document.scenario, tour, t, scene.projection, surface);
    SceneMoment at;
    at.showsScenario = m.stage.has_value();
    at.stage = m.stage.value_or(0);
    at.previous = m.previousStage;
    at.secondsIntoStage = m.secondsIntoStage;
    at.captionEn = m.captionEn;
    at.captionZh = m.captionZh;
    return {at, m.camera};
}

/// Places of the stage whose symbol or label is under an overlay, off the frame, or (central cities)
/// unlabelled.
std::vector<std::string> hiddenPlaces(const HeadlessScene& scene, const Screen& screen, const Tour& tour,
                                      std::size_t k, const FramingScreen& f, DrawList* drawn = nullptr) {
    const Scenario& sc = *scene.document.scenario;
    const TerrainSurface surface(scene.document.dem, scene.settings.style.exaggeration);
    const auto [at, camera] = holdOf(scene, tour, k);
    MapView view = scene.view(at, screen.size.height);
    view.controls = f.controls;
    DrawList out;
    ScreenLayout layout;
    composeMapFrame(out, view, camera, screen.size, surface, &layout);
    const std::vector<ScreenRect> overlays = layout.overlays();
    const ScreenRect frame{{0, 0}, {double(screen.size.width), double(screen.size.height)}};
    const CameraMatrices m = computeMatrices(camera, screen.size, surface.box());
    std::vector<std::string> hidden;
    const Stage& stage = sc.stages[at.stage];
    for (std::size_t i = 0; i < sc.places.size(); ++i) {
        const Place& p = sc.places[i];
        if (std::find(stage.places.begin(), stage.places.end(), p.id) == stage.places.end()) continue;
        const auto s = projectToScreen(m, screen.size, scene.presenter->geometry().places[i]);
        // The symbol of a highlighted place, 1.35 times its size, with a pixel to spare.
        const double r = placeSymbolPx(p) * view.scale * 1.35 * 0.5 + 1.0;
        const ScreenRect symbol{s ? glm::dvec2(s->x, s->y) - r : glm::dvec2(-1e9), glm::dvec2(2 * r)};
        bool clear = s && rectContains(frame, symbol);
        const std::string name = placeLabel(p, view.language);
        bool labelled = false;
        for (const TextItem& t : out.texts) {
            if (t.utf8 != name) continue;
            labelled = true;
            const ScreenRect label{glm::dvec2(t.topLeft), view.measure(t.utf8, t.pixelSize)};
            clear = clear && rectContains(frame, label);
            for (const ScreenRect& o : overlays)
                clear = clear && !rectsOverlap(o, label);
        }
        for (const ScreenRect& o : overlays)
            clear = clear && !rectsOverlap(o, symbol);
        if (p.role == PlaceRole::Central && !labelled) clear = false;
        if (!clear) hidden.push_back(p.id);
    }
    if (drawn) *drawn = std::move(out);
    return hidden;
}

TEST_F(SafeArea, EveryStageOfTheTourIsClearOfOverlaysInTheKioskAndInRecordings) {
    const Scenario& sc = *scene_->document.scenario;
    const Tour& tour = *sc.findTour(sc.defaultTour);
    int checked = 0;
    for (const Screen& screen :
         {Screen{"kiosk 1920x1080", {1920, 1080}, true}, Screen{"kiosk 1080x1920", {1080, 1920}, true},
          Screen{"recording 1920x1080", {1920, 1080}, false},
          Screen{"recording 1080x1920", {1080, 1920}, false}}) {
        const FramingScreen f = framingFor(screen);
        const Tour framed = framedTour(scene_->document, scene_->layerPresenter, *scene_->presenter,
                                       scene_->settings, tour, scene_->projection, f);
        for (std::size_t k = 0; k < framed.keyframes.size(); ++k) {
            if (framed.keyframes[k].stage.empty()) continue;
            const std::vector<std::string> hidden = hiddenPlaces(*scene_, screen, framed, k, f);
            std::string ids;
            for (const std::string& id : hidden)
                ids += id + " ";
            EXPECT_TRUE(hidden.empty())
                << screen.name << ", stage " << framed.keyframes[k].stage << ": " << ids;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 4 * 9);
}

TEST_F(SafeArea, APortraitRecordingShowsChengduClearOfTheLegend) {
    const Screen screen{"recording 1080x1920", {1080, 1920}, false};
    const FramingScreen f = framingFor(screen);
    const Scenario& sc = *scene_->document.scenario;
    const Tour& tour = *sc.findTour(sc.defaultTour);
    const Tour framed = framedTour(scene_->document, scene_->layerPresenter, *scene_->presenter,
                                   scene_->settings, tour, scene_->projection, f);
    std::size_t k = 0;
    while (k < framed.keyframes.size() && framed.keyframes[k].stage != "core-sector")
        ++k;
    ASSERT_LT(k, framed.keyframes.size());
    EXPECT_TRUE(hiddenPlaces(*scene_, screen, framed, k, f).empty());
    const auto [at, camera] = holdOf(*scene_, framed, k);
    auto image = scene_->renderPicture(camera, at, screen.size, 1);
    ASSERT_TRUE(image) << image.error().toString();
    (void)writePng(std::string(QINBA_TEST_OUTPUT_DIR) + "/safe_area_portrait_core_sector.png", *image);

    // Chengdu's symbol is drawn in the picture: its red ring (the central cities' colour) shows around the
    // projected position, not the legend's white panel.
    const TerrainSurface surface(scene_->document.dem, scene_->settings.style.exaggeration);
    const CameraMatrices m = computeMatrices(camera, screen.size, surface.box());
    for (const char* id : {"chengdu", "xian", "chongqing"}) {
        std::size_t i = 0;
        while (sc.places[i].id != id)
            ++i;
        const auto s = projectToScreen(m, screen.size, scene_->presenter->geometry().places[i]);
        ASSERT_TRUE(s) << id;
        int red = 0;
        const int r = static_cast<int>(std::ceil(placeSymbolPx(sc.places[i]) * 1920.0 / 1080.0));
        for (int y = static_cast<int>(s->y) - r; y <= static_cast<int>(s->y) + r; ++y)
            for (int x = static_cast<int>(s->x) - r; x <= static_cast<int>(s->x) + r; ++x) {
                if (x < 0 || y < 0 || x >= image->width || y >= image->height) continue;
                const std::uint8_t* px = image->at(x, y);
                if (px[0] > 130 && px[1] < 70 && px[2] < 70) ++red;
            }
        EXPECT_GT(red, 4) << id << " at " << s->x << "," << s->y;
    }
}

} // namespace
} // namespace qinba::app
