#include "qinba/core/wall_sync.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace qinba {

namespace {

constexpr std::array<std::uint8_t, 4> kMagic{'Q', 'B', 'W', 'L'};
constexpr std::uint8_t kVersion = 1;
constexpr std::uint8_t kKindState = 0;
constexpr std::size_t kMacOffset = kWallMessageBytes - 32;
constexpr std::uint32_t kFlagVisitor = 1u;

class Writer {
  public:
    explicit Writer(std::uint8_t* out) : out_(out) {}
    void bytes(const std::uint8_t* p, std::size_t n) {
        std::memcpy(out_ + at_, p, n);
        at_ += n;
    }
    void u8(std::uint8_t v) { out_[at_++] = v; }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out_[at_++] = static_cast<std::uint8_t>(v >> (8 * i));
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            out_[at_++] = static_cast<std::uint8_t>(v >> (8 * i));
    }
    void f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }

  private:
    std::uint8_t* out_;
    std::size_t at_ = 0;
};

class Reader {
  public:
    explicit Reader(const std::uint8_t* in) : in_(in) {}
    std::uint8_t u8() { return in_[at_++]; }
    std::uint32_t u32() {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= static_cast<std::uint32_t>(in_[at_++]) << (8 * i);
        return v;
    }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(in_[at_++]) << (8 * i);
        return v;
    }
    double f64() { return std::bit_cast<double>(u64()); }
    void skip(std::size_t n) { at_ += n; }

  private:
    const std::uint8_t* in_;
    std::size_t at_ = 0;
};

std::array<std::uint8_t, 32> mac(const WallKey& key, const std::uint8_t* data, std::size_t size) {
    std::array<std::uint8_t, 32> out{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.bytes.data(), static_cast<int>(key.bytes.size()), data, size, out.data(), &length);
    return out;
}

bool plausible(const WallMessage& m) {
    const OrbitCamera& c = m.state.camera;
    const double values[] = {
        m.sentAt, m.state.scenarioSeconds, c.target.x, c.target.y, c.target.z, c.distance, c.heading, c.pitch,
        c.fovY};
    for (double v : values)
        if (!std::isfinite(v)) return false;
    return m.sequence > 0 && m.state.stage >= 0 && m.state.stage < 10000 && m.state.scenarioSeconds >= 0.0 &&
           c.distance > 0.0 && c.distance < 1.0e9 && std::abs(c.target.x) < 1.0e9 &&
           std::abs(c.target.y) < 1.0e9 && std::abs(c.target.z) < 1.0e7 && c.pitch >= 0.0 &&
           c.pitch <= 90.0 && c.fovY > 0.0 && c.fovY < 180.0 && std::abs(c.heading) <= 1.0e6;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

Result<WallKey> readWallKey(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path.string(), "", _("cannot open the wall's key file")};
    std::ostringstream text;
    text << in.rdbuf();
    std::string digits;
    for (char c : text.str()) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (hexValue(c) < 0)
            return Error{
                path.string(), "",
                _("expected hexadecimal digits only (make one with: openssl rand -hex 32 > wall.key)")};
        digits += c;
    }
    if (digits.size() % 2 != 0 || digits.size() < 64 || digits.size() > 128)
        return Error{
            path.string(), "",
            formatText(_("expected 64 to 128 hexadecimal digits (32 to 64 bytes), found {}"), digits.size())};
    WallKey key;
    for (std::size_t i = 0; i < digits.size(); i += 2)
        key.bytes.push_back(static_cast<std::uint8_t>(hexValue(digits[i]) * 16 + hexValue(digits[i + 1])));
    return key;
}

std::array<std::uint8_t, kWallMessageBytes> encodeWallMessage(const WallMessage& m, const WallKey& key) {
    std::array<std::uint8_t, kWallMessageBytes> out{};
    Writer w(out.data());
    w.bytes(kMagic.data(), kMagic.size());
    w.u8(kVersion);
    w.u8(kKindState);
    w.u8(0);
    w.u8(0);
    w.u64(m.sender);
    w.u64(m.sequence);
    w.f64(m.sentAt);
    w.f64(m.state.scenarioSeconds);
    w.u32(static_cast<std::uint32_t>(m.state.stage));
    w.u32(m.state.visitor ? kFlagVisitor : 0u);
    const OrbitCamera& c = m.state.camera;
    for (double v : {c.target.x, c.target.y, c.target.z, c.distance, c.heading, c.pitch, c.fovY})
        w.f64(v);
    const auto tag = mac(key, out.data(), kMacOffset);
    std::memcpy(out.data() + kMacOffset, tag.data(), tag.size());
    return out;
}

WallFollower::WallFollower(WallKey key, double maxSkewSeconds, double silenceSeconds)
    : key_(std::move(key)), maxSkew_(maxSkewSeconds), silence_(silenceSeconds) {}

WallRejection WallFollower::receive(std::span<const std::uint8_t> packet, double now) {
    const auto refuse = [](std::uint64_t& count, WallRejection why) {
        ++count;
        return why;
    };
    if (packet.size() != kWallMessageBytes || std::memcmp(packet.data(), kMagic.data(), kMagic.size()) != 0 ||
        packet[4] != kVersion || packet[5] != kKindState || packet[6] != 0 || packet[7] != 0)
        return refuse(counts_.malformed, WallRejection::Malformed);
    const auto expected = mac(key_, packet.data(), kMacOffset);
    if (CRYPTO_memcmp(expected.data(), packet.data() + kMacOffset, expected.size()) != 0)
        return refuse(counts_.forged, WallRejection::Forged);

    Reader r(packet.data());
    r.skip(8);
    WallMessage m;
    m.sender = r.u64();
    m.sequence = r.u64();
    m.sentAt = r.f64();
    m.state.scenarioSeconds = r.f64();
    m.state.stage = static_cast<int>(r.u32());
    const std::uint32_t flags = r.u32();
    if ((flags & ~kFlagVisitor) != 0) return refuse(counts_.malformed, WallRejection::Malformed);
    m.state.visitor = (flags & kFlagVisitor) != 0;
    OrbitCamera& c = m.state.camera;
    c.target.x = r.f64();
    c.target.y = r.f64();
    c.target.z = r.f64();
    c.distance = r.f64();
    c.heading = r.f64();
    c.pitch = r.f64();
    c.fovY = r.f64();
    if (!plausible(m)) return refuse(counts_.malformed, WallRejection::Malformed);
    if (std::abs(m.sentAt - now) > maxSkew_) return refuse(counts_.stale, WallRejection::Stale);
    if (any_) {
        // One sender's numbers only go up; a new sender (a restarted lead) must be newer than the last one,
        // so an old lead's packets cannot be played back in its place.
        const bool sameSender = m.sender == latest_.sender;
        if ((sameSender && m.sequence <= latest_.sequence) || (!sameSender && m.sentAt <= latest_.sentAt))
            return refuse(counts_.replayed, WallRejection::Replayed);
    }
    latest_ = m;
    any_ = true;
    heardAt_ = now;
    ++counts_.accepted;
    return WallRejection::None;
}

bool WallFollower::leaderActive(double now) const {
    return any_ && now - heardAt_ <= silence_ && now >= heardAt_ - maxSkew_;
}

double sharedTourSeconds(double unixSeconds, double epochSeconds, double periodSeconds) {
    if (!(periodSeconds > 0.0)) return 0.0;
    const double t = std::fmod(unixSeconds - epochSeconds, periodSeconds);
    return t < 0.0 ? t + periodSeconds : t;
}

} // namespace qinba
