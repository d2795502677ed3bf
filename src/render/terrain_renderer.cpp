#include "qinba/render/terrain_renderer.h"

#include "qinba/render/class_raster.h"
#include "qinba/render/gl.h"
#include "qinba/render/gl_texture.h"
#include "qinba/render/gpu_upload.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace qinba {

TerrainRenderer::~TerrainRenderer() {
    const GLuint textures[3] = {heightTex_, maskTex_, rampTex_};
    glDeleteTextures(3, textures);
    const GLuint buffers[2] = {vbo_, ibo_};
    glDeleteBuffers(2, buffers);
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

Status TerrainRenderer::setDem(const Dem& dem, glm::dvec2 sceneOrigin, int triangleBudget) {
    GLint maxTex = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTex);
    if (dem.width() > maxTex || dem.height() > maxTex)
        return Error{dem.provenance.path, "",
                     "the resampled grid (" + std::to_string(dem.width()) + "x" +
                         std::to_string(dem.height()) + ") exceeds this GPU's largest texture (" +
                         std::to_string(maxTex) + ")"};
    glDeleteTextures(1, &heightTex_);
    glDeleteTextures(1, &maskTex_);
    const std::vector<float> heights = dem.heightsFilledForDisplay();
    heightTex_ =
        makeTexture2D(GL_R32F, dem.width(), dem.height(), GL_RED, GL_FLOAT, heights.data(), GL_LINEAR);
    std::vector<std::uint8_t> mask(dem.heights().size());
    for (std::size_t i = 0; i < mask.size(); ++i)
        mask[i] = std::isnan(dem.heights()[i]) ? 0 : 255;
    maskTex_ =
        makeTexture2D(GL_R8, dem.width(), dem.height(), GL_RED, GL_UNSIGNED_BYTE, mask.data(), GL_LINEAR);

    demWidth_ = dem.width();
    demHeight_ = dem.height();
    cellSize_ = dem.cellSize();
    const MapPoint first = dem.sampleCentre(0, 0);
    const MapPoint last = dem.sampleCentre(dem.width() - 1, dem.height() - 1);
    firstSample_ = glm::vec2(glm::dvec2(first.x, first.y) - sceneOrigin);
    span_ = glm::vec2(static_cast<float>(last.x - first.x), static_cast<float>(last.y - first.y));
    buildGrid(triangleBudget);
    return okStatus();
}

void TerrainRenderer::setTriangleBudget(int triangleBudget) {
    if (demWidth_ > 0) buildGrid(triangleBudget);
}

void TerrainRenderer::buildGrid(int triangleBudget) {
    // Smallest stride whose grid fits the budget.
    const double cells = 2.0 * (demWidth_ - 1) * (demHeight_ - 1);
    int stride = std::max(1, static_cast<int>(std::ceil(std::sqrt(cells / std::max(triangleBudget, 2)))));
    auto axis = [&](int n) {
        std::vector<float> t;
        for (int i = 0; i < n - 1; i += stride)
            t.push_back(static_cast<float>(i) / static_cast<float>(n - 1));
        t.push_back(1.0f);
        return t;
    };
    const std::vector<float> xs = axis(demWidth_), ys = axis(demHeight_);
    std::vector<glm::vec2> vertices;
    vertices.reserve(xs.size() * ys.size());
    for (float y : ys)
        for (float x : xs)
            vertices.emplace_back(x, y);
    std::vector<std::uint32_t> indices;
    const auto nx = static_cast<std::uint32_t>(xs.size());
    for (std::uint32_t r = 0; r + 1 < ys.size(); ++r)
        for (std::uint32_t c = 0; c + 1 < nx; ++c) {
            const std::uint32_t i = r * nx + c;
            indices.insert(indices.end(), {i, i + nx, i + 1, i + 1, i + nx, i + nx + 1});
        }
    if (!vao_) {
        glGenVertexArrays(1, &vao_);
        glGenBuffers(1, &vbo_);
        glGenBuffers(1, &ibo_);
    }
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    gpu::bufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(glm::vec2)),
                    vertices.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(glm::vec2), nullptr);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);
    gpu::bufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)),
                    indices.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    indexCount_ = static_cast<int>(indices.size());
}

void TerrainRenderer::setRamp(const ColorRamp& ramp) {
    std::vector<std::uint8_t> texels(256 * 3);
    const double lo = ramp.minElevation(), hi = std::max(ramp.maxElevation(), lo + 1.0);
    for (int i = 0; i < 256; ++i) {
        const glm::vec3 c = ramp.colorAt(lo + (hi - lo) * i / 255.0);
        for (int k = 0; k < 3; ++k)
            texels[i * 3 + k] = static_cast<std::uint8_t>(std::lround(std::clamp(c[k], 0.0f, 1.0f) * 255.0f));
    }
    glDeleteTextures(1, &rampTex_);
    rampTex_ = makeTexture2D(GL_RGB8, 256, 1, GL_RGB, GL_UNSIGNED_BYTE, texels.data(), GL_LINEAR);
    rampRange_ = glm::vec2(static_cast<float>(lo), static_cast<float>(hi));
    shadeOnly_ = ramp.shadeOnly;
}

void TerrainRenderer::draw(const TerrainStyle& style, const TerrainPass& pass) {
    if (!heightTex_ || !rampTex_ || indexCount_ == 0) return;
    program_.use();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, heightTex_);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, maskTex_);
    program_.set("uTexSize", glm::vec2(static_cast<float>(demWidth_), static_cast<float>(demHeight_)));
    program_.set("uFirstSample", firstSample_);
    program_.set("uSpan", span_);
    program_.set("uCellSize", static_cast<float>(cellSize_));
    program_.set("uClipRect", glm::vec4(-1e30f, -1e30f, 1e30f, 1e30f));
    setShading(program_, style, pass);
    glBindVertexArray(vao_);
    glDrawElements(GL_TRIANGLES, indexCount_, GL_UNSIGNED_INT, nullptr);
    glBindVertexArray(0);
    glActiveTexture(GL_TEXTURE0);
}

void TerrainRenderer::setShading(ShaderProgram& program, const TerrainStyle& style,
                                 const TerrainPass& pass) const {
    program.set("uHeight", 0);
    program.set("uMask", 1);
    program.set("uRamp", 2);
    program.set("uDrape", 3);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, rampTex_);
    glActiveTexture(GL_TEXTURE3);
    glBindTexture(GL_TEXTURE_2D, pass.drapeTexture);
    program.set("uExaggeration", static_cast<float>(style.exaggeration));
    program.set("uViewProj", pass.viewProjection);
    program.set("uRampRange", rampRange_);
    const double az = glm::radians(style.sunAzimuth), alt = glm::radians(style.sunAltitude);
    program.set("uSunDir", glm::vec3(static_cast<float>(std::sin(az) * std::cos(alt)),
                                     static_cast<float>(std::cos(az) * std::cos(alt)),
                                     static_cast<float>(std::sin(alt))));
    program.set("uAmbient", static_cast<float>(style.ambient));
    program.set("uShadeOnly", shadeOnly_ ? 1 : 0);
    program.set("uEye", pass.eye);
    program.set("uHazeAmount", static_cast<float>(std::clamp(style.haze, 0.0, 1.0)));
    program.set("uHazeDistance", pass.hazeDistance);
    program.set("uHazeColor", pass.hazeColor);
    program.set("uHasDrape", pass.drapeTexture ? 1 : 0);
    program.set("uDrapeMin", pass.drapeMin);
    program.set("uDrapeSize", pass.drapeSize);
    setClassRasterUniforms(program, pass);
}

} // namespace qinba
