// libFuzzer target: a DEM read through GDAL (dem_loader.h, and tile_source.h for level-of-detail streaming)
// from memory (/vsimem/): any raster a user passes to --dem or opens in the viewer. GDAL itself is not the
// target; the loader's handling of whatever GDAL returns is (sizes, geotransforms, nodata, masks, scale and
// offset, CRS, hole filling, resampling).
//
// Properties checked on every input, besides "no crash, no leak, no undefined behaviour": a loaded DEM has at
// least 2×2 samples, no more than maxSide on a side, one height per sample, and finite heights where valid;
// a streamed tile has one height per texel, covers a window inside the raster, and an ordered height range.

#include "fuzz_support.h"

#include "qinba/core/dem_loader.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/tile_source.h"

#include <cpl_conv.h>
#include <gdal.h>

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Before registering the drivers: keep GDAL from looking for side-car files beside the input, and from
    // reading other files a format may name (a VRT's sources): the target is the loader, not the file system.
    CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    CPLSetConfigOption("GDAL_SKIP", "VRT");
    // A small block cache keeps the process small, so that a large allocation GDAL makes for what a header
    // declares is not mistaken for our code running out of memory.
    CPLSetConfigOption("GDAL_CACHEMAX", "64");
    qinba::ensureGdalRegistered();
    return 0;
}

/// The streaming path: open the source as tiles and read the root and one full-resolution tile.
static void checkTiles(const std::string& path, const qinba::MapProjection& projection) {
    using qinba::fuzz::require;
    auto source = qinba::TileSource::open({path, "", 16}, projection);
    if (!source.ok()) {
        require(!source.error().message.empty(), "a tile source error without a message");
        return;
    }
    const qinba::TilePyramid& p = (*source)->info().pyramid;
    require(p.levels >= 1 && p.tilesX(0) == 1 && p.tilesY(0) == 1, "a pyramid whose root is not one tile");
    for (const qinba::TileKey k : {qinba::TileKey{0, 0, 0}, qinba::TileKey{p.finestLevel(), 0, 0}}) {
        const auto tile = (*source)->read(k);
        if (!tile.ok()) {
            require(!tile.error().message.empty(), "a tile error without a message");
            continue;
        }
        require(tile->width >= 1 && tile->height >= 1 &&
                    tile->heights.size() == static_cast<std::size_t>(tile->width) * tile->height,
                "a tile whose heights are not one per texel");
        require(tile->window.x0 >= 0 && tile->window.y0 >= 0 && tile->window.x1 <= p.rasterWidth &&
                    tile->window.y1 <= p.rasterHeight && tile->window.x0 < tile->window.x1,
                "a tile window outside the raster");
        require(!tile->anyData || tile->minHeight <= tile->maxHeight, "a tile height range inverted");
    }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qinba::fuzz::require;
    static const qinba::MapProjection projection = qinba::MapProjection::panQinba();
    const qinba::fuzz::MemFile file("/vsimem/fuzz_dem", data, size);
    // loadDem reads every sample of the source (averaged down to its grid): a few bytes that declare a raster
    // of billions of samples take GDAL minutes to read, as a real file of that size would. Those sizes are
    // covered by DemLoader.LargeSourcesAreResampledToTheGridLimit and DemLoaderErrors.AbsurdSize...; here
    // sources stay under 2^24 samples so every input runs in well under the 10 s limit.
    if (GDALDatasetH probe = GDALOpen(file.path().c_str(), GA_ReadOnly)) {
        const double samples =
            static_cast<double>(GDALGetRasterXSize(probe)) * static_cast<double>(GDALGetRasterYSize(probe));
        // Opening a raster of tens of thousands of bands costs GDAL itself gigabytes under ASan, three times
        // over (loader, tile source); only band 1 is ever read, and GDAL is not the target.
        const int bands = GDALGetRasterCount(probe);
        GDALClose(probe);
        if (samples > 16777216.0 || bands > 256) return 0;
    }
    checkTiles(file.path(), projection);
    qinba::DemLoadOptions options;
    options.maxSide = 64;
    const qinba::Result<qinba::Dem> dem = qinba::loadDem(file.path(), projection, options);
    qinba::fuzz::report(dem.ok() ? "DEM " + std::to_string(dem->width()) + "x" + std::to_string(dem->height())
                                 : dem.error().toString());
    if (!dem.ok()) {
        require(!dem.error().message.empty(), "an error without a message");
        return 0;
    }
    require(dem->width() >= 2 && dem->height() >= 2, "a loaded DEM smaller than 2x2");
    require(dem->width() <= options.maxSide && dem->height() <= options.maxSide,
            "a loaded DEM beyond maxSide");
    require(dem->heights().size() == static_cast<std::size_t>(dem->width()) * dem->height(),
            "a DEM whose heights are not one per sample");
    std::size_t valid = 0;
    for (float h : dem->heights())
        valid += std::isnan(h) ? 0 : 1;
    require(valid == dem->validCount() && valid > 0, "validCount is not the number of samples with data");
    require(std::isfinite(dem->minElevation()) && std::isfinite(dem->maxElevation()) &&
                dem->minElevation() <= dem->maxElevation(),
            "elevation range not finite or inverted");
    return 0;
}
