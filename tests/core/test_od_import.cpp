// OD matrix import: the CSV reader, every kind of bad row named by line and column, and an import that
// changes exactly the flows it covers.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/od_import.h"
#include "qinba/core/scenario_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace qinba {
namespace {

const Scenario& defaultScenario() {
    static const Scenario s = [] {
        auto loaded =
            loadScenario((test::sourceDir() / "assets" / "scenarios" / "qinba_default.json").string());
        if (!loaded) ADD_FAILURE() << loaded.error().toString();
        return loaded ? *loaded : Scenario{};
    }();
    return s;
}

std::string writeText(const test::TempDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// Each flow's canonical JSON by id, from the saved text.
std::map<std::string, std::string> flowsById(const Scenario& s) {
    std::map<std::string, std::string> out;
    const auto doc = nlohmann::json::parse(serializeScenario(s));
    for (const auto& f : doc["flows"])
        out[f["id"].get<std::string>()] = f.dump();
    return out;
}

/// The saved text without the parts an import may change (flows, provenance).
std::string withoutFlows(const Scenario& s) {
    auto doc = nlohmann::json::parse(serializeScenario(s));
    doc.erase("flows");
    doc.erase("provenance");
    return doc.dump();
}

const Flow* flow(const Scenario& s, const std::string& id) {
    for (const Flow& f : s.flows)
        if (f.id == id) return &f;
    return nullptr;
}

constexpr const char* kMeasured = "from,to,type,year,volume,unit,note\n"
                                  "xian,chengdu,people,2014,9.1,thousand trips/day,measured\n"
                                  "Xi'an,Chengdu,people,2017,12,thousand trips/day,\n"
                                  "西安,成都,people,2019,16.5,thousand trips/day,\"rail, 2019 yearbook\"\n"
                                  "chengdu,XIAN,people,2019,15.2,thousand trips/day,\n"
                                  "xian,zhouzhi,goods,2019,3,thousand t/day,\n";

TEST(OdImport, ChangesExactlyTheCoveredFlows) {
    test::TempDir dir;
    const std::string csv = writeText(dir, "od.csv", kMeasured);
    ASSERT_TRUE(checkOdFiles({csv}, defaultScenario()).empty());
    auto matrix = readOdFile(csv);
    ASSERT_TRUE(matrix) << matrix.error().toString();
    ASSERT_EQ(matrix->rows.size(), 5u);
    EXPECT_EQ(matrix->rows[2].from, "西安");
    EXPECT_EQ(matrix->rows[2].line, 4u);

    Scenario s = defaultScenario();
    ASSERT_TRUE(std::all_of(s.flows.begin(), s.flows.end(), [](const Flow& f) { return f.indicative; }));
    auto report = applyOd(s, *matrix, csv, "2025-03-02T10:15:00Z");
    ASSERT_TRUE(report) << report.error().toString();

    // All three years given: measured in place. Only 2019 of the reverse flow: it moves to a new measured
    // flow and the indicative flow keeps 2014 and 2017. No goods flow with 2019 on xian-zhouzhi: created.
    const std::vector<std::string> covered = {"cx-xian-chengdu-people", "od-xian-chengdu-people-rev",
                                              "od-xian-zhouzhi-goods"};
    EXPECT_EQ(report->covered, covered);
    EXPECT_EQ(report->created,
              (std::vector<std::string>{"od-xian-chengdu-people-rev", "od-xian-zhouzhi-goods"}));
    EXPECT_EQ(report->reduced, std::vector<std::string>{"cx-xian-chengdu-people-rev"});
    ASSERT_EQ(report->warnings.size(), 1u) << "no stage reading 2019 shows xian-zhouzhi";
    EXPECT_EQ(report->warnings[0].field, "line 6, column 4 (year)");

    const Flow* people = flow(s, "cx-xian-chengdu-people");
    ASSERT_TRUE(people);
    EXPECT_EQ(people->volumes, (std::map<std::string, double>{{"2014", 9.1}, {"2017", 12}, {"2019", 16.5}}));
    EXPECT_EQ(flow(s, "cx-xian-chengdu-people-rev")->volumes,
              (std::map<std::string, double>{{"2014", 8.8}, {"2017", 11.5}}));
    const Flow* rev = flow(s, "od-xian-chengdu-people-rev");
    ASSERT_TRUE(rev);
    EXPECT_TRUE(rev->reverse);
    EXPECT_EQ(rev->corridor, "xian-chengdu");
    EXPECT_EQ(rev->volumes, (std::map<std::string, double>{{"2019", 15.2}}));
    const Flow* goods = flow(s, "od-xian-zhouzhi-goods");
    ASSERT_TRUE(goods);
    EXPECT_EQ(goods->type, FlowType::Goods);
    EXPECT_EQ(goods->unit, "thousand t/day");

    // indicative is false exactly for the covered flows; every other flow is byte for byte as before.
    for (const Flow& f : s.flows)
        EXPECT_EQ(f.indicative, std::count(covered.begin(), covered.end(), f.id) == 0) << f.id;
    const auto before = flowsById(defaultScenario()), after = flowsById(s);
    std::set<std::string> changed(report->changed.begin(), report->changed.end());
    EXPECT_EQ(changed.size(), 4u);
    for (const auto& [id, text] : before)
        if (!changed.count(id)) EXPECT_EQ(after.at(id), text) << id;
    ASSERT_EQ(before.size(), defaultScenario().flows.size());
    EXPECT_EQ(after.size(), before.size() + 2);
    EXPECT_EQ(withoutFlows(s), withoutFlows(defaultScenario()));

    // Provenance: the file name and time; the scenario as a whole still holds indicative values.
    ASSERT_EQ(s.provenance.imports.size(), 1u);
    const DataImport& d = s.provenance.imports[0];
    EXPECT_EQ(d.file, "od.csv");
    EXPECT_EQ(d.importedAt, "2025-03-02T10:15:00Z");
    EXPECT_EQ(d.rows, 5);
    EXPECT_EQ(d.flows, covered);
    EXPECT_TRUE(s.provenance.indicative);

    // The import survives saving: load → save is byte-identical, and a second import of the same file
    // changes no volume.
    const std::string saved = dir.file("scenario.json");
    ASSERT_TRUE(saveScenario(saved, s));
    auto back = loadScenario(saved);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(serializeScenario(*back), *readFile(saved));
    ASSERT_TRUE(applyOd(*back, *matrix, csv, "2025-03-03T08:00:00Z"));
    EXPECT_EQ(flowsById(*back), after);
    EXPECT_EQ(back->provenance.imports.size(), 2u);
}

TEST(OdImport, StageColumnBomCrlfAndQuotedLineBreaks) {
    // A spreadsheet export: byte order mark, CRLF, a quoted note over two lines, names in any case.
    const std::string text =
        "\xEF\xBB\xBF Stage ,From,To,Type,Volume,Unit,Note\r\n"
        "green-heart-primary,Shangluo,xian,PEOPLE,10.5,thousand trips/day,\"first\r\nsecond\"\r\n"
        "green-heart-primary,商洛,xian,goods,+7,thousand t/day,\r\n";
    auto m = parseOdCsv(text, "spreadsheet.csv");
    ASSERT_TRUE(m) << m.error().toString();
    ASSERT_EQ(m->tables.size(), 1u);
    EXPECT_EQ(m->tables[0].keyColumn, OdKeyColumn::Stage);
    EXPECT_EQ(m->tables[0].encoding, "UTF-8");
    EXPECT_EQ(m->tables[0].layout, OdLayout::Long);
    ASSERT_EQ(m->rows.size(), 2u);
    EXPECT_EQ(m->rows[0].line, 2u);
    EXPECT_EQ(m->rows[1].line, 4u) << "lines count the line break inside the quoted note";
    EXPECT_EQ(m->rows[0].unit, "thousand trips/day");
    EXPECT_DOUBLE_EQ(m->rows[1].volume, 7.0);

    Scenario s = defaultScenario();
    auto report = applyOd(s, *m, "/somewhere/spreadsheet.csv", "2025-03-02T10:15:00Z");
    ASSERT_TRUE(report) << report.error().toString();
    // gh-shangluo-xian-people also has the secondary and tertiary stages: the primary value moves out.
    EXPECT_EQ(report->reduced,
              (std::vector<std::string>{"gh-shangluo-xian-people", "gh-shangluo-xian-goods"}));
    EXPECT_EQ(flow(s, "od-shangluo-xian-people")->volumes.at("green-heart-primary"), 10.5);
    EXPECT_EQ(flow(s, "gh-shangluo-xian-people")->volumes.count("green-heart-primary"), 0u);
    EXPECT_TRUE(report->warnings.empty());
    EXPECT_EQ(s.provenance.imports.at(0).file, "spreadsheet.csv");
    EXPECT_TRUE(validateScenario(s, "").empty());
}

TEST(OdImport, BadRowsNameLineAndColumn) {
    test::TempDir dir;
    const std::string csv = writeText(dir, "bad.csv",
                                      "from,to,type,year,volume,unit\n"                              // 1
                                      "xian,chengdu,people,2019,10,thousand trips/day\n"             // 2 fine
                                      "atlantis,chengdu,people,2019,10,thousand trips/day\n"         // 3
                                      "xian,chengdu,goods,2019,-4,thousand t/day\n"                  // 4
                                      "xian,chengdu,goods,2017,many,thousand t/day\n"                // 5
                                      "xian,chengdu,peeple,2019,3,thousand trips/day\n"              // 6
                                      "Xi'an,Chengdu,people,2019,11,thousand trips/day\n"            // 7
                                      "xian,ankang,people,2019,1,thousand trips/day\n"               // 8
                                      "xian,chengdu,information,2031,1,TB/day\n"                     // 9
                                      "xian,\"chengdu, sichuan\",people,2014,1,thousand trips/day\n" // 10
                                      "xian,chongqing,people,19,1,thousand trips/day\n");            // 11
    const std::vector<Error> errors = checkOdFiles({csv}, defaultScenario());
    std::map<std::string, std::string> byField;
    for (const Error& e : errors) {
        EXPECT_EQ(e.file, csv);
        byField[e.field] += e.message;
    }
    const std::map<std::string, std::string> expected = {
        {"line 3, column 1 (from)", "unknown place 'atlantis'"},
        {"line 4, column 5 (volume)", "negative volume '-4'"},
        {"line 5, column 5 (volume)", "not a number: 'many'"},
        {"line 6, column 3 (type)", "unknown flow type 'peeple'"},
        {"line 7, column 4 (year)", "duplicate row: line 2"},
        {"line 8, column 2 (to)", "no corridor joins Xi'an (xian) and Ankang (ankang)"},
        {"line 9, column 4 (year)", "no stage reads year 2031"},
        {"line 10, column 2 (to)", "unknown place 'chengdu, sichuan'"},
        {"line 11, column 4 (year)", "expected a four-digit year, got '19'"},
    };
    EXPECT_EQ(errors.size(), expected.size());
    for (const auto& [field, message] : expected)
        EXPECT_NE(byField[field].find(message), std::string::npos) << field << ": " << byField[field];

    // Reading alone stops at the first problem of the file's own form; applying refuses and changes nothing.
    auto m = readOdFile(csv);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().field, "line 4, column 5 (volume)");
    const std::string good = writeText(dir, "good.csv",
                                       "from,to,type,year,volume,unit\n"
                                       "xian,chengdu,people,2019,10,thousand trips/day\n"
                                       "atlantis,chengdu,people,2019,10,thousand trips/day\n");
    auto parsed = readOdFile(good);
    ASSERT_TRUE(parsed);
    Scenario s = defaultScenario();
    auto report = applyOd(s, *parsed, good, "2025-03-02T10:15:00Z");
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().field, "line 3, column 1 (from)");
    EXPECT_EQ(serializeScenario(s), serializeScenario(defaultScenario()));
}

TEST(OdImport, HeaderAndFileProblems) {
    const auto first = [](const std::string& text) {
        auto m = parseOdCsv(text, "od.csv");
        return m ? Error{} : m.error();
    };
    Error e = first("from,to,type,year,unit\nxian,chengdu,people,2019,thousand trips/day\n");
    EXPECT_EQ(e.field, "line 1");
    EXPECT_NE(e.message.find("missing column 'volume'"), std::string::npos) << e.message;
    e = first("from;to;type;year;volume;unit\n");
    EXPECT_NE(e.message.find("separated by commas"), std::string::npos) << e.message;
    e = first("from,to,type,year,stage,volume,unit\nxian,chengdu,people,2019,x,1,u\n");
    EXPECT_EQ(e.field, "line 1, column 5 (stage)");
    e = first("");
    EXPECT_EQ(e.field, "");
    EXPECT_NE(e.message.find("empty file"), std::string::npos);
    EXPECT_NE(first("\xEF\xBB\xBF\r\n\r\n").message.find("empty file"), std::string::npos);
    e = first("from,to,type,year,volume,unit\n");
    EXPECT_EQ(e.field, "line 2");
    e = first("from,to,type,year,volume,unit\nxian,\"chengdu,people,2019,1,u\n");
    EXPECT_EQ(e.field, "line 2, column 2");
    EXPECT_NE(e.message.find("not closed"), std::string::npos);
    e = first("from,to,type,year,volume,unit\nxian,chengdu,people,2019,1,thousand trips/day,extra\n");
    EXPECT_EQ(e.field, "line 2, column 7");
    // Bytes that are neither UTF-8 nor GB18030 (0xFF never starts a GB18030 character); UTF-8 text after a
    // byte order mark must be UTF-8 throughout; Excel's "Unicode text" is UTF-16.
    e = first("from,to,type,year,volume,unit\nxi\xFFn,chengdu,people,2019,1,u\n");
    EXPECT_EQ(e.field, "line 2");
    EXPECT_NE(e.message.find("neither UTF-8 nor GBK/GB18030"), std::string::npos) << e.message;
    e = first("\xEF\xBB\xBF"
              "from,to,type,year,volume,unit\nxi\xE4n,chengdu,people,2019,1,u\n");
    EXPECT_EQ(e.field, "line 2");
    EXPECT_NE(e.message.find("byte order mark"), std::string::npos) << e.message;
    EXPECT_NE(first("\xFF\xFE"
                    "f\0r\0")
                  .message.find("UTF-16"),
              std::string::npos);

    test::TempDir dir;
    const std::string stages = writeText(dir, "stages.csv",
                                         "from,to,type,stage,volume,unit\n"
                                         "xian,chengdu,people,no-such-stage,1,thousand trips/day\n");
    const std::vector<Error> errors = checkOdFiles({stages}, defaultScenario());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "line 2, column 4 (stage)");
    EXPECT_FALSE(checkOdFiles({dir.file("missing.csv")}, defaultScenario()).empty());
}

TEST(OdImport, RecordedImportsAreValidated) {
    Scenario s = defaultScenario();
    auto m = parseOdCsv(kMeasured, "od.csv");
    ASSERT_TRUE(m);
    ASSERT_TRUE(applyOd(s, *m, "od.csv", "2025-03-02T10:15:00Z"));
    auto doc = nlohmann::json::parse(serializeScenario(s));
    doc["provenance"]["imports"][0]["importedAt"] = "2025-13-02 10:15";
    doc["provenance"]["imports"][0]["flows"][1] = "no-such-flow";
    doc["provenance"]["imports"][0]["extra"] = true;
    std::map<std::string, std::string> byField;
    for (const Error& e : checkScenarioText(doc.dump(), "edited.json"))
        byField[e.field] = e.message;
    EXPECT_EQ(byField.size(), 3u);
    EXPECT_TRUE(byField.count("/provenance/imports/0/extra"));
    EXPECT_NE(byField["/provenance/imports/0/importedAt"].find("UTC time"), std::string::npos);
    EXPECT_NE(byField["/provenance/imports/0/flows/1"].find("unknown flow 'no-such-flow'"),
              std::string::npos);
}

TEST(OdImport, UtcTimestamp) {
    EXPECT_EQ(utcTimestamp(std::chrono::system_clock::from_time_t(1740910500)), "2025-03-02T10:15:00Z");
}

} // namespace
} // namespace qinba
