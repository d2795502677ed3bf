#include "qinba/render/offscreen.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/render/gl.h"
#include "qinba/render/render_target.h"

#include <algorithm>
#include <cstring>

namespace qinba {

namespace {

Result<ImageRgba8> renderOnce(SceneRenderer& renderer, const SceneFrame& frame, int width, int height,
                              int samples, FrameStats* stats) {
    auto target = RenderTarget::create(width, height, samples);
    if (!target) return target.error();
    target->bind();
    const FrameStats s = renderer.render(frame);
    if (stats) {
        stats->triangles += s.triangles;
        stats->drawCalls += s.drawCalls;
        stats->streamed = s.streamed;
        stats->lod = s.lod;
        stats->parts.sky += s.parts.sky;
        stats->parts.terrain += s.parts.terrain;
        stats->parts.overlays += s.parts.overlays;
        stats->parts.text += s.parts.text;
    }
    ImageRgba8 image = target->read();
    if (const GLenum err = glGetError(); err != GL_NO_ERROR)
        return Error{"", "OpenGL", "rendering failed with error 0x" + std::to_string(err)};
    return image;
}

} // namespace

Result<ImageRgba8> renderToImage(SceneRenderer& renderer, const SceneFrame& frame, int samples,
                                 FrameStats* stats, int maxTileSide) {
    if (stats) *stats = FrameStats{};
    GLint maxSize = 0, dims[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, dims);
    int side = std::min({static_cast<int>(maxSize), static_cast<int>(dims[0]), static_cast<int>(dims[1])});
    if (maxTileSide > 0) side = std::min(side, maxTileSide);
    const Viewport vp = frame.viewport;
    // The part of the image asked for: all of it, or the frame's tile (a video wall's screen).
    const PixelRect region = frame.tile.value_or(PixelRect{0, 0, vp.width, vp.height});
    if (region.width < 1 || region.height < 1)
        return Error{"", "size", _("the part of the image to render is empty")};
    if (region.width <= side && region.height <= side)
        return renderOnce(renderer, frame, region.width, region.height, samples, stats);
    if (side < 1) return Error{"", "size", "the GPU reports no usable framebuffer size"};

    ImageRgba8 image(region.width, region.height);
    for (int y = 0; y < region.height; y += side)
        for (int x = 0; x < region.width; x += side) {
            SceneFrame part = frame;
            part.tile = PixelRect{region.x + x, region.y + y, std::min(side, region.width - x),
                                  std::min(side, region.height - y)};
            auto tile = renderOnce(renderer, part, part.tile->width, part.tile->height, samples, stats);
            if (!tile) return tile.error();
            for (int row = 0; row < tile->height; ++row)
                std::memcpy(image.at(x, y + row), tile->at(0, row),
                            static_cast<std::size_t>(tile->width) * 4);
        }
    return image;
}

Result<std::optional<ReadFrame>> renderQueued(SceneRenderer& renderer, const SceneFrame& frame,
                                              FrameReadback& readback, long tag, FrameStats* stats) {
    const RenderTarget& target = readback.target();
    if (frame.viewport.width != target.width() || frame.viewport.height != target.height() || frame.tile)
        return Error{"", "size",
                     formatText(_("a {}x{} frame cannot be read back through a {}x{} target"),
                                frame.viewport.width, frame.viewport.height, target.width(),
                                target.height())};
    target.bind();
    const FrameStats s = renderer.render(frame);
    if (stats) *stats = s;
    if (const GLenum err = glGetError(); err != GL_NO_ERROR)
        return Error{"", "OpenGL", formatText(_("rendering failed with OpenGL error {}"), err)};
    return readback.queue(tag);
}

} // namespace qinba
