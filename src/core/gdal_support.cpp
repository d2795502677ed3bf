#include "qinba/core/gdal_support.h"

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

} // namespace qinba
