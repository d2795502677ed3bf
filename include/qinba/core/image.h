#pragma once
// 8-bit RGBA images in memory, PNG files, and image comparison for tests and golden images.

#include "qinba/core/result.h"

#include <cstdint>
#include <glm/glm.hpp>
#include <string>
#include <vector>

namespace qinba {

/// Pixels row by row from the top-left, four bytes (R, G, B, A) each.
struct ImageRgba8 {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    ImageRgba8() = default;
    ImageRgba8(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 4, 0) {}
    std::uint8_t* at(int x, int y) { return &pixels[(static_cast<std::size_t>(y) * width + x) * 4]; }
    const std::uint8_t* at(int x, int y) const {
        return &pixels[(static_cast<std::size_t>(y) * width + x) * 4];
    }
    /// Mean colour (0–255 per channel) of the pixels within `radius` of (x, y), clipped to the image.
    glm::dvec3 meanRgb(int x, int y, int radius) const;
};

/// Writes a PNG (RGBA) at zlib compression level `zlibLevel` (1 fastest, 9 smallest; stb's default is 8).
/// The error names the file.
Status writePng(const std::string& path, const ImageRgba8& image, int zlibLevel = 8);
/// Reads a PNG or any image stb_image reads, as RGBA.
Result<ImageRgba8> readImage(const std::string& path);

/// How two images of the same size differ, per channel on the 0–255 scale (alpha ignored).
struct ImageDifference {
    double meanAbsolute = 0.0;  ///< mean absolute difference over all RGB values
    int maxAbsolute = 0;        ///< largest absolute difference of any RGB value
    double fractionAbove = 0.0; ///< fraction of pixels whose largest channel difference exceeds threshold
};
/// Compares `a` and `b`; both must have the same size. `threshold` is on the 0–255 scale.
Result<ImageDifference> compareImages(const ImageRgba8& a, const ImageRgba8& b, int threshold);

} // namespace qinba
