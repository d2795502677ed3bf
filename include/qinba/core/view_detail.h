#pragma once
// How much of the source data's detail a view can show: when the camera comes closer than the finest data
// resolves, the picture is magnified data, and the viewer says so instead of pretending to detail.

#include <string>

namespace qinba {

/// A view magnifies the data when one cell spans more than this many screen pixels (fewer than 4 cells per
/// 100 pixels).
inline constexpr double kMagnifiedPixelsPerCell = 25.0;

/// Screen pixels that one data cell of `cellSizeM` metres spans when seen face-on from `distanceM` metres by
/// a perspective camera of vertical field of view `fovYDeg` degrees over a viewport `viewportHeightPx`
/// pixels tall. 0 for a degenerate input (non-positive or non-finite values).
double pixelsPerCell(double cellSizeM, double distanceM, double fovYDeg, int viewportHeightPx);

/// True when pixelsPerCell exceeds kMagnifiedPixelsPerCell.
bool terrainMagnified(double cellSizeM, double distanceM, double fovYDeg, int viewportHeightPx);

/// A cell size as people read it: "3.7 km", "450 m", "30 m", "0.5 m".
std::string formatCellSize(double metres);

/// The status bar's note, translated: "terrain magnified: data has 3.7 km cells"; empty when the view does
/// not magnify the data.
std::string magnificationNote(double cellSizeM, double distanceM, double fovYDeg, int viewportHeightPx);

} // namespace qinba
