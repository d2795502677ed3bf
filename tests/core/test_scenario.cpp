// Scenario model, the default scenario from the strategy paper, validation with JSON paths, round trips.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/scenario.h"
#include "qinba/core/scenario_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace qinba {
namespace {

using nlohmann::json;

std::string defaultPath() {
    return (test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string();
}

const Scenario& defaultScenario() {
    static const Scenario s = [] {
        auto loaded = loadScenario(defaultPath());
        if (!loaded) ADD_FAILURE() << loaded.error().toString();
        return loaded ? *loaded : Scenario{};
    }();
    return s;
}

/// The unordered pair of place ids a corridor joins, as "a|b" with a < b.
std::string pairOf(const Scenario& s, const std::string& corridorId) {
    const Corridor* c = s.findCorridor(corridorId);
    if (!c) return "?" + corridorId;
    return std::min(c->from, c->to) + "|" + std::max(c->from, c->to);
}

std::set<std::string> stagePairs(const Scenario& s, const std::string& stageId) {
    std::set<std::string> pairs;
    const auto i = s.findStage(stageId);
    if (!i) return pairs;
    for (const std::string& c : s.stages[*i].corridors)
        pairs.insert(pairOf(s, c));
    return pairs;
}

std::string pairKey(std::string a, std::string b) {
    return std::min(a, b) + "|" + std::max(a, b);
}

/// Sum of a stage's volumes of one flow type, by corridor pair (both directions).
std::map<std::string, double> volumesByPair(const Scenario& s, const Stage& stage, FlowType type) {
    std::map<std::string, double> out;
    for (const Flow& f : s.flows)
        if (f.type == type) out[pairOf(s, f.corridor)] += s.volumeIn(f, stage);
    return out;
}

const Stage& stage(const Scenario& s, const std::string& id) {
    static const Stage none;
    const auto i = s.findStage(id);
    return i ? s.stages[*i] : none;
}

TEST(ScenarioDefault, HasThePapersPlacesAndAgglomerations) {
    const Scenario& s = defaultScenario();
    EXPECT_EQ(s.schemaVersion, kScenarioSchemaVersion);
    ASSERT_EQ(s.places.size(), 43u);
    std::set<std::string> central;
    for (const Place& p : s.places) {
        if (p.role == PlaceRole::Central) central.insert(p.id);
        EXPECT_EQ(p.rank == 1, p.role == PlaceRole::Central) << p.id;
        EXPECT_FALSE(p.nameZh.empty()) << p.id;
        EXPECT_FALSE(p.source.empty()) << p.id;
    }
    EXPECT_EQ(central,
              (std::set<std::string>{"xian", "chengdu", "chongqing", "zhengzhou", "wuhan", "lanzhou"}));
    EXPECT_EQ(s.findPlace("pingdingshan")->role, PlaceRole::CityArea);
    EXPECT_EQ(s.findPlace("zhenan")->role, PlaceRole::CountyTown);
    EXPECT_EQ(s.findPlace("guangan")->nameZh, "广安");

    // The four agglomerations hold 25 of the 26 Qinba City Area cities, each once; Lanzhou is in none.
    ASSERT_EQ(s.agglomerations.size(), 4u);
    std::multiset<std::string> members;
    for (const Agglomeration& a : s.agglomerations)
        members.insert(a.places.begin(), a.places.end());
    EXPECT_EQ(members.size(), 25u);
    EXPECT_EQ(std::set<std::string>(members.begin(), members.end()).size(), 25u);
    EXPECT_EQ(members.count("lanzhou"), 0u);
    EXPECT_EQ(members.count("tianshui"), 1u);
    for (const std::string& id : members) {
        const PlaceRole role = s.findPlace(id)->role;
        EXPECT_TRUE(role == PlaceRole::Central || role == PlaceRole::CityArea) << id;
    }
    EXPECT_TRUE(s.provenance.indicative);
    EXPECT_NE(s.provenance.description.find("Lanzhou"), std::string::npos);
    const bool citesPaper =
        std::any_of(s.provenance.sources.begin(), s.provenance.sources.end(), [](const std::string& x) {
            return x.find("10.15302/J-SSCAE-2020.01.003") != std::string::npos;
        });
    EXPECT_TRUE(citesPaper);
}

TEST(ScenarioDefault, HasThreeStorylinesOfThreeStagesInOrder) {
    const Scenario& s = defaultScenario();
    ASSERT_EQ(s.storylines.size(), 3u);
    EXPECT_EQ(s.storylines[0].id, "networked-clusters");
    EXPECT_EQ(s.storylines[1].id, "green-heart");
    EXPECT_EQ(s.storylines[2].id, "connection-2014-2019");
    ASSERT_EQ(s.stages.size(), 9u);
    for (std::size_t i = 0; i < 9; ++i) {
        const Stage& st = s.stages[i];
        EXPECT_EQ(st.storyline, s.storylines[i / 3].id) << st.id;
        EXPECT_FALSE(st.titleZh.empty() || st.captionEn.empty() || st.captionZh.empty()) << st.id;
        EXPECT_TRUE(st.camera.has_value()) << st.id;
        EXPECT_GE(st.duration, 8.0) << st.id;
        EXPECT_LE(st.duration, 12.0) << st.id;
        EXPECT_FALSE(st.corridors.empty()) << st.id;
    }
    const std::vector<int> years{2014, 2017, 2019};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(s.stages[6 + i].year, years[i]);
        EXPECT_EQ(s.stages[6 + i].volumeKey, std::to_string(years[i]));
    }
}

TEST(ScenarioDefault, EveryFlowIsIndicativeAndShownBySomeStage) {
    const Scenario& s = defaultScenario();
    ASSERT_FALSE(s.flows.empty()) << "nothing to check";
    for (const Flow& f : s.flows) {
        EXPECT_TRUE(f.indicative) << f.id;
        const bool shown = std::any_of(s.stages.begin(), s.stages.end(),
                                       [&](const Stage& st) { return s.volumeIn(f, st) > 0.0; });
        EXPECT_TRUE(shown) << f.id;
    }
}

TEST(ScenarioDefault, NetworkedClusterStagesFollowThePaper) {
    const Scenario& s = defaultScenario();
    const std::set<std::string> core{pairKey("xian", "chengdu"), pairKey("xian", "chongqing"),
                                     pairKey("chengdu", "chongqing")};
    EXPECT_EQ(stagePairs(s, "1"), core);

    // Axial sectors: the "Xi'an sector" to Lanzhou and the Zhengzhou-Wuhan sector, on top of the core.
    std::set<std::string> axial = core;
    axial.insert({pairKey("xian", "lanzhou"), pairKey("zhengzhou", "wuhan")});
    EXPECT_EQ(stagePairs(s, "2"), axial);

    // Cluster sectors keep everything and add the Zhengzhou-Xi'an axis, a core link to Lanzhou and a core
    // link to the Zhengzhou-Wuhan sector.
    const std::set<std::string> cluster = stagePairs(s, "3");
    EXPECT_TRUE(std::includes(cluster.begin(), cluster.end(), axial.begin(), axial.end()));
    EXPECT_EQ(cluster.count(pairKey("zhengzhou", "xian")), 1u);
    const auto joins = [&](const std::set<std::string>& from, const std::set<std::string>& to) {
        for (const std::string& a : from)
            for (const std::string& b : to)
                if (cluster.count(pairKey(a, b))) return true;
        return false;
    };
    EXPECT_TRUE(joins({"chengdu", "chongqing"}, {"lanzhou"}));
    EXPECT_TRUE(joins({"chengdu", "chongqing"}, {"zhengzhou", "wuhan"}));
}

TEST(ScenarioDefault, GreenHeartStagesFollowTheTransmissionMechanism) {
    const Scenario& s = defaultScenario();
    // Primary: each near-mountain city (and Pingdingshan) joins a city of one of the four agglomerations.
    std::set<std::string> members;
    for (const Agglomeration& a : s.agglomerations)
        members.insert(a.places.begin(), a.places.end());
    std::set<std::string> joined;
    for (const std::string& id : stage(s, "green-heart-primary").corridors) {
        const Corridor* c = s.findCorridor(id);
        ASSERT_TRUE(c);
        EXPECT_TRUE(members.count(c->to)) << id;
        joined.insert(c->from);
    }
    EXPECT_EQ(joined, (std::set<std::string>{"longnan", "shangluo", "pingdingshan", "shiyan", "ankang"}));

    // Secondary: the nine county towns, reached from Xi'an, Baoji or Shangluo, with flows mainly outward.
    const Stage& secondary = stage(s, "green-heart-secondary");
    std::set<std::string> towns;
    double outward = 0, inward = 0;
    for (const std::string& id : secondary.corridors) {
        const Corridor* c = s.findCorridor(id);
        if (s.findPlace(c->to)->role != PlaceRole::CountyTown) continue;
        EXPECT_TRUE(c->from == "xian" || c->from == "baoji" || c->from == "shangluo") << id;
        towns.insert(c->to);
        for (const Flow& f : s.flows)
            if (f.corridor == id) (f.reverse ? inward : outward) += s.volumeIn(f, secondary);
    }
    EXPECT_EQ(towns.size(), 9u);
    EXPECT_GT(outward, 3 * inward);

    // Tertiary: the same corridors carry flows both ways, and county towns link to each other.
    const Stage& tertiary = stage(s, "green-heart-tertiary");
    for (const std::string& id : secondary.corridors)
        EXPECT_NE(std::find(tertiary.corridors.begin(), tertiary.corridors.end(), id),
                  tertiary.corridors.end());
    for (const std::string& id : tertiary.corridors) {
        double there = 0, back = 0;
        for (const Flow& f : s.flows)
            if (f.corridor == id) (f.reverse ? back : there) += s.volumeIn(f, tertiary);
        EXPECT_GT(there, 0.0) << id;
        EXPECT_GT(back, 0.5 * there) << id;
    }
    int townLinks = 0;
    for (const std::string& id : tertiary.corridors) {
        const Corridor* c = s.findCorridor(id);
        townLinks += s.findPlace(c->from)->role == PlaceRole::CountyTown &&
                     s.findPlace(c->to)->role == PlaceRole::CountyTown;
    }
    EXPECT_GE(townLinks, 3);
}

TEST(ScenarioDefault, ConnectionsRiseChengduLeadsAndZhengzhouXianLanzhouGrowFastest) {
    const Scenario& s = defaultScenario();
    const Stage& y2014 = stage(s, "connection-2014");
    const Stage& y2017 = stage(s, "connection-2017");
    const Stage& y2019 = stage(s, "connection-2019");
    EXPECT_EQ(stagePairs(s, "connection-2019").size(), 15u);
    const std::vector<std::string> six{"xian", "chengdu", "chongqing", "zhengzhou", "wuhan", "lanzhou"};
    for (const FlowType type : {FlowType::Information, FlowType::People}) {
        SCOPED_TRACE(toString(type));
        const auto v14 = volumesByPair(s, y2014, type);
        const auto v17 = volumesByPair(s, y2017, type);
        const auto v19 = volumesByPair(s, y2019, type);
        double t14 = 0, t17 = 0, t19 = 0;
        for (const auto& [pair, v] : v19)
            t14 += v14.at(pair), t17 += v17.at(pair), t19 += v;
        EXPECT_LT(t14, t17);
        EXPECT_LT(t17, t19);
        EXPECT_GT(t19, 1.5 * t14) << "density rises fast";

        std::map<std::string, double> byCity;
        for (const auto& [pair, v] : v19) {
            byCity[pair.substr(0, pair.find('|'))] += v;
            byCity[pair.substr(pair.find('|') + 1)] += v;
        }
        for (const std::string& city : six)
            if (city != "chengdu") EXPECT_GT(byCity["chengdu"], byCity[city]) << city;

        // The three Zhengzhou-Xi'an-Lanzhou pairs have the three highest 2019/2014 ratios.
        std::vector<std::pair<double, std::string>> growth;
        for (const auto& [pair, v] : v19)
            if (v14.at(pair) > 0) growth.emplace_back(v / v14.at(pair), pair);
        ASSERT_EQ(growth.size(), 15u);
        std::sort(growth.rbegin(), growth.rend());
        const std::set<std::string> top{growth[0].second, growth[1].second, growth[2].second};
        EXPECT_EQ(top, (std::set<std::string>{pairKey("zhengzhou", "xian"), pairKey("xian", "lanzhou"),
                                              pairKey("zhengzhou", "lanzhou")}));
    }
}

TEST(ScenarioDefault, FileIsInCanonicalForm) {
    // Saving the default scenario unchanged must not change the file.
    EXPECT_EQ(serializeScenario(defaultScenario()), *readFile(defaultPath()));
}

TEST(ScenarioDefault, SchemaExampleIsValidAndCanonical) {
    const std::string schema = *readFile((test::sourceDir() / "assets" / "scenarios" / "SCHEMA.md").string());
    const auto start = schema.find("```json\n");
    ASSERT_NE(start, std::string::npos);
    const auto end = schema.find("```", start + 8);
    const std::string example = schema.substr(start + 8, end - start - 8);
    const auto s = parseScenario(example, "SCHEMA.md");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(serializeScenario(*s), example);
}

TEST(ScenarioModel, FindsStagesByIdOrNumberAndReadsVolumes) {
    const Scenario& s = defaultScenario();
    EXPECT_EQ(s.findStage("core-sector"), 0u);
    EXPECT_EQ(s.findStage("1"), 0u);
    EXPECT_EQ(s.findStage("9"), 8u);
    EXPECT_FALSE(s.findStage("0"));
    EXPECT_FALSE(s.findStage("10"));
    EXPECT_FALSE(s.findStage("2x"));
    EXPECT_FALSE(s.findStage(""));
    EXPECT_FALSE(s.findStage("no-such-stage"));
    EXPECT_EQ(s.findPlace("xian")->nameZh, "西安");
    EXPECT_EQ(s.findPlace("nowhere"), nullptr);
    EXPECT_EQ(s.findCorridor("nowhere"), nullptr);

    Flow f;
    f.corridor = "xian-lanzhou";
    f.volumes = {{"axial-sectors", 14.0}, {"core-sector", 5.0}};
    EXPECT_EQ(s.volumeIn(f, stage(s, "axial-sectors")), 14.0);
    EXPECT_EQ(s.volumeIn(f, stage(s, "core-sector")), 0.0) << "corridor not active in the core sector";
    EXPECT_EQ(s.volumeIn(f, stage(s, "cluster-sectors")), 0.0) << "no volume under that key";
    EXPECT_STREQ(toString(PlaceRole::NearMountain), "near_mountain");
    EXPECT_STREQ(toString(CorridorMode::AirData), "air_data");
    EXPECT_STREQ(toString(FlowType::Information), "information");
    EXPECT_EQ(placeRoleFromString("county_town"), PlaceRole::CountyTown);
    EXPECT_FALSE(corridorModeFromString("Rail"));
}

/// A small valid scenario: three places, two corridors, one flow, one storyline with one stage.
json minimal() {
    return json::parse(R"({
      "schemaVersion": 1, "id": "mini", "titleEn": "Mini",
      "provenance": {"description": "test", "indicative": true},
      "places": [
        {"id": "a", "nameEn": "A", "nameZh": "甲", "location": {"lon": 108, "lat": 34}, "role": "central"},
        {"id": "b", "nameEn": "B", "nameZh": "乙", "location": {"lon": 109, "lat": 33}, "role": "county_town"},
        {"id": "c", "nameEn": "C", "nameZh": "丙", "location": {"lon": 107, "lat": 33}, "role": "city_area"}
      ],
      "corridors": [
        {"id": "ab", "from": "a", "to": "b", "mode": "road"},
        {"id": "ac", "from": "a", "to": "c", "mode": "rail", "capacity": 50, "capacityUnit": "trains/day"}
      ],
      "flows": [
        {"id": "f1", "corridor": "ab", "type": "goods", "unit": "t/day", "volumes": {"s1": 3.5}}
      ],
      "storylines": [{"id": "story", "titleEn": "Story", "titleZh": "故事"}],
      "stages": [
        {"id": "s1", "storyline": "story", "titleEn": "One", "titleZh": "一", "captionEn": "First.",
         "captionZh": "第一。", "corridors": ["ab", "ac"], "places": ["a"],
         "camera": {"lon": 108, "lat": 33.5, "distanceKm": 300, "heading": 0, "pitch": 45}}
      ]
    })");
}

std::vector<Error> problems(const json& doc) {
    return checkScenarioText(doc.dump(2), "mini.json");
}

/// The single problem of `doc`, or a failure listing them.
Error onlyProblem(const json& doc) {
    const std::vector<Error> errors = problems(doc);
    std::string all;
    for (const Error& e : errors)
        all += "\n  " + e.toString();
    EXPECT_EQ(errors.size(), 1u) << all;
    return errors.empty() ? Error{} : errors.front();
}

TEST(ScenarioValidation, AcceptsTheMinimalScenario) {
    const std::vector<Error> errors = problems(minimal());
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().toString());
    const auto s = parseScenario(minimal().dump(), "mini.json");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->corridors[0].capacity, 1.0) << "default capacity";
    EXPECT_EQ(s->places[0].rank, 3) << "default rank";
    EXPECT_TRUE(s->flows[0].indicative) << "flows are indicative unless they say otherwise";
}

TEST(ScenarioValidation, UnknownPlaceInACorridorNamesItsPath) {
    json doc = minimal();
    doc["corridors"][1]["from"] = "aa";
    const Error e = onlyProblem(doc);
    EXPECT_EQ(e.file, "mini.json");
    EXPECT_EQ(e.field, "/corridors/1/from");
    EXPECT_NE(e.message.find("unknown place 'aa'"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("did you mean 'a'"), std::string::npos) << e.message;
}

TEST(ScenarioValidation, DuplicateIdNamesTheSecondOne) {
    json doc = minimal();
    doc["places"][2]["id"] = "a";
    doc["corridors"][1]["to"] = "b";
    const Error e = onlyProblem(doc);
    EXPECT_EQ(e.file, "mini.json");
    EXPECT_EQ(e.field, "/places/2/id");
    EXPECT_NE(e.message.find("duplicate place id 'a' (first used at /places/0)"), std::string::npos)
        << e.message;
}

TEST(ScenarioValidation, NegativeVolumeNamesTheKey) {
    json doc = minimal();
    doc["flows"][0]["volumes"]["s1"] = -2;
    const Error e = onlyProblem(doc);
    EXPECT_EQ(e.file, "mini.json");
    EXPECT_EQ(e.field, "/flows/0/volumes/s1");
    EXPECT_NE(e.message.find("-2"), std::string::npos) << e.message;
}

TEST(ScenarioValidation, MissingStageFieldNamesTheField) {
    json doc = minimal();
    doc["stages"][0].erase("captionEn");
    const Error e = onlyProblem(doc);
    EXPECT_EQ(e.file, "mini.json");
    EXPECT_EQ(e.field, "/stages/0/captionEn");
    EXPECT_NE(e.message.find("missing required field"), std::string::npos) << e.message;
}

TEST(ScenarioValidation, WrongOrMissingSchemaVersion) {
    json doc = minimal();
    doc["schemaVersion"] = 2;
    Error e = onlyProblem(doc);
    EXPECT_EQ(e.file, "mini.json");
    EXPECT_EQ(e.field, "/schemaVersion");
    EXPECT_NE(e.message.find("newer"), std::string::npos) << e.message;
    doc["schemaVersion"] = "1";
    EXPECT_EQ(onlyProblem(doc).field, "/schemaVersion");
    doc.erase("schemaVersion");
    e = onlyProblem(doc);
    EXPECT_EQ(e.field, "/schemaVersion");
    EXPECT_NE(e.message.find("missing"), std::string::npos) << e.message;
}

TEST(ScenarioValidation, MalformedJsonGivesLineAndColumn) {
    const std::vector<Error> errors =
        checkScenarioText("{\n  \"schemaVersion\": 1,\n  \"id\" \"x\"\n}\n", "bad.json");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].file, "bad.json");
    EXPECT_EQ(errors[0].field, "line 3, column 10") << "the end of the unexpected \"x\"";
    EXPECT_NE(errors[0].message.find("not valid JSON"), std::string::npos) << errors[0].message;
    EXPECT_EQ(checkScenarioText("", "empty.json").at(0).field, "line 1, column 1");
    EXPECT_EQ(checkScenarioText("{\"a\": 1e999}", "big.json").at(0).field, "line 1, column 7");
    EXPECT_EQ(checkScenarioText("[]", "array.json").at(0).field, "");
}

TEST(ScenarioValidation, EachRuleNamesItsPath) {
    const auto fieldAfter = [](const std::function<void(json&)>& change) {
        json doc = minimal();
        change(doc);
        return onlyProblem(doc).field;
    };
    EXPECT_EQ(fieldAfter([](json& d) { d["places"][1]["role"] = "capital"; }), "/places/1/role");
    EXPECT_EQ(fieldAfter([](json& d) { d["corridors"][0]["mode"] = "ship"; }), "/corridors/0/mode");
    EXPECT_EQ(fieldAfter([](json& d) { d["flows"][0]["type"] = "money"; }), "/flows/0/type");
    EXPECT_EQ(fieldAfter([](json& d) { d["places"][0]["nameEn"] = 5; }), "/places/0/nameEn");
    EXPECT_EQ(fieldAfter([](json& d) { d["places"][0]["location"]["lat"] = 95; }), "/places/0/location/lat");
    EXPECT_EQ(fieldAfter([](json& d) { d["places"][0]["rank"] = 6; }), "/places/0/rank");
    EXPECT_EQ(fieldAfter([](json& d) { d["places"][0]["rank"] = 1.5; }), "/places/0/rank");
    EXPECT_EQ(fieldAfter([](json& d) { d["places"][0]["nmeZh"] = "x"; }), "/places/0/nmeZh");
    EXPECT_EQ(fieldAfter([](json& d) { d["corridors"][0]["to"] = "a"; }), "/corridors/0/to");
    EXPECT_EQ(fieldAfter([](json& d) { d["corridors"][1]["capacity"] = -1; }), "/corridors/1/capacity");
    EXPECT_EQ(fieldAfter([](json& d) {
                  d["corridors"][1]["id"] = "ab";
                  d["stages"][0]["corridors"] = {"ab"};
              }),
              "/corridors/1/id");
    EXPECT_EQ(fieldAfter([](json& d) { d["flows"][0]["corridor"] = "zz"; }), "/flows/0/corridor");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["corridors"][1] = "ad"; }), "/stages/0/corridors/1");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["places"][0] = "d"; }), "/stages/0/places/0");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["storyline"] = "other"; }), "/stages/0/storyline");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["id"] = "2"; }), "/stages/0/id");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["camera"]["pitch"] = 120; }), "/stages/0/camera/pitch");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["camera"]["distanceKm"] = 0; }),
              "/stages/0/camera/distanceKm");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["camera"].erase("lat"); }), "/stages/0/camera/lat");
    EXPECT_EQ(fieldAfter([](json& d) { d["stages"][0]["volumeKey"] = "2015"; }), "/stages/0/volumeKey");
    EXPECT_EQ(fieldAfter([](json& d) { d["storylines"].push_back(d["storylines"][0]); }), "/storylines/1/id");
    EXPECT_EQ(fieldAfter([](json& d) {
                  d["flows"].push_back(d["flows"][0]);
                  d["flows"][1]["corridor"] = "ac";
              }),
              "/flows/1/id");
    EXPECT_EQ(fieldAfter([](json& d) {
                  d["agglomerations"] = json::parse(R"([{"id": "g", "nameEn": "G",
                 "nameZh": "群", "places": ["a", "x"]}])");
              }),
              "/agglomerations/0/places/1");
    EXPECT_EQ(fieldAfter([](json& d) {
                  d["places"][0]["id"] = "A";
                  d["corridors"][1]["from"] = "b";
                  d["corridors"][0]["from"] = "c";
                  d["stages"][0]["places"] = json::array();
              }),
              "/places/0/id");
}

TEST(ScenarioValidation, ReportsKeysThatAppearTwice) {
    const std::string text = minimal().dump(2);
    std::string twice = text;
    twice.insert(twice.find("\"titleEn\": \"One\""), "\"titleEn\": \"Uno\",\n");
    const std::vector<Error> errors = checkScenarioText(twice, "twice.json");
    ASSERT_EQ(errors.size(), 1u) << errors[0].toString();
    EXPECT_EQ(errors[0].field, "/stages/0/titleEn");
}

TEST(ScenarioValidation, CheckFileReportsEveryProblem) {
    test::TempDir dir;
    json doc = minimal();
    doc["corridors"][0]["to"] = "bb";            // unknown place
    doc["places"][2]["id"] = "b";                // duplicate id
    doc["flows"][0]["volumes"]["s1"] = -1;       // negative volume
    doc["stages"][0].erase("titleZh");           // missing stage field
    doc["stages"][0]["camera"]["heading"] = "n"; // wrong type
    doc["places"][1]["role"] = "village";        // unknown role
    const std::string path = dir.file("several.json");
    ASSERT_TRUE(writeFileAtomically(path, doc.dump(2)));
    const std::vector<Error> errors = checkScenarioFile(path);
    std::set<std::string> fields;
    for (const Error& e : errors) {
        EXPECT_EQ(e.file, path);
        fields.insert(e.field);
    }
    EXPECT_EQ(fields, (std::set<std::string>{"/corridors/0/to", "/places/2/id", "/flows/0/volumes/s1",
                                             "/stages/0/titleZh", "/stages/0/camera/heading",
                                             "/places/1/role", "/corridors/1/to"}));
    EXPECT_EQ(errors.size(), fields.size());
    const auto loaded = loadScenario(path);
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().field, errors.front().field) << "loading stops at the first problem";

    const std::vector<Error> missing = checkScenarioFile(dir.file("absent.json"));
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0].file, dir.file("absent.json"));
}

TEST(ScenarioRoundTrip, SerializeParseSerializeIsByteIdentical) {
    const std::string first = serializeScenario(defaultScenario());
    const auto again = parseScenario(first, "memory");
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_EQ(serializeScenario(*again), first);

    const auto mini = parseScenario(minimal().dump(), "mini.json");
    ASSERT_TRUE(mini);
    const std::string text = serializeScenario(*mini);
    EXPECT_EQ(serializeScenario(*parseScenario(text, "mini.json")), text);
    EXPECT_NE(text.find("\"location\": {\"lon\": 108, \"lat\": 34}"), std::string::npos) << text;
}

TEST(ScenarioRoundTrip, SaveIsAtomicAndLoadsBackEqual) {
    test::TempDir dir;
    const std::string path = dir.file("saved.json");
    ASSERT_TRUE(writeFileAtomically(path, "previous contents"));
    ASSERT_TRUE(saveScenario(path, defaultScenario()));
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        names.push_back(e.path().filename());
    EXPECT_EQ(names, std::vector<std::string>{"saved.json"}) << "no temporary files left";
    const auto loaded = loadScenario(path);
    ASSERT_TRUE(loaded) << loaded.error().toString();
    EXPECT_EQ(serializeScenario(*loaded), serializeScenario(defaultScenario()));

    // An invalid scenario is refused and the file on disk stays as it was.
    Scenario broken = *loaded;
    broken.corridors[0].from = "atlantis";
    const Status refused = saveScenario(path, broken);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().file, path);
    EXPECT_EQ(refused.error().field, "/corridors/0/from");
    EXPECT_EQ(*readFile(path), serializeScenario(defaultScenario()));

    const Status noFolder = saveScenario(dir.file("missing/x.json"), defaultScenario());
    ASSERT_FALSE(noFolder);
    EXPECT_EQ(noFolder.error().file, dir.file("missing/x.json"));
}

} // namespace
} // namespace qinba
