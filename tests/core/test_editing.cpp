// Live editing: every edit kind undoes and redoes exactly, refused edits change nothing, edit → save → load
// round-trips, a failed save keeps the previous file, and an autosaved recovery file restores the edits.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/edit_history.h"
#include "qinba/core/recovery.h"
#include "qinba/core/scenario_io.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <optional>

namespace qinba {
namespace {

Scenario defaultScenario() {
    auto loaded = loadScenario((test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string());
    if (!loaded) ADD_FAILURE() << loaded.error().toString();
    return loaded ? *loaded : Scenario{};
}

OdMatrix measuredMatrix() {
    auto m = parseOdCsv("from,to,type,year,volume,unit\n"
                        "xian,chengdu,people,2019,16.5,thousand trips/day\n"
                        "chengdu,chongqing,information,2019,60,enterprise contact index\n",
                        "measured.csv");
    if (!m) ADD_FAILURE() << m.error().toString();
    return m ? *m : OdMatrix{};
}

Corridor newCorridor(const std::string& from, const std::string& to) {
    Corridor c;
    c.from = from;
    c.to = to;
    c.mode = CorridorMode::Road;
    c.capacity = 40;
    c.capacityUnit = "thousand vehicles/day";
    return c;
}

/// One edit of every kind, in an order where each applies to the document the previous ones left.
std::vector<Edit> everyKindOfEdit() {
    Place ningshan;
    ningshan.nameEn = "Ningshan";
    ningshan.nameZh = "宁陕";
    ningshan.location = {108.314, 33.310};
    ningshan.role = PlaceRole::CountyTown;
    ningshan.rank = 5;
    ningshan.province = "Shaanxi";
    ningshan.source = "approx";
    Viewpoint qinling{"", "Qinling ridge", CameraSpec{{108.0, 33.9}, 150.0, 20.0, 35.0}};
    Tour shortTour;
    shortTour.name = "Two views";
    shortTour.keyframes = {TourKeyframe{}, TourKeyframe{}};
    shortTour.keyframes[0].camera = qinling.camera;
    shortTour.keyframes[0].hold = 2;
    shortTour.keyframes[1].camera = CameraSpec{{106.5, 30.5}, 300.0, 0.0, 40.0};
    shortTour.keyframes[1].stage = "core-sector";
    Tour longer = shortTour;
    longer.id = "two-views";
    longer.keyframes.push_back(longer.keyframes[0]);
    return {
        SetFlowVolume{"nc-xian-chengdu-goods", "core-sector", 66},
        SetFlowVolume{"cx-xian-chengdu-people", "2020", 17},
        SetCorridorActive{"core-sector", "xian-lanzhou", true},
        SetCorridorActive{"core-sector", "xian-chengdu", false},
        AddPlace{ningshan},
        AddCorridor{newCorridor("ankang", "ningshan"), "green-heart-tertiary"},
        SetCorridorWaypoints{"ankang-ningshan", {{108.7, 33.1}, {108.5, 33.2}}},
        SetCorridorWaypoints{"ankang-ningshan", {}},
        RenamePlace{"ankang", "Ankang City", "安康市"},
        CreateStage{"connection-2019", "", "", ""},
        MoveStage{0, 3},
        MoveStage{9, 1},
        ImportOd{measuredMatrix(), "/data/measured.csv", "2025-03-02T10:15:00Z"},
        SetViewpoint{qinling},
        SetViewpoint{Viewpoint{"qinling-ridge", "Qinling ridge, closer", CameraSpec{{108.0, 33.9}, 90.0, 20.0, 35.0}}},
        RemoveViewpoint{"qinling-ridge"},
        SetTour{shortTour, ""},
        SetTour{longer, "Add keyframe 3 to two-views"},
        RemoveTour{"story"},
    };
}

TEST(Edit, EveryKindUndoesExactlyAndRedoes) {
    Scenario s = defaultScenario();
    EditHistory history;
    const std::vector<Edit> edits = everyKindOfEdit();
    std::vector<std::string> documents = {serializeScenario(s)};
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const std::string before = serializeScenario(s);
        const Status applied = history.apply(s, edits[i]);
        ASSERT_TRUE(applied) << "edit " << i << ": " << applied.error().toString();
        const std::string after = serializeScenario(s);
        ASSERT_NE(after, before) << "edit " << i << " changed the document";
        EXPECT_TRUE(validateScenario(s, "").empty()) << "edit " << i;
        history.undo(s);
        EXPECT_EQ(serializeScenario(s), before) << "undo of edit " << i << " (" << history.redoLabel() << ")";
        history.redo(s);
        EXPECT_EQ(serializeScenario(s), after) << "redo of edit " << i;
        documents.push_back(after);
    }
    EXPECT_EQ(history.position(), edits.size());
    EXPECT_EQ(history.labels().size(), edits.size());
    EXPECT_EQ(history.labels()[5], "Add corridor ankang-ningshan (ankang–ningshan, road)");
    EXPECT_EQ(history.labels()[12], "Import measured.csv (2 rows)");
    EXPECT_EQ(history.labels()[13], "Save viewpoint 'Qinling ridge'");
    EXPECT_EQ(history.labels()[17], "Add keyframe 3 to two-views");
    EXPECT_TRUE(s.viewpoints.empty() || s.viewpoints.back().id != "qinling-ridge");
    ASSERT_NE(s.findTour("two-views"), nullptr);
    EXPECT_EQ(s.findTour("two-views")->keyframes.size(), 3u);
    EXPECT_EQ(s.findTour("story"), nullptr);
    EXPECT_NE(s.defaultTour, "story") << "the default moves to a remaining tour";
    EXPECT_NE(s.findTour(s.defaultTour), nullptr);
    EXPECT_NE(s.findPlace("ningshan"), nullptr);
    EXPECT_TRUE(s.findStage("connection-2019-copy"));
    EXPECT_EQ(s.stages[0].id, "axial-sectors");
    EXPECT_EQ(s.stages[1].id, "connection-2019-copy") << "moved from position 10 to 2";

    // Every step back, then forwards again, passes through each document exactly.
    for (std::size_t i = edits.size(); i-- > 0;) {
        history.undo(s);
        EXPECT_EQ(serializeScenario(s), documents[i]) << "after undoing to step " << i;
    }
    EXPECT_FALSE(history.canUndo());
    history.goTo(s, edits.size());
    EXPECT_EQ(serializeScenario(s), documents.back());
    history.goTo(s, 4);
    EXPECT_EQ(serializeScenario(s), documents[4]);
}

TEST(Edit, HandSetVolumesAreIndicativeAndCopiedStagesReadTheSameVolumes) {
    Scenario s = defaultScenario();
    EditHistory history;
    ASSERT_TRUE(history.apply(s, ImportOd{measuredMatrix(), "measured.csv", "2025-03-02T10:15:00Z"}));
    const auto flowNamed = [&](const std::string& id) {
        return *std::find_if(s.flows.begin(), s.flows.end(), [&](const Flow& f) { return f.id == id; });
    };
    ASSERT_FALSE(flowNamed("od-xian-chengdu-people").indicative);
    ASSERT_TRUE(history.apply(s, SetFlowVolume{"od-xian-chengdu-people", "2019", 30}));
    EXPECT_TRUE(flowNamed("od-xian-chengdu-people").indicative) << "a what-if value is not measured";

    ASSERT_TRUE(history.apply(s, CreateStage{"core-sector", "what-if", "What if", "假如"}));
    const Stage& copy = s.stages[*s.findStage("what-if")];
    EXPECT_EQ(*s.findStage("what-if"), *s.findStage("core-sector") + 1);
    EXPECT_EQ(copy.volumeKey, "core-sector");
    EXPECT_EQ(copy.titleEn, "What if");
    const Stage& source = s.stages[*s.findStage("core-sector")];
    for (const Flow& f : s.flows)
        EXPECT_EQ(s.volumeIn(f, copy), s.volumeIn(f, source)) << f.id;
}

TEST(Edit, RefusedEditsLeaveTheDocumentUnchanged) {
    Scenario s = defaultScenario();
    EditHistory history;
    ASSERT_TRUE(history.apply(s, SetFlowVolume{"nc-xian-chengdu-goods", "core-sector", 40}));
    const std::string before = serializeScenario(s);

    Status st = history.apply(s, AddCorridor{newCorridor("xian", "atlantis"), ""});
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().field, "/corridors/" + std::to_string(s.corridors.size()) + "/to");
    EXPECT_NE(st.error().message.find("unknown place 'atlantis'"), std::string::npos) << st.error().message;
    const std::vector<Edit> refused = {
        SetFlowVolume{"no-such-flow", "core-sector", 1},
        SetFlowVolume{"nc-xian-chengdu-goods", "core-sector", -5},
        SetCorridorActive{"core-sector", "no-such-corridor", true},
        SetCorridorActive{"no-such-stage", "xian-chengdu", true},
        AddCorridor{newCorridor("xian", "xian"), ""},
        AddCorridor{newCorridor("xian", "ankang"), "no-such-stage"},
        SetCorridorWaypoints{"xian-chengdu", {{200.0, 33.0}}},
        RenamePlace{"ankang", "", "安康"},
        RenamePlace{"no-such-place", "X", "X"},
        AddPlace{Place{"xian", "Xi'an again", "西安", {108.9, 34.3}, PlaceRole::Central, 1, "", ""}},
        AddPlace{Place{"", "Nowhere", "无处", {108.9, 134.3}, PlaceRole::CountyTown, 5, "", ""}},
        CreateStage{"core-sector", "axial-sectors", "", ""},
        CreateStage{"core-sector", "2024", "", ""},
        MoveStage{0, 99},
        ImportOd{measuredMatrix(), "measured.csv", "yesterday"},
        RemoveViewpoint{"no-such-view"},
        RemoveTour{"no-such-tour"},
        SetTour{Tour{"empty", "No keyframes", {}, false}, ""},
    };
    for (std::size_t i = 0; i < refused.size(); ++i) {
        st = history.apply(s, refused[i]);
        EXPECT_FALSE(st) << "edit " << i;
        if (!st) EXPECT_FALSE(st.error().message.empty());
        EXPECT_EQ(serializeScenario(s), before) << "edit " << i;
    }
    EXPECT_EQ(history.position(), 1u);
    EXPECT_EQ(history.labels().size(), 1u);
}

TEST(Edit, HistoryPositionDirtyAndLimit) {
    Scenario s = defaultScenario();
    const std::string original = serializeScenario(s);
    EditHistory history(3);
    EXPECT_FALSE(history.dirty());
    ASSERT_TRUE(history.apply(s, SetFlowVolume{"nc-xian-chengdu-goods", "core-sector", 33}));
    EXPECT_EQ(history.position(), 0u) << "a value it already has is not a step";
    EXPECT_FALSE(history.dirty());
    for (int v = 1; v <= 2; ++v)
        ASSERT_TRUE(history.apply(s, SetFlowVolume{"nc-xian-chengdu-goods", "core-sector", 33.0 + v}));
    EXPECT_TRUE(history.dirty());
    history.markSaved();
    EXPECT_FALSE(history.dirty());
    history.undo(s);
    EXPECT_TRUE(history.dirty());
    EXPECT_EQ(history.redoLabel(), "Set nc-xian-chengdu-goods (core-sector) to 35");
    history.redo(s);
    EXPECT_FALSE(history.dirty());

    // A new edit after an undo drops the redo steps, and the saved document with them.
    history.undo(s);
    ASSERT_TRUE(history.apply(s, SetCorridorActive{"core-sector", "xian-lanzhou", true}));
    EXPECT_FALSE(history.canRedo());
    EXPECT_TRUE(history.dirty());
    EXPECT_EQ(history.labels(), (std::vector<std::string>{"Set nc-xian-chengdu-goods (core-sector) to 34",
                                                          "Show xian-lanzhou in core-sector"}));

    // Only the last 3 steps are kept.
    for (int v = 1; v <= 3; ++v)
        ASSERT_TRUE(history.apply(s, SetFlowVolume{"nc-xian-chengdu-people", "core-sector", 50.0 + v}));
    EXPECT_EQ(history.labels().size(), 3u);
    while (history.canUndo())
        history.undo(s);
    EXPECT_NE(serializeScenario(s), original);
    EXPECT_TRUE(history.dirty());
    history.clear();
    EXPECT_FALSE(history.dirty());
    EXPECT_FALSE(history.canUndo());
}

TEST(Edit, SaveLoadRoundTripsExactly) {
    test::TempDir dir;
    Scenario s = defaultScenario();
    EditHistory history;
    for (const Edit& e : everyKindOfEdit())
        ASSERT_TRUE(history.apply(s, e));
    const std::string first = dir.file("edited.json");
    ASSERT_TRUE(saveScenario(first, s));
    history.markSaved();
    auto loaded = loadScenario(first);
    ASSERT_TRUE(loaded) << loaded.error().toString();
    EXPECT_EQ(serializeScenario(*loaded), serializeScenario(s));
    const std::string second = dir.file("again.json");
    ASSERT_TRUE(saveScenario(second, *loaded));
    EXPECT_EQ(*readFile(second), *readFile(first));
}

/// Sets an environment variable for the life of the object.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_)
            setenv(name_, old_->c_str(), 1);
        else
            unsetenv(name_);
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(Recovery, FailedSaveKeepsThePreviousFile) {
    test::TempDir dir;
    const std::string path = dir.file("scenario.json");
    Scenario s = defaultScenario();
    ASSERT_TRUE(saveScenario(path, s));
    const std::string previous = *readFile(path);
    EditHistory history;
    ASSERT_TRUE(history.apply(s, SetFlowVolume{"nc-xian-chengdu-goods", "core-sector", 99}));

    // A full disk part-way through the save: a file size limit makes write() fail (EFBIG), even for root.
    rlimit old{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
    auto* previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = old;
    tiny.rlim_cur = 4096;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const Status saved = saveScenario(path, s);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().file, path);
    EXPECT_EQ(*readFile(path), previous);
    EXPECT_TRUE(history.dirty()) << "nothing was saved";
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        (void)e, ++files;
    EXPECT_EQ(files, 1) << "the temporary file was removed";
}

TEST(Recovery, AutosaveIsFoundAndRestoresTheEdits) {
    test::TempDir dir;
    const ScopedEnv config("QINBA_CONFIG_DIR", dir.file("config"));
    const std::string path = dir.file("scenario.json");
    Scenario s = defaultScenario();
    ASSERT_TRUE(saveScenario(path, s));
    namespace fs = std::filesystem;
    fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(1));
    EXPECT_FALSE(findRecovery(path));

    EditHistory history;
    for (const Edit& e : everyKindOfEdit())
        ASSERT_TRUE(history.apply(s, e));
    ASSERT_TRUE(writeRecovery(path, s));
    EXPECT_EQ(recoveryPath(path).parent_path(), fs::path(dir.file("config")) / "recovery");

    // The viewer crashed; at the next start the recovery is offered, for this document only.
    const auto found = findRecovery(dir.path().string() + "/./scenario.json");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->originalPath, fs::weakly_canonical(path).string());
    EXPECT_EQ(found->savedAt.size(), 20u);
    EXPECT_FALSE(findRecovery(dir.file("other.json")));
    auto restored = loadRecovery(*found);
    ASSERT_TRUE(restored) << restored.error().toString();
    EXPECT_EQ(serializeScenario(*restored), serializeScenario(s));
    // Removing the header line gives the scenario file.
    const std::string text = *readFile(found->path);
    EXPECT_EQ(text.substr(text.find('\n') + 1), serializeScenario(s));

    // A document saved after the autosave needs no recovery; a discarded one is gone.
    fs::last_write_time(found->path, fs::file_time_type::clock::now() - std::chrono::hours(2));
    EXPECT_FALSE(findRecovery(path));
    ASSERT_TRUE(writeRecovery(path, s));
    EXPECT_TRUE(findRecovery(path));
    ASSERT_TRUE(discardRecovery(path));
    EXPECT_FALSE(fs::exists(found->path));
    EXPECT_FALSE(findRecovery(path));
    EXPECT_TRUE(discardRecovery(path)) << "none is fine";

    // A document never saved has a recovery file too.
    ASSERT_TRUE(writeRecovery("", s));
    ASSERT_TRUE(findRecovery(""));
    EXPECT_EQ(findRecovery("")->originalPath, "");
}

} // namespace
} // namespace qinba
