#pragma once
// The one renderer the interactive viewer and the headless commands share: sky, then terrain.

#include "qinba/core/camera.h"
#include "qinba/core/dem.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/result.h"
#include "qinba/core/terrain_style.h"
#include "qinba/render/lod_terrain_renderer.h"

#include <filesystem>
#include <glm/glm.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qinba {

class TerrainRenderer;
class ShaderProgram;
class OverlayRenderer;
class TextRenderer;
class ClassRasterTexture;
class DrapeRenderer;
struct Layer;

/// Everything that decides one frame's pixels.
struct SceneFrame {
    OrbitCamera camera;
    Viewport viewport;
    TerrainStyle style;
    glm::vec3 background{0.10f, 0.11f, 0.13f}; ///< clear colour when style.sky is off
    const DrawList* overlay = nullptr;         ///< corridors, flows and places over the terrain, if any
    /// Draw only this part of the `viewport`-sized image (into a target of the tile's size): for images
    /// larger than the GPU renders at once, and for one screen of a video wall, whose `viewport` is the
    /// whole wall's canvas (an off-axis frustum of the wall's camera). Screen-space overlay items stay in
    /// whole-image pixels, so every tile shows the same labels, legend and captions, clipped.
    std::optional<PixelRect> tile;
    /// Streamed terrain only: draw the tiles at hand and let the rest arrive (the interactive viewer). When
    /// false the frame waits for every tile its view needs, so offline frames do not depend on disk speed.
    bool streamWithoutWaiting = false;
    /// Measure the time of each part (FrameStats::parts); for benchmarks, since reading the timers waits
    /// for the GPU to finish the frame.
    bool timeParts = false;
};

/// GPU time of the parts of a frame, milliseconds (GL_TIME_ELAPSED queries).
struct FramePartTimes {
    double sky = 0.0;
    double terrain = 0.0;
    double overlays = 0.0; ///< corridors, flows, markers and screen shapes
    double text = 0.0;     ///< labels and notes
};

/// What a frame cost, for the status line and benchmarks.
struct FrameStats {
    int triangles = 0;
    int drawCalls = 0;
    bool streamed = false; ///< the terrain came from the level-of-detail renderer; `lod` says more
    LodFrameStats lod;
    FramePartTimes parts; ///< only with SceneFrame::timeParts
};

/// Draws a scene into the currently bound framebuffer. Requires a current OpenGL context for its whole life.
class SceneRenderer {
  public:
    /// Loads the shaders from `shaderDir` (terrain.*, sky.*); errors name the shader file.
    static Result<std::unique_ptr<SceneRenderer>> create(const std::filesystem::path& shaderDir);
    ~SceneRenderer();

    /// Uploads a DEM; the scene origin moves to its centre.
    Status setDem(const Dem& dem, int triangleBudget);
    void setTriangleBudget(int triangleBudget);
    bool hasDem() const;

    /// Draws the terrain from a tile streamer (level of detail, out of core) instead of the uploaded DEM,
    /// which may stay as the coarse surface the overlays follow. Without a DEM the scene's origin and extent
    /// come from the streamed raster. nullptr goes back to drawing the uploaded DEM.
    Status setStreamedTerrain(std::unique_ptr<TileStreamer> streamer);
    /// The level-of-detail renderer, or nullptr when the terrain is not streamed.
    LodTerrainRenderer* lod() { return lod_.get(); }

    /// World box of the displayed terrain for an exaggeration (for clip planes and camera limits).
    WorldBox sceneBox(double exaggeration) const;

    /// Renders the frame; the caller has bound the target and set the viewport to frame.viewport (and, to
    /// draw into part of the target, a matching scissor rectangle: clearing respects it).
    FrameStats render(const SceneFrame& frame);

    /// Redraws the drape (raster layers and polygon fills, in order) over the terrain's extent; call when the
    /// layers, their order, visibility or style change. An empty list removes the drape. The first raster of
    /// classes with rule margins (the zoning) is not drawn into the drape but classified per pixel by the
    /// terrain shader, below the drape, so its boundaries stay smooth at any zoom.
    void setDrapedLayers(const std::vector<const Layer*>& layers);

    /// The text renderer for labels and notes (Noto Sans CJK), or nullptr when no font could be opened;
    /// textProblem() then says why.
    TextRenderer* text() { return text_.get(); }
    const std::string& textProblem() const { return textProblem_; }

    /// Rebuilds shaders whose files changed (for hot reload while developing). `reloaded` tells whether any
    /// changed; a broken edit keeps the previous program and returns the compiler's error.
    Status reloadShadersIfChanged(bool& reloaded);

  private:
    SceneRenderer() = default;
    /// Starts timing a part when the frame asks for it; end the part with endPart(). `into` gets the time.
    void beginPart(bool timed, double* into);
    void endPart();
    unsigned timerQuery_ = 0;
    double* timedPart_ = nullptr;
    std::unique_ptr<TerrainRenderer> terrain_;
    std::unique_ptr<ShaderProgram> sky_;
    std::unique_ptr<OverlayRenderer> overlay_;
    std::unique_ptr<TextRenderer> text_;
    std::unique_ptr<DrapeRenderer> drape_;
    std::unique_ptr<ClassRasterTexture> classes_; ///< the class raster drawn by the terrain shader
    std::unique_ptr<LodTerrainRenderer> lod_;
    std::filesystem::path shaderDir_;
    double demCellSize_ = 0.0;
    double overlaySurfaceError_ = 0.0; ///< metres the overlays' surface may differ from streamed terrain
    std::string textProblem_;
    unsigned emptyVao_ = 0;
    std::string rampId_;
    glm::dvec2 origin_{0.0};
    MapRect bounds_{};
    double minElevation_ = 0.0, maxElevation_ = 0.0;
};

} // namespace qinba
