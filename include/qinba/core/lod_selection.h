#pragma once
// Choosing which terrain tiles to draw: a quadtree walk by screen-space error, with frustum culling, a tile
// budget, and coarse tiles standing in for finer ones that have not arrived yet. CPU only; the renderer
// executes the resulting draw list.

#include "qinba/core/tile_pyramid.h"

#include <array>
#include <functional>
#include <glm/glm.hpp>
#include <vector>

namespace qinba {

/// Level-of-detail settings (user preferences; the command line can override them).
struct LodSettings {
    /// Largest screen-space error allowed, in pixels: a tile is refined while the spacing of its samples,
    /// seen from the eye, spans more pixels than this (the shading detail); each tile's mesh then takes
    /// every 2nd, 4th, … sample while its height error stays within this (the triangles). Smaller is
    /// sharper and draws more triangles.
    double maxScreenErrorPx = 3.0;
    double cpuCacheMb = 512.0; ///< budget of the in-memory tile cache, MB
    double gpuCacheMb = 256.0; ///< budget of the GPU tile cache, MB
    int loaderThreads = 2;     ///< background threads reading tiles
    int tileCells = 64;        ///< cells per tile side
};

/// What the selection needs to know of the camera, in world metres (z = elevation × exaggeration).
struct LodView {
    glm::dmat4 viewProjection{1.0};
    glm::dvec3 eye{0.0};
    double pixelsPerRadian = 1000.0; ///< viewport height / (2·tan(fovY/2)); perspective projection
    bool orthographic = false;
    double metresPerPixel = 1.0; ///< orthographic projection only
    double exaggeration = 1.0;
};

/// Elevation range of a tile whose data is at hand, metres.
/// Meshes a tile can be drawn with: every sample, every 2nd, 4th, 8th or 16th.
inline constexpr int kMeshStrides = 5;

struct TileBounds {
    float minHeight = 0.0f;
    float maxHeight = 0.0f;
    /// meshError[k]: largest vertical distance, metres, between the tile's samples and a mesh through
    /// every 2^k-th sample (bilinear in each cell); meshError[0] is 0. See tileMeshErrors().
    std::array<float, kMeshStrides> meshError{};
};

/// TileBounds::meshError of a tile's heights (`width`×`height` texels, row-major, NaN where no data) whose
/// own samples start at texel (`originX`, `originY`) after its margin and span `cells` cells a side (the
/// margin beyond is left out, as are cells past the texture's last texel). Samples with no data are skipped.
std::array<float, kMeshStrides> tileMeshErrors(const float* heights, int width, int height, int originX,
                                               int originY, int cells);

/// One tile to draw and the eye distances (world metres) over which its vertices morph towards the grid of
/// its parent, so that switching levels never pops.
struct TileDraw {
    TileKey key;
    double morphStart = 0.0;
    double morphEnd = 0.0;
    double screenErrorPx = 0.0; ///< the tile's screen-space error when selected
    /// Mesh of every meshStride-th sample (1, 2, 4, 8 or 16): the coarsest whose height error, seen from
    /// the eye, is within the bound.
    int meshStride = 1;
};

/// The draw list of one frame and what it still lacks.
struct LodSelection {
    std::vector<TileDraw> draws;
    std::vector<TileKey> wanted; ///< tiles to load, most urgent first
    int culled = 0;              ///< tiles dropped by the frustum test
    bool budgetLimited = false;  ///< refinement stopped at the tile budget
    double worstErrorPx = 0.0;   ///< largest screen-space error among drawn tiles coarser than the data
};

/// Returns the tile's bounds when its data can be drawn this frame, nullptr when it cannot (not loaded, or
/// failed). Called at most once per tile per selection.
using TileResidency = std::function<const TileBounds*(TileKey)>;

/// Geometric error of a level in metres: the spacing of its samples.
double lodGeometricError(const TilePyramid& pyramid, int level);

/// Screen-space error in pixels of a level seen from `distance` metres.
double lodScreenError(const TilePyramid& pyramid, int level, const LodView& view, double distance);

/// Walks the quadtree from the root: a tile is replaced by its children while its screen-space error
/// exceeds `settings.maxScreenErrorPx`, all its visible children are resident and the draw list stays within
/// `maxTiles`; tiles outside the view frustum are dropped. Missing children go to `wanted`.
LodSelection selectTiles(const TilePyramid& pyramid, const LodView& view, const LodSettings& settings,
                         const TileResidency& residency, int maxTiles);

} // namespace qinba
