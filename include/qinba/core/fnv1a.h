#pragma once
// FNV-1a, 64-bit: the one hash the code base uses for fingerprints and cache keys (not for security; the
// wall's messages use HMAC-SHA256).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace qinba {

/// An FNV-1a hash fed piece by piece. `add` hashes an object's bytes as they lie in memory (fine for keys
/// that live within one run); `addU64`/`addF64` hash explicit little-endian bytes, for keys stored in files
/// that must match across machines and compilers.
class Fnv1a {
  public:
    void addBytes(const void* data, std::size_t count) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < count; ++i)
            h_ = (h_ ^ p[i]) * kPrime;
    }
    template <class T>
    requires std::is_trivially_copyable_v<T>
    void add(const T& value) { addBytes(&value, sizeof value); }
    void addString(std::string_view text) { addBytes(text.data(), text.size()); }
    /// The low `count` bytes of `v`, least significant first.
    void addLittleEndian(std::uint64_t v, int count) {
        for (int i = 0; i < count; ++i)
            h_ = (h_ ^ ((v >> (8 * i)) & 0xffu)) * kPrime;
    }
    void addU64(std::uint64_t v) { addLittleEndian(v, 8); }
    /// A double's bits, with -0.0 hashed as 0.0.
    void addF64(double v) { addU64(std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v)); }
    std::uint64_t value() const { return h_; }

  private:
    static constexpr std::uint64_t kPrime = 0x100000001b3ull;
    std::uint64_t h_ = 0xcbf29ce484222325ull;
};

} // namespace qinba
