// Map layers: opening vector and raster files in any CRS, and every kind of bad layer input.

#include "test_support.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/layer.h"
#include "qinba/core/layer_overlay.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <vector>

namespace qinba {
namespace {

const MapProjection& projection() {
    static const MapProjection p = MapProjection::panQinba();
    return p;
}

/// The default DEM's extent, roughly: the Pan-Qinba Region in map metres.
MapRect regionExtent() {
    const MapPoint sw = projection().toMap({100.0, 26.0}), ne = projection().toMap({118.0, 38.0});
    return {sw.x - 2e5, sw.y, ne.x + 2e5, ne.y};
}

TEST(Layers, GeoJsonInAProjectedCrsLandsWhereItBelongs) {
    test::TempDir dir;
    const std::string path = dir.file("utm.geojson");
    // Xi'an (108.893E 34.277N) in UTM zone 49N is about (673500, 3795300).
    OGRSpatialReference wgs, utm;
    wgs.SetWellKnownGeogCS("WGS84");
    utm.SetFromUserInput("EPSG:32649");
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs, &utm));
    double x = 108.893, y = 34.277;
    ASSERT_TRUE(ct->Transform(1, &x, &y));
    ASSERT_EQ(
        test::writeVector(path, "GeoJSON", "EPSG:32649",
                          {{"Xi'an", "POINT (" + std::to_string(x) + " " + std::to_string(y) + ")"},
                           {"Square", "POLYGON ((600000 3700000,700000 3700000,700000 3800000,600000 3800000,"
                                      "600000 3700000),(630000 3730000,670000 3730000,670000 3770000,630000 "
                                      "3770000,630000 3730000))"}}),
        "");
    auto layer = openLayer(LayerOptions::fromPath(path), projection(), regionExtent());
    ASSERT_TRUE(layer) << layer.error().toString();
    EXPECT_EQ(layer->kind, LayerKind::Vector);
    EXPECT_EQ(layer->pointCount, 1u);
    EXPECT_EQ(layer->ringCount, 2u) << "outer ring and hole";
    EXPECT_EQ(layer->options.style.labelField, "name") << "a name field is picked for labels";
    const MapPoint expected = projection().toMap({108.893, 34.277});
    ASSERT_EQ(layer->features[0].points.size(), 1u);
    EXPECT_NEAR(layer->features[0].points[0].x, expected.x, 1.0);
    EXPECT_NEAR(layer->features[0].points[0].y, expected.y, 1.0);
}

TEST(Layers, ShapefileLinesAreReadAndDraped) {
    test::TempDir dir;
    const std::string path = dir.file("rivers.shp");
    ASSERT_EQ(test::writeVector(path, "ESRI Shapefile", "EPSG:4326",
                                {{"Han", "LINESTRING (106.5 33.0,107.5 33.1,109.0 32.7,110.5 32.6)"}}),
              "");
    auto layer = openLayer(LayerOptions::fromPath(path), projection(), regionExtent());
    ASSERT_TRUE(layer) << layer.error().toString();
    EXPECT_EQ(layer->lineCount, 1u);
    // Draped on a flat 500 m surface with 4x exaggeration, every point sits just above 2000 m.
    std::vector<float> heights(200 * 200, 500.0f);
    const MapRect e = regionExtent();
    const Dem flat(200, 200, {e.minX, e.maxY}, std::max(e.width(), e.height()) / 200.0, std::move(heights));
    const DrapedLayer d = drapeLayer(*layer, TerrainSurface(flat, 4.0));
    ASSERT_EQ(d.lines.size(), 1u);
    EXPECT_GT(d.lines[0].size(), 50u) << "resampled along the ground";
    for (const glm::dvec3& p : d.lines[0]) {
        EXPECT_GE(p.z, 2000.0);
        EXPECT_LT(p.z, 2400.0);
    }
    ASSERT_EQ(d.labels.size(), 1u);
    EXPECT_EQ(featureLabel(*layer, layer->features[d.labels[0].second], LabelLanguage::English), "Han");
}

TEST(Layers, GeoTiffRasterBecomesAnImageInTheMapProjection) {
    test::TempDir dir;
    const std::string path = dir.file("grid.tif");
    test::SyntheticGrid g{60, 40, 105.0, 34.0, 0.05, 0.05, "EPSG:4326", true};
    ASSERT_EQ(test::writeRaster(path, "GTiff", g, [](int c, int, double, double) { return c * 4.0; }), "");
    auto layer = openLayer(LayerOptions::fromPath(path), projection(), regionExtent());
    ASSERT_TRUE(layer) << layer.error().toString();
    EXPECT_EQ(layer->kind, LayerKind::Raster);
    EXPECT_GT(layer->raster.width, 10);
    const MapPoint sw = projection().toMap({105.0, 32.0});
    EXPECT_NEAR(layer->raster.bounds.minX, sw.x, 20000.0);
    // West is dark, east is light (a grey stretch of the values).
    const int row = layer->raster.height / 2;
    const auto at = [&](int col) {
        return layer->raster.rgba[(static_cast<std::size_t>(row) * layer->raster.width + col) * 4];
    };
    EXPECT_LT(at(2), at(layer->raster.width - 3));
}

TEST(Layers, ManyBandRasterIsShownFromItsFirstThreeBands) {
    // fuzz_layer found that every band was warped: a GeoTIFF of 65535 bands took minutes.
    test::TempDir dir;
    const std::string path = dir.file("bands.tif");
    {
        ensureGdalRegistered();
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        ASSERT_NE(gtiff, nullptr);
        std::unique_ptr<GDALDataset> ds(gtiff->Create(path.c_str(), 20, 10, 300, GDT_Byte, nullptr));
        ASSERT_TRUE(ds);
        double gt[6] = {105.0, 0.1, 0.0, 34.0, 0.0, -0.1};
        ds->SetGeoTransform(gt);
        OGRSpatialReference wgs;
        wgs.SetWellKnownGeogCS("WGS84");
        ds->SetSpatialRef(&wgs);
        // Band 1 rises from west to east, band 2 the other way; bands 3-300 are flat.
        std::vector<GByte> west(20 * 10), east(20 * 10), flat(20 * 10, 77);
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 20; ++c) {
                west[r * 20 + c] = static_cast<GByte>(c * 10);
                east[r * 20 + c] = static_cast<GByte>(200 - c * 10);
            }
        for (int b = 1; b <= 300; ++b) {
            GByte* data = b == 1 ? west.data() : b == 2 ? east.data() : flat.data();
            ASSERT_EQ(
                ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 20, 10, data, 20, 10, GDT_Byte, 0, 0, nullptr),
                CE_None);
        }
    }
    auto layer = openLayer(LayerOptions::fromPath(path), projection(), regionExtent());
    ASSERT_TRUE(layer) << layer.error().toString();
    ASSERT_EQ(layer->kind, LayerKind::Raster);
    const int row = layer->raster.height / 2, w = layer->raster.width;
    ASSERT_GT(w, 6);
    const auto px = [&](int col, int channel) {
        return layer->raster.rgba[(static_cast<std::size_t>(row) * w + col) * 4 + channel];
    };
    EXPECT_LT(px(2, 0), px(w - 3, 0)) << "red is band 1, rising eastwards";
    EXPECT_GT(px(2, 1), px(w - 3, 1)) << "green is band 2, falling eastwards";
    EXPECT_GT(px(w / 2, 3), 0) << "opaque inside the raster";
}

TEST(Layers, ClassRasterIsDrawnFinerWithSmoothBoundaries) {
    // A disc of class 1 (red) in class 2 (blue), 40 × 40 pixels with a colour table: nearest-neighbour
    // classes magnified on the terrain would be squares, so the image comes finer, its boundary a curve.
    test::TempDir dir;
    const std::string path = dir.file("classes.tif");
    const int n = 40;
    int discPixels = 0;
    {
        ensureGdalRegistered();
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        ASSERT_NE(gtiff, nullptr);
        std::unique_ptr<GDALDataset> ds(gtiff->Create(path.c_str(), n, n, 1, GDT_Byte, nullptr));
        ASSERT_TRUE(ds);
        double gt[6] = {108.0, 0.05, 0.0, 33.0, 0.0, -0.05};
        ds->SetGeoTransform(gt);
        OGRSpatialReference wgs;
        wgs.SetWellKnownGeogCS("WGS84");
        ds->SetSpatialRef(&wgs);
        std::vector<GByte> v(n * n);
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                v[r * n + c] = std::hypot(c - 19.3, r - 20.4) < 13.0 ? 1 : 2;
                discPixels += v[r * n + c] == 1;
            }
        GDALColorTable table;
        const GDALColorEntry none{0, 0, 0, 0}, red{255, 0, 0, 255}, blue{0, 0, 255, 255};
        table.SetColorEntry(0, &none);
        table.SetColorEntry(1, &red);
        table.SetColorEntry(2, &blue);
        GDALRasterBand* band = ds->GetRasterBand(1);
        band->SetColorTable(&table);
        ASSERT_EQ(band->RasterIO(GF_Write, 0, 0, n, n, v.data(), n, n, GDT_Byte, 0, 0, nullptr), CE_None);
    }
    auto layer = openLayer(LayerOptions::fromPath(path), projection(), regionExtent());
    ASSERT_TRUE(layer) << layer.error().toString();
    const RasterImage& img = layer->raster;
    ASSERT_GE(img.width, 4 * n) << "classes drawn finer than their pixels";
    // Label 1 red, 2 blue, 0 transparent. The measure: the share of boundary pixels whose 3 x 3 Sobel
    // gradient of "same label" is exactly horizontal or vertical.
    auto measure = [](int w, int h, const std::function<int(int, int)>& label, int& boundary) {
        int axis = 0;
        boundary = 0;
        for (int y = 1; y < h - 1; ++y)
            for (int x = 1; x < w - 1; ++x) {
                const int l = label(x, y);
                if (l != 1 && l != 2) continue;
                const int n4[4] = {label(x + 1, y), label(x - 1, y), label(x, y + 1), label(x, y - 1)};
                if (n4[0] == l && n4[1] == l && n4[2] == l && n4[3] == l) continue;
                if (n4[0] == 0 || n4[1] == 0 || n4[2] == 0 || n4[3] == 0) continue; // the raster's own edge
                auto in = [&](int dx, int dy) { return label(x + dx, y + dy) == l ? 1 : 0; };
                const int gx =
                    (in(1, -1) + 2 * in(1, 0) + in(1, 1)) - (in(-1, -1) + 2 * in(-1, 0) + in(-1, 1));
                const int gy =
                    (in(-1, 1) + 2 * in(0, 1) + in(1, 1)) - (in(-1, -1) + 2 * in(0, -1) + in(1, -1));
                if (gx == 0 && gy == 0) continue;
                ++boundary;
                axis += gx == 0 || gy == 0;
            }
        return boundary ? double(axis) / boundary : 1.0;
    };
    int boundary = 0, red = 0, coloured = 0;
    auto label = [&](int x, int y) {
        const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(y) * img.width + x) * 4];
        return p[3] < 128 ? 0 : p[0] > p[2] ? 1 : 2;
    };
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            red += label(x, y) == 1, coloured += label(x, y) != 0;
    const double drawn = measure(img.width, img.height, label, boundary);
    ASSERT_GT(boundary, 100);
    // The same disc 8 times magnified as a staircase of pixels (what nearest-neighbour magnification
    // shows), and as a true circle.
    int unused = 0;
    const double staircase = measure(
        8 * n, 8 * n, [](int x, int y) { return std::hypot(x / 8 - 19.3, y / 8 - 20.4) < 13.0 ? 1 : 2; },
        unused);
    const double circle = measure(
        8 * n, 8 * n,
        [](int x, int y) {
            return std::hypot((x + 0.5) / 8 - 0.5 - 19.3, (y + 0.5) / 8 - 0.5 - 20.4) < 13.0 ? 1 : 2;
        },
        unused);
    std::printf(
        "class raster %dx%d: %d boundary pixels, %.3f exactly horizontal or vertical (staircase %.3f, "
        "circle %.3f)\n",
        img.width, img.height, boundary, drawn, staircase, circle);
    EXPECT_LT(drawn, 0.5 * (staircase + circle)) << "boundaries closer to a staircase than to a curve";
    // The disc keeps its share of the raster (pixel classes are kept at their centres).
    EXPECT_NEAR(double(red) / coloured, double(discPixels) / (n * n), 0.02);
}

void expectLayerError(const Result<Layer>& r, const std::string& path, const std::string& problem) {
    ASSERT_FALSE(r) << "expected an error for " << path;
    const std::string text = r.error().toString();
    EXPECT_NE(text.find(path), std::string::npos) << text;
    EXPECT_NE(text.find(problem), std::string::npos) << text;
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
}

TEST(LayerErrors, RasterReachingBeyondThePoles) {
    // fuzz_layer found that warping a raster whose rows run past the South Pole took minutes.
    test::TempDir dir;
    const std::string path = dir.file("column.tif");
    const test::SyntheticGrid g{6, 1000, 107.0, 33.25, 0.25, 0.25, "EPSG:4326", true};
    ASSERT_EQ(test::writeRaster(path, "GTiff", g, [](int c, int, double, double) { return c * 1.0; }), "");
    expectLayerError(openLayer(LayerOptions::fromPath(path), projection(), regionExtent()), path,
                     "do not lie on the Earth");
}

TEST(LayerErrors, MissingUnreadableEmptyOutsideAndUndrawable) {
    test::TempDir dir;
    const std::string missing = dir.file("missing.geojson");
    expectLayerError(openLayer(LayerOptions::fromPath(missing), projection(), regionExtent()), missing,
                     "file not found");

    const std::string garbage = dir.file("garbage.geojson");
    std::ofstream(garbage) << "{ this is not json";
    expectLayerError(openLayer(LayerOptions::fromPath(garbage), projection(), regionExtent()), garbage,
                     "neither OGR nor GDAL can read it");

    const std::string empty = dir.file("empty.geojson");
    std::ofstream(empty) << R"({"type": "FeatureCollection", "features": []})";
    expectLayerError(openLayer(LayerOptions::fromPath(empty), projection(), regionExtent()), empty,
                     "no features");

    const std::string europe = dir.file("europe.geojson");
    ASSERT_EQ(test::writeVector(europe, "GeoJSON", "EPSG:4326", {{"Paris", "POINT (2.35 48.86)"}}), "");
    expectLayerError(openLayer(LayerOptions::fromPath(europe), projection(), regionExtent()), europe,
                     "outside the terrain");

    const std::string tin = dir.file("tin.csv");
    std::ofstream(tin) << "WKT,name\n\"TIN Z (((107 33 0,108 33 0,107 34 0,107 33 0)))\",surface\n";
    expectLayerError(openLayer(LayerOptions::fromPath(tin), projection(), regionExtent()), tin,
                     "cannot be drawn");
}

} // namespace
} // namespace qinba
