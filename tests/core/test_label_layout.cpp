// Label decluttering: placed boxes never overlap, stay inside the viewport, respect importance, and the
// result depends only on the input.

#include "qinba/core/label_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

namespace qinba {
namespace {

constexpr double kPadding = 2.0;

/// A fixed pseudo-random sequence (64-bit LCG), the same on every platform.
class Sequence {
  public:
    explicit Sequence(std::uint64_t seed) : state_(seed) {}
    double uniform(double lo, double hi) {
        state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
        return lo + (hi - lo) * static_cast<double>(state_ >> 11) / 9007199254740992.0;
    }

  private:
    std::uint64_t state_;
};

/// Place-like candidates scattered over the viewport: text boxes of one to eight characters.
std::vector<LabelCandidate> scatter(std::uint64_t seed, int count, Viewport viewport) {
    Sequence s(seed);
    std::vector<LabelCandidate> out;
    for (int i = 0; i < count; ++i) {
        LabelCandidate c;
        c.anchor = {s.uniform(0, viewport.width), s.uniform(0, viewport.height)};
        const double pixelSize = s.uniform(12, 22);
        c.size = {pixelSize * std::floor(s.uniform(1, 9)), pixelSize * 1.2};
        c.symbolRadius = s.uniform(2, 7);
        c.priority = static_cast<int>(s.uniform(1, 6));
        out.push_back(c);
    }
    return out;
}

bool overlapCloserThan(const PlacedLabel& a, const PlacedLabel& b, double gap) {
    return a.topLeft.x < b.topLeft.x + b.size.x + gap && b.topLeft.x < a.topLeft.x + a.size.x + gap &&
           a.topLeft.y < b.topLeft.y + b.size.y + gap && b.topLeft.y < a.topLeft.y + a.size.y + gap;
}

/// Distance from a point to a box (0 inside).
double distanceToBox(glm::dvec2 p, const PlacedLabel& l) {
    const double dx = std::max({l.topLeft.x - p.x, 0.0, p.x - (l.topLeft.x + l.size.x)});
    const double dy = std::max({l.topLeft.y - p.y, 0.0, p.y - (l.topLeft.y + l.size.y)});
    return std::hypot(dx, dy);
}

/// Every invariant layoutLabels promises, for one input and its output.
void expectValidLayout(const std::vector<LabelCandidate>& cands, const std::vector<PlacedLabel>& placed,
                       Viewport viewport) {
    std::set<std::size_t> seen;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const PlacedLabel& p = placed[i];
        ASSERT_LT(p.candidate, cands.size());
        EXPECT_TRUE(seen.insert(p.candidate).second) << "candidate placed twice";
        EXPECT_EQ(p.size, cands[p.candidate].size);
        EXPECT_GE(p.topLeft.x, 0.0);
        EXPECT_GE(p.topLeft.y, 0.0);
        EXPECT_LE(p.topLeft.x + p.size.x, viewport.width);
        EXPECT_LE(p.topLeft.y + p.size.y, viewport.height);
        // Clear of its own symbol.
        const LabelCandidate& c = cands[p.candidate];
        EXPECT_GE(distanceToBox(c.anchor, p), c.symbolRadius + kPadding - 1e-9);
        for (std::size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(overlapCloserThan(p, placed[j], kPadding - 1e-9))
                << "labels of candidates " << p.candidate << " and " << placed[j].candidate << " overlap";
        // No label covers the symbol of a labelled place.
        for (const PlacedLabel& q : placed)
            EXPECT_GE(distanceToBox(cands[q.candidate].anchor, p), cands[q.candidate].symbolRadius - 1e-9)
                << "label of " << p.candidate << " covers the symbol of labelled " << q.candidate;
        // Clear of the symbols of more important places.
        for (std::size_t k = 0; k < cands.size(); ++k) {
            const bool moreImportant =
                cands[k].priority < c.priority || (cands[k].priority == c.priority && k < p.candidate);
            if (moreImportant)
                EXPECT_GE(distanceToBox(cands[k].anchor, p), cands[k].symbolRadius + kPadding - 1e-9)
                    << "label of " << p.candidate << " covers the symbol of " << k;
        }
    }
}

TEST(LabelLayout, NoTwoPlacedLabelsOverlapInDenseScatters) {
    const Viewport viewport{1280, 720};
    for (std::uint64_t seed : {1u, 2u, 3u, 42u}) {
        for (int count : {50, 300, 1000}) {
            const auto cands = scatter(seed, count, viewport);
            const auto placed = layoutLabels(cands, viewport, kPadding);
            SCOPED_TRACE("seed " + std::to_string(seed) + ", " + std::to_string(count) + " candidates");
            expectValidLayout(cands, placed, viewport);
            EXPECT_GT(placed.size(), std::min<std::size_t>(20, cands.size() / 2)) << "too few labels placed";
        }
    }
}

TEST(LabelLayout, PlacesALoneLabelRightOfItsSymbol) {
    const std::vector<LabelCandidate> cands{{{100, 100}, {60, 20}, 4.0, 1}};
    const auto placed = layoutLabels(cands, {400, 300}, kPadding);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_DOUBLE_EQ(placed[0].topLeft.x, 100 + 4 + kPadding);
    EXPECT_DOUBLE_EQ(placed[0].topLeft.y, 90);
}

TEST(LabelLayout, HigherPriorityWinsConflicts) {
    // Two places at the same spot in a viewport with room for one label only: the more important wins,
    // wherever it is in the input.
    const Viewport viewport{200, 40};
    LabelCandidate minor{{100, 20}, {90, 16}, 0.0, 5};
    LabelCandidate major{{100, 20}, {90, 16}, 0.0, 1};
    major.size.x = 95; // tell the two apart
    for (bool majorFirst : {false, true}) {
        const std::vector<LabelCandidate> cands =
            majorFirst ? std::vector{major, minor} : std::vector{minor, major};
        const auto placed = layoutLabels(cands, viewport, kPadding);
        ASSERT_EQ(placed.size(), 2u) << "one right, one left";
        EXPECT_EQ(cands[placed[0].candidate].priority, 1);
        EXPECT_GT(placed[0].topLeft.x, 100.0) << "the more important label takes the preferred side";
    }
    // Equal priority: input order decides.
    minor.priority = major.priority = 2;
    const auto tied = layoutLabels({minor, major}, viewport, kPadding);
    ASSERT_FALSE(tied.empty());
    EXPECT_EQ(tied[0].candidate, 0u);
    EXPECT_GT(tied[0].topLeft.x, 100.0);

    // Only one fits at all: the less important one is dropped.
    const std::vector<LabelCandidate> crowded{{{100, 20}, {150, 16}, 0.0, 3}, {{100, 20}, {150, 16}, 0.0, 1}};
    const auto one = layoutLabels(crowded, {260, 40}, kPadding);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].candidate, 1u);
}

TEST(LabelLayout, AvoidsSymbolsOfMoreImportantPlaces) {
    // A capital just right of a town: the town's label must not cover the capital's symbol.
    const std::vector<LabelCandidate> cands{{{200, 100}, {50, 16}, 3.0, 4}, {{230, 100}, {50, 16}, 8.0, 1}};
    const auto placed = layoutLabels(cands, {640, 360}, kPadding);
    expectValidLayout(cands, placed, {640, 360});
    const auto town =
        std::find_if(placed.begin(), placed.end(), [](const PlacedLabel& p) { return p.candidate == 0; });
    ASSERT_NE(town, placed.end());
    EXPECT_LT(town->topLeft.x + town->size.x, 200.0) << "the town's label goes left";
}

TEST(LabelLayout, StaysInsideTheViewport) {
    const Viewport viewport{300, 200};
    const std::vector<LabelCandidate> cands{
        {{295, 100}, {60, 16}, 3.0, 1}, // right edge: label goes left
        {{5, 5}, {60, 16}, 3.0, 1},     // top-left corner: right or below
        {{150, 198}, {60, 16}, 3.0, 1}, // bottom edge
        {{-10, 50}, {60, 16}, 3.0, 1},  // outside: skipped
        {{150, 100}, {400, 16}, 3.0, 1} // wider than the viewport: skipped
    };
    const auto placed = layoutLabels(cands, viewport, kPadding);
    expectValidLayout(cands, placed, viewport);
    std::set<std::size_t> ids;
    for (const auto& p : placed)
        ids.insert(p.candidate);
    EXPECT_EQ(ids, (std::set<std::size_t>{0, 1, 2}));
    EXPECT_LT(placed[0].topLeft.x, 295.0);
}

TEST(LabelLayout, SkipsInvalidCandidates) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<LabelCandidate> cands{{{nan, 10}, {10, 10}, 1, 1},
                                            {{50, 50}, {0, 10}, 1, 1},
                                            {{50, 50}, {10, 10}, -1, 1},
                                            {{50, 50}, {std::numeric_limits<double>::infinity(), 10}, 1, 1},
                                            {{1e300, -1e300}, {10, 10}, 1e200, 9},
                                            {{50, 50}, {10, 10}, 1, 1}};
    const auto placed = layoutLabels(cands, {100, 100}, kPadding);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].candidate, 5u);
    EXPECT_TRUE(layoutLabels({}, {100, 100}).empty());
}

TEST(LabelLayout, IsDeterministic) {
    const Viewport viewport{1024, 768};
    const auto cands = scatter(7, 600, viewport);
    const auto a = layoutLabels(cands, viewport, kPadding);
    const auto b = layoutLabels(cands, viewport, kPadding);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].candidate, b[i].candidate);
        EXPECT_EQ(a[i].topLeft, b[i].topLeft);
    }
    // With distinct priorities the input order does not matter: reversed input, same boxes.
    auto distinct = cands;
    for (std::size_t i = 0; i < distinct.size(); ++i)
        distinct[i].priority = static_cast<int>(i);
    const auto forward = layoutLabels(distinct, viewport, kPadding);
    const std::vector<LabelCandidate> reversed(distinct.rbegin(), distinct.rend());
    const auto backward = layoutLabels(reversed, viewport, kPadding);
    ASSERT_EQ(forward.size(), backward.size());
    for (std::size_t i = 0; i < forward.size(); ++i) {
        EXPECT_EQ(forward[i].candidate, distinct.size() - 1 - backward[i].candidate);
        EXPECT_EQ(forward[i].topLeft, backward[i].topLeft);
    }
}

} // namespace
} // namespace qinba
