// Atomic saving, preferences, colour ramps and image comparison.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/color_ramp.h"
#include "qinba/core/image.h"
#include "qinba/core/options.h"
#include "qinba/core/preferences.h"
#include "qinba/core/scene_settings.h"
#include "qinba/core/text_format.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>

namespace qinba {
namespace {

TEST(AtomicFile, ReplacesContentsAndLeavesNoTemporaryFiles) {
    test::TempDir dir;
    const std::string path = dir.file("doc.json");
    ASSERT_TRUE(writeFileAtomically(path, "first"));
    ASSERT_TRUE(writeFileAtomically(path, "second"));
    EXPECT_EQ(*readFile(path), "second");
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        (void)e, ++files;
    EXPECT_EQ(files, 1);
}

TEST(AtomicFile, FailedWriteKeepsThePreviousFile) {
    test::TempDir dir;
    const std::string path = dir.file("doc.json");
    ASSERT_TRUE(writeFileAtomically(path, "precious"));
    // Simulate a full disk: a file size limit makes write() fail part-way (EFBIG), even for root.
    rlimit old{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    auto* previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = old;
    tiny.rlim_cur = 1024;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const Status s = writeFileAtomically(path, std::string(64 * 1024, 'x'));
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().toString().find(path), std::string::npos);
    EXPECT_EQ(*readFile(path), "precious");
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        (void)e, ++files;
    EXPECT_EQ(files, 1) << "the temporary file was removed";
}

TEST(AtomicFile, WriteIntoAMissingFolderFailsWithTheFileName) {
    test::TempDir dir;
    const std::string path = dir.file("missing/doc.json");
    const Status s = writeFileAtomically(path, "x");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().file, path);
}

TEST(Preferences, RoundTripAndDefaults) {
    test::TempDir dir;
    const auto path = dir.path() / "sub" / "preferences.json";
    auto missing = loadPreferences(path);
    ASSERT_TRUE(missing);
    EXPECT_DOUBLE_EQ(missing->uiScale, 1.0);
    Preferences p;
    p.uiScale = 1.75;
    p.view.decorations.legend = false;
    p.terrainTriangles = 123456;
    p.lodMode = 1;
    p.maxScreenErrorPx = 1.5;
    p.tileCacheMb = 2048;
    p.gpuTileCacheMb = 64;
    p.showPerformanceHud = true;
    ASSERT_TRUE(savePreferences(path, p));
    auto back = loadPreferences(path);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_DOUBLE_EQ(back->uiScale, 1.75);
    EXPECT_FALSE(back->view.decorations.legend);
    EXPECT_EQ(back->terrainTriangles, 123456);
    EXPECT_EQ(back->lodMode, 1);
    EXPECT_DOUBLE_EQ(back->maxScreenErrorPx, 1.5);
    EXPECT_DOUBLE_EQ(back->tileCacheMb, 2048);
    EXPECT_DOUBLE_EQ(back->gpuTileCacheMb, 64);
    EXPECT_TRUE(back->showPerformanceHud);
}

TEST(Preferences, KeepTheTerrainStyleLabelsAndDecorations) {
    test::TempDir dir;
    const auto path = dir.path() / "preferences.json";
    Preferences p;
    SceneSettings scene;
    scene.style.exaggeration = 3.0;
    scene.style.rampId = "vegetation";
    scene.style.sunAzimuth = 225.0;
    scene.labels = LabelLanguage::English;
    scene.decorations.scaleBar = true;
    scene.zoning = true; // belongs to the document's view, not to the person: not kept
    keepInPreferences(scene, p);
    ASSERT_TRUE(savePreferences(path, p));
    auto back = loadPreferences(path);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(back->view.style, scene.style);
    EXPECT_EQ(back->view.labels, LabelLanguage::English);
    EXPECT_TRUE(back->view.decorations.scaleBar);
    EXPECT_FALSE(back->view.zoning);
    // Files from before "view" kept the label language and decorations at the top level.
    std::ofstream(path) << R"({"labelLanguage": 2, "showLegend": false})";
    back = loadPreferences(path);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(back->view.labels, LabelLanguage::Both);
    EXPECT_FALSE(back->view.decorations.legend);
}

TEST(SceneSettings, RoundTripsThroughItsFile) {
    test::TempDir dir;
    SceneSettings s;
    s.style.exaggeration = 3.0;
    s.style.rampId = "greys";
    s.style.sunAzimuth = 225.0;
    s.style.sunAltitude = 30.0;
    s.style.haze = 0.1;
    s.style.sky = false;
    s.labels = LabelLanguage::English;
    s.textScale = 1.5;
    s.layers = {{"zoning", true, 0.5}, {"rivers", false, 1.0}};
    s.zoning = true;
    s.zoningParameters.coreMinElevation = 1500.0;
    s.decorations = {true, true, false, true, false, true};
    s.compare = true;
    s.compareStage = 2;
    const std::string path = (dir.path() / "view.json").string();
    ASSERT_TRUE(saveSceneSettings(path, s));
    auto back = loadSceneSettings(path);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(back->style, s.style);
    EXPECT_EQ(back->labels, s.labels);
    EXPECT_DOUBLE_EQ(back->textScale, 1.5);
    EXPECT_EQ(back->layers, s.layers);
    EXPECT_TRUE(back->zoning);
    EXPECT_EQ(back->zoningParameters, s.zoningParameters);
    EXPECT_EQ(back->decorations, s.decorations);
    EXPECT_TRUE(back->compare);
    EXPECT_EQ(back->compareStage, 2u);
    // Every field is optional.
    auto empty = parseSceneSettings("{}", "e.json");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->style, TerrainStyle{});
}

TEST(SceneSettings, BadValuesNameTheFileAndField) {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"style": {"exaggeration": 50}})", "style.exaggeration"},
        {R"({"style": {"ramp": "rainbow"}})", "style.ramp"},
        {R"({"style": 3})", "style"},
        {R"({"labels": "fr"})", "labels"},
        {R"({"layers": [{"visible": true}]})", "layers[0].id"},
        {R"({"layers": [{"id": "a", "opacity": 2}]})", "layers[0].opacity"},
        {R"({"zoning": {"parameters": {"no_such": 1}}})", "zoning.parameters.no_such"},
        {R"({"decorations": {"legend": "yes"}})", "decorations.legend"},
        {R"({"version": 99})", "version"},
        {R"({"compare": {"stage": 0}})", "compare.stage"},
        {R"({"styel": {}})", "styel"},
        {R"({"decorations": {"scalebar": true}})", "decorations.scalebar"},
    };
    for (const auto& [text, field] : cases) {
        auto s = parseSceneSettings(text, "view.json");
        ASSERT_FALSE(s) << text;
        EXPECT_EQ(s.error().file, "view.json");
        EXPECT_EQ(s.error().field, field) << text;
    }
    EXPECT_FALSE(loadSceneSettings("/nonexistent/view.json"));
}

TEST(SceneSettings, LayerOrderVisibilityAndOpacityApplyByIdAndLeaveOthersInPlace) {
    std::vector<Layer> layers(4);
    const char* ids[] = {"zoning", "a", "b", "c"};
    for (std::size_t i = 0; i < 4; ++i)
        layers[i].options.id = ids[i];
    SceneSettings s;
    s.zoning = true;
    s.layers = {{"c", false, 0.25}, {"a", true, 1.0}, {"missing", true, 1.0}};
    EXPECT_TRUE(applyLayerSettings(layers, s));
    std::vector<std::string> order;
    for (const Layer& l : layers)
        order.push_back(l.options.id);
    EXPECT_EQ(order, (std::vector<std::string>{"zoning", "c", "b", "a"}));
    EXPECT_TRUE(layers[0].options.visible); // the zoning switch
    EXPECT_FALSE(layers[1].options.visible);
    EXPECT_FLOAT_EQ(layers[1].options.style.opacity, 0.25f);
    EXPECT_FALSE(applyLayerSettings(layers, s)); // nothing left to change
    const std::vector<LayerSetting> captured = captureLayerSettings(layers);
    ASSERT_EQ(captured.size(), 4u);
    EXPECT_EQ(captured[1], (LayerSetting{"c", false, 0.25}));
}

TEST(OptionTable, DefaultsAndRangesAreThoseOfTheSettings) {
    const TerrainStyle style;
    EXPECT_EQ(style.exaggeration, options::exaggeration.def);
    EXPECT_EQ(style.haze, options::haze.def);
    const Preferences prefs;
    EXPECT_EQ(prefs.uiScale, options::uiScale.def);
    EXPECT_EQ(prefs.terrainTriangles, static_cast<int>(options::terrainTriangles.def));
    std::size_t n = 0;
    const NumberOption* const* all = allNumberOptions(n);
    ASSERT_GT(n, 10u);
    for (std::size_t i = 0; i < n; ++i) {
        EXPECT_LE(all[i]->min, all[i]->def) << all[i]->key;
        EXPECT_LE(all[i]->def, all[i]->max) << all[i]->key;
        EXPECT_NE(std::string(all[i]->help), "") << all[i]->key;
    }
    EXPECT_EQ(options::uiScale.helpText(),
              "size of text and controls (1 = 16 px text) (from 0.5 to 4; default 1)");
}

TEST(Preferences, BadValuesNameTheFileAndField) {
    test::TempDir dir;
    const auto path = dir.path() / "preferences.json";
    std::ofstream(path) << R"({"uiScale": 40, "vsync": true})";
    auto p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "uiScale");
    EXPECT_EQ(p.error().file, path.string());
    std::ofstream(path) << R"({"vsync": "yes"})";
    p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "vsync");
    std::ofstream(path) << R"({"gpuTileCacheMb": 0.0001})";
    p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "gpuTileCacheMb");
    // The kept view uses the view-settings format and its checks.
    std::ofstream(path) << R"({"view": {"style": {"haze": 3}}})";
    p = loadPreferences(path);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().field, "view.style.haze");
    std::ofstream(path) << "{ not json";
    EXPECT_FALSE(loadPreferences(path));
}

TEST(ColorRamp, InterpolatesAndClamps) {
    const ColorRamp* atlas = findRamp("atlas");
    ASSERT_NE(atlas, nullptr);
    EXPECT_EQ(&builtinRamps().front(), atlas);
    const glm::vec3 low = atlas->colorAt(300.0), high = atlas->colorAt(2500.0);
    EXPECT_GT(low.g, low.r) << "lowlands are green";
    EXPECT_GT(high.r, high.g) << "high mountains are brown";
    EXPECT_EQ(atlas->colorAt(-1e6), atlas->stops.front().color);
    EXPECT_EQ(atlas->colorAt(1e6), atlas->stops.back().color);
    const glm::vec3 mid = atlas->colorAt(100.0);
    EXPECT_NEAR(mid.g, (atlas->colorAt(0.0).g + atlas->colorAt(200.0).g) / 2, 1e-6);
    EXPECT_EQ(findRamp("nonexistent"), nullptr);
    for (const ColorRamp& r : builtinRamps())
        for (std::size_t i = 1; i < r.stops.size(); ++i)
            EXPECT_LT(r.stops[i - 1].elevation, r.stops[i].elevation);
}

TEST(Image, PngRoundTripAndComparison) {
    test::TempDir dir;
    ImageRgba8 a(4, 3);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 4; ++x) {
            std::uint8_t* p = a.at(x, y);
            p[0] = static_cast<std::uint8_t>(x * 60);
            p[1] = static_cast<std::uint8_t>(y * 100);
            p[2] = 7;
            p[3] = 255;
        }
    const std::string path = dir.file("a.png");
    ASSERT_TRUE(writePng(path, a));
    auto b = readImage(path);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->pixels, a.pixels);
    b->at(1, 1)[0] = static_cast<std::uint8_t>(b->at(1, 1)[0] + 50);
    auto d = compareImages(a, *b, 20);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->maxAbsolute, 50);
    EXPECT_DOUBLE_EQ(d->fractionAbove, 1.0 / 12.0);
    EXPECT_FALSE(compareImages(a, ImageRgba8(2, 2), 0));
    EXPECT_FALSE(readImage(dir.file("missing.png")));
    EXPECT_FALSE(writePng(dir.file("no/such/dir.png"), a));
}

// A translated message gets its values where its pattern puts them, in order or by position, so a translation
// can reorder them; braces written twice are literal; a placeholder without a value stays visible.
TEST(TextFormat, FillsPlaceholdersInOrderAndByPosition) {
    EXPECT_EQ(formatText("{}: no stage '{}'", std::string("a.json"), "x"), "a.json: no stage 'x'");
    EXPECT_EQ(formatText("{1} before {0}", "a", "b"), "b before a");
    EXPECT_EQ(formatText("{0}: run `qinba prepare {0}`", "dem.tif"), "dem.tif: run `qinba prepare dem.tif`");
    EXPECT_EQ(formatText("{} of {} frames, {} fps", 3, std::size_t{8}, 2.5), "3 of 8 frames, 2.5 fps");
    EXPECT_EQ(formatText("{{\"id\"}} {}", 7), "{\"id\"} 7");
    EXPECT_EQ(formatText("{} and {}", "one"), "one and {}");
    EXPECT_EQ(formatText("{x} {", "v"), "{x} {");
    EXPECT_EQ(formatText("没有阶段“{}”", "s1"), "没有阶段“s1”");
}

} // namespace
} // namespace qinba
