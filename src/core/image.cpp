#include "qinba/core/image.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace qinba {

glm::dvec3 ImageRgba8::meanRgb(int x, int y, int radius) const {
    glm::dvec3 sum(0.0);
    int n = 0;
    for (int yy = std::max(0, y - radius); yy <= std::min(height - 1, y + radius); ++yy)
        for (int xx = std::max(0, x - radius); xx <= std::min(width - 1, x + radius); ++xx) {
            const std::uint8_t* p = at(xx, yy);
            sum += glm::dvec3(p[0], p[1], p[2]);
            ++n;
        }
    return n ? sum / static_cast<double>(n) : sum;
}

Status writePng(const std::string& path, const ImageRgba8& image, int zlibLevel) {
    if (image.width <= 0 || image.height <= 0) return Error{path, "", _("cannot write an empty image")};
    // stb keeps the level in a global: PNG writes take turns so each gets its own.
    static std::mutex levelMutex;
    const std::lock_guard lock(levelMutex);
    stbi_write_png_compression_level = std::clamp(zlibLevel, 1, 9);
    errno = 0;
    if (!stbi_write_png(path.c_str(), image.width, image.height, 4, image.pixels.data(), image.width * 4)) {
        const std::string why = errno ? std::strerror(errno) : _("write failed");
        return Error{path, "", formatText(_("cannot write PNG: {}"), why)};
    }
    return okStatus();
}

Result<ImageRgba8> readImage(const std::string& path) {
    int w = 0, h = 0, n = 0;
    stbi_uc* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data) {
        const char* why = stbi_failure_reason();
        return Error{path, "", formatText(_("cannot read image: {}"), why ? why : _("unknown reason"))};
    }
    ImageRgba8 img(w, h);
    std::memcpy(img.pixels.data(), data, img.pixels.size());
    stbi_image_free(data);
    return img;
}

Result<ImageDifference> compareImages(const ImageRgba8& a, const ImageRgba8& b, int threshold) {
    if (a.width != b.width || a.height != b.height)
        return Error{
            "", "size",
            formatText(_("images differ in size: {}x{} vs {}x{}"), a.width, a.height, b.width, b.height)};
    ImageDifference d;
    double sum = 0.0;
    std::size_t above = 0;
    const std::size_t n = static_cast<std::size_t>(a.width) * a.height;
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int diff = std::abs(int(a.pixels[i * 4 + c]) - int(b.pixels[i * 4 + c]));
            sum += diff;
            worst = std::max(worst, diff);
        }
        d.maxAbsolute = std::max(d.maxAbsolute, worst);
        if (worst > threshold) ++above;
    }
    d.meanAbsolute = n ? sum / (3.0 * static_cast<double>(n)) : 0.0;
    d.fractionAbove = n ? static_cast<double>(above) / static_cast<double>(n) : 0.0;
    return d;
}

} // namespace qinba
