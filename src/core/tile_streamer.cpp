#include "qinba/core/tile_streamer.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace qinba {

namespace {
constexpr double kMb = 1024.0 * 1024.0;

std::string mb(double bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f MB", bytes / kMb);
    return buf;
}
} // namespace

std::size_t cpuTileBytes(int tileCells) {
    const auto side = static_cast<std::size_t>(tileCells) + 2;
    return side * side * sizeof(float) + sizeof(TileData);
}

std::size_t gpuTileBytes(int tileCells) {
    const auto side = static_cast<std::size_t>(tileCells) + 2;
    return side * side * (sizeof(float) + 1); // R32F heights and an R8 mask
}

Status checkCacheBudgets(const TilePyramid& pyramid, const LodSettings& settings, const std::string& path) {
    int tiles = 1;
    if (pyramid.levels > 1) tiles += pyramid.tilesX(1) * pyramid.tilesY(1);
    const double cpuNeed = static_cast<double>(tiles * cpuTileBytes(pyramid.tileCells));
    const double gpuNeed = static_cast<double>(tiles * gpuTileBytes(pyramid.tileCells));
    if (settings.cpuCacheMb * kMb < cpuNeed)
        return Error{
            path, "tile cache budget",
            formatText(_("{} cannot hold even the two coarsest levels of this DEM ({} tiles, {}); set it to "
                         "1 MB or more"),
                       mb(settings.cpuCacheMb * kMb), tiles, mb(cpuNeed))};
    if (settings.gpuCacheMb * kMb < gpuNeed)
        return Error{
            path, "GPU cache budget",
            formatText(_("{} cannot hold even the two coarsest levels of this DEM ({} tiles, {}); set it to "
                         "1 MB or more"),
                       mb(settings.gpuCacheMb * kMb), tiles, mb(gpuNeed))};
    return okStatus();
}

Result<std::unique_ptr<TileStreamer>>
TileStreamer::open(const TileSourceSpec& spec, const MapProjection& projection, const LodSettings& settings) {
    std::unique_ptr<TileStreamer> s(new TileStreamer());
    s->settings_ = settings;
    const int threads = std::clamp(settings.loaderThreads, 1, 16);
    for (int i = 0; i < threads; ++i) {
        auto src = TileSource::open(spec, projection);
        if (!src) return src.error();
        s->sources_.push_back(std::move(*src));
    }
    s->info_ = s->sources_.front()->info();
    if (auto ok = checkCacheBudgets(s->info_.pyramid, settings, spec.path); !ok) return ok.error();
    s->counters_.budgetMb = settings.cpuCacheMb;
    // The coarsest two levels are read now: with them the first frame shows the whole terrain.
    std::vector<TileKey> first{{0, 0, 0}};
    if (s->info_.pyramid.levels > 1)
        for (int y = 0; y < s->info_.pyramid.tilesY(1); ++y)
            for (int x = 0; x < s->info_.pyramid.tilesX(1); ++x)
                first.push_back({1, x, y});
    for (const TileKey& k : first) {
        auto t = s->sources_.front()->read(k);
        if (!t) return t.error();
        s->insert(std::move(*t));
    }
    for (std::size_t i = 0; i < s->sources_.size(); ++i)
        s->threads_.emplace_back([p = s.get(), i] { p->worker(i); });
    return s;
}

TileStreamer::~TileStreamer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    wake_.notify_all();
    for (std::thread& t : threads_)
        t.join();
}

void TileStreamer::worker(std::size_t index) {
    TileSource& source = *sources_[index];
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        const TileKey key = queue_.front();
        queue_.pop_front();
        inFlight_.insert(key);
        lock.unlock();
        auto tile = source.read(key);
        lock.lock();
        inFlight_.erase(key);
        if (tile) {
            loadTimes_.push_back(tile->readMs);
            ++counters_.loaded;
            insert(std::move(*tile));
        } else {
            failed_.insert(key);
            ++counters_.failed;
            problems_.push_back(tile.error().toString() + _("; the coarser level is shown there"));
        }
        if (queue_.empty() && inFlight_.empty()) idle_.notify_all();
    }
}

void TileStreamer::insert(TileData&& data) {
    const std::size_t size = data.bytes();
    const std::size_t budget = static_cast<std::size_t>(settings_.cpuCacheMb * kMb);
    while (bytes_ + size > budget) {
        // Least recently used first; never a tile in use this frame or of the two pinned coarsest levels.
        auto victim = cache_.end();
        for (auto it = cache_.begin(); it != cache_.end(); ++it)
            if (it->first.level > 1 && it->second.lastUsed < frame_ &&
                (victim == cache_.end() || it->second.lastUsed < victim->second.lastUsed))
                victim = it;
        if (victim == cache_.end()) break;
        bytes_ -= victim->second.data->bytes();
        cache_.erase(victim);
        ++counters_.evicted;
    }
    if (bytes_ + size > budget && data.key.level > 1) {
        ++counters_.rejected;
        return;
    }
    bytes_ += size;
    const TileKey key = data.key;
    cache_[key] = Entry{std::make_shared<const TileData>(std::move(data)), frame_};
}

void TileStreamer::beginFrame() {
    std::lock_guard lock(mutex_);
    ++frame_;
}

std::shared_ptr<const TileData> TileStreamer::find(TileKey key) {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it == cache_.end()) return nullptr;
    it->second.lastUsed = frame_;
    return it->second.data;
}

bool TileStreamer::failed(TileKey key) const {
    std::lock_guard lock(mutex_);
    return failed_.count(key) > 0;
}

void TileStreamer::request(const std::vector<TileKey>& wanted) {
    {
        std::lock_guard lock(mutex_);
        queue_.clear();
        for (const TileKey& k : wanted)
            if (!cache_.count(k) && !inFlight_.count(k) && !failed_.count(k)) queue_.push_back(k);
    }
    wake_.notify_all();
}

bool TileStreamer::waitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [&] { return queue_.empty() && inFlight_.empty(); });
}

StreamStats TileStreamer::stats() const {
    std::lock_guard lock(mutex_);
    StreamStats s = counters_;
    s.residentTiles = static_cast<int>(cache_.size());
    s.residentMb = static_cast<double>(bytes_) / kMb;
    s.queued = static_cast<int>(queue_.size());
    s.inFlight = static_cast<int>(inFlight_.size());
    return s;
}

std::vector<std::string> TileStreamer::takeProblems() {
    std::lock_guard lock(mutex_);
    return std::exchange(problems_, {});
}

std::vector<double> TileStreamer::takeLoadTimes() {
    std::lock_guard lock(mutex_);
    return std::exchange(loadTimes_, {});
}

} // namespace qinba
