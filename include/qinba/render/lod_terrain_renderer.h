#pragma once
// Level-of-detail terrain on the GPU: a cache of tile textures with a budget in MB and least-recently-used
// eviction, fed from a TileStreamer, and the drawing of each frame's selected tiles with shared grids (one
// per mesh stride).

#include "qinba/core/camera.h"
#include "qinba/core/lod_selection.h"
#include "qinba/core/terrain_style.h"
#include "qinba/core/tile_streamer.h"
#include "qinba/render/shader_program.h"
#include "qinba/render/terrain_renderer.h"

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace qinba {

/// What the level-of-detail pass did in one frame.
struct LodFrameStats {
    int tilesDrawn = 0;
    int triangles = 0;
    int drawCalls = 0;
    int uploads = 0;    ///< tiles moved to the GPU this frame
    int gpuTiles = 0;   ///< tiles resident on the GPU
    double gpuMb = 0.0; ///< GPU memory the tiles hold
    bool budgetLimited = false;
    double worstErrorPx = 0.0;
    int wanted = 0;         ///< tiles the frame would refine into once they arrive
    int coarsestLevel = -1; ///< levels of the drawn tiles (-1: none drawn)
    int finestLevel = -1;
};

/// Draws a streamed DEM. Requires a current OpenGL context for its whole life.
class LodTerrainRenderer {
  public:
    /// `program` is terrain_lod.vert with terrain.frag; `sceneOrigin` is subtracted from map coordinates.
    LodTerrainRenderer(ShaderProgram program, std::unique_ptr<TileStreamer> streamer, glm::dvec2 sceneOrigin);
    ~LodTerrainRenderer();
    LodTerrainRenderer(const LodTerrainRenderer&) = delete;
    LodTerrainRenderer& operator=(const LodTerrainRenderer&) = delete;

    /// Selects and draws the tiles for this view. `complete`: wait for every tile the view needs before
    /// drawing (offline renders and tests, so a frame is the same however fast the disk is); otherwise draw
    /// what is resident, upload at most a few tiles, and ask the loader for the rest.
    LodFrameStats draw(const TerrainRenderer& shading, const TerrainStyle& style, const TerrainPass& pass,
                       const CameraMatrices& matrices, const OrbitCamera& camera, Viewport viewport,
                       bool complete);

    /// Changes the error bound and budgets (the loader threads keep their number).
    void setSettings(const LodSettings& settings);
    const LodSettings& settings() const { return settings_; }
    TileStreamer& streamer() { return *streamer_; }
    const TilePyramid& pyramid() const { return streamer_->pyramid(); }
    /// Skirts hide the steps between tiles of different levels. Off only for diagnostics, to show what
    /// they hide.
    void setSkirts(bool on) { skirts_ = on; }
    /// Geomorphing slides vertices onto the coarser grid before a level switch. Off only for diagnostics.
    void setGeomorphing(bool on) { morph_ = on; }
    ShaderProgram& program() { return program_; }
    /// Elevation range of the coarsest level, metres.
    TileBounds rootBounds() const;

  private:
    struct GpuTile {
        unsigned height = 0, mask = 0;
        TileBounds bounds;
        PixelWindow window;
        int width = 0, height_ = 0;
        std::uint64_t lastUsed = 0;
    };
    const TileBounds* resident(TileKey key, int& uploadsLeft);
    bool upload(const TileData& data);
    void evictTo(std::size_t bytes);
    LodSelection select(const CameraMatrices& m, const OrbitCamera& camera, Viewport viewport,
                        double exaggeration, int uploadLimit, int& uploads);

    ShaderProgram program_;
    std::unique_ptr<TileStreamer> streamer_;
    glm::dvec2 origin_;
    LodSettings settings_;
    std::unordered_map<TileKey, GpuTile, TileKeyHash> tiles_;
    std::size_t gpuBytes_ = 0;
    std::uint64_t frame_ = 1;
    /// A tile grid of `cells` per side (the tile's cells over a mesh stride) with its skirts.
    struct Mesh {
        unsigned vao = 0, vbo = 0, ibo = 0;
        int indexCount = 0;
        int cells = 0;
    };
    static Mesh makeGrid(int cells);
    std::vector<Mesh> meshes_; ///< index k: every 2^k-th sample
    bool skirts_ = true;
    bool morph_ = true;
};

} // namespace qinba
