#pragma once
// A raster of classes (the zoning) on the GPU as the margins of its rules, which the terrain shader
// (terrain.frag) classifies per pixel: its boundaries are smooth, anti-aliased curves at any zoom instead
// of magnified cells. Where a texel covers less than two pixels, the shader reads the rules' shares from a
// mipmapped one-hot texture instead: one filtered fetch, anti-aliased by the filtering. Where a texel spans
// many pixels, the margins come from their interpolating cubic spline (the core's zoneAt()): smooth curves
// without kinks at texel edges, in four bilinear fetches.

#include "qinba/core/layer.h"

#include <array>
#include <glm/glm.hpp>

namespace qinba {

class ShaderProgram;
struct TerrainPass;

/// Owns the margins texture of at most one class raster. Requires a current OpenGL context for its life.
class ClassRasterTexture {
  public:
    ClassRasterTexture() = default;
    ~ClassRasterTexture();
    ClassRasterTexture(const ClassRasterTexture&) = delete;
    ClassRasterTexture& operator=(const ClassRasterTexture&) = delete;

    /// Whether `layer` can be drawn this way: a raster with four rule margins for every pixel and their
    /// spline.
    static bool suits(const Layer& layer);
    /// Uploads the margins and rule colours (the layer's opacity applied) of `layer`, which suits();
    /// nullptr removes the raster.
    void set(const Layer* layer);
    bool empty() const { return texture_ == 0; }
    /// Fills the class fields of `pass`, positions relative to the scene `origin` (map metres).
    void describe(TerrainPass& pass, glm::dvec2 origin) const;

  private:
    unsigned texture_ = 0; ///< RGBA32F: the four rules' margins
    unsigned shares_ = 0;  ///< RGBA8, mipmapped: 1 in the channel of the rule that holds, 0 elsewhere
    unsigned spline_ = 0;  ///< RGBA32F: the margins' interpolating cubic spline, kSplinePad texels wider
    int width_ = 0, height_ = 0; ///< pixels
    MapRect bounds_{};
    std::array<glm::vec4, 4> colors_{};
};

/// The detail terrain.frag draws a class raster in (uClassDetail) where one of its texels spans
/// `pixelsPerTexel` pixels at most: 0 (under 2) filtered shares, 1 (2 to 8) bilinear margins, 2 the margins'
/// cubic spline.
int classDetail(double pixelsPerTexel);

/// Sets the class-raster uniforms of a terrain program from `pass` (the spline detail, 2, until a caller
/// knows better) and binds its textures to units 4, 5 and 6.
void setClassRasterUniforms(ShaderProgram& program, const TerrainPass& pass);

} // namespace qinba
