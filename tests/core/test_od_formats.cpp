// OD tables in the forms planners keep them (tests/data/od, written by make_od_tables.sh): UTF-8 with a byte
// order mark, GBK and GB18030 CSV, an .xlsx workbook, wide matrices in a workbook or in a folder of CSV files
// all import to the same flows as the UTF-8 long CSV; problems in a workbook name sheet, row and column; the
// corner-cell convention of the wide layout.

#include "test_support.h"

#include "qinba/core/od_import.h"
#include "qinba/core/scenario_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

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

std::string data(const std::string& name) {
    return (test::sourceDir() / "tests" / "data" / "od" / name).string();
}

/// What importing a matrix did: the report's lists (sorted: tables may come in another order) and every
/// flow's saved JSON by id.
struct Imported {
    OdImportReport report;
    std::map<std::string, std::string> flows;
    int rows = 0;
};

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

Imported import(const OdMatrix& m) {
    Scenario s = defaultScenario();
    auto report = applyOd(s, m, m.file, "2025-03-02T10:15:00Z");
    if (!report) {
        ADD_FAILURE() << report.error().toString();
        return {};
    }
    std::map<std::string, std::string> flows;
    // Bound to a name: a range-for over a member of a temporary would read freed memory (before C++23).
    const nlohmann::json saved = nlohmann::json::parse(serializeScenario(s));
    for (const auto& f : saved.at("flows"))
        flows[f["id"].get<std::string>()] = f.dump();
    for (auto* list : {&report->covered, &report->created, &report->reduced, &report->changed})
        *list = sorted(*list);
    return {*report, flows, s.provenance.imports.at(0).rows};
}

std::string firstProblem(const std::vector<Error>& errors) {
    return errors.empty() ? std::string() : errors.front().toString();
}

TEST(OdFormats, EveryFormImportsToTheSameFlowsAsTheUtf8LongCsv) {
    auto reference = readOdFile(data("od_long_utf8.csv"));
    ASSERT_TRUE(reference) << reference.error().toString();
    const Imported expected = import(*reference);
    // The reference itself is the import OdImport.ChangesExactlyTheCoveredFlows checks in detail.
    ASSERT_EQ(expected.report.covered,
              (std::vector<std::string>{"cx-xian-chengdu-people", "od-xian-chengdu-people-rev",
                                        "od-xian-zhouzhi-goods"}));
    ASSERT_EQ(expected.rows, 5);
    EXPECT_TRUE(odReadingNotes(*reference).empty());

    struct Case {
        std::string path;
        OdLayout layout;
        std::vector<std::string> encodings; ///< per table
        std::vector<std::string> sheets;    ///< per table
    };
    const std::vector<Case> cases = {
        {data("od_long_bom.csv"), OdLayout::Long, {"UTF-8"}, {""}},
        {data("od_long_gbk.csv"), OdLayout::Long, {"GBK/GB18030"}, {""}},
        {data("od_long_gb18030.csv"), OdLayout::Long, {"GB18030"}, {""}},
        {data("od_long.xlsx"), OdLayout::Long, {""}, {"long"}},
        {data("od_long.ods"), OdLayout::Long, {""}, {"long"}},
        {data("od_wide.xlsx"),
         OdLayout::Wide,
         {"", "", "", ""},
         {"people_2014", "people 2017", "人流_2019", "goods 2019"}},
        // Name order: goods_2019, people_2014, people_2017, 人流_2019 (GBK).
        {data("wide_csv"), OdLayout::Wide, {"UTF-8", "UTF-8", "UTF-8", "GBK/GB18030"}, {"", "", "", ""}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.path);
        EXPECT_EQ(firstProblem(checkOdFiles({c.path}, defaultScenario())), "");
        auto m = readOdFile(c.path);
        ASSERT_TRUE(m) << m.error().toString();
        ASSERT_EQ(m->tables.size(), c.encodings.size());
        std::size_t converted = 0;
        for (std::size_t i = 0; i < m->tables.size(); ++i) {
            EXPECT_EQ(m->tables[i].layout, c.layout) << i;
            EXPECT_EQ(m->tables[i].encoding, c.encodings[i]) << i;
            EXPECT_EQ(m->tables[i].sheet, c.sheets[i]) << i;
            converted += m->tables[i].converted();
        }
        // The viewer tells the person which files were converted.
        const std::vector<std::string> notes = odReadingNotes(*m);
        ASSERT_EQ(notes.size(), converted);
        for (const std::string& note : notes)
            EXPECT_NE(note.find("converted from GB"), std::string::npos) << note;

        const Imported got = import(*m);
        EXPECT_EQ(got.report.covered, expected.report.covered);
        EXPECT_EQ(got.report.created, expected.report.created);
        EXPECT_EQ(got.report.reduced, expected.report.reduced);
        EXPECT_EQ(got.report.changed, expected.report.changed);
        EXPECT_EQ(got.report.warnings.size(), expected.report.warnings.size());
        EXPECT_EQ(got.flows.size(), expected.flows.size());
        for (const auto& [id, json] : expected.flows)
            EXPECT_EQ(got.flows.count(id) ? got.flows.at(id) : "", json) << id;
        EXPECT_EQ(got.rows, expected.rows) << "ignored cells (diagonal, totals, zero without corridor) count";
    }

    // Several files read together are one matrix: the long rows of 2014 and 2017 and the wide tables of 2019.
    auto split = readOd({data("wide_csv/people_2014.csv"), data("wide_csv/people_2017.csv"),
                         data("wide_csv/人流_2019.csv"), data("wide_csv/goods_2019.csv")});
    ASSERT_TRUE(split) << split.error().toString();
    EXPECT_TRUE(import(*split).flows == expected.flows);
}

TEST(OdFormats, WorkbookProblemsNameSheetRowAndColumn) {
    const std::string path = data("od_bad.xlsx");
    const std::vector<Error> errors = checkOdFiles({path}, defaultScenario());
    std::map<std::string, std::string> byField;
    for (const Error& e : errors) {
        EXPECT_EQ(e.file, path);
        byField[e.field] += e.message;
    }
    const std::map<std::string, std::string> expected = {
        {"sheet 人流_2019, row 2, column 2 (volume)", "not a number: 'many'"},
        {"sheet 人流_2019, row 1, column 3 (to)", "unknown place 'Atlantis'"},
        {"sheet long, row 3, column 5 (volume)", "negative volume '-3'"},
    };
    EXPECT_EQ(byField.size(), expected.size()) << firstProblem(errors);
    for (const auto& [field, message] : expected)
        EXPECT_NE(byField[field].find(message), std::string::npos) << field << ": " << byField[field];
    auto m = readOdFile(path);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().field, "sheet 人流_2019, row 2, column 2 (volume)");

    const std::vector<Error> missing = checkOdFiles({data("no-such.xlsx")}, defaultScenario());
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_NE(missing[0].message.find("not found"), std::string::npos) << missing[0].message;
    // An old .xls is named as such; a folder without tables is an error naming the folder.
    const std::vector<Error> xls = checkOdFiles({data("old.xls")}, defaultScenario());
    ASSERT_EQ(xls.size(), 1u);
    EXPECT_NE(xls[0].message.find("save it as .xlsx"), std::string::npos) << xls[0].message;
    test::TempDir empty;
    const std::vector<Error> folder = checkOdFiles({empty.path().string()}, defaultScenario());
    ASSERT_EQ(folder.size(), 1u);
    EXPECT_EQ(folder[0].file, empty.path().string());
    const std::vector<Error> notWorkbook =
        checkOdFiles({data("od_long_utf8.csv") + ".xlsx"}, defaultScenario());
    ASSERT_EQ(notWorkbook.size(), 1u);
}

TEST(OdFormats, WideLayoutCornerCellAndCells) {
    const auto problems = [](const std::string& text, const std::string& name) {
        std::map<std::string, std::string> byField;
        for (const Error& e : readOdText(text, name).errors)
            byField[e.field] += e.message;
        return byField;
    };
    // The type and year from the file name, the unit missing.
    auto p = problems(",成都\n西安,1\n", "people_2019.csv");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p["line 1, column 1 (unit)"].find("unit"), std::string::npos);
    // The corner cell and the file name disagree on the year; no type anywhere.
    p = problems("2019 thousand trips/day,成都\n西安,1\n", "od_2017.csv");
    EXPECT_NE(p["line 1, column 1 (year)"].find("'2019' but the file name says '2017'"), std::string::npos);
    EXPECT_NE(p["line 1, column 1 (type)"].find("without a flow type"), std::string::npos);
    // Cells: not a number, an origin without a name, a column without a destination.
    p = problems("people 2019 u,成都,\n西安,x,\n,1,\n汉中,,2\n", "od.csv");
    EXPECT_NE(p["line 2, column 2 (volume)"].find("not a number: 'x'"), std::string::npos);
    EXPECT_NE(p["line 3, column 1 (from)"].find("missing origin"), std::string::npos);
    EXPECT_NE(p["line 1, column 3 (to)"].find("missing destination"), std::string::npos);
    EXPECT_EQ(p.size(), 3u);

    // A stage instead of a year; the corner cell's words in any order, the unit in brackets.
    auto m = parseOdCsv("（千人次/日） stage:green-heart-primary 人流,Xi'an\nShangluo,10.5\n", "od.csv");
    ASSERT_TRUE(m) << m.error().toString();
    ASSERT_EQ(m->rows.size(), 1u);
    EXPECT_EQ(m->tables[0].keyColumn, OdKeyColumn::Stage);
    EXPECT_EQ(m->rows[0].key, "green-heart-primary");
    EXPECT_EQ(m->rows[0].unit, "千人次/日");
    EXPECT_EQ(m->rows[0].type, FlowType::People);
    Scenario s = defaultScenario();
    auto report = applyOd(s, *m, "od.csv", "2025-03-02T10:15:00Z");
    ASSERT_TRUE(report) << report.error().toString();
    EXPECT_EQ(report->created, std::vector<std::string>{"od-shangluo-xian-people"});

    // The examples of SCHEMA.md: the type and year from the file (or sheet) name, the unit in full-width
    // brackets.
    m = parseOdCsv("货流（万吨/日）,Xi'an\nShangluo,1.5\n", "goods_2017.csv");
    ASSERT_TRUE(m) << m.error().toString();
    EXPECT_EQ(m->rows[0].type, FlowType::Goods);
    EXPECT_EQ(m->rows[0].key, "2017");
    EXPECT_EQ(m->rows[0].unit, "万吨/日");
    m = parseOdCsv("thousand trips/day,Xi'an\nShangluo,1.5\n", "people_2014.csv");
    ASSERT_TRUE(m) << m.error().toString();
    EXPECT_EQ(m->rows[0].type, FlowType::People);
    EXPECT_EQ(m->rows[0].key, "2014");
    EXPECT_EQ(m->rows[0].unit, "thousand trips/day");

    // A value between places no corridor joins is refused at its cell (a zero there is ignored); an unknown
    // destination is reported once, at its header cell, however many rows have a value under it.
    m = parseOdCsv("goods 2019 kt,安康,Atlantis,成都\n西安,5,1,0\n汉中,,2,\n", "od.csv");
    ASSERT_TRUE(m) << m.error().toString();
    std::map<std::string, std::string> byField;
    for (const Error& e : checkOd(*m, defaultScenario()))
        byField[e.field] += e.message;
    EXPECT_NE(byField["line 2, column 2 (volume)"].find("no corridor joins Xi'an (xian) and Ankang (ankang)"),
              std::string::npos);
    EXPECT_NE(byField["line 1, column 3 (to)"].find("unknown place 'Atlantis'"), std::string::npos);
    EXPECT_EQ(byField.size(), 2u) << "a zero between Xi'an and Chengdu (joined) is a volume; ankang once";

    // Only ignored cells (found by fuzz_od_csv): nothing to import, and applying says so rather than
    // recording an import of no rows.
    m = parseOdCsv("people 2019 kt,xian,ankang\nxian,210,0\n", "od.csv");
    ASSERT_TRUE(m) << m.error().toString();
    const std::vector<Error> nothing = checkOd(*m, defaultScenario());
    ASSERT_EQ(nothing.size(), 1u);
    EXPECT_NE(nothing[0].message.find("nothing to import"), std::string::npos);
    Scenario unchanged = defaultScenario();
    auto refused = applyOd(unchanged, *m, "od.csv", "2025-03-02T10:15:00Z");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, nothing[0].message);
}

} // namespace
} // namespace qinba
