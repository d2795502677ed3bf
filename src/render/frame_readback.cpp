#include "qinba/render/frame_readback.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"
#include "qinba/render/gl.h"

#include <cstring>

namespace qinba {

Result<std::unique_ptr<FrameReadback>> FrameReadback::create(int width, int height, int samples) {
    auto target = RenderTarget::create(width, height, samples);
    if (!target) return target.error();
    std::unique_ptr<FrameReadback> r(new FrameReadback(std::move(*target)));
    const auto bytes = static_cast<GLsizeiptr>(width) * height * 4;
    glGenBuffers(2, r->buffers_.data());
    for (const GLuint b : r->buffers_) {
        glBindBuffer(GL_PIXEL_PACK_BUFFER, b);
        // Storage only (no data is sent), so not through gpu::bufferData, which counts uploads.
        glBufferData(GL_PIXEL_PACK_BUFFER, bytes, nullptr, GL_STREAM_READ);
    }
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    if (glGetError() == GL_OUT_OF_MEMORY)
        return Error{"", "size",
                     formatText(_("cannot allocate read-back buffers for {}x{} frames"), width, height)};
    return r;
}

FrameReadback::~FrameReadback() {
    if (buffers_[0] || buffers_[1]) glDeleteBuffers(2, buffers_.data());
}

Result<std::optional<ReadFrame>> FrameReadback::queue(long tag) {
    const int i = next_;
    target_.bindForReading();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers_[static_cast<std::size_t>(i)]);
    // With a pack buffer bound this only queues the copy; nothing waits for the frame to finish drawing.
    glReadPixels(0, 0, target_.width(), target_.height(), GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (const GLenum err = glGetError(); err != GL_NO_ERROR)
        return Error{"", "OpenGL", formatText(_("reading the frame back failed with OpenGL error {}"), err)};
    pending_[static_cast<std::size_t>(i)] = tag;
    next_ = 1 - i;
    // The other buffer holds the frame before, whose copy was queued a whole frame ago.
    return take(1 - i);
}

Result<std::optional<ReadFrame>> FrameReadback::drain() {
    // Only the buffer filled last can still hold a frame.
    return take(1 - next_);
}

Result<std::optional<ReadFrame>> FrameReadback::take(int i) {
    const auto slot = static_cast<std::size_t>(i);
    if (!pending_[slot]) return std::optional<ReadFrame>();
    ReadFrame out{*pending_[slot], ImageRgba8(target_.width(), target_.height())};
    pending_[slot].reset();
    const std::size_t row = static_cast<std::size_t>(target_.width()) * 4;
    glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers_[slot]);
    const auto* pixels = static_cast<const std::uint8_t*>(glMapBufferRange(
        GL_PIXEL_PACK_BUFFER, 0, static_cast<GLsizeiptr>(row * target_.height()), GL_MAP_READ_BIT));
    if (!pixels) {
        glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
        return Error{"", "OpenGL", formatText(_("cannot map the read-back buffer of frame {}"), out.tag)};
    }
    // OpenGL's first row is the bottom one.
    for (int y = 0; y < target_.height(); ++y)
        std::memcpy(out.image.at(0, y), pixels + static_cast<std::size_t>(target_.height() - 1 - y) * row,
                    row);
    const bool intact = glUnmapBuffer(GL_PIXEL_PACK_BUFFER) == GL_TRUE;
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    if (!intact)
        return Error{"", "OpenGL", formatText(_("the read-back buffer of frame {} was lost"), out.tag)};
    return std::optional<ReadFrame>(std::move(out));
}

} // namespace qinba
