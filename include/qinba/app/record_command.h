#pragma once
// `qinba record`: a tour rendered frame by frame at a fixed time step, without a window, into an H.264 or
// H.265 MP4, a ProRes 422 HQ MOV (through ffmpeg, tagged BT.709; see frame_sink.h) or a PNG sequence. Frame k
// shows the tour at k / fps seconds, so any range of frames rendered anywhere equals the same frames of a
// full run.

#include "qinba/app/terrain_setup.h"
#include "qinba/core/scene_settings.h"

#include <string>
#include <vector>

namespace qinba::app {

struct RecordOptions {
    TerrainOptions terrain;
    std::string scenario;           ///< empty: the default scenario
    std::string od;                 ///< OD matrix CSV applied to the scenario; empty: none
    std::string tour;               ///< tour id; empty: the scenario's default tour
    std::string out;                ///< "video.mp4", "edit.mov" or a PNG pattern such as "frames/%05d.png"
    std::string codec;              ///< "h264", "h265", "prores", "png"; empty: implied by `out`
    int crf = -1;                   ///< H.264/H.265 constant rate factor; -1: the codec's default
    std::string bitrate;            ///< H.264/H.265 bitrate such as "20M"; empty: crf
    std::string size = "1920x1080"; ///< WIDTHxHEIGHT (of one screen with `wall`)
    /// Video wall (core/wall_layout.h): COLSxROWS screens, this one's C,R and the bezels H,V in pixels; the
    /// frames are this screen's part of the whole wall's frames. Empty: no wall.
    std::string wall, tile, bezel;
    double fps = 30.0;
    std::string frames; ///< "A-B" (inclusive, 0-based); empty: all
    /// "K/N": only shard K (1-based) of N contiguous, near-equal parts of the frames (of --frames when
    /// given), for a render farm whose segments are joined in order (assets/farm); empty: no sharding
    std::string shard;
    int msaa = 4;
    int triangles = 0;               ///< terrain triangle budget; 0 = every DEM sample
    SceneSettings scene;             ///< style, labels, layers, zoning, decorations (--view and options)
    std::vector<std::string> layers; ///< extra layer files drawn over the scenario's
    int maxTileSide = 0;             ///< render in tiles of at most this many pixels (0: the GPU's limit)
    bool progressLines =
        false; ///< progress as "frame DONE COUNT SECONDS" lines (for the viewer's Record panel)
    /// Render and read back every frame but write nothing (`out` is neither checked nor written): the time
    /// of rendering alone, to compare a recording's time with.
    bool discard = false;
};

/// Runs the command; returns the exit status. Errors print one line on stderr; a recording that stops
/// part-way says which frames are complete and how to resume.
int runRecord(const RecordOptions& options);

/// The file of frame `index` for a PNG pattern containing one printf-style integer conversion (%d, %05d).
std::string framePath(const std::string& pattern, long index);

} // namespace qinba::app
