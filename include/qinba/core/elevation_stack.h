#pragma once
// Elevation sources composited by priority: a list of DEMs, finest first, each used where it has data and
// the next one showing through where it has none (the embedded 2′ DEM last, as the fallback everywhere).
// Where a finer source's data ends, its heights are blended into the coarser ones over a few cells, so no
// step or crack shows along the edge.

#include "qinba/core/dem.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/result.h"

#include <functional>
#include <string>
#include <vector>

namespace qinba {

/// Cells over which a finer source fades into the coarser one at the edge of its data.
constexpr int kDefaultBlendCells = 4;

/// The word that names the embedded DEM in a list of sources (`--dem embedded`, the view settings).
inline constexpr const char* kEmbeddedDemName = "embedded";

/// The file behind one entry of a source list: the embedded DEM for "" and kEmbeddedDemName.
std::string resolveDemEntry(const std::string& entry);

/// Blending weight (0–1) of each sample of a `width` × `height` grid of one source (NaN: no data): 0 where
/// it has no data, rising by 1/`blendCells` per cell of distance (8-neighbour steps) from the nearest
/// sample without data, 1 from `blendCells` cells inside. The grid's own border is not an edge: callers
/// read a margin of `blendCells` cells round what they keep, so neighbouring tiles agree.
std::vector<float> blendWeights(const float* heights, int width, int height, int blendCells);

/// Composites grids of the same shape, finest first: the last is the base, and every finer one replaces it
/// where it has data, blended at the edges (blendWeights). A sample no source has stays NaN.
std::vector<float> compositeGrids(const std::vector<const float*>& finestFirst, int width, int height,
                                  int blendCells = kDefaultBlendCells);

/// Composites whole DEMs (finest first) onto one grid over the union of their rectangles whose cell is
/// the finest source's, coarsened so that no side exceeds `maxSide`. The result's provenance is the
/// first source's, with sourceWidth/Height the size of the stack at the finest source's resolution.
Result<Dem> compositeDems(const std::vector<const Dem*>& finestFirst, int maxSide = 2048,
                          int blendCells = kDefaultBlendCells);

/// What the panel shows of a loaded DEM.
TerrainSourceInfo describeDem(const std::string& listedAs, const Dem& dem);

} // namespace qinba
