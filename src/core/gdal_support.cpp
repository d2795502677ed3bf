#include "qinba/core/gdal_support.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace qinba {

void ensureGdalRegistered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() {
    CPLPushErrorHandlerEx(
        [](CPLErr cls, CPLErrorNum no, const char* msg) { handler(static_cast<int>(cls), no, msg); }, this);
}

GdalErrorCapture::~GdalErrorCapture() {
    CPLPopErrorHandler();
}

void GdalErrorCapture::handler(int errClass, int /*errNo*/, const char* msg) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self || errClass == CE_Debug || errClass == CE_None) return;
    std::string text = msg ? msg : "";
    if (errClass >= CE_Failure) self->lastFailure_ = text;
    self->messages_.push_back(std::move(text));
}

std::string GdalErrorCapture::last() const {
    if (!lastFailure_.empty()) return lastFailure_;
    return messages_.empty() ? std::string() : messages_.back();
}

std::string GdalErrorCapture::suffix() const {
    std::string text = last();
    if (text.empty()) return {};
    // Keep the message on one line.
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return " (GDAL: " + text + ")";
}

bool isGdalVirtualPath(const std::string& path) {
    // GDAL's virtual file systems and "DRIVER:file:subdataset" names are not plain files.
    return path.rfind("/vsi", 0) == 0 || (path.find(':') != std::string::npos && path.find(':') > 1);
}

double unitToMetres(const char* unit) {
    const std::string u = unit ? unit : "";
    if (u == "ft" || u == "foot" || u == "feet" || u == "international foot") return 0.3048;
    if (u == "US survey foot" || u == "us-ft" || u == "ftUS") return 1200.0 / 3937.0;
    return 1.0;
}

bool looksGeographic(const double gt[6], int width, int height) {
    const double xs[2] = {gt[0], gt[0] + width * gt[1] + height * gt[2]};
    const double ys[2] = {gt[3], gt[3] + width * gt[4] + height * gt[5]};
    for (double x : xs)
        if (x < -180.5 || x > 360.5) return false;
    for (double y : ys)
        if (y < -90.5 || y > 90.5) return false;
    return true;
}

Status checkDemSize(const std::string& path, int width, int height) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width < 2 || height < 2)
        return Error{path, "", formatText(_("is a {} raster; a DEM needs at least 2x2 samples"), size)};
    if (width > kMaxDemSide || height > kMaxDemSide)
        return Error{path, "",
                     formatText(_("declares {} samples; sides above {} samples are not read (is the header "
                                  "damaged?)"),
                                size, kMaxDemSide)};
    return okStatus();
}

} // namespace qinba
