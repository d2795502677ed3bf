// `record --shard K/N`: the frames cut into N contiguous parts that together are every frame exactly once.

#include "qinba/core/frame_shard.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace qinba {
namespace {

TEST(FrameShard, ParsesKOfNCountedFromOne) {
    auto s = parseFrameShard("3/8");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->index, 3);
    EXPECT_EQ(s->count, 8);
    for (const char* bad : {"0/4", "5/4", "1/0", "4", "1/4x", "-1/4", "+1/4", " 1/4", "a/b", "", "1//4"}) {
        auto r = parseFrameShard(bad);
        EXPECT_FALSE(r) << "'" << bad << "' was taken";
        if (!r) {
            EXPECT_EQ(r.error().field, "--shard");
            EXPECT_NE(r.error().message.find("expected K/N"), std::string::npos) << r.error().message;
        }
    }
}

TEST(FrameShard, ShardsAreContiguousInOrderNearEqualAndCoverEveryFrameOnce) {
    for (long first : {0L, 7L})
        for (long total : {1L, 4L, 48L, 49L, 1000L, 1001L})
            for (long n = 1; n <= std::min(total, 13L); ++n) {
                long next = first, smallest = total, largest = 0;
                for (long k = 1; k <= n; ++k) {
                    auto r = shardFrames({first, first + total - 1}, {k, n});
                    ASSERT_TRUE(r) << r.error().toString();
                    EXPECT_EQ(r->first, next) << "shard " << k << "/" << n << " of " << total;
                    EXPECT_GE(r->size(), 1);
                    smallest = std::min(smallest, r->size());
                    largest = std::max(largest, r->size());
                    next = r->last + 1;
                }
                EXPECT_EQ(next, first + total) << n << " shards of " << total << " frames end at the last";
                EXPECT_LE(largest - smallest, 1) << n << " shards of " << total;
            }
}

TEST(FrameShard, FortyEightFramesInFourShards) {
    const FrameRange all{0, 47};
    EXPECT_EQ(shardFrames(all, {1, 4})->first, 0);
    EXPECT_EQ(shardFrames(all, {1, 4})->last, 11);
    EXPECT_EQ(shardFrames(all, {4, 4})->first, 36);
    EXPECT_EQ(shardFrames(all, {4, 4})->last, 47);
    // 10 frames in 4: 2, 3, 2, 3.
    EXPECT_EQ(shardFrames({0, 9}, {1, 4})->size(), 2);
    EXPECT_EQ(shardFrames({0, 9}, {2, 4})->size(), 3);
    // Within --frames 10-19.
    EXPECT_EQ(shardFrames({10, 19}, {3, 4})->first, 15);
}

TEST(FrameShard, MoreShardsThanFramesIsRefused) {
    auto r = shardFrames({0, 2}, {1, 4});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "--shard");
    EXPECT_NE(r.error().message.find("4 shards for 3 frames"), std::string::npos) << r.error().message;
}

} // namespace
} // namespace qinba
