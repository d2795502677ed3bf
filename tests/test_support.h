#pragma once
// Helpers shared by the tests: temporary folders and small synthetic rasters written through GDAL.

#include <filesystem>
#include <functional>
#include <glm/glm.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qinba::test {

/// Whether this build runs under AddressSanitizer or ThreadSanitizer (the sanitizer suite, `cmake --preset
/// asan`, builds the tests and `qinba` alike), which slow code down several times over and hold freed memory
/// in a quarantine.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitizerBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif
#else
inline constexpr bool kSanitizerBuild = false;
#endif

/// Whether wall-clock bounds are checked in this build: optimised and without sanitizers. Elsewhere timing
/// tests keep their functional checks and print their figures with a note that the bound was not checked.
#ifdef __OPTIMIZE__
inline constexpr bool kTimingBoundsApply = !kSanitizerBuild;
#else
inline constexpr bool kTimingBoundsApply = false;
#endif

/// A fresh folder under the system's temporary directory, removed with everything in it on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

/// A known smooth terrain for checking loaded values: 500 m plains with a 2000 m Gaussian hill centred at
/// 107.5°E 33°N (so the top is at 2500 m).
double syntheticHeight(double lon, double lat);

/// Grid of a synthetic raster: `width` × `height` cells starting at the north-west corner (x0, y0) with cell
/// size `dx`, `dy` (dy positive, rows go south), in the CRS `crs` (empty: none written).
struct SyntheticGrid {
    int width = 100;
    int height = 80;
    double x0 = 105.0, y0 = 35.0, dx = 0.05, dy = 0.05;
    std::string crs = "EPSG:4326";
    bool geotransform = true;
};

/// Writes a raster through GDAL's `driver` (via an in-memory copy, so drivers without Create work).
/// Each cell holds `value(col, row, x, y)` where x, y is the cell centre in the grid's CRS; returning
/// nullopt writes `noData`. Returns an empty string on success or GDAL's message.
std::string writeRaster(const std::string& path, const std::string& driver, const SyntheticGrid& grid,
                        const std::function<std::optional<double>(int, int, double, double)>& value,
                        std::optional<double> noData = std::nullopt, const char* dataType = "Float32");

/// writeRaster with syntheticHeight at each cell centre, for grids in longitude/latitude.
std::string writeSyntheticGeographic(const std::string& path, const std::string& driver,
                                     const SyntheticGrid& grid);

/// A folder of elevation tiles as institutes hold them, for import-dem: N33E107.hgt (SRTM3, 1201²,
/// syntheticHeight with a 5×5-cell void and a 60×60-cell void), N33E108.hgt.zip (zipped SRTM3, with a
/// 2×2-cell void), N34E107.hgt (corrupt: 1000 bytes of text) and utm49n.tif (a GeoTIFF in UTM zone 49N east
/// of the others, a 900 m plane). Returns an empty string on success or what went wrong.
std::string writeHgtTileSet(const std::filesystem::path& dir);
/// Centres (longitude, latitude) of the small and the large void of N33E107.hgt.
inline constexpr double kSmallVoidLon = 107.25, kSmallVoidLat = 33.75, kLargeVoidLon = 107.75,
                        kLargeVoidLat = 33.75;
/// Copies an existing raster to `path` with GDAL's `driver` (e.g. a VRT that references `source`).
std::string copyRaster(const std::string& source, const std::string& path, const std::string& driver);

/// Writes vector features through OGR's `driver` (e.g. "GeoJSON", "ESRI Shapefile"): WKT geometries in
/// `crs`, each with a "name" field. Returns an empty string on success or what went wrong.
std::string writeVector(const std::string& path, const char* driver, const std::string& crs,
                        const std::vector<std::pair<std::string, std::string>>& namedWkt);

/// The repository's source folder (for assets and goldens).
std::filesystem::path sourceDir();

/// What a shell command printed (stdout and stderr together) and its exit status (-1: it did not exit).
struct ShellRun {
    int status = -1;
    std::string out;
};
/// Runs `command` through the shell with stderr joined to stdout.
ShellRun shell(const std::string& command);

/// Distance from `p` to the polyline through `line` (same units), for "drawn along the route" checks.
double distanceToPolyline(glm::dvec2 p, const std::vector<glm::dvec2>& line);

} // namespace qinba::test
