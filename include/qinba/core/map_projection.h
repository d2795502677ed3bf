#pragma once
// The map projection every layer of Qinba Atlas shares, and the conversions between it and geographic
// coordinates.
//
// Choice: Lambert Conformal Conic on WGS84, standard parallels 28°N and 36°N (the one-sixth rule for the
// 26–38°N default region), origin 32°N 109°E (the centre of the Pan-Qinba crop), false easting/northing 0.
// Why conformal: the terrain is lit and its slopes are measured in map space, so the projection must keep
// angles (aspect and slope directions) true everywhere; scale error stays within about ±0.3 % across the
// region, far below the DEM's own accuracy, so lengths and areas read off the map are also sound.

#include "qinba/core/result.h"

#include <memory>
#include <string>

namespace qinba {

/// A longitude/latitude pair on WGS84, in degrees (east and north positive).
struct GeoPoint {
    double lon = 0.0;
    double lat = 0.0;
};

/// A point in the map projection, in metres (x east, y north).
struct MapPoint {
    double x = 0.0;
    double y = 0.0;
};

/// An axis-aligned rectangle in map metres.
struct MapRect {
    double minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0;
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    MapPoint centre() const { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    bool contains(MapPoint p) const { return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY; }
};

/// The regional map projection and its transforms to and from WGS84 longitude/latitude.
/// Copies share the same transforms; a MapProjection is not safe to use from two threads at once.
class MapProjection {
  public:
    /// The projection described above (Lambert Conformal Conic centred on the Pan-Qinba Region).
    static MapProjection panQinba();

    /// A projection from any definition OGR understands (WKT, PROJ string, "EPSG:n").
    static Result<MapProjection> fromDefinition(const std::string& definition);

    /// The projection as OGC WKT, for GDAL and for files written by the application.
    const std::string& wkt() const;
    /// The projection as a PROJ string, for people reading logs and provenance.
    const std::string& projString() const;

    /// Geographic degrees to map metres. Returns NaN coordinates where the projection is undefined.
    MapPoint toMap(GeoPoint p) const;
    /// Map metres to geographic degrees. Returns NaN coordinates where the inverse is undefined.
    GeoPoint toGeo(MapPoint p) const;

    /// Ratio of map distance to true distance on the ellipsoid at a geographic point (1 on the standard
    /// parallels), estimated by finite differences.
    double scaleFactorAt(GeoPoint p) const;

  private:
    struct Impl;
    explicit MapProjection(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const Impl> impl_;
};

} // namespace qinba
