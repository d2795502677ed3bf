#pragma once
// Draws a DrawList (wide lines, markers, screen shapes) over the terrain. Static geometry stays on the GPU:
// lines, markers that are not animated and screen shapes are sent again only when their content changes
// (the document, the stage, the screen layout); per frame only the animated markers (flow marks) are sent.

#include "qinba/core/camera.h"
#include "qinba/core/draw_list.h"
#include "qinba/core/result.h"
#include "qinba/render/shader_program.h"

#include <cstddef>
#include <cstdint>
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

    /// Bytes one marker instance takes on the GPU (what an animated marker costs per frame).
    static std::size_t markerInstanceBytes();

  private:
    /// A vertex array with one buffer whose content is known by a fingerprint of what it was built from.
    struct Cached {
        unsigned vao = 0, vbo = 0;
        std::uint64_t key = 0;
        int count = 0; ///< vertices or instances
        bool built = false;
    };
    OverlayRenderer(ShaderProgram lines, ShaderProgram markers, ShaderProgram screen);
    void drawMarkers(Cached& buffer, int count);
    ShaderProgram lines_;
    ShaderProgram markers_;
    ShaderProgram screen_;
    float depthPull_ = 0.0f;
    Cached screenShapes_, testedLines_, topLines_, staticMarkers_, animatedMarkers_;
    unsigned cornerVbo_ = 0;
};

} // namespace qinba
