#include "qinba/core/frame_shard.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cstdio>

namespace qinba {

Result<FrameShard> parseFrameShard(const std::string& text, const std::string& field) {
    long k = 0, n = 0;
    char extra = 0;
    // sscanf alone would take "+2/ 4"; only digits, one slash, digits.
    bool digitsOnly = !text.empty();
    for (char c : text)
        digitsOnly = digitsOnly && ((c >= '0' && c <= '9') || c == '/');
    if (!digitsOnly || std::sscanf(text.c_str(), "%ld/%ld%c", &k, &n, &extra) != 2 || n < 1 || n > 100000 ||
        k < 1 || k > n)
        return Error{
            "", field,
            formatText(_("expected K/N with 1 <= K <= N (shard K of N, counted from 1), got '{}'"), text)};
    return FrameShard{k, n};
}

Result<FrameRange> shardFrames(FrameRange frames, FrameShard shard, const std::string& field) {
    const long total = frames.size();
    if (shard.count > total)
        return Error{
            "", field,
            formatText(_("{} shards for {} frames: use at most one shard per frame"), shard.count, total)};
    // Shard i (0-based) starts at floor(i * total / count): contiguous, in order, sizes differ by at most
    // one.
    const long i = shard.index - 1;
    const long first = frames.first + i * total / shard.count;
    const long next = frames.first + (i + 1) * total / shard.count;
    return FrameRange{first, next - 1};
}

} // namespace qinba
