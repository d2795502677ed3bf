// libFuzzer target: video-wall messages (wall_sync.h), the one input that arrives from the network.
//
// Properties checked on every input, besides "no crash, no leak, no undefined behaviour":
//   - a packet is accepted only when it has exactly the message size and a MAC made with the wall's key;
//   - the input with its MAC recomputed (a "well-signed" copy) decodes, when accepted, to a state that
//     encodes back to the same bytes, and a second delivery of the same bytes is refused as a replay;
//   - every refusal is counted once.

#include "fuzz_support.h"

#include "qinba/core/wall_sync.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

qinba::WallKey key() {
    qinba::WallKey k;
    for (int i = 0; i < 32; ++i)
        k.bytes.push_back(static_cast<std::uint8_t>(i * 7 + 3));
    return k;
}

std::uint64_t refusals(const qinba::WallCounts& c) {
    return c.malformed + c.forged + c.replayed + c.stale;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const qinba::WallKey k = key();
    constexpr double now = 1.7e9;
    qinba::WallFollower raw(k);
    const bool accepted = raw.receive({data, size}, now) == qinba::WallRejection::None;
    qinba::fuzz::require(raw.counts().accepted + refusals(raw.counts()) == 1, "one count per packet");
    if (accepted)
        qinba::fuzz::require(size == qinba::kWallMessageBytes, "accepted a packet of the wrong size");

    if (size != qinba::kWallMessageBytes) return 0;
    // Sign the input with the right key, so the fuzzer explores what lies behind the MAC check.
    std::vector<std::uint8_t> signedCopy(data, data + size);
    unsigned int length = 0;
    HMAC(EVP_sha256(), k.bytes.data(), static_cast<int>(k.bytes.size()), signedCopy.data(), size - 32,
         signedCopy.data() + size - 32, &length);
    qinba::WallFollower follower(k, 1.0e12); // any send time is near enough: reach the decoding
    if (follower.receive(signedCopy, now) != qinba::WallRejection::None) return 0;
    const auto again = qinba::encodeWallMessage(follower.latest(), k);
    qinba::fuzz::require(std::memcmp(again.data(), signedCopy.data(), size) == 0, "decode/encode round trip");
    qinba::fuzz::require(follower.receive(signedCopy, now) == qinba::WallRejection::Replayed,
                         "the same packet twice is a replay");
    qinba::fuzz::report("accepted a signed message");
    return 0;
}
