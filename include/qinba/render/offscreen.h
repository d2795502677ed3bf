#pragma once
// Rendering one frame into an image, off screen, in tiles when it is larger than the GPU renders at once.

#include "qinba/core/image.h"
#include "qinba/core/result.h"
#include "qinba/render/scene_renderer.h"

namespace qinba {

/// Renders `frame` at frame.viewport's size with `samples` MSAA samples and reads the pixels back; with
/// frame.tile set, only that part of the image (the image is the part's size: a video wall's screen).
/// Images wider or taller than `maxTileSide` pixels (0: the GPU's largest framebuffer) are rendered tile by
/// tile and put together. Requires a current OpenGL context (headless or windowed).
Result<ImageRgba8> renderToImage(SceneRenderer& renderer, const SceneFrame& frame, int samples,
                                 FrameStats* stats = nullptr, int maxTileSide = 0);

} // namespace qinba
