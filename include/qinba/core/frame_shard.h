#pragma once
// Splitting a recording's frames into N contiguous shards for a render farm (`qinba record --shard K/N`):
// each shard renders and encodes its own range into a segment, and the segments joined in shard order are
// the whole recording. Frame numbers are 0-based tour frames (frame k shows the tour at k / fps seconds).

#include "qinba/core/result.h"

#include <string>

namespace qinba {

/// Shard `index` (1-based, 1 <= index <= count, as Slurm's array task ids 1-N) of `count` shards.
struct FrameShard {
    long index = 1;
    long count = 1;
};

/// An inclusive range of 0-based frame numbers.
struct FrameRange {
    long first = 0;
    long last = 0;
    long size() const { return last - first + 1; }
};

/// Parses "K/N" with 1 <= K <= N (both decimal integers, N at most 100000); the error names `field`.
Result<FrameShard> parseFrameShard(const std::string& text, const std::string& field = "--shard");

/// The frames of `shard` within `frames`: the range cut into shard.count contiguous parts in order whose
/// sizes differ by at most one (the later parts the larger). Errors when the range has fewer frames than
/// shards, so no shard is empty.
Result<FrameRange> shardFrames(FrameRange frames, FrameShard shard, const std::string& field = "--shard");

} // namespace qinba
