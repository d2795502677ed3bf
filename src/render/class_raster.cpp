#include "qinba/render/class_raster.h"

#include "qinba/core/cubic_spline.h"
#include "qinba/render/gl.h"
#include "qinba/render/gl_texture.h"
#include "qinba/render/shader_program.h"
#include "qinba/render/terrain_renderer.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace qinba {

ClassRasterTexture::~ClassRasterTexture() {
    if (texture_) glDeleteTextures(1, &texture_);
    if (shares_) glDeleteTextures(1, &shares_);
    if (spline_) glDeleteTextures(1, &spline_);
}

bool ClassRasterTexture::suits(const Layer& layer) {
    const RasterImage& r = layer.raster;
    return layer.kind == LayerKind::Raster && r.width > 0 && r.height > 0 &&
           r.ruleMargins.size() == static_cast<std::size_t>(r.width) * r.height * 4 &&
           r.ruleSpline.size() ==
               static_cast<std::size_t>(r.width + 2 * kSplinePad) * (r.height + 2 * kSplinePad) * 4;
}

void ClassRasterTexture::set(const Layer* layer) {
    if (texture_) glDeleteTextures(1, &texture_);
    if (shares_) glDeleteTextures(1, &shares_);
    if (spline_) glDeleteTextures(1, &spline_);
    texture_ = shares_ = spline_ = 0;
    if (!layer || !suits(*layer)) return;
    const RasterImage& r = layer->raster;
    // Interpolated bilinearly by the texture unit; where magnified, the spline below instead.
    texture_ =
        makeTexture2D(GL_RGBA32F, r.width, r.height, GL_RGBA, GL_FLOAT, r.ruleMargins.data(), GL_LINEAR);
    spline_ = makeTexture2D(GL_RGBA32F, r.width + 2 * kSplinePad, r.height + 2 * kSplinePad, GL_RGBA,
                            GL_FLOAT, r.ruleSpline.data(), GL_LINEAR);
    // The rule each texel's margins decide (the first that holds), one-hot, as terrain.frag's ruleColor().
    std::vector<std::uint8_t> shares(r.ruleMargins.size(), 0);
    for (std::size_t i = 0; i + 3 < r.ruleMargins.size(); i += 4)
        for (std::size_t k = 0; k < 4; ++k)
            if (r.ruleMargins[i + k] >= 0.0f) {
                shares[i + k] = 255;
                break;
            }
    shares_ = makeTexture2D(GL_RGBA8, r.width, r.height, GL_RGBA, GL_UNSIGNED_BYTE, shares.data(), GL_LINEAR);
    glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    width_ = r.width;
    height_ = r.height;
    bounds_ = r.bounds;
    const float opacity = std::clamp(layer->options.style.opacity, 0.0f, 1.0f);
    for (std::size_t k = 0; k < colors_.size(); ++k)
        colors_[k] = glm::vec4(glm::vec3(r.ruleColors[k]), r.ruleColors[k].a * opacity);
}

void ClassRasterTexture::describe(TerrainPass& pass, glm::dvec2 origin) const {
    if (!texture_) return;
    pass.classTexture = texture_;
    pass.classShares = shares_;
    pass.classSpline = spline_;
    pass.classMin = glm::vec2(glm::dvec2(bounds_.minX, bounds_.minY) - origin);
    pass.classSize = glm::vec2(static_cast<float>(bounds_.width()), static_cast<float>(bounds_.height()));
    pass.classTexels = glm::vec2(static_cast<float>(width_), static_cast<float>(height_));
    pass.ruleColors = colors_;
}

int classDetail(double pixelsPerTexel) {
    return pixelsPerTexel < 2.0 ? 0 : pixelsPerTexel < 8.0 ? 1 : 2;
}

void setClassRasterUniforms(ShaderProgram& program, const TerrainPass& pass) {
    program.set("uHasClasses", pass.classTexture ? 1 : 0);
    program.set("uClassDetail", 2);
    program.set("uClassMargins", 4);
    glActiveTexture(GL_TEXTURE4);
    glBindTexture(GL_TEXTURE_2D, pass.classTexture);
    program.set("uClassShares", 5);
    glActiveTexture(GL_TEXTURE5);
    glBindTexture(GL_TEXTURE_2D, pass.classShares);
    program.set("uClassSpline", 6);
    glActiveTexture(GL_TEXTURE6);
    glBindTexture(GL_TEXTURE_2D, pass.classSpline);
    program.set("uClassMin", pass.classMin);
    program.set("uClassSize", pass.classSize);
    program.set("uClassTexels", pass.classTexels);
    for (std::size_t k = 0; k < pass.ruleColors.size(); ++k)
        program.set(("uRuleColor[" + std::to_string(k) + "]").c_str(), pass.ruleColors[k]);
}

} // namespace qinba
