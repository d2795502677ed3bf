// The regional map projection: round trips, origin, scale error across the region.

#include "qinba/core/map_projection.h"

#include <gtest/gtest.h>

#include <cmath>

namespace qinba {
namespace {

TEST(MapProjection, OriginIsTheRegionCentre) {
    const MapProjection p = MapProjection::panQinba();
    const MapPoint m = p.toMap({109.0, 32.0});
    EXPECT_NEAR(m.x, 0.0, 1e-6);
    EXPECT_NEAR(m.y, 0.0, 1e-6);
}

TEST(MapProjection, RoundTripsAcrossTheRegion) {
    const MapProjection p = MapProjection::panQinba();
    for (double lon = 100.0; lon <= 118.0; lon += 0.7)
        for (double lat = 26.0; lat <= 38.0; lat += 0.45) {
            const GeoPoint g = p.toGeo(p.toMap({lon, lat}));
            EXPECT_NEAR(g.lon, lon, 1e-9);
            EXPECT_NEAR(g.lat, lat, 1e-9);
        }
}

TEST(MapProjection, AxesPointEastAndNorth) {
    const MapProjection p = MapProjection::panQinba();
    const MapPoint xian = p.toMap({108.893, 34.277}), chengdu = p.toMap({104.068, 30.672});
    EXPECT_LT(chengdu.x, xian.x);
    EXPECT_LT(chengdu.y, xian.y);
    // Great-circle distance Xi'an–Chengdu is about 606 km; the conformal map keeps it within 0.5 %.
    EXPECT_NEAR(std::hypot(xian.x - chengdu.x, xian.y - chengdu.y), 606e3, 606e3 * 0.005);
}

TEST(MapProjection, ScaleErrorIsSmallOverTheRegion) {
    const MapProjection p = MapProjection::panQinba();
    EXPECT_NEAR(p.scaleFactorAt({109.0, 28.0}), 1.0, 1e-6);
    EXPECT_NEAR(p.scaleFactorAt({109.0, 36.0}), 1.0, 1e-6);
    EXPECT_LT(p.scaleFactorAt({109.0, 32.0}), 1.0);
    for (double lat = 26.0; lat <= 38.0; lat += 1.0)
        for (double lon : {100.0, 109.0, 118.0})
            EXPECT_NEAR(p.scaleFactorAt({lon, lat}), 1.0, 0.004) << lat;
}

TEST(MapProjection, RejectsAnUnknownDefinition) {
    auto p = MapProjection::fromDefinition("not a projection");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().toString().find("not a projection"), std::string::npos);
}

} // namespace
} // namespace qinba
