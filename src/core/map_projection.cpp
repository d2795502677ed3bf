#include "qinba/core/map_projection.h"

#include "qinba/core/gdal_support.h"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <limits>

namespace qinba {

namespace {
constexpr const char* kPanQinbaProj =
    "+proj=lcc +lat_0=32 +lon_0=109 +lat_1=28 +lat_2=36 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

struct MapProjection::Impl {
    OGRSpatialReference map;
    OGRSpatialReference geo;
    std::unique_ptr<OGRCoordinateTransformation> toMap;
    std::unique_ptr<OGRCoordinateTransformation> toGeo;
    std::string wkt;
    std::string proj;
};

Result<MapProjection> MapProjection::fromDefinition(const std::string& definition) {
    GdalErrorCapture capture;
    auto impl = std::make_shared<Impl>();
    if (impl->map.SetFromUserInput(definition.c_str()) != OGRERR_NONE) {
        return Error{"", "map projection", "cannot parse '" + definition + "'" + capture.suffix()};
    }
    impl->geo.SetWellKnownGeogCS("WGS84");
    impl->map.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    impl->geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    impl->toMap.reset(OGRCreateCoordinateTransformation(&impl->geo, &impl->map));
    impl->toGeo.reset(OGRCreateCoordinateTransformation(&impl->map, &impl->geo));
    if (!impl->toMap || !impl->toGeo) {
        return Error{"", "map projection",
                     "no transformation between WGS84 and '" + definition + "'" + capture.suffix()};
    }
    char* text = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    impl->map.exportToWkt(&text, options);
    impl->wkt = text ? text : "";
    CPLFree(text);
    text = nullptr;
    impl->map.exportToProj4(&text);
    impl->proj = text ? text : definition;
    CPLFree(text);
    return MapProjection(std::move(impl));
}

MapProjection MapProjection::panQinba() {
    auto result = fromDefinition(kPanQinbaProj);
    // The definition is a constant of the program; PROJ always understands it.
    return std::move(result).value();
}

const std::string& MapProjection::wkt() const {
    return impl_->wkt;
}
const std::string& MapProjection::projString() const {
    return impl_->proj;
}

MapPoint MapProjection::toMap(GeoPoint p) const {
    double x = p.lon, y = p.lat;
    if (!impl_->toMap->Transform(1, &x, &y)) return {kNaN, kNaN};
    return {x, y};
}

GeoPoint MapProjection::toGeo(MapPoint p) const {
    double x = p.x, y = p.y;
    if (!impl_->toGeo->Transform(1, &x, &y)) return {kNaN, kNaN};
    return {x, y};
}

double MapProjection::scaleFactorAt(GeoPoint p) const {
    // Along the meridian: 1e-4 degrees of latitude on WGS84 against the projected distance.
    constexpr double d = 1e-4;
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    const double phi = p.lat * M_PI / 180.0;
    const double s = std::sin(phi);
    const double meridianRadius = a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
    const double trueLength = meridianRadius * d * M_PI / 180.0;
    const MapPoint m0 = toMap({p.lon, p.lat - d / 2});
    const MapPoint m1 = toMap({p.lon, p.lat + d / 2});
    return std::hypot(m1.x - m0.x, m1.y - m0.y) / trueLength;
}

} // namespace qinba
