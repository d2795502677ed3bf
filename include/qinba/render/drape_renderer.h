#pragma once
// The drape: a texture in map space over the terrain's extent that holds raster layers and polygon fills,
// sampled by the terrain shader so they follow the ground exactly (no z-fighting, no sinking).

#include "qinba/core/layer.h"
#include "qinba/core/result.h"
#include "qinba/render/shader_program.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace qinba {

/// Owns the drape texture and draws layers into it. Requires a current OpenGL context for its whole life.
class DrapeRenderer {
  public:
    /// Longest side of the drape texture, texels (less when the GPU's textures are smaller).
    static constexpr int kLongestSide = 2048;

    static Result<std::unique_ptr<DrapeRenderer>> create(const std::filesystem::path& shaderDir);
    ~DrapeRenderer();
    DrapeRenderer(const DrapeRenderer&) = delete;
    DrapeRenderer& operator=(const DrapeRenderer&) = delete;

    /// Redraws the drape over `extent` (map metres) from `layers` in order: raster images, then polygon fills
    /// (even-odd rule, so holes stay open). Call when the layers, their order, visibility or style change.
    void rebuild(const std::vector<const Layer*>& layers, const MapRect& extent);
    /// True when the last rebuild drew anything.
    bool hasContent() const { return hasContent_; }
    unsigned texture() const { return colour_; }
    const MapRect& extent() const { return extent_; }

  private:
    explicit DrapeRenderer(ShaderProgram program);
    void ensureTarget(const MapRect& extent);
    ShaderProgram program_;
    unsigned fbo_ = 0, colour_ = 0, stencil_ = 0, vao_ = 0, vbo_ = 0, image_ = 0;
    int width_ = 0, height_ = 0;
    MapRect extent_{};
    bool hasContent_ = false;
};

} // namespace qinba
