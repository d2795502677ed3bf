#pragma once
// Rendering one frame into an image, off screen.

#include "qinba/core/image.h"
#include "qinba/core/result.h"
#include "qinba/render/scene_renderer.h"

namespace qinba {

/// Renders `frame` at frame.viewport's size with `samples` MSAA samples and reads the pixels back.
/// Requires a current OpenGL context (headless or windowed).
Result<ImageRgba8> renderToImage(SceneRenderer& renderer, const SceneFrame& frame, int samples,
                                 FrameStats* stats = nullptr);

} // namespace qinba
