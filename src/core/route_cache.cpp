#include "qinba/core/atomic_file.h"
#include "qinba/core/data_paths.h"
#include "qinba/core/fnv1a.h"
#include "qinba/core/routing.h"

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace qinba {

// The route cache: fingerprints, keys and files.

namespace {

using nlohmann::json;

// Part of every cache key: bump it whenever the search, the smoothing or the file format changes, so
// routes cached by an older version are recomputed.
constexpr int kRouteAlgorithmVersion = 1;

std::uint64_t routeKey(std::uint64_t fingerprint, const std::vector<MapPoint>& stops,
                       const RouteCostModel& m) {
    Fnv1a h;
    h.addU64(kRouteAlgorithmVersion);
    h.addU64(fingerprint);
    h.addU64(stops.size());
    for (const MapPoint& p : stops)
        h.addF64(p.x), h.addF64(p.y);
    h.addF64(m.slopeWeight);
    h.addF64(m.elevationWeight);
    return h.value();
}

std::string hex(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

json pointsToJson(const std::vector<MapPoint>& pts) {
    json out = json::array();
    for (const MapPoint& p : pts)
        out.push_back({p.x, p.y});
    return out;
}

std::optional<std::vector<MapPoint>> pointsFromJson(const json& j) {
    if (!j.is_array()) return std::nullopt;
    std::vector<MapPoint> pts;
    for (const json& p : j) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) return std::nullopt;
        pts.push_back({p[0].get<double>(), p[1].get<double>()});
        if (!std::isfinite(pts.back().x) || !std::isfinite(pts.back().y)) return std::nullopt;
    }
    return pts;
}

std::string routeToText(std::uint64_t key, const std::vector<MapPoint>& stops, const Route& r) {
    const json j = {{"key", hex(key)},
                    {"stops", pointsToJson(stops)},
                    {"points", pointsToJson(r.points)},
                    {"lengthMetres", r.lengthMetres},
                    {"maxElevation", r.maxElevation},
                    {"maxSlope", r.maxSlope}};
    return j.dump() + "\n";
}

// The cached route, or nullopt for anything unreadable, malformed or written for another request.
std::optional<Route> routeFromFile(const std::filesystem::path& file, std::uint64_t key,
                                   const std::vector<MapPoint>& stops) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    auto text = readFile(file.string());
    if (!text) return std::nullopt;
    const json j = json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("key", json()) != hex(key)) return std::nullopt;
    const auto savedStops = pointsFromJson(j.value("stops", json()));
    const auto points = pointsFromJson(j.value("points", json()));
    if (!savedStops || !points || savedStops->size() != stops.size() || points->size() < 2)
        return std::nullopt;
    for (std::size_t i = 0; i < stops.size(); ++i)
        if ((*savedStops)[i].x != stops[i].x || (*savedStops)[i].y != stops[i].y) return std::nullopt;
    Route r;
    r.points = *points;
    for (auto [name, out] :
         {std::pair{"lengthMetres", &r.lengthMetres}, std::pair{"maxElevation", &r.maxElevation},
          std::pair{"maxSlope", &r.maxSlope}}) {
        if (!j.contains(name) || !j[name].is_number()) return std::nullopt;
        *out = j[name].get<double>();
    }
    return r;
}

} // namespace

std::uint64_t demFingerprint(const Dem& dem) {
    Fnv1a h;
    h.addU64(static_cast<std::uint64_t>(dem.width()));
    h.addU64(static_cast<std::uint64_t>(dem.height()));
    h.addF64(dem.origin().x);
    h.addF64(dem.origin().y);
    h.addF64(dem.cellSize());
    for (float v : dem.heights())
        h.addLittleEndian(std::isnan(v) ? 0x7fc00000u : std::bit_cast<std::uint32_t>(v == 0.0f ? 0.0f : v), 4);
    return h.value();
}

std::filesystem::path defaultRouteCacheDir() {
    return userCacheDir() / "routes";
}

RouteCache::RouteCache(std::filesystem::path diskDir) : diskDir_(std::move(diskDir)) {}

std::size_t RouteCache::computed() const {
    std::lock_guard lock(mutex_);
    return computed_;
}

std::size_t RouteCache::loadedFromDisk() const {
    std::lock_guard lock(mutex_);
    return loaded_;
}

std::filesystem::path RouteCache::diskFile(const Dem& dem, const std::vector<MapPoint>& stops,
                                           const RouteCostModel& model) const {
    if (diskDir_.empty()) return {};
    return diskDir_ / ("route-" + hex(routeKey(demFingerprint(dem), stops, model)) + ".json");
}

Result<Route> RouteCache::get(const Dem& dem, const std::vector<MapPoint>& stops,
                              const RouteCostModel& model) {
    std::lock_guard lock(mutex_);
    const std::uint64_t key = routeKey(demFingerprint(dem), stops, model);
    if (auto it = memory_.find(key); it != memory_.end()) return it->second;
    const std::filesystem::path file =
        diskDir_.empty() ? std::filesystem::path() : diskDir_ / ("route-" + hex(key) + ".json");
    if (!file.empty()) {
        if (auto saved = routeFromFile(file, key, stops)) {
            ++loaded_;
            return memory_[key] = std::move(*saved);
        }
    }
    auto route = findRoute(dem, stops, model);
    if (!route) return route;
    ++computed_;
    if (!file.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(diskDir_, ec);
        // Best effort: without the disk copy the route is only computed again next run.
        if (!ec) (void)writeFileAtomically(file.string(), routeToText(key, stops, *route));
    }
    return memory_[key] = std::move(*route);
}

} // namespace qinba
