#pragma once
// `qinba render`: one frame to a PNG (or, as a map view, a georeferenced PNG or GeoTIFF) without any window.

#include "qinba/app/terrain_setup.h"
#include "qinba/core/scene_settings.h"

#include <string>
#include <vector>

namespace qinba::app {

struct RenderOptions {
    TerrainOptions terrain;
    /// PNG path; with `orthographic` and a straight-down camera the picture is georeferenced (world file,
    /// .prj, .aux.xml), and a .tif path writes a GeoTIFF (georeferenced_image.h)
    std::string out;
    std::string size = "1280x720"; ///< WIDTHxHEIGHT in pixels (of one screen with `wall`)
    std::string camera;            ///< LON,LAT,DISTANCE_KM[,HEADING[,PITCH]]; empty: the opening overview
    bool orthographic = false;     ///< parallel projection; without `camera` a north-up map of the whole DEM
    SceneSettings scene;           ///< style, labels, layers, zoning, decorations (--view and options)
    int msaa = 4;                  ///< samples per pixel, 0 = off
    int triangles = 0;             ///< terrain triangle budget; 0 = every DEM sample
    std::string scenario;          ///< scenario JSON; empty: the default scenario when a stage is asked for
    std::string od;                ///< OD matrix CSV applied to the scenario (measured volumes); empty: none
    std::string stage;             ///< stage id or 1-based number; empty: terrain only (unless --scenario)
    double time = 0.0;             ///< seconds of scenario time since the stage began
    std::vector<std::string> layers; ///< extra layer files drawn over the scenario's
    /// Video wall (core/wall_layout.h): COLSxROWS screens, this one's C,R and the bezels H,V in pixels; the
    /// picture is this screen's part of one picture of the whole wall. Empty: no wall.
    std::string wall, tile, bezel;
};

/// Runs the command; returns the process exit status and prints one-line errors to stderr.
int runRender(const RenderOptions& options);

} // namespace qinba::app
