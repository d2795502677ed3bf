#include "qinba/render/render_target.h"

#include "qinba/render/gl.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

namespace qinba {

Result<RenderTarget> RenderTarget::create(int width, int height, int samples) {
    GLint maxSize = 0, maxSamples = 0, maxDims[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxSize);
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, maxDims);
    const int limitW = std::min(maxSize, maxDims[0]), limitH = std::min(maxSize, maxDims[1]);
    if (width < 1 || height < 1 || width > limitW || height > limitH)
        return Error{"", "size",
                     std::to_string(width) + "x" + std::to_string(height) +
                         " is outside what this GPU renders (1x1 to " + std::to_string(limitW) + "x" +
                         std::to_string(limitH) + ")"};
    RenderTarget t;
    t.width_ = width;
    t.height_ = height;
    t.samples_ = samples > 1 ? std::min(samples, maxSamples) : 0;

    glGenFramebuffers(1, &t.drawFbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, t.drawFbo_);
    glGenRenderbuffers(1, &t.drawColor_);
    glBindRenderbuffer(GL_RENDERBUFFER, t.drawColor_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, t.samples_, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.drawColor_);
    glGenRenderbuffers(1, &t.drawDepth_);
    glBindRenderbuffer(GL_RENDERBUFFER, t.drawDepth_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, t.samples_, GL_DEPTH24_STENCIL8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, t.drawDepth_);
    GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    if (status == GL_FRAMEBUFFER_COMPLETE && t.samples_ > 0) {
        glGenFramebuffers(1, &t.resolveFbo_);
        glBindFramebuffer(GL_FRAMEBUFFER, t.resolveFbo_);
        glGenRenderbuffers(1, &t.resolveColor_);
        glBindRenderbuffer(GL_RENDERBUFFER, t.resolveColor_);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t.resolveColor_);
        status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE || glGetError() == GL_OUT_OF_MEMORY)
        return Error{"", "size",
                     "cannot allocate a " + std::to_string(width) + "x" + std::to_string(height) +
                         " framebuffer (status 0x" + std::to_string(status) + ")"};
    return t;
}

RenderTarget::~RenderTarget() {
    release();
}

void RenderTarget::release() {
    const GLuint fbos[2] = {drawFbo_, resolveFbo_};
    const GLuint rbs[3] = {drawColor_, drawDepth_, resolveColor_};
    if (drawFbo_ || resolveFbo_) glDeleteFramebuffers(2, fbos);
    if (drawColor_ || drawDepth_ || resolveColor_) glDeleteRenderbuffers(3, rbs);
    drawFbo_ = resolveFbo_ = drawColor_ = drawDepth_ = resolveColor_ = 0;
}

RenderTarget::RenderTarget(RenderTarget&& o) noexcept {
    *this = std::move(o);
}

RenderTarget& RenderTarget::operator=(RenderTarget&& o) noexcept {
    if (this != &o) {
        release();
        width_ = o.width_;
        height_ = o.height_;
        samples_ = o.samples_;
        drawFbo_ = std::exchange(o.drawFbo_, 0);
        drawColor_ = std::exchange(o.drawColor_, 0);
        drawDepth_ = std::exchange(o.drawDepth_, 0);
        resolveFbo_ = std::exchange(o.resolveFbo_, 0);
        resolveColor_ = std::exchange(o.resolveColor_, 0);
    }
    return *this;
}

void RenderTarget::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, drawFbo_);
    glViewport(0, 0, width_, height_);
}

void RenderTarget::bindForReading() const {
    GLuint source = drawFbo_;
    if (resolveFbo_) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, drawFbo_);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolveFbo_);
        glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        source = resolveFbo_;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, source);
}

ImageRgba8 RenderTarget::read() const {
    bindForReading();
    ImageRgba8 img(width_, height_);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, img.pixels.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // OpenGL's first row is the bottom one.
    const std::size_t row = static_cast<std::size_t>(width_) * 4;
    std::vector<std::uint8_t> tmp(row);
    for (int y = 0; y < height_ / 2; ++y) {
        std::uint8_t* a = img.pixels.data() + y * row;
        std::uint8_t* b = img.pixels.data() + (height_ - 1 - y) * row;
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
    return img;
}

} // namespace qinba
