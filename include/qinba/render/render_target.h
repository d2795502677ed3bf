#pragma once
// An offscreen framebuffer with optional multisampling, for headless rendering and screenshots.

#include "qinba/core/image.h"
#include "qinba/core/result.h"

namespace qinba {

/// Colour (RGBA8) and depth renderbuffers of a fixed size, multisampled when asked and available, plus a
/// single-sampled copy for reading pixels back. Requires a current OpenGL context for its whole life.
class RenderTarget {
  public:
    /// `samples` is clamped to what the context supports; 0 or 1 means no multisampling. Sizes beyond the
    /// GPU's largest renderbuffer are an error that says the limit.
    static Result<RenderTarget> create(int width, int height, int samples);
    ~RenderTarget();
    RenderTarget(RenderTarget&& other) noexcept;
    RenderTarget& operator=(RenderTarget&& other) noexcept;
    RenderTarget(const RenderTarget&) = delete;
    RenderTarget& operator=(const RenderTarget&) = delete;

    /// Binds the framebuffer for drawing and sets the viewport to its size.
    void bind() const;
    /// Resolves multisampling and reads the image, top row first.
    ImageRgba8 read() const;
    /// Resolves multisampling and binds the single-sampled result as GL_READ_FRAMEBUFFER, for a read of
    /// one's own (glReadPixels rows come bottom row first).
    void bindForReading() const;

    int width() const { return width_; }
    int height() const { return height_; }
    int samples() const { return samples_; }

  private:
    RenderTarget() = default;
    void release();
    int width_ = 0, height_ = 0, samples_ = 0;
    unsigned drawFbo_ = 0, drawColor_ = 0, drawDepth_ = 0;
    unsigned resolveFbo_ = 0, resolveColor_ = 0;
};

} // namespace qinba
