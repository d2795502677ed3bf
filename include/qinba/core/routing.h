#pragma once
// Corridors that follow the land: least-cost paths over a Dem (through passes and valleys rather than over
// peaks), smoothed into clean polylines, and a cache so that each distinct route is computed once.

#include "qinba/core/dem.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace qinba {

/// Weights of the least-cost path. The search runs over the DEM's samples, each linked to its 16 neighbours
/// (8 adjacent samples and the 8 knight moves). A step of horizontal length L metres between samples of
/// elevation h0 and h1 metres costs
///
///     L × (1 + slopeWeight × g² + elevationWeight × max(0, (h0 + h1) / 2) / 1000)
///
/// where g = |h1 − h0| / L is the grade (rise over run, 0.05 for 5 %). Diagonal and knight steps pass
/// between samples, so they are costed as two half steps through the midpoint, whose elevation is the mean
/// of the samples the step passes between; that keeps a step from hopping over a narrow ridge. Samples
/// without data are impassable. Every step costs at least its length, so a route costs at least its length.
/// The defaults were tuned on the default DEM (samples about 3.3 km apart): a 5 % grade doubles a step's
/// cost, 10 % makes it 5×, and each 1000 m of altitude adds half a flat step.
struct RouteCostModel {
    double slopeWeight = 400.0;   ///< weight of the squared grade; ≥ 0
    double elevationWeight = 0.5; ///< extra cost per 1000 m of mean altitude above sea level; ≥ 0
};

/// A route in map metres from the first stop to the last.
struct Route {
    /// Smoothed polyline in map metres; the first point is exactly the first stop, the last exactly the last
    /// stop, and every waypoint is one of the points.
    std::vector<MapPoint> points;
    double lengthMetres = 0.0; ///< horizontal length of the polyline, metres
    double maxElevation = 0.0; ///< highest DEM elevation along the polyline (sampled every half cell), metres
    /// Steepest grade along the route (rise over run): the DEM is sampled along the polyline every half cell
    /// and the grade is taken over each stretch of one cell.
    double maxSlope = 0.0;
};

/// The least-cost path through `stops` (start, waypoints…, end; map metres), leg by leg: an A* search over
/// the DEM's samples (deterministic: ties are broken by sample index), each stop joined to its nearest
/// sample, then the grid path is simplified without cutting across higher or steeper ground, its corners
/// are rounded (Chaikin), and the stops are kept exact. Takes well under half a second a route on the
/// default DEM. Errors name the stop ("stops[i]") when it is not finite, outside the DEM or on no data, or
/// the leg ("stops[i]..stops[i+1]") when no path over samples with data joins them; also for fewer than
/// two stops, an empty DEM or a negative or non-finite weight.
Result<Route> findRoute(const Dem& dem, const std::vector<MapPoint>& stops, const RouteCostModel& model = {});

/// A stable 64-bit fingerprint of a DEM's grid (size, origin, cell size and heights, NaN included) for
/// cache keys: the same on every run and machine for the same grid.
std::uint64_t demFingerprint(const Dem& dem);

/// Default disk cache folder: $QINBA_CACHE_DIR/routes when QINBA_CACHE_DIR is set, else
/// $XDG_CACHE_HOME/qinba-atlas/routes, else ~/.cache/qinba-atlas/routes.
std::filesystem::path defaultRouteCacheDir();

/// Computes each distinct route (DEM fingerprint, stops, cost model) once: a memory cache plus, when given
/// a folder, one small JSON file a route (route-<key>.json, written atomically) so routes survive restarts.
/// Files that are unreadable, corrupt or for another request are ignored and rewritten; a folder that
/// cannot be written only loses the disk copy. Errors are returned, not cached. Safe to use from several
/// threads (requests are served one at a time).
class RouteCache {
  public:
    /// `diskDir` empty: memory only. The folder is created when the first route is written.
    explicit RouteCache(std::filesystem::path diskDir = {});

    /// The route for this request, from memory, from disk, or computed with findRoute().
    Result<Route> get(const Dem& dem, const std::vector<MapPoint>& stops, const RouteCostModel& model = {});

    /// How many routes were actually computed by findRoute() (for tests and diagnostics).
    std::size_t computed() const;
    /// How many routes were read from the disk folder.
    std::size_t loadedFromDisk() const;

    const std::filesystem::path& diskDir() const { return diskDir_; }
    /// The file that holds (or would hold) this request's route; empty without a disk folder.
    std::filesystem::path diskFile(const Dem& dem, const std::vector<MapPoint>& stops,
                                   const RouteCostModel& model = {}) const;

  private:
    std::filesystem::path diskDir_;
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, Route> memory_;
    std::size_t computed_ = 0;
    std::size_t loaded_ = 0;
};

} // namespace qinba
