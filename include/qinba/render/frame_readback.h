#pragma once
// Reading rendered frames back without stalling: two pixel buffer objects take turns, so the copy of one
// frame into its buffer is queued behind its drawing and its pixels are taken only after the next frame has
// been drawn (the GPU renders frame N+1 while the CPU copies frame N out).

#include "qinba/core/image.h"
#include "qinba/core/result.h"
#include "qinba/render/render_target.h"

#include <array>
#include <memory>
#include <optional>

namespace qinba {

/// A frame read back, with the tag it was queued under (for a recording, the frame's index).
struct ReadFrame {
    long tag = 0;
    ImageRgba8 image;
};

/// A render target of one size kept across frames and a double-buffered read-back of it. Requires a
/// current OpenGL context for its whole life.
class FrameReadback {
  public:
    /// `samples` as RenderTarget::create; sizes beyond the GPU's framebuffers are an error that says so.
    static Result<std::unique_ptr<FrameReadback>> create(int width, int height, int samples);
    ~FrameReadback();
    FrameReadback(const FrameReadback&) = delete;
    FrameReadback& operator=(const FrameReadback&) = delete;

    /// The target to draw each frame into (bind it first).
    const RenderTarget& target() const { return target_; }
    /// Starts reading back what the target holds (resolving multisampling) under `tag`, then returns the
    /// frame queued before this one, top row first; nothing on the first call.
    Result<std::optional<ReadFrame>> queue(long tag);
    /// The frame still waiting in its buffer, if any (call after the last queue()).
    Result<std::optional<ReadFrame>> drain();

  private:
    explicit FrameReadback(RenderTarget target) : target_(std::move(target)) {}
    /// Maps buffer `i`, copies its pixels out flipped to top row first, and frees it.
    Result<std::optional<ReadFrame>> take(int i);
    RenderTarget target_;
    std::array<unsigned, 2> buffers_{};
    std::array<std::optional<long>, 2> pending_; ///< the tag each buffer holds, if any
    int next_ = 0;                               ///< the buffer the next queue() fills
};

} // namespace qinba
