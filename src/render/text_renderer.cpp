#include "qinba/render/text_renderer.h"

#include "qinba/core/data_paths.h"
#include "qinba/render/gl.h"
#include "qinba/render/gpu_upload.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_TRUETYPE_TABLES_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

namespace qinba {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr int kAtlasWidth = 1024; // texels; the height grows
constexpr int kInitialAtlasHeight = 256;
constexpr int kGap = 1; // texels between fields, so filtering never mixes neighbours

/// The code point starting at s[i], advancing i past it; malformed input yields U+FFFD and skips one byte
/// (or the valid prefix of a truncated sequence).
char32_t nextCodepoint(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i++);
    if (b0 < 0x80) return b0;
    int extra = 0;
    char32_t c = 0, min = 0;
    if ((b0 & 0xE0) == 0xC0)
        extra = 1, c = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0)
        extra = 2, c = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0)
        extra = 3, c = b0 & 0x07, min = 0x10000;
    else
        return kReplacement; // continuation byte or 0xF8..0xFF where a sequence should start
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (byte(i) & 0xC0) != 0x80) return kReplacement;
        c = (c << 6) | (byte(i++) & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;
    return c;
}

bool isControl(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

std::uint32_t packRgba(glm::vec4 c) {
    std::uint32_t out = 0;
    for (int k = 0; k < 4; ++k) {
        const auto v = static_cast<std::uint32_t>(std::lround(std::clamp(c[k], 0.0f, 1.0f) * 255.0f));
        out |= v << (8 * k); // memory order R, G, B, A on little-endian machines
    }
    return out;
}

std::string freetypeMessage(FT_Error e) {
    switch (e) {
    case FT_Err_Cannot_Open_Resource:
        return "cannot be read";
    case FT_Err_Unknown_File_Format:
        return "is not a font file FreeType knows";
    case FT_Err_Invalid_File_Format:
        return "is a damaged or unsupported font file";
    case FT_Err_Out_Of_Memory:
        return "out of memory";
    default:
        break;
    }
    const char* text = FT_Error_String(e); // null unless FreeType was built with error strings
    return text ? text : "FreeType error " + std::to_string(e);
}

} // namespace

std::u32string decodeUtf8(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();)
        out.push_back(nextCodepoint(utf8, i));
    return out;
}

std::string TextRenderer::findFontFile() {
    return findCjkFontFile();
}

double TextRenderer::haloLimit(double pixelSize) {
    // The field ends kFieldSpread texels outside the outline; keep one pixel for the halo's soft edge.
    return std::max(0.0, kFieldSpread * pixelSize / kFieldPixelSize - 1.0);
}

Result<std::unique_ptr<TextRenderer>> TextRenderer::create(const std::filesystem::path& shaderDir,
                                                           const std::string& fontFile, int faceIndex,
                                                           int largestAtlas) {
    std::unique_ptr<TextRenderer> r(new TextRenderer());
    r->fontFile_ = fontFile;
    if (fontFile.empty())
        return Error{"", "",
                     "no font file for labels: install the Debian package fonts-noto-cjk or set QINBA_FONT"};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(fontFile, ec))
        return Error{fontFile, "", "font file not found (the Debian package fonts-noto-cjk has it)"};
    FT_Library library = nullptr;
    if (FT_Error e = FT_Init_FreeType(&library))
        return Error{fontFile, "", "FreeType does not start: " + freetypeMessage(e)};
    r->library_ = library;
    FT_UInt spread = kFieldSpread;
    FT_Property_Set(library, "sdf", "spread", &spread);
    FT_Property_Set(library, "bsdf", "spread", &spread);

    FT_Face face = nullptr;
    if (FT_Error e = FT_New_Face(library, fontFile.c_str(), faceIndex, &face)) {
        // Tell a missing face of an existing font apart from a file FreeType cannot read at all.
        FT_Face probe = nullptr;
        if (FT_New_Face(library, fontFile.c_str(), -1, &probe) == 0) {
            const long faces = probe->num_faces;
            FT_Done_Face(probe);
            return Error{fontFile, "face " + std::to_string(faceIndex),
                         "the font has " + std::to_string(faces) + " face(s), numbered from 0"};
        }
        return Error{fontFile, "", freetypeMessage(e)};
    }
    r->face_ = face;
    if (!FT_IS_SCALABLE(face)) return Error{fontFile, "", "is not a scalable (outline) font"};
    if (FT_Error e = FT_Set_Pixel_Sizes(face, 0, kFieldPixelSize))
        return Error{fontFile, "", "cannot be scaled: " + freetypeMessage(e)};
    r->unitsPerEm_ = static_cast<float>(face->units_per_EM);
    // Top: the typographic ascender (the ideographic em box in CJK fonts; hhea's is much taller). Bottom:
    // the hhea descender, deep enough for Latin descenders.
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
    const float ascender = os2 && os2->sTypoAscender > 0 ? os2->sTypoAscender : face->ascender;
    const float descender = std::min<float>(face->descender, os2 ? os2->sTypoDescender : 0);
    r->ascender_ = ascender / r->unitsPerEm_;
    r->descender_ = descender / r->unitsPerEm_;
    r->hasKerning_ = FT_HAS_KERNING(face);

    auto program = ShaderProgram::load(shaderDir, "text");
    if (!program) return program.error();
    r->program_ = std::move(*program);

    GLint maxTexture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTexture);
    r->maxAtlasSize_ = std::clamp(largestAtlas, 64, static_cast<int>(maxTexture));
    r->atlasWidth_ = std::min(kAtlasWidth, r->maxAtlasSize_);
    glGenTextures(1, &r->texture_);
    r->growAtlas(std::min(kInitialAtlasHeight, r->maxAtlasSize_));

    glGenVertexArrays(1, &r->vao_);
    glGenBuffers(1, &r->vbo_);
    glBindVertexArray(r->vao_);
    glBindBuffer(GL_ARRAY_BUFFER, r->vbo_);
    const auto stride = static_cast<GLsizei>(sizeof(Vertex));
    const auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, position)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, texel)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(Vertex, color)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(Vertex, haloColor)));
    glEnableVertexAttribArray(4);
    glVertexAttribPointer(4, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, params)));
    glEnableVertexAttribArray(5);
    glVertexAttribPointer(5, 4, GL_FLOAT, GL_FALSE, stride, at(offsetof(Vertex, field)));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return r;
}

TextRenderer::~TextRenderer() {
    if (texture_) glDeleteTextures(1, &texture_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (face_) FT_Done_Face(face_);
    if (library_) FT_Done_FreeType(library_);
}

bool TextRenderer::hasGlyph(char32_t c) const {
    return FT_Get_Char_Index(face_, c) != 0;
}

TextRenderer::Glyph& TextRenderer::glyph(char32_t c) {
    auto [it, inserted] = glyphs_.try_emplace(c);
    Glyph& g = it->second;
    if (!inserted) return g;
    g.index = FT_Get_Char_Index(face_, c);
    if (FT_Load_Glyph(face_, g.index, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0)
        g.advance = static_cast<float>(face_->glyph->linearHoriAdvance) / 65536.0f / kFieldPixelSize;
    return g;
}

float TextRenderer::kerning(unsigned left, unsigned right) const {
    if (!hasKerning_ || !left || !right) return 0.0f;
    FT_Vector k{};
    if (FT_Get_Kerning(face_, left, right, FT_KERNING_UNSCALED, &k)) return 0.0f;
    return static_cast<float>(k.x) / unitsPerEm_;
}

glm::dvec2 TextRenderer::measure(std::string_view utf8, double pixelSize) {
    double width = 0.0;
    unsigned previous = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = nextCodepoint(utf8, i);
        if (isControl(c)) continue;
        const Glyph& g = glyph(c);
        width += kerning(previous, g.index) + g.advance;
        previous = g.index;
    }
    return {width * pixelSize, (ascender_ - descender_) * pixelSize};
}

void TextRenderer::draw(std::string_view utf8, glm::dvec2 topLeft, double pixelSize, glm::vec4 color,
                        glm::vec4 haloColor, double haloWidth) {
    if (!(pixelSize > 0.0) || !std::isfinite(topLeft.x) || !std::isfinite(topLeft.y)) return;
    const std::uint32_t fill = packRgba(color);
    const auto haloPixels = static_cast<float>(std::clamp(haloWidth, 0.0, haloLimit(pixelSize)));
    // No halo at all rather than a halo-coloured rim on the glyphs' soft edge.
    const std::uint32_t halo = haloPixels > 0.0f ? packRgba(haloColor) : 0u;
    // Whole pixels for the pen keeps text from shimmering as labels follow the terrain.
    const double baseline = std::round(topLeft.y + ascender_ * pixelSize);
    double x = std::round(topLeft.x);
    unsigned previous = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = nextCodepoint(utf8, i);
        if (isControl(c)) continue;
        const Glyph& g = glyph(c);
        x += kerning(previous, g.index) * pixelSize;
        queue_.push_back({c, glm::vec2(x, baseline), static_cast<float>(pixelSize), haloPixels, fill, halo});
        x += g.advance * pixelSize;
        previous = g.index;
    }
}

void TextRenderer::growAtlas(int height) {
    atlasHeight_ = height;
    atlas_.resize(static_cast<std::size_t>(atlasWidth_) * atlasHeight_, 0); // rows stay where they were
    glBindTexture(GL_TEXTURE_2D, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlasWidth_, atlasHeight_, 0, GL_RED, GL_UNSIGNED_BYTE,
                 atlas_.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    dirtyTop_ = dirtyBottom_ = 0;
}

void TextRenderer::clearAtlas() {
    for (auto& [c, g] : glyphs_)
        g.rasterised = false;
    std::fill(atlas_.begin(), atlas_.end(), std::uint8_t{0});
    shelf_ = glm::ivec2(0);
    shelfHeight_ = 0;
    atlasGlyphs_ = 0;
    dirtyTop_ = 0;
    dirtyBottom_ = atlasHeight_;
}

bool TextRenderer::reserve(glm::ivec2 size, glm::ivec2& pos) {
    const glm::ivec2 cell = size + kGap;
    if (cell.x > atlasWidth_) return false;
    if (shelf_.x + cell.x > atlasWidth_) { // start a new shelf
        shelf_ = glm::ivec2(0, shelf_.y + shelfHeight_);
        shelfHeight_ = 0;
    }
    if (shelf_.y + cell.y > atlasHeight_) {
        int height = atlasHeight_;
        while (height < shelf_.y + cell.y && height < maxAtlasSize_)
            height = std::min(height * 2, maxAtlasSize_);
        if (height < shelf_.y + cell.y) return false;
        growAtlas(height);
    }
    pos = shelf_;
    shelf_.x += cell.x;
    shelfHeight_ = std::max(shelfHeight_, cell.y);
    return true;
}

bool TextRenderer::rasterise(Glyph& g) {
    g.rasterised = true;
    g.fieldSize = glm::ivec2(0);
    FT_GlyphSlot slot = face_->glyph;
    if (FT_Load_Glyph(face_, g.index, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) ||
        slot->format != FT_GLYPH_FORMAT_OUTLINE || slot->outline.n_points == 0)
        return true; // nothing to draw (a space, or a glyph FreeType cannot load)
    // Through a coverage bitmap ("bsdf"): faster than the outline "sdf" rasteriser and robust to the
    // overlapping contours some CJK outlines have.
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) || FT_Render_Glyph(slot, FT_RENDER_MODE_SDF))
        return true;
    const FT_Bitmap& bitmap = slot->bitmap;
    const glm::ivec2 size(static_cast<int>(bitmap.width), static_cast<int>(bitmap.rows));
    if (size.x == 0 || size.y == 0) return true;
    glm::ivec2 pos;
    if (!reserve(size, pos)) {
        g.rasterised = false;
        return false;
    }
    for (int y = 0; y < size.y; ++y) {
        // A negative pitch means the buffer starts with the bottom row.
        const int row = bitmap.pitch >= 0 ? y : size.y - 1 - y;
        const unsigned char* src = bitmap.buffer + static_cast<std::ptrdiff_t>(row) * std::abs(bitmap.pitch);
        std::memcpy(&atlas_[static_cast<std::size_t>(pos.y + y) * atlasWidth_ + pos.x], src, size.x);
    }
    if (dirtyTop_ == dirtyBottom_) dirtyTop_ = dirtyBottom_ = pos.y;
    dirtyTop_ = std::min(dirtyTop_, pos.y);
    dirtyBottom_ = std::max(dirtyBottom_, pos.y + size.y);
    g.atlasPos = pos;
    g.fieldSize = size;
    g.fieldOffset = glm::vec2(slot->bitmap_left, -slot->bitmap_top) / static_cast<float>(kFieldPixelSize);
    ++atlasGlyphs_;
    return true;
}

void TextRenderer::flush(Viewport viewport) {
    if (queue_.empty()) return;
    // Rasterise what is new; when the atlas is full, start it afresh with only this frame's glyphs.
    bool cleared = false, full = false;
    for (std::size_t i = 0; i < queue_.size() && !full; ++i) {
        Glyph& g = glyph(queue_[i].codepoint);
        if (g.rasterised || rasterise(g)) continue;
        if (cleared) {
            full = true; // this frame alone needs more than the largest atlas: draw what fits
        } else {
            clearAtlas();
            cleared = true;
            i = static_cast<std::size_t>(-1);
        }
    }
    glBindTexture(GL_TEXTURE_2D, texture_);
    if (dirtyBottom_ > dirtyTop_) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, dirtyTop_, atlasWidth_, dirtyBottom_ - dirtyTop_, GL_RED,
                        GL_UNSIGNED_BYTE, &atlas_[static_cast<std::size_t>(dirtyTop_) * atlasWidth_]);
        dirtyTop_ = dirtyBottom_ = 0;
    }

    vertices_.clear();
    for (const QueuedGlyph& q : queue_) {
        const Glyph& g = glyphs_.at(q.codepoint);
        if (!g.rasterised || g.fieldSize.x == 0) continue;
        const float scale = q.pixelSize / kFieldPixelSize;
        const glm::vec2 p0 = q.pen + g.fieldOffset * q.pixelSize;
        const glm::vec2 p1 = p0 + glm::vec2(g.fieldSize) * scale;
        // Coordinates within the glyph's field, not the atlas: the shader filters them the same wherever
        // the glyph sits, so a text's pixels do not depend on which glyphs came into the atlas before it.
        const glm::vec2 t0(0.0f), t1(g.fieldSize);
        const glm::vec4 field(g.atlasPos.x, g.atlasPos.y, g.fieldSize.x, g.fieldSize.y);
        const glm::vec2 params(scale, q.haloWidth);
        const auto corner = [&](float x, float y, float u, float v) {
            vertices_.push_back({{x, y}, {u, v}, field, q.color, q.haloColor, params});
        };
        corner(p0.x, p0.y, t0.x, t0.y);
        corner(p1.x, p0.y, t1.x, t0.y);
        corner(p0.x, p1.y, t0.x, t1.y);
        corner(p0.x, p1.y, t0.x, t1.y);
        corner(p1.x, p0.y, t1.x, t0.y);
        corner(p1.x, p1.y, t1.x, t1.y);
    }
    queue_.clear();
    if (vertices_.empty()) return;

    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    const std::size_t bytes = vertices_.size() * sizeof(Vertex);
    if (uploaded_.size() != vertices_.size() || std::memcmp(uploaded_.data(), vertices_.data(), bytes) != 0) {
        vboCapacity_ = std::max(bytes, vboCapacity_);
        // Orphaning the buffer lets the driver keep drawing last frame's text from the old storage.
        gpu::bufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vboCapacity_), nullptr, GL_STREAM_DRAW);
        gpu::bufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), vertices_.data());
        uploaded_ = vertices_;
    }

    const GLboolean depth = glIsEnabled(GL_DEPTH_TEST), blend = glIsEnabled(GL_BLEND),
                    cull = glIsEnabled(GL_CULL_FACE);
    GLint blendFunc[4] = {}, blendEquation[2] = {};
    glGetIntegerv(GL_BLEND_SRC_RGB, &blendFunc[0]);
    glGetIntegerv(GL_BLEND_DST_RGB, &blendFunc[1]);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &blendFunc[2]);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &blendFunc[3]);
    glGetIntegerv(GL_BLEND_EQUATION_RGB, &blendEquation[0]);
    glGetIntegerv(GL_BLEND_EQUATION_ALPHA, &blendEquation[1]);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA); // the shader writes premultiplied colour

    program_.use();
    program_.set("uViewport", glm::vec2(std::max(viewport.width, 1), std::max(viewport.height, 1)));
    program_.set("uSpread", static_cast<float>(kFieldSpread));
    program_.set("uFieldPixelSize", static_cast<float>(kFieldPixelSize));
    program_.set("uAtlas", 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
    glBindVertexArray(0);
    glUseProgram(0);

    if (depth) glEnable(GL_DEPTH_TEST);
    if (cull) glEnable(GL_CULL_FACE);
    if (!blend) glDisable(GL_BLEND);
    glBlendEquationSeparate(static_cast<GLenum>(blendEquation[0]), static_cast<GLenum>(blendEquation[1]));
    glBlendFuncSeparate(static_cast<GLenum>(blendFunc[0]), static_cast<GLenum>(blendFunc[1]),
                        static_cast<GLenum>(blendFunc[2]), static_cast<GLenum>(blendFunc[3]));
}

} // namespace qinba
