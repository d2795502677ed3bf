#include "qinba/core/camera_spec.h"

#include "qinba/core/i18n.h"
#include "qinba/core/text_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace qinba {

Result<CameraSpec> parseCameraSpec(const std::string& text) {
    static const char* names[] = {N_("longitude"), N_("latitude"), N_("distance (km)"), N_("heading"),
                                  N_("pitch")};
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        const std::string part = text.substr(start, end - start);
        double v = 0.0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (values.size() >= 5)
            return Error{"", "--camera", formatText(_("expected at most 5 numbers, got '{}'"), text)};
        if (part.empty() || ec != std::errc() || ptr != part.data() + part.size() || !std::isfinite(v))
            return Error{"", "--camera",
                         formatText(_("{} '{}' is not a number"), _(names[values.size()]), part)};
        values.push_back(v);
        start = end + 1;
    }
    if (values.size() < 3)
        return Error{"", "--camera",
                     formatText(_("expected LON,LAT,DISTANCE_KM[,HEADING[,PITCH]], got '{}'"), text)};
    CameraSpec s;
    s.target = {values[0], values[1]};
    s.distanceKm = values[2];
    if (values.size() > 3) s.heading = values[3];
    if (values.size() > 4) s.pitch = values[4];
    if (s.target.lon < -180 || s.target.lon > 360) return Error{"", "--camera", _("longitude out of range")};
    if (s.target.lat < -90 || s.target.lat > 90) return Error{"", "--camera", _("latitude out of range")};
    // Below a metre the distance would not survive formatting with three decimals of a kilometre.
    if (!(s.distanceKm >= 0.001)) return Error{"", "--camera", _("distance must be at least 0.001 km (1 m)")};
    if (s.pitch < 0 || s.pitch > 90) return Error{"", "--camera", _("pitch must be from 0 to 90 degrees")};
    return s;
}

std::string formatCameraSpec(const CameraSpec& s) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.5f,%.5f,%.3f,%.2f,%.2f", s.target.lon, s.target.lat, s.distanceKm,
                  s.heading, s.pitch);
    return buf;
}

OrbitCamera cameraFromSpec(const CameraSpec& spec, const MapProjection& projection,
                           const TerrainSurface& surface) {
    OrbitCamera c;
    const MapPoint p = projection.toMap(spec.target);
    c.target = {p.x, p.y, surface.heightAt(p.x, p.y).value_or(0.0)};
    c.distance = spec.distanceKm * 1000.0;
    c.heading = spec.heading;
    c.pitch = spec.pitch;
    return c;
}

CameraSpec specFromCamera(const OrbitCamera& camera, const MapProjection& projection) {
    CameraSpec s;
    s.target = projection.toGeo({camera.target.x, camera.target.y});
    s.distanceKm = camera.distance / 1000.0;
    s.heading = camera.heading;
    s.pitch = camera.pitch;
    return s;
}

} // namespace qinba
