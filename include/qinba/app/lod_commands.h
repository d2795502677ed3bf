#pragma once
// Commands for large DEMs: `qinba synth-dem` (a synthetic DEM of any size for tests and benchmarks),
// `qinba prepare` (overviews or a Cloud-Optimized GeoTIFF) and `qinba bench` (a headless fly-through that
// prints frame times and memory as JSON).

#include "qinba/app/terrain_setup.h"
#include "qinba/core/camera.h"
#include "qinba/core/lod_selection.h"

#include <string>

namespace qinba::app {

struct SynthDemOptions {
    long long size = 0;       ///< samples per side
    std::string out;          ///< GeoTIFF to write
    unsigned seed = 1;        ///< seed of the fractal detail
    double pixelMetres = 0.0; ///< pixel size; 0: the square the default DEM covers, divided into N
    bool overviews = true;    ///< build overviews after writing
};

struct PrepareOptions {
    std::string dem; ///< raster to prepare
    std::string cog; ///< when set: write a Cloud-Optimized GeoTIFF here instead of adding overviews
};

struct BenchOptions {
    TerrainOptions terrain;        ///< DEM (default: the embedded one) and level-of-detail settings
    std::string path = "flyover";  ///< camera path: flyover, orbit or low
    std::string size = "1280x720"; ///< WIDTHxHEIGHT
    int frames = 300;              ///< frames to render
    double exaggeration = 3.0;
    /// Scenario to draw over the terrain (corridors, flows, labels, layers and zoning, as the viewer and
    /// `render` draw them); "default" for the embedded one; empty: terrain only.
    std::string scenario;
    std::string stage;         ///< stage id or number with a scenario (default: the first)
    bool zoning = true;        ///< with a scenario: draw the ecological zoning too (the viewer opens without it)
    int msaa = 1;              ///< samples per pixel
    std::string camera;        ///< a fixed camera (CameraSpec text) instead of the path
    bool waitForTiles = false; ///< each frame waits for every tile it needs, as offline renders do
};

/// Camera at fraction `t` (0–1) of bench path `path` over `bounds`, looking at height `groundZ`
/// (world metres, exaggerated).
OrbitCamera benchCamera(const std::string& path, double t, const MapRect& bounds, double groundZ);

int runSynthDem(const SynthDemOptions& options);
int runPrepare(const PrepareOptions& options);
int runBench(const BenchOptions& options);

} // namespace qinba::app
