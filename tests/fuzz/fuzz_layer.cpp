// libFuzzer target: a map layer read through OGR, or GDAL when OGR cannot read it (layer.h), from memory
// (/vsimem/): any file a user adds in the Layers panel, with --layer or in a scenario's layer list
// (GeoJSON, GeoPackage, GML, KML, rasters...). OGR and GDAL are not the target; openLayer's handling of what
// they return is (geometry types, empty and degenerate geometries, attributes, CRS, extents, warping).
//
// Properties checked on every input, besides "no crash, no leak, no undefined behaviour": an opened layer
// has legend text, a raster layer one RGBA pixel per cell, and a vector layer counts exactly the points,
// lines and rings its features hold.

#include "fuzz_support.h"

#include "qinba/core/gdal_support.h"
#include "qinba/core/layer.h"

#include <cpl_conv.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Before registering the drivers: keep GDAL from looking for side-car files beside the input, and keep
    // the process small (see fuzz_dem). The raster VRT driver stays: openLayer itself uses it.
    CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    CPLSetConfigOption("GDAL_SKIP", "OGR_VRT");
    CPLSetConfigOption("GDAL_CACHEMAX", "64");
    qinba::ensureGdalRegistered();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qinba::fuzz::require;
    static const qinba::MapProjection projection = qinba::MapProjection::panQinba();
    static const qinba::MapRect extent = [] {
        const qinba::MapPoint sw = projection.toMap({100.0, 26.0}), ne = projection.toMap({118.0, 38.0});
        return qinba::MapRect{sw.x, sw.y, ne.x, ne.y};
    }();
    // VRT inputs name other files to read (any path on the machine): that fuzzes the file system, not us.
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (text.find("VRTDataset") != std::string_view::npos ||
        text.find("VRTDataSource") != std::string_view::npos)
        return 0;
    const qinba::fuzz::MemFile file("/vsimem/fuzz_layer", data, size);
    const qinba::Result<qinba::Layer> layer =
        qinba::openLayer(qinba::LayerOptions::fromPath(file.path()), projection, extent);
    qinba::fuzz::report(layer.ok() ? "layer of " + std::to_string(layer->features.size()) + " features, " +
                                         std::to_string(layer->raster.width) + "x" +
                                         std::to_string(layer->raster.height) + " raster"
                                   : layer.error().toString());
    if (!layer.ok()) {
        require(!layer.error().message.empty(), "an error without a message");
        return 0;
    }
    require(!qinba::legendText(*layer).empty(), "a layer without legend text");
    if (layer->kind == qinba::LayerKind::Raster) {
        require(layer->raster.rgba.size() ==
                    static_cast<std::size_t>(layer->raster.width) * layer->raster.height * 4,
                "raster pixels are not width x height x 4");
        return 0;
    }
    std::size_t points = 0, lines = 0, rings = 0;
    for (const qinba::VectorFeature& f : layer->features) {
        points += f.points.size();
        lines += f.lines.size();
        rings += f.rings.size();
    }
    require(points == layer->pointCount && lines == layer->lineCount && rings == layer->ringCount,
            "geometry counts do not match the features");
    return 0;
}
