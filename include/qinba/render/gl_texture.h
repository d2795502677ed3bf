#pragma once
// Small OpenGL helpers the renderers share. Require a current OpenGL context.

namespace qinba {

/// A 2D texture with one level, clamped at the edges, with the same min and mag `filter` (GL_LINEAR,
/// GL_NEAREST). Rows are tightly packed (unpack alignment 1). Returns the texture name.
unsigned makeTexture2D(int internalFormat, int width, int height, unsigned format, unsigned type,
                       const void* data, int filter);

} // namespace qinba
