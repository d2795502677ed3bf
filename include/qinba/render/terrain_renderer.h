#pragma once
// GPU resources and drawing of one terrain: height, mask and colour-ramp textures and a grid mesh.

#include "qinba/core/camera.h"
#include "qinba/core/color_ramp.h"
#include "qinba/core/dem.h"
#include "qinba/core/terrain_style.h"
#include "qinba/render/shader_program.h"

#include <array>
#include <filesystem>
#include <glm/glm.hpp>

namespace qinba {

/// Values the terrain pass needs besides the style, all relative to the scene origin.
struct TerrainPass {
    glm::mat4 viewProjection{1.0f}; ///< world (relative to the scene origin) to clip space
    glm::vec3 eye{0.0f};            ///< eye relative to the scene origin, metres
    glm::vec3 hazeColor{1.0f};
    float hazeDistance = 4.0e5f; ///< metres over which haze builds up
    unsigned drapeTexture = 0;   ///< layers and zoning in map space (0: none)
    glm::vec2 drapeMin{0.0f};    ///< south-west corner of the drape, relative to the scene origin
    glm::vec2 drapeSize{1.0f};   ///< metres the drape covers
    unsigned classTexture = 0;   ///< rule margins of a class raster, drawn below the drape (0: none)
    unsigned classShares = 0;    ///< the rules' one-hot shares of the same raster, mipmapped
    unsigned classSpline = 0;    ///< the margins' cubic spline coefficients (cubic_spline.h), padded
    glm::vec2 classMin{0.0f};    ///< south-west corner of the class raster, relative to the scene origin
    glm::vec2 classSize{1.0f};   ///< metres it covers
    glm::vec2 classTexels{1.0f}; ///< its pixels per row, rows
    std::array<glm::vec4, 4> ruleColors{}; ///< straight-alpha colour of each rule, layer opacity applied
};

/// Draws a Dem uploaded with setDem(). Requires a current OpenGL context for its whole life.
class TerrainRenderer {
  public:
    explicit TerrainRenderer(ShaderProgram program) : program_(std::move(program)) {}
    ~TerrainRenderer();
    TerrainRenderer(const TerrainRenderer&) = delete;
    TerrainRenderer& operator=(const TerrainRenderer&) = delete;

    /// Uploads heights and mask, and builds a grid of at most `triangleBudget` triangles (every n-th sample,
    /// always including the last row and column). `sceneOrigin` is subtracted from map coordinates so the
    /// GPU works with small numbers.
    Status setDem(const Dem& dem, glm::dvec2 sceneOrigin, int triangleBudget);
    /// Rebuilds only the grid, for a changed triangle budget.
    void setTriangleBudget(int triangleBudget);
    void setRamp(const ColorRamp& ramp);
    void draw(const TerrainStyle& style, const TerrainPass& pass);
    /// Sets the lighting, colour ramp, haze and drape uniforms of a terrain program (this one or the
    /// level-of-detail one, which shares terrain.frag) and binds the ramp and drape to units 2 and 3.
    void setShading(ShaderProgram& program, const TerrainStyle& style, const TerrainPass& pass) const;
    bool hasRamp() const { return rampTex_ != 0; }

    ShaderProgram& program() { return program_; }
    int triangles() const { return indexCount_ / 3; }
    bool hasDem() const { return heightTex_ != 0; }

  private:
    void buildGrid(int triangleBudget);
    ShaderProgram program_;
    unsigned heightTex_ = 0, maskTex_ = 0, rampTex_ = 0;
    unsigned vao_ = 0, vbo_ = 0, ibo_ = 0;
    int indexCount_ = 0;
    int demWidth_ = 0, demHeight_ = 0;
    double cellSize_ = 1.0;
    glm::vec2 firstSample_{0.0f}, span_{0.0f};
    glm::vec2 rampRange_{0.0f, 1.0f};
    bool shadeOnly_ = false;
};

} // namespace qinba
