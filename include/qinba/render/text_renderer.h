#pragma once
// Screen-space text for map labels: FreeType glyphs as signed distance fields in one growing atlas
// texture, drawn as an overlay of quads with an outline (halo) for contrast over terrain.

#include "qinba/core/camera.h"
#include "qinba/core/result.h"
#include "qinba/render/shader_program.h"

#include <cstdint>
#include <filesystem>
#include <glm/glm.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct FT_LibraryRec_;
struct FT_FaceRec_;

namespace qinba {

/// Code points of UTF-8 text; each malformed sequence (a stray or missing continuation byte, an overlong
/// form, a surrogate, a value above U+10FFFF) becomes one U+FFFD.
std::u32string decodeUtf8(std::string_view utf8);

/// Draws single-line text at a constant pixel size, whatever the zoom. Glyphs are rasterised once, on
/// first use, as signed distance fields at kFieldPixelSize, so any size and halo width come from the same
/// atlas; below 20 px the strokes are emboldened by up to a quarter pixel so that thin CJK strokes stay
/// dark. A text's pixels do not depend on where its glyphs sit in the atlas (the shader filters the field
/// by hand in the glyph's own texels), so they are the same whatever was drawn before. Requires a current
/// OpenGL 3.3 context for its whole life.
///
/// Per frame: measure() and draw() any number of strings, then flush() once into the bound framebuffer.
/// Coordinates are pixels from the top-left of the viewport; colours are straight (not premultiplied)
/// RGBA in [0,1].
class TextRenderer {
  public:
    /// Face of Noto Sans CJK collections (NotoSansCJK-*.ttc) with Simplified Chinese glyph forms.
    static constexpr int kSimplifiedChineseFace = 2;
    /// Em size (pixels) at which glyph distance fields are rasterised.
    static constexpr int kFieldPixelSize = 40;
    /// Distance (pixels at kFieldPixelSize) the fields cover on each side of an outline; it bounds the
    /// halo width to about haloLimit(pixelSize).
    static constexpr int kFieldSpread = 8;

    /// Largest atlas side (texels) by default: 1024 × 4096 texels hold about 1300 ideographs.
    static constexpr int kLargestAtlas = 4096;

    /// Opens face `faceIndex` of `fontFile` and loads `shaderDir/text.{vert,frag}`. The atlas starts at
    /// 1024 × 256 texels and doubles its height when full, up to `largestAtlas` (and GL_MAX_TEXTURE_SIZE).
    /// Errors name the font file (missing, unreadable, not a font, no such face) or the shader.
    static Result<std::unique_ptr<TextRenderer>> create(const std::filesystem::path& shaderDir,
                                                        const std::string& fontFile,
                                                        int faceIndex = kSimplifiedChineseFace,
                                                        int largestAtlas = kLargestAtlas);
    /// The system's CJK font file (see findCjkFontFile() in core/data_paths.h); empty when none.
    static std::string findFontFile();

    ~TextRenderer();
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    /// True when the face has a real glyph for `c` (not the .notdef box).
    bool hasGlyph(char32_t c) const;

    /// Width (sum of advances, with kerning when the font has a kern table) and height (ascender to
    /// descender of the face) of `utf8` at `pixelSize` pixels per em. The box is what draw() fills from
    /// `topLeft`; ink may reach past it by a pixel or two, the halo by its width.
    glm::dvec2 measure(std::string_view utf8, double pixelSize);

    /// Queues `utf8` with its box's top-left corner at `topLeft`. `haloWidth` (pixels, clamped to
    /// haloLimit) of `haloColor` surrounds the glyphs; 0 for none. Control characters are skipped.
    void draw(std::string_view utf8, glm::dvec2 topLeft, double pixelSize, glm::vec4 color,
              glm::vec4 haloColor = glm::vec4(0.0f), double haloWidth = 0.0);

    /// Draws everything queued into the bound framebuffer, whose GL viewport must cover `viewport`
    /// pixels, then empties the queue. An overlay: depth test off, premultiplied alpha blending; the
    /// previous depth, blend and cull state is restored. Glyphs not yet in the atlas are rasterised here;
    /// when the atlas is full at its largest size it is cleared and refilled with this frame's glyphs.
    void flush(Viewport viewport);

    /// Widest halo (pixels) that can be drawn around text of `pixelSize`.
    static double haloLimit(double pixelSize);

    /// Number of glyphs rasterised into the atlas, and the atlas size in texels (for tests and logs).
    int atlasGlyphs() const { return atlasGlyphs_; }
    glm::ivec2 atlasSize() const { return {atlasWidth_, atlasHeight_}; }
    const std::string& fontFile() const { return fontFile_; }
    ShaderProgram& program() { return program_; }

  private:
    /// What is known of one code point: metrics always, an atlas slot once drawn.
    struct Glyph {
        unsigned index = 0;          ///< glyph index in the face (0 = .notdef)
        float advance = 0.0f;        ///< em fraction
        glm::ivec2 atlasPos{0};      ///< top-left texel of the field in the atlas
        glm::ivec2 fieldSize{0};     ///< texels; 0 for glyphs without ink (spaces)
        glm::vec2 fieldOffset{0.0f}; ///< field's top-left from the pen on the baseline, em fraction, y down
        bool rasterised = false;
    };
    /// One glyph queued by draw().
    struct QueuedGlyph {
        char32_t codepoint;
        glm::vec2 pen;                  ///< baseline origin, pixels
        float pixelSize;                ///< pixels per em
        float haloWidth;                ///< pixels
        std::uint32_t color, haloColor; ///< RGBA8, straight alpha
    };
    /// One corner of a glyph quad as the shader reads it.
    struct Vertex {
        glm::vec2 position;             ///< pixels from the top-left
        glm::vec2 texel;                ///< field texels from the glyph field's top-left corner
        glm::vec4 field;                ///< the field in the atlas: top-left texel, size in texels
        std::uint32_t color, haloColor; ///< RGBA8, straight alpha
        glm::vec2 params;               ///< pixels per field pixel, halo width in pixels
    };

    TextRenderer() = default;
    Glyph& glyph(char32_t c);
    /// Rasterises `g` into the atlas; false when the atlas is full at its largest size.
    bool rasterise(Glyph& g);
    bool reserve(glm::ivec2 size, glm::ivec2& pos);
    void growAtlas(int height);
    void clearAtlas();
    float kerning(unsigned left, unsigned right) const;

    FT_LibraryRec_* library_ = nullptr;
    FT_FaceRec_* face_ = nullptr;
    std::string fontFile_;
    float unitsPerEm_ = 1000.0f;
    float ascender_ = 0.88f, descender_ = -0.12f; ///< em fractions, descender negative
    bool hasKerning_ = false;
    std::unordered_map<char32_t, Glyph> glyphs_;

    ShaderProgram program_;
    unsigned vao_ = 0, vbo_ = 0, texture_ = 0;
    std::size_t vboCapacity_ = 0; ///< bytes
    int atlasWidth_ = 0, atlasHeight_ = 0, maxAtlasSize_ = 0, atlasGlyphs_ = 0;
    bool atlasDirty_ = false;
    int dirtyTop_ = 0, dirtyBottom_ = 0; ///< rows to upload
    std::vector<std::uint8_t> atlas_;    ///< CPU copy of the atlas, row by row
    glm::ivec2 shelf_{0};                ///< next free texel in the current shelf
    int shelfHeight_ = 0;

    std::vector<QueuedGlyph> queue_;
    std::vector<Vertex> vertices_; ///< reused between flushes
    std::vector<Vertex> uploaded_; ///< what the buffer holds: texts that did not move are not sent again
};

} // namespace qinba
