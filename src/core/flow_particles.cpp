#include "qinba/core/flow_particles.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace qinba {

namespace {

constexpr double kMinSlots = 10.0;

/// A fixed pseudo-random number in [0, 1) for (flow, slot): the same on every frame and every machine.
double hash01(std::uint64_t a, std::uint64_t b) {
    std::uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2));
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
}

} // namespace

void appendFlowParticles(std::vector<FlowParticle>& out, const FlowMarksInput& flow, const Polyline3& path,
                         double t, const FlowParticleStyle& style) {
    const double length = path.length();
    if (path.empty() || length <= 0.0 || flow.volume <= 0.0 || flow.opacity <= 0.0 || flow.grown <= 0.0)
        return;
    const double share = std::clamp(flow.volume / std::max(flow.maxVolume, 1e-12), 0.0, 1.0);
    const double shown = share * std::clamp(flow.density, 0.0, 1.0);
    const bool pulse = flow.type == FlowType::Information;
    const double speed = (pulse                          ? style.pulseSpeedKmPerS
                          : flow.type == FlowType::Goods ? style.goodsSpeedKmPerS
                                                         : style.groundSpeedKmPerS) *
                         1000.0;
    const double perMetre = style.marksPer100KmAtMax / 100000.0 * (pulse ? 0.5 : 1.0);
    // Short corridors (a city to its county towns) still get enough slots to show their flow.
    const auto slots = static_cast<std::uint64_t>(std::max(kMinSlots, std::ceil(length * perMetre)));
    const double size = style.minSizePx + (style.maxSizePx - style.minSizePx) * share;
    const double fadeLength = std::min(0.04 * length, 30000.0);
    for (std::uint64_t k = 0; k < slots; ++k) {
        // A slot carries a mark when its fixed random number is below the volume's share: density follows
        // volume, and marks appear and vanish smoothly as the volume changes.
        const double threshold = hash01(flow.flowIndex, k);
        const double presence = std::clamp((shown - threshold) * 12.0, 0.0, 1.0);
        if (presence <= 0.0) continue;
        const double base = (static_cast<double>(k) + 0.6 * hash01(flow.flowIndex + 7919, k)) /
                            static_cast<double>(slots) * length;
        const double travelled = std::fmod(base + speed * t, length);
        const double fromStart = flow.reverse ? length - travelled : travelled;
        if (fromStart > flow.grown * length) continue;
        const double ends = std::min(travelled, length - travelled);
        FlowParticle p;
        p.position = path.at(fromStart);
        p.direction = path.tangentAt(fromStart) * (flow.reverse ? -1.0 : 1.0);
        p.type = flow.type;
        p.sizePx = size;
        p.alpha = flow.opacity * presence * std::clamp(ends / std::max(fadeLength, 1.0), 0.0, 1.0);
        if (p.alpha > 0.0) out.push_back(p);
    }
}

} // namespace qinba
