// The kiosk's scripted visitor: what the script file says, and the input it gives each frame.
#include "qinba/core/visitor_script.h"

#include <gtest/gtest.h>

using namespace qinba;

TEST(VisitorScript, ActionsGiveEachFrameItsInput) {
    auto script =
        parseVisitorScript("# a visit\n0.5 drag 100 -20 1.0\n\n1.75 stage 3  # the third\n2 zoom -2\n"
                           "3 orbit 10 0 0.5\n",
                           "visit.txt");
    ASSERT_TRUE(script) << script.error().toString();
    ASSERT_EQ(script->size(), 4u);
    const glm::dvec2 centre{48.0, 27.0};
    VisitorFrame f = visitorFrame(*script, 0.0, 0.4, centre);
    EXPECT_FALSE(f.interacted);
    EXPECT_EQ(f.nav.mouse, centre);
    f = visitorFrame(*script, 0.9, 1.0, centre); // dragging: 100 px/s for 0.1 s
    EXPECT_TRUE(f.nav.panDrag);
    EXPECT_NEAR(f.nav.mouseDelta.x, 10.0, 1e-9);
    EXPECT_NEAR(f.nav.mouseDelta.y, -2.0, 1e-9);
    f = visitorFrame(*script, 1.7, 1.8, centre); // the stage button, once
    ASSERT_TRUE(f.stage);
    EXPECT_EQ(*f.stage, 2u);
    EXPECT_FALSE(visitorFrame(*script, 1.8, 1.9, centre).stage);
    f = visitorFrame(*script, 2.0, 2.1, centre);
    EXPECT_EQ(f.nav.wheel, -2.0);
    f = visitorFrame(*script, 3.2, 3.3, centre);
    EXPECT_TRUE(f.nav.orbitDrag);
    EXPECT_FALSE(f.nav.panDrag);
}

TEST(VisitorScript, ErrorsNameTheFileAndLine) {
    auto r = parseVisitorScript("1 drag 10 10 1\n2 jump 3\n", "visit.txt");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().toString(),
              "visit.txt: line 2: unknown action 'jump'; expected drag, orbit, zoom or stage");
    r = parseVisitorScript("1 stage 0\n", "visit.txt");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().toString().find("line 1: expected 'stage N' (1 is the first stage)"),
              std::string::npos);
    EXPECT_FALSE(parseVisitorScript("soon drag 1 1 1\n", "v"));
    EXPECT_FALSE(parseVisitorScript("1 drag 1 1 0\n", "v"));
    EXPECT_FALSE(parseVisitorScript("1 zoom 2 extra\n", "v"));
    EXPECT_FALSE(loadVisitorScript("/nonexistent/visit.txt"));
}
