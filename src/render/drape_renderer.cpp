#include "qinba/render/drape_renderer.h"

#include "qinba/render/gl.h"
#include "qinba/render/gpu_upload.h"

#include <algorithm>
#include <cmath>

namespace qinba {

namespace {

struct Vertex {
    float x, y, u, v;
};

} // namespace

DrapeRenderer::DrapeRenderer(ShaderProgram program) : program_(std::move(program)) {
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                          reinterpret_cast<const void*>(2 * sizeof(float)));
    glBindVertexArray(0);
}

Result<std::unique_ptr<DrapeRenderer>> DrapeRenderer::create(const std::filesystem::path& shaderDir) {
    auto program = ShaderProgram::load(shaderDir, "drape");
    if (!program) return program.error();
    return std::unique_ptr<DrapeRenderer>(new DrapeRenderer(std::move(*program)));
}

DrapeRenderer::~DrapeRenderer() {
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    const GLuint textures[2] = {colour_, image_};
    glDeleteTextures(2, textures);
    if (stencil_) glDeleteRenderbuffers(1, &stencil_);
    glDeleteBuffers(1, &vbo_);
    glDeleteVertexArrays(1, &vao_);
}

void DrapeRenderer::ensureTarget(const MapRect& extent) {
    GLint maxTexture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTexture);
    const int longest = std::min(kLongestSide, static_cast<int>(maxTexture));
    const double aspect = extent.width() / std::max(extent.height(), 1.0);
    const int w = aspect >= 1.0 ? longest : std::max(1, static_cast<int>(std::lround(longest * aspect)));
    const int h = aspect >= 1.0 ? std::max(1, static_cast<int>(std::lround(longest / aspect))) : longest;
    extent_ = extent;
    if (fbo_ && w == width_ && h == height_) return;
    width_ = w;
    height_ = h;
    if (!fbo_) glGenFramebuffers(1, &fbo_);
    if (!colour_) glGenTextures(1, &colour_);
    if (!stencil_) glGenRenderbuffers(1, &stencil_);
    glBindTexture(GL_TEXTURE_2D, colour_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindRenderbuffer(GL_RENDERBUFFER, stencil_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_, 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, stencil_);
}

void DrapeRenderer::rebuild(const std::vector<const Layer*>& layers, const MapRect& extent) {
    GLint previousFbo = 0, previousViewport[4];
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
    glGetIntegerv(GL_VIEWPORT, previousViewport);
    ensureTarget(extent);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, width_, height_);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glEnable(GL_BLEND);
    // The texture holds premultiplied colour: the terrain shader lays it over with "one minus alpha".
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    program_.use();
    program_.set("uSize", glm::vec2(static_cast<float>(extent.width()), static_cast<float>(extent.height())));
    program_.set("uImage", 0);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    auto local = [&](MapPoint p) {
        return Vertex{static_cast<float>(p.x - extent.minX), static_cast<float>(p.y - extent.minY), 0, 0};
    };
    auto quad = [&](const MapRect& r) {
        const Vertex a = local({r.minX, r.minY}), b = local({r.maxX, r.minY}), c = local({r.maxX, r.maxY}),
                     d = local({r.minX, r.maxY});
        // Raster rows run north to south, so the image's first row goes at the top (v = 0 at maxY).
        const Vertex v[6] = {{a.x, a.y, 0, 1}, {b.x, b.y, 1, 1}, {c.x, c.y, 1, 0},
                             {a.x, a.y, 0, 1}, {c.x, c.y, 1, 0}, {d.x, d.y, 0, 0}};
        gpu::bufferData(GL_ARRAY_BUFFER, sizeof v, v, GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, 6);
    };

    hasContent_ = false;
    for (const Layer* layer : layers) {
        const float opacity = std::clamp(layer->options.style.opacity, 0.0f, 1.0f);
        if (layer->kind == LayerKind::Raster && !layer->raster.rgba.empty()) {
            if (!image_) glGenTextures(1, &image_);
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, image_);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, layer->raster.width, layer->raster.height, 0, GL_RGBA,
                         GL_UNSIGNED_BYTE, layer->raster.rgba.data());
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            program_.set("uTextured", 1);
            program_.set("uColor", glm::vec4(1.0f, 1.0f, 1.0f, opacity));
            quad(layer->raster.bounds);
            hasContent_ = true;
            continue;
        }
        const glm::vec4 fill = layer->options.style.fill;
        if (layer->ringCount == 0 || fill.a * opacity <= 0.0f) continue;
        program_.set("uTextured", 0);
        glEnable(GL_STENCIL_TEST);
        for (const VectorFeature& f : layer->features) {
            if (f.rings.empty()) continue;
            // Even-odd fill: every ring flips the stencil where it covers; odd counts are inside.
            std::vector<Vertex> fan;
            std::vector<std::pair<GLint, GLsizei>> ranges;
            MapRect box{1e300, 1e300, -1e300, -1e300};
            for (const auto& ring : f.rings) {
                if (ring.size() < 3) continue;
                ranges.emplace_back(static_cast<GLint>(fan.size()), static_cast<GLsizei>(ring.size()));
                for (MapPoint p : ring) {
                    fan.push_back(local(p));
                    box = {std::min(box.minX, p.x), std::min(box.minY, p.y), std::max(box.maxX, p.x),
                           std::max(box.maxY, p.y)};
                }
            }
            if (ranges.empty()) continue;
            glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
            glStencilFunc(GL_ALWAYS, 0, 0xFF);
            glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
            gpu::bufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(fan.size() * sizeof(Vertex)), fan.data(),
                            GL_STREAM_DRAW);
            for (const auto& [first, count] : ranges)
                glDrawArrays(GL_TRIANGLE_FAN, first, count);
            glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
            glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
            glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO); // clears the stencil for the next feature as it fills
            program_.set("uColor", glm::vec4(fill.r, fill.g, fill.b, fill.a * opacity));
            quad(box);
            hasContent_ = true;
        }
        glDisable(GL_STENCIL_TEST);
    }
    glBindVertexArray(0);
    glDisable(GL_BLEND);
    glBindTexture(GL_TEXTURE_2D, colour_);
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previousFbo));
    glViewport(previousViewport[0], previousViewport[1], previousViewport[2], previousViewport[3]);
}

} // namespace qinba
