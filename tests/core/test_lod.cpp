// Level of detail in the core: the tile pyramid's geometry, tile reads through GDAL (with and without
// overviews, damaged and too-small budgets), the selection by screen-space error, and the streamer.

#include "test_support.h"

#include "qinba/core/data_paths.h"
#include "qinba/core/dem_loader.h"
#include "qinba/core/gdal_support.h"
#include "qinba/core/lod_selection.h"
#include "qinba/core/map_projection.h"
#include "qinba/core/tile_source.h"
#include "qinba/core/tile_streamer.h"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <limits>
#include <set>

namespace qinba {
namespace {

namespace fs = std::filesystem;

/// Elevation of pixel centre (col + 0.5, row + 0.5) on a tilted plane: averaging keeps it exact, so every
/// level must reproduce the plane wherever it is sampled.
double plane(double px, double py) {
    return 100.0 + 0.75 * px - 0.4 * py;
}

/// One folder for the rasters of this file, removed at exit.
const fs::path& lodDir() {
    static const test::TempDir dir;
    return dir.path();
}

/// Writes a tiled GeoTIFF in the map projection whose pixels hold plane(); optionally with overviews.
std::string writePlaneDem(const std::string& name, int w, int h, bool overviews) {
    ensureGdalRegistered();
    const fs::path dir = lodDir();
    const std::string path = (dir / name).string();
    fs::remove(path);
    fs::remove(path + ".ovr");
    char** co = CSLSetNameValue(nullptr, "TILED", "YES");
    GDALDataset* ds =
        GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), w, h, 1, GDT_Float32, co);
    CSLDestroy(co);
    double gt[6] = {-300000.0, 1000.0, 0, 200000.0, 0, -1000.0};
    ds->SetGeoTransform(gt);
    ds->SetProjection(MapProjection::panQinba().wkt().c_str());
    std::vector<float> v(static_cast<std::size_t>(w) * h);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            v[static_cast<std::size_t>(r) * w + c] = static_cast<float>(plane(c + 0.5, r + 0.5));
    EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, w, h, v.data(), w, h, GDT_Float32, 0, 0),
              CE_None);
    if (overviews) {
        int factors[] = {2, 4, 8, 16};
        EXPECT_EQ(ds->BuildOverviews("AVERAGE", 4, factors, 0, nullptr, nullptr, nullptr), CE_None);
    }
    GDALClose(ds);
    return path;
}

/// Bilinear lookup as the GPU does it, at a position in source pixel-edge coordinates.
double sampleTile(const TileData& t, double px, double py) {
    const double u = (px - t.window.x0) / (t.window.x1 - t.window.x0) * t.width - 0.5;
    const double v = (py - t.window.y0) / (t.window.y1 - t.window.y0) * t.height - 0.5;
    const auto at = [&](int c, int r) {
        c = std::clamp(c, 0, t.width - 1);
        r = std::clamp(r, 0, t.height - 1);
        return static_cast<double>(t.heights[static_cast<std::size_t>(r) * t.width + c]);
    };
    const int c0 = static_cast<int>(std::floor(u)), r0 = static_cast<int>(std::floor(v));
    const double fu = u - c0, fv = v - r0;
    return (at(c0, r0) * (1 - fu) + at(c0 + 1, r0) * fu) * (1 - fv) +
           (at(c0, r0 + 1) * (1 - fu) + at(c0 + 1, r0 + 1) * fu) * fv;
}

TEST(TilePyramid, LevelsNestAndCoverTheRaster) {
    const TilePyramid p = TilePyramid::make(1000, 600, {0, 0}, 30, 30, 64);
    EXPECT_EQ(p.levels, 5); // 64·2^4 = 1024 ≥ 1000
    EXPECT_EQ(p.spacing(p.finestLevel()), 1);
    EXPECT_EQ(p.tilesX(4), 16);
    EXPECT_EQ(p.tilesY(4), 10);
    EXPECT_EQ(p.tilesX(0), 1);
    for (int l = 0; l + 1 < p.levels; ++l)
        for (int y = 0; y < p.tilesY(l); ++y)
            for (int x = 0; x < p.tilesX(l); ++x) {
                const PixelWindow r = p.pixelRect({l, x, y});
                const PixelWindow nw = p.pixelRect(TileKey{l, x, y}.child(0));
                const PixelWindow se = p.pixelRect(TileKey{l, x, y}.child(3));
                EXPECT_DOUBLE_EQ(nw.x0, r.x0);
                EXPECT_DOUBLE_EQ(nw.y0, r.y0);
                EXPECT_DOUBLE_EQ(se.x1, r.x1);
                EXPECT_DOUBLE_EQ(se.y1, r.y1);
            }
    EXPECT_FALSE(p.contains({4, 16, 0}));
    EXPECT_TRUE(p.contains({4, 15, 9}));
}

class TileReads : public ::testing::TestWithParam<bool> {};

TEST_P(TileReads, EveryLevelReproducesThePlaneAtItsVertices) {
    const bool overviews = GetParam();
    const std::string path = writePlaneDem(overviews ? "plane_ovr.tif" : "plane.tif", 700, 500, overviews);
    auto src = TileSource::open({path, "", 32}, MapProjection::panQinba());
    ASSERT_TRUE(src) << src.error().toString();
    const TilePyramid& p = (*src)->info().pyramid;
    // Read from the full resolution, averages are exact. GDAL's overviews of a side that does not halve
    // evenly (700 → 350 → 175 → 88) place their samples up to half a sample off, which on this slope
    // (0.85 m per pixel) is what the tolerance allows.
    const auto tolerance = [&](long long s) { return overviews ? 0.01 + 0.5 * 0.86 * s : 0.01; };
    EXPECT_FALSE((*src)->info().warped);
    EXPECT_EQ((*src)->info().overviews, overviews ? 4 : 0);
    for (int level = 0; level < p.levels; ++level) {
        const long long s = p.spacing(level);
        for (TileKey k : {TileKey{level, 0, 0}, TileKey{level, p.tilesX(level) / 2, p.tilesY(level) - 1}}) {
            auto t = (*src)->read(k);
            ASSERT_TRUE(t) << t.error().toString();
            const PixelWindow r = p.pixelRect(k);
            // Interior vertices (an average over a window inside the raster is exact on a plane).
            for (int j = 1; j < p.tileCells; j += 5)
                for (int i = 1; i < p.tileCells; i += 5) {
                    const double px = r.x0 + i * s, py = r.y0 + j * s;
                    if (px + s > p.rasterWidth || py + s > p.rasterHeight) continue;
                    EXPECT_NEAR(sampleTile(*t, px, py), plane(px, py), tolerance(s))
                        << k.toString() << " vertex " << i << "," << j;
                }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutOverviews, TileReads, ::testing::Bool());

TEST(TileSource, AVrtMosaicOfTilesReadsLikeOneRaster) {
    // Four 350 x 250 GeoTIFFs side by side, as SRTM comes, joined by a VRT.
    ensureGdalRegistered();
    const std::string whole = writePlaneDem("mosaic_whole.tif", 700, 500, false);
    GDALDatasetH src = GDALOpen(whole.c_str(), GA_ReadOnly);
    ASSERT_NE(src, nullptr);
    std::vector<std::string> parts;
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 2; ++i) {
            const std::string part =
                (lodDir() / ("mosaic_" + std::to_string(i) + std::to_string(j) + ".tif")).string();
            const std::string x = std::to_string(i * 350), y = std::to_string(j * 250);
            const char* args[] = {"-srcwin", x.c_str(), y.c_str(), "350", "250", nullptr};
            GDALTranslateOptions* o = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
            GDALDatasetH out = GDALTranslate(part.c_str(), src, o, nullptr);
            GDALTranslateOptionsFree(o);
            ASSERT_NE(out, nullptr);
            GDALClose(out);
            parts.push_back(part);
        }
    GDALClose(src);
    const std::string vrt = (lodDir() / "mosaic.vrt").string();
    std::vector<const char*> names;
    for (const std::string& p : parts)
        names.push_back(p.c_str());
    GDALDatasetH mosaic =
        GDALBuildVRT(vrt.c_str(), static_cast<int>(names.size()), nullptr, names.data(), nullptr, nullptr);
    ASSERT_NE(mosaic, nullptr);
    GDALClose(mosaic);

    auto a = TileSource::open({vrt, "", 32}, MapProjection::panQinba());
    auto b = TileSource::open({whole, "", 32}, MapProjection::panQinba());
    ASSERT_TRUE(a) << a.error().toString();
    ASSERT_TRUE(b);
    EXPECT_EQ((*a)->info().driver, "VRT");
    const TilePyramid& p = (*a)->info().pyramid;
    EXPECT_EQ(p.rasterWidth, 700);
    // Tiles across the seams between the parts hold the same samples as the single raster.
    for (TileKey k : {TileKey{p.finestLevel(), 10, 7}, TileKey{p.finestLevel(), 11, 8},
                      TileKey{p.finestLevel() - 2, 2, 1}}) {
        auto ta = (*a)->read(k);
        auto tb = (*b)->read(k);
        ASSERT_TRUE(ta && tb) << k.toString();
        if (k.level == p.finestLevel()) {
            EXPECT_EQ(ta->heights, tb->heights) << k.toString();
            continue;
        }
        // Averaged down, the VRT averages each part on its own where a texel straddles a seam.
        ASSERT_EQ(ta->heights.size(), tb->heights.size());
        for (std::size_t i = 0; i < ta->heights.size(); ++i)
            ASSERT_NEAR(ta->heights[i], tb->heights[i], 0.5 * 0.86 * static_cast<double>(p.spacing(k.level)))
                << k.toString() << " texel " << i;
    }
}

TEST(TileSource, ARasterInAnotherCrsIsWarpedIntoTheMapProjection) {
    // The embedded DEM is in longitude and latitude.
    const MapProjection proj = MapProjection::panQinba();
    auto src = TileSource::open({defaultDemPath().string(), "", 64}, proj);
    ASSERT_TRUE(src) << src.error().toString();
    EXPECT_TRUE((*src)->info().warped);
    auto dem = loadDem(defaultDemPath().string(), proj);
    ASSERT_TRUE(dem);
    const TilePyramid& p = (*src)->info().pyramid;
    // Taibai Shan's summit area, the Sichuan Basin and the Wei valley, read from the finest tile around each.
    int compared = 0;
    for (GeoPoint g : {GeoPoint{107.77, 33.96}, GeoPoint{105.0, 30.5}, GeoPoint{108.6, 34.35}}) {
        const MapPoint m = proj.toMap(g);
        const double px = (m.x - p.origin.x) / p.pixelWidth, py = (p.origin.y - m.y) / p.pixelHeight;
        const long long span = p.tileCells;
        const TileKey k{p.finestLevel(), static_cast<int>(px / span), static_cast<int>(py / span)};
        auto t = (*src)->read(k);
        ASSERT_TRUE(t) << k.toString();
        const auto expected = dem->elevationAt(m);
        ASSERT_TRUE(expected);
        // Both are resamplings of the same source onto slightly different grids.
        EXPECT_NEAR(sampleTile(*t, px, py), *expected, 60.0) << g.lon << "," << g.lat;
        ++compared;
    }
    EXPECT_EQ(compared, 3);
}

TEST(TileSourceErrors, MissingOverviewsAreNamedWithTheFix) {
    const std::string path = writePlaneDem("no_overviews.tif", 700, 500, false);
    auto src = TileSource::open({path, "", 32}, MapProjection::panQinba());
    ASSERT_TRUE(src);
    ASSERT_EQ((*src)->info().warnings.size(), 1u);
    EXPECT_NE((*src)->info().warnings[0].find("has no overviews"), std::string::npos);
    EXPECT_NE((*src)->info().warnings[0].find("qinba prepare " + path), std::string::npos);
    auto ok = TileSource::open({writePlaneDem("with_overviews.tif", 700, 500, true), "", 32},
                               MapProjection::panQinba());
    ASSERT_TRUE(ok);
    EXPECT_TRUE((*ok)->info().warnings.empty());
}

TEST(TileStreamerErrors, ADamagedFineTileFailsAloneWithAMessage) {
    // The overviews are intact and the damage is in one full-resolution block, as when a download broke.
    ensureGdalRegistered();
    const std::string clean = writePlaneDem("plane_for_damage.tif", 512, 512, false);
    const std::string path = (lodDir() / "damaged.tif").string();
    fs::remove(path + ".ovr");
    long long at = 0;
    {
        GDALDataset* in = static_cast<GDALDataset*>(GDALOpen(clean.c_str(), GA_ReadOnly));
        char** co = CSLSetNameValue(nullptr, "TILED", "YES");
        co = CSLSetNameValue(co, "COMPRESS", "DEFLATE");
        co = CSLSetNameValue(co, "BLOCKXSIZE", "128");
        co = CSLSetNameValue(co, "BLOCKYSIZE", "128");
        GDALDataset* out = GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(
            path.c_str(), in, FALSE, co, nullptr, nullptr);
        CSLDestroy(co);
        ASSERT_NE(out, nullptr);
        int factors[] = {2, 4, 8};
        ASSERT_EQ(out->BuildOverviews("AVERAGE", 3, factors, 0, nullptr, nullptr, nullptr), CE_None);
        GDALClose(out);
        GDALClose(in);
        GDALDataset* reopened = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
        ASSERT_NE(reopened, nullptr);
        const char* offset = reopened->GetRasterBand(1)->GetMetadataItem("BLOCK_OFFSET_3_0", "TIFF");
        ASSERT_NE(offset, nullptr);
        at = std::atoll(offset);
        GDALClose(reopened);
    }
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(at);
        const std::string garbage(300, '\x5a');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    LodSettings settings;
    settings.tileCells = 32;
    settings.loaderThreads = 1;
    auto streamer = TileStreamer::open({path, "", 32}, MapProjection::panQinba(), settings);
    ASSERT_TRUE(streamer) << streamer.error().toString();
    TileStreamer& s = **streamer;
    const TilePyramid& p = s.pyramid();
    // Block (3,0) holds pixels x 384–511, y 0–127: at the finest level, tiles x 12–15, y 0–3 (32 cells each).
    std::vector<TileKey> fine;
    for (int y = 0; y < 4; ++y)
        for (int x = 8; x < 16; ++x)
            fine.push_back({p.finestLevel(), x, y});
    s.request(fine);
    ASSERT_TRUE(s.waitIdle(std::chrono::seconds(30)));
    const auto problems = s.takeProblems();
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find(path), std::string::npos);
    EXPECT_NE(problems[0].find("cannot be read"), std::string::npos);
    EXPECT_NE(problems[0].find("the coarser level is shown there"), std::string::npos);
    // Tiles x 12–15 lie in the block, and x 11 reaches into it with its border of one sample.
    for (const TileKey& k : fine) {
        EXPECT_EQ(s.failed(k), k.x >= 11) << k.toString();
        EXPECT_EQ(s.find(k) != nullptr, k.x < 11) << k.toString();
    }
    EXPECT_EQ(problems.size(), 20u);
}

TEST(TileStreamerErrors, ABudgetTooSmallForOneLevelIsRefusedByName) {
    const std::string path = writePlaneDem("with_overviews.tif", 700, 500, true);
    LodSettings settings;
    settings.cpuCacheMb = 0.01;
    auto s = TileStreamer::open({path, "", 64}, MapProjection::panQinba(), settings);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().toString().find("tile cache budget"), std::string::npos);
    EXPECT_NE(s.error().toString().find("cannot hold even the two coarsest levels"), std::string::npos);
    settings.cpuCacheMb = 64;
    settings.gpuCacheMb = 0.001;
    s = TileStreamer::open({path, "", 64}, MapProjection::panQinba(), settings);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().toString().find("GPU cache budget"), std::string::npos);
}

TEST(TileStreamer, StaysWithinItsBudgetAndEvictsTheLeastRecentlyUsed) {
    const std::string path = writePlaneDem("with_overviews.tif", 700, 500, true);
    LodSettings settings;
    settings.tileCells = 32;
    settings.cpuCacheMb = 30.0 * static_cast<double>(cpuTileBytes(32)) / (1024.0 * 1024.0);
    auto opened = TileStreamer::open({path, "", 32}, MapProjection::panQinba(), settings);
    ASSERT_TRUE(opened) << opened.error().toString();
    TileStreamer& s = **opened;
    const TilePyramid& p = s.pyramid();
    std::vector<TileKey> all;
    for (int y = 0; y < p.tilesY(p.finestLevel()); ++y)
        for (int x = 0; x < p.tilesX(p.finestLevel()); ++x)
            all.push_back({p.finestLevel(), x, y});
    ASSERT_GT(all.size(), 300u);
    for (std::size_t i = 0; i < all.size(); i += 20) {
        s.beginFrame();
        s.request({all.begin() + static_cast<long>(i),
                   all.begin() + static_cast<long>(std::min(all.size(), i + 20))});
        ASSERT_TRUE(s.waitIdle(std::chrono::seconds(30)));
        const StreamStats st = s.stats();
        EXPECT_LE(st.residentMb, settings.cpuCacheMb + 1e-9);
    }
    const StreamStats st = s.stats();
    EXPECT_GT(st.evicted, 200);
    EXPECT_EQ(st.failed, 0);
    // The newest tiles are still there, the oldest gone.
    EXPECT_TRUE(s.find(all.back()));
    EXPECT_FALSE(s.find(all.front()));
}

/// A perspective view looking down from `height` metres above the raster's centre.
LodView viewFrom(const TilePyramid& p, glm::dvec3 eye, glm::dvec3 target, double fovY, int viewportHeight) {
    LodView v;
    const glm::dmat4 view = glm::lookAt(eye, target, glm::dvec3(0, 1, 0));
    const glm::dmat4 proj = glm::perspective(glm::radians(fovY), 16.0 / 9.0, 10.0, 1.0e8);
    v.viewProjection = proj * view;
    v.eye = eye;
    v.pixelsPerRadian = viewportHeight / (2.0 * std::tan(glm::radians(fovY) / 2.0));
    (void)p;
    return v;
}

TEST(LodSelection, MeshErrorsAreWhatCoarserMeshesMiss) {
    // A plane: 32 cells of the tile's own samples from texel 2, after a margin of two texels all round
    // (as tiles are read); every mesh through it is exact.
    const int w = 36, h = 36, origin = 2, cells = 32;
    std::vector<float> z(static_cast<std::size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            z[static_cast<std::size_t>(y) * w + x] = 3.0f * x - 2.0f * y + 100.0f;
    for (float e : tileMeshErrors(z.data(), w, h, origin, origin, cells))
        EXPECT_NEAR(e, 0.0f, 1e-3f);
    // The margin is not drawn: a spike there counts for nothing.
    z[static_cast<std::size_t>(1) * w + 5] += 500.0f;
    for (float e : tileMeshErrors(z.data(), w, h, origin, origin, cells))
        EXPECT_NEAR(e, 0.0f, 1e-3f);
    // One sample 25 m up at texel (7, 7), on no grid line of any stride (the grids start at texel 2), so
    // every coarser mesh misses it by 25 m; a hole (NaN) is skipped.
    z[static_cast<std::size_t>(7) * w + 7] += 25.0f;
    z[static_cast<std::size_t>(3) * w + 3] = std::numeric_limits<float>::quiet_NaN();
    const auto e = tileMeshErrors(z.data(), w, h, origin, origin, cells);
    EXPECT_EQ(e[0], 0.0f);
    for (int k = 1; k < kMeshStrides; ++k)
        EXPECT_NEAR(e[static_cast<std::size_t>(k)], 25.0f, 1e-3f) << "stride " << (1 << k);
}

TEST(LodSelection, SmoothTilesAreDrawnWithCoarserMeshes) {
    const TilePyramid p = TilePyramid::make(8192, 8192, {0, 8192.0 * 30}, 30, 30, 64);
    TileBounds smooth{0.0f, 100.0f, {0.0f, 0.5f, 1.0f, 2.0f, 4.0f}};
    TileBounds rough{0.0f, 100.0f, {0.0f, 1.0e4f, 1.0e4f, 1.0e4f, 1.0e4f}};
    const MapRect b = p.bounds();
    const glm::dvec3 target(b.centre().x, b.centre().y, 0);
    const LodView v = viewFrom(p, target + glm::dvec3(0, -20000, 8000), target, 30, 720);
    const auto onSmooth = selectTiles(
        p, v, LodSettings{}, [&](TileKey) { return &smooth; }, 100000);
    const auto onRough = selectTiles(
        p, v, LodSettings{}, [&](TileKey) { return &rough; }, 100000);
    // The same tiles (shading detail follows the sample spacing), with coarser meshes on smooth ground.
    ASSERT_EQ(onSmooth.draws.size(), onRough.draws.size());
    int coarser = 0;
    for (const TileDraw& d : onRough.draws)
        EXPECT_EQ(d.meshStride, 1);
    for (const TileDraw& d : onSmooth.draws) {
        EXPECT_TRUE(d.meshStride == 1 || d.meshStride == 2 || d.meshStride == 4 || d.meshStride == 8 ||
                    d.meshStride == 16);
        coarser += d.meshStride > 1 ? 1 : 0;
    }
    EXPECT_GT(coarser, static_cast<int>(onSmooth.draws.size()) / 2);
}

TEST(LodSelection, EveryDrawnTileMeetsTheErrorBoundWhenAllIsResident) {
    const TilePyramid p = TilePyramid::make(8192, 8192, {0, 8192.0 * 30}, 30, 30, 64);
    const TileBounds flat{0.0f, 100.0f};
    const auto all = [&](TileKey) { return &flat; };
    const MapRect b = p.bounds();
    const glm::dvec3 target(b.centre().x, b.centre().y, 0);
    const LodView v = viewFrom(p, target + glm::dvec3(0, -20000, 8000), target, 30, 720);
    for (double tau : {1.0, 3.0, 8.0}) {
        LodSettings s;
        s.maxScreenErrorPx = tau;
        const LodSelection sel = selectTiles(p, v, s, all, 100000);
        ASSERT_FALSE(sel.draws.empty());
        EXPECT_TRUE(sel.wanted.empty());
        EXPECT_FALSE(sel.budgetLimited);
        EXPECT_GT(sel.culled, 0); // the view does not hold the whole raster
        for (const TileDraw& d : sel.draws)
            if (d.key.level < p.finestLevel()) EXPECT_LE(d.screenErrorPx, tau) << d.key.toString();
        // Fine tiles near the eye, coarse ones far away.
        int finest = 0, coarse = 0;
        for (const TileDraw& d : sel.draws)
            (d.key.level == p.finestLevel() ? finest : coarse) += 1;
        if (tau >= 3.0)
            EXPECT_GT(coarse, 0) << "tau " << tau << ": " << sel.draws.size() << " tiles, finest " << finest
                                 << ", culled " << sel.culled << ", worst " << sel.worstErrorPx;
        if (tau <= 3.0) EXPECT_GT(finest, 0);
    }
    // A smaller bound draws more tiles.
    LodSettings a, c;
    a.maxScreenErrorPx = 1.0;
    c.maxScreenErrorPx = 8.0;
    EXPECT_GT(selectTiles(p, v, a, all, 100000).draws.size(), selectTiles(p, v, c, all, 100000).draws.size());
}

TEST(LodSelection, MissingChildrenKeepTheParentAndAreWantedCoarseFirst) {
    const TilePyramid p = TilePyramid::make(4096, 4096, {0, 4096.0 * 30}, 30, 30, 64);
    const TileBounds flat{0.0f, 100.0f};
    const auto upToLevel2 = [&](TileKey k) { return k.level <= 2 ? &flat : nullptr; };
    const MapRect b = p.bounds();
    const glm::dvec3 target(b.centre().x, b.centre().y, 0);
    const LodView v = viewFrom(p, target + glm::dvec3(0, -5000, 3000), target, 30, 720);
    const LodSelection sel = selectTiles(p, v, LodSettings{}, upToLevel2, 100000);
    ASSERT_FALSE(sel.draws.empty());
    for (const TileDraw& d : sel.draws)
        EXPECT_LE(d.key.level, 2);
    ASSERT_FALSE(sel.wanted.empty());
    for (const TileKey& k : sel.wanted)
        EXPECT_EQ(k.level, 3); // only the next level: finer ones wait for it
    // The drawn tiles cover the visible part without overlap: no tile is drawn with its ancestor.
    std::set<TileKey> drawn;
    for (const TileDraw& d : sel.draws)
        drawn.insert(d.key);
    for (const TileDraw& d : sel.draws)
        for (TileKey a = d.key; a.level > 0;) {
            a = a.parent();
            EXPECT_FALSE(drawn.count(a)) << d.key.toString();
        }
    // Nothing resident: nothing drawn, the root wanted.
    const LodSelection none = selectTiles(
        p, v, LodSettings{}, [](TileKey) { return nullptr; }, 100000);
    EXPECT_TRUE(none.draws.empty());
    ASSERT_EQ(none.wanted.size(), 1u);
    EXPECT_EQ(none.wanted[0], (TileKey{0, 0, 0}));
}

TEST(LodSelection, TheTileBudgetStopsRefinementAndSaysSo) {
    const TilePyramid p = TilePyramid::make(8192, 8192, {0, 8192.0 * 30}, 30, 30, 64);
    const TileBounds flat{0.0f, 100.0f};
    const MapRect b = p.bounds();
    const glm::dvec3 target(b.centre().x, b.centre().y, 0);
    const LodView v = viewFrom(p, target + glm::dvec3(0, -20000, 8000), target, 30, 720);
    LodSettings s;
    s.maxScreenErrorPx = 1.0;
    const LodSelection sel = selectTiles(
        p, v, s, [&](TileKey) { return &flat; }, 40);
    EXPECT_TRUE(sel.budgetLimited);
    EXPECT_LE(sel.draws.size(), 40u);
    EXPECT_GT(sel.worstErrorPx, 1.0);
}

} // namespace
} // namespace qinba
