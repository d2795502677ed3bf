#include "qinba/render/offscreen.h"

#include "qinba/render/gl.h"
#include "qinba/render/render_target.h"

namespace qinba {

Result<ImageRgba8> renderToImage(SceneRenderer& renderer, const SceneFrame& frame, int samples,
                                 FrameStats* stats) {
    auto target = RenderTarget::create(frame.viewport.width, frame.viewport.height, samples);
    if (!target) return target.error();
    target->bind();
    const FrameStats s = renderer.render(frame);
    if (stats) *stats = s;
    ImageRgba8 image = target->read();
    if (const GLenum err = glGetError(); err != GL_NO_ERROR)
        return Error{"", "OpenGL", "rendering failed with error 0x" + std::to_string(err)};
    return image;
}

} // namespace qinba
