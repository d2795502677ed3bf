#pragma once
// Small helpers around GDAL's process-wide state: driver registration and error capture.

#include "qinba/core/result.h"

#include <string>
#include <vector>

namespace qinba {

/// Registers GDAL's drivers once per process; safe to call from anywhere, any number of times.
void ensureGdalRegistered();

/// True for names GDAL resolves itself: virtual file systems (/vsimem/, /vsicurl/, ...) and
/// "DRIVER:file:subdataset" names, which are not plain files to check for.
bool isGdalVirtualPath(const std::string& path);

/// Metres per unit of a band's unit type ("ft", "US survey foot", ...); 1 for metres and unknown units.
double unitToMetres(const char* unit);

/// True when a north-up geotransform of `width` × `height` pixels lies within longitude/latitude degrees.
bool looksGeographic(const double geoTransform[6], int width, int height);

/// Largest side of a DEM in samples: a global one at 1 arc-second has 1,296,000 per row, so a larger size
/// means a damaged header (and reading it would make GDAL allocate gigabytes).
constexpr int kMaxDemSide = 1500000;

/// A DEM of `width` × `height` samples is at least 2×2 and no side exceeds kMaxDemSide; the error names
/// `path` and the size.
Status checkDemSize(const std::string& path, int width, int height);

/// While alive, keeps GDAL's warnings and errors on this thread off stderr and records them, so callers can
/// put them into their own one-line Error instead.
class GdalErrorCapture {
  public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// Messages recorded so far (failures and warnings), oldest first.
    const std::vector<std::string>& messages() const { return messages_; }
    /// The last failure message, or the last warning when there was no failure; empty when none.
    std::string last() const;
    /// " (GDAL: <last>)" when GDAL said something, otherwise empty: ready to append to an error message.
    std::string suffix() const;

  private:
    static void handler(int errClass, int errNo, const char* msg);
    std::vector<std::string> messages_;
    std::string lastFailure_;
};

} // namespace qinba
