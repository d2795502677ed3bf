#include "qinba/core/view_detail.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cmath>
#include <cstdio>

namespace qinba {

double pixelsPerCell(double cellSizeM, double distanceM, double fovYDeg, int viewportHeightPx) {
    if (!(cellSizeM > 0) || !(distanceM > 0) || !(fovYDeg > 0 && fovYDeg < 180) || viewportHeightPx <= 0 ||
        !std::isfinite(cellSizeM) || !std::isfinite(distanceM))
        return 0.0;
    const double visibleHeight = 2.0 * distanceM * std::tan(fovYDeg * M_PI / 360.0);
    return cellSizeM * viewportHeightPx / visibleHeight;
}

bool terrainMagnified(double cellSizeM, double distanceM, double fovYDeg, int viewportHeightPx) {
    return pixelsPerCell(cellSizeM, distanceM, fovYDeg, viewportHeightPx) > kMagnifiedPixelsPerCell;
}

std::string formatCellSize(double metres) {
    char buf[32];
    if (metres >= 10000.0)
        std::snprintf(buf, sizeof buf, "%.0f km", metres / 1000.0);
    else if (metres >= 1000.0)
        std::snprintf(buf, sizeof buf, "%.1f km", metres / 1000.0);
    else if (metres >= 10.0)
        std::snprintf(buf, sizeof buf, "%.0f m", metres);
    else
        std::snprintf(buf, sizeof buf, "%.1f m", metres);
    return buf;
}

std::string magnificationNote(double cellSizeM, double distanceM, double fovYDeg, int viewportHeightPx) {
    if (!terrainMagnified(cellSizeM, distanceM, fovYDeg, viewportHeightPx)) return {};
    return formatText(_("terrain magnified: data has {} cells"), formatCellSize(cellSizeM));
}

} // namespace qinba
