#pragma once
// Rendering one frame into an image, off screen, in tiles when it is larger than the GPU renders at once.

#include "qinba/core/image.h"
#include "qinba/core/result.h"
#include "qinba/render/frame_readback.h"
#include "qinba/render/scene_renderer.h"

#include <optional>

namespace qinba {

/// Renders `frame` at frame.viewport's size with `samples` MSAA samples and reads the pixels back; with
/// frame.tile set, only that part of the image (the image is the part's size: a video wall's screen).
/// Images wider or taller than `maxTileSide` pixels (0: the GPU's largest framebuffer) are rendered tile by
/// tile and put together. Requires a current OpenGL context (headless or windowed).
Result<ImageRgba8> renderToImage(SceneRenderer& renderer, const SceneFrame& frame, int samples,
                                 FrameStats* stats = nullptr, int maxTileSide = 0);

/// Renders `frame` whole into `readback`'s target (frame.viewport must be its size) and queues its
/// read-back under `tag`; returns the frame queued before, if any (FrameReadback::queue), so a sequence of
/// frames renders one while the one before is read back. `stats` (may be null) gets what the frame drew.
Result<std::optional<ReadFrame>> renderQueued(SceneRenderer& renderer, const SceneFrame& frame,
                                              FrameReadback& readback, long tag, FrameStats* stats = nullptr);

} // namespace qinba
