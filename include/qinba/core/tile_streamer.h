#pragma once
// Out-of-core terrain: background threads read tiles through GDAL into an in-memory cache with a budget in
// MB and least-recently-used eviction. The frame loop never waits for I/O: it asks for what it wants and
// draws what is there.

#include "qinba/core/lod_selection.h"
#include "qinba/core/tile_source.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

namespace qinba {

/// Bytes one tile of `tileCells` takes in the CPU cache and on the GPU (heights and mask).
std::size_t cpuTileBytes(int tileCells);
std::size_t gpuTileBytes(int tileCells);

/// Checks that both cache budgets can hold the two coarsest levels (the root and its children), which must
/// stay resident for anything to be drawn. The error names the setting and the smallest budget that works.
Status checkCacheBudgets(const TilePyramid& pyramid, const LodSettings& settings, const std::string& path);

/// The state of the cache, for the HUD and the benchmark.
struct StreamStats {
    int residentTiles = 0;
    double residentMb = 0.0;
    double budgetMb = 0.0;
    int queued = 0;
    int inFlight = 0;
    long long loaded = 0;   ///< tiles read since opening
    long long failed = 0;   ///< tiles that could not be read
    long long evicted = 0;  ///< tiles dropped for the budget
    long long rejected = 0; ///< tiles read but not kept because the budget was full of tiles in use
};

class TileStreamer {
  public:
    /// Opens one source handle per loader thread, checks the budgets and reads the two coarsest levels
    /// before returning, so the first frame has terrain to show.
    static Result<std::unique_ptr<TileStreamer>>
    open(const TileSourceSpec& spec, const MapProjection& projection, const LodSettings& settings);
    ~TileStreamer();
    TileStreamer(const TileStreamer&) = delete;
    TileStreamer& operator=(const TileStreamer&) = delete;

    const TileSourceInfo& info() const { return info_; }
    const TilePyramid& pyramid() const { return info_.pyramid; }
    const LodSettings& settings() const { return settings_; }

    /// Starts a frame: tiles found during it are in use and are not evicted until the next frame.
    void beginFrame();
    /// The tile when it is in the cache (marking it used this frame), else nullptr.
    std::shared_ptr<const TileData> find(TileKey key);
    bool failed(TileKey key) const;
    /// Replaces the queue with these tiles (most urgent first); tiles already cached, being read, or failed
    /// are skipped.
    void request(const std::vector<TileKey>& wanted);
    /// Waits until nothing is queued or being read, or until `timeout` passes; true when idle.
    bool waitIdle(std::chrono::milliseconds timeout);

    StreamStats stats() const;
    /// Messages about tiles that failed since the last call (each failed tile once).
    std::vector<std::string> takeProblems();
    /// Read times of the tiles loaded since the last call, milliseconds.
    std::vector<double> takeLoadTimes();

  private:
    TileStreamer() = default;
    void worker(std::size_t index);
    void insert(TileData&& data);

    struct Entry {
        std::shared_ptr<const TileData> data;
        std::uint64_t lastUsed = 0;
    };
    TileSourceInfo info_;
    LodSettings settings_;
    std::vector<std::unique_ptr<TileSource>> sources_;
    std::vector<std::thread> threads_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<TileKey> queue_;
    std::set<TileKey> inFlight_;
    std::set<TileKey> failed_;
    std::unordered_map<TileKey, Entry, TileKeyHash> cache_;
    std::size_t bytes_ = 0;
    std::uint64_t frame_ = 1;
    bool stopping_ = false;
    std::vector<std::string> problems_;
    std::vector<double> loadTimes_;
    StreamStats counters_;
};

} // namespace qinba
