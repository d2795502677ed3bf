#pragma once
// Draws a DrawList (wide lines and markers) over the terrain.

#include "qinba/core/camera.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/result.h"
#include "qinba/render/shader_program.h"

#include <filesystem>
#include <glm/glm.hpp>
#include <memory>

namespace qinba {

/// GPU buffers and shaders for the overlay. Requires a current OpenGL context for its whole life.
class OverlayRenderer {
  public:
    static Result<std::unique_ptr<OverlayRenderer>> create(const std::filesystem::path& shaderDir);
    ~OverlayRenderer();
    OverlayRenderer(const OverlayRenderer&) = delete;
    OverlayRenderer& operator=(const OverlayRenderer&) = delete;

    /// Draws `list` for `camera`. `viewProjection` maps world coordinates relative to `origin` to clip space.
    /// Blending on, depth writes off. Returns the number of draw calls.
    /// `viewport` is the target's size; `fullViewport` the whole image's (they differ when drawing a tile,
    /// whose top-left is `tileOffset` in whole-image pixels).
    int draw(const DrawList& list, const glm::mat4& viewProjection, glm::dvec3 origin,
             const OrbitCamera& camera, Viewport viewport, Viewport fullViewport, glm::vec2 tileOffset);

    Status reloadShadersIfChanged(bool& reloaded);

    /// Metres lines and markers are pulled towards the eye at least (beyond their own width), so terrain
    /// drawn finer than the surface they were draped on does not cut them. 0 by default.
    void setDepthPull(float metres) { depthPull_ = metres; }

  private:
    OverlayRenderer(ShaderProgram lines, ShaderProgram markers, ShaderProgram screen);
    ShaderProgram lines_;
    ShaderProgram markers_;
    ShaderProgram screen_;
    float depthPull_ = 0.0f;
    unsigned screenVao_ = 0, screenVbo_ = 0;
    unsigned lineVao_ = 0, lineVbo_ = 0;
    unsigned markerVao_ = 0, cornerVbo_ = 0, instanceVbo_ = 0;
};

} // namespace qinba
