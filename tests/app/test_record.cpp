// `qinba record` as a user runs it: an MP4 checked with ffprobe, frame ranges equal to full runs, and every
// bad condition with its message.

#include "test_support.h"

#include "qinba/core/atomic_file.h"
#include "qinba/core/image.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace qinba {
namespace {

using test::shell;
using test::ShellRun;

std::string qinba(const test::TempDir& dir) {
    return "env QINBA_CONFIG_DIR='" + dir.file("config") + "' QINBA_CACHE_DIR='" + dir.file("cache") + "' '" +
           QINBA_EXE + "'";
}

TEST(Record, ShortTourToMp4HasTheRightStreamAndDuration) {
    test::TempDir dir;
    const std::string mp4 = dir.file("orbit.mp4");
    const ShellRun r =
        shell(qinba(dir) + " record --tour orbit --size 192x108 --fps 4 --msaa 0 --out '" + mp4 + "'");
    ASSERT_EQ(r.status, 0) << r.out;
    const ShellRun probe =
        shell("ffprobe -v error -select_streams v:0 -count_frames -show_entries "
              "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames -show_entries "
              "format=duration -of default=noprint_wrappers=1 '" +
              mp4 + "'");
    ASSERT_EQ(probe.status, 0) << probe.out;
    // The orbit tour lasts 12 s: 48 frames at 4 fps.
    EXPECT_NE(probe.out.find("codec_name=h264"), std::string::npos) << probe.out;
    EXPECT_NE(probe.out.find("pix_fmt=yuv420p"), std::string::npos) << probe.out;
    EXPECT_NE(probe.out.find("width=192"), std::string::npos) << probe.out;
    EXPECT_NE(probe.out.find("height=108"), std::string::npos) << probe.out;
    EXPECT_NE(probe.out.find("r_frame_rate=4/1"), std::string::npos) << probe.out;
    EXPECT_NE(probe.out.find("nb_read_frames=48"), std::string::npos) << probe.out;
    EXPECT_NE(probe.out.find("duration=12.0"), std::string::npos) << probe.out;
}

TEST(Record, FrameRangeEqualsTheSameFramesOfAFullRun) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("full"));
    std::filesystem::create_directories(dir.file("part"));
    const std::string common = " record --tour orbit --size 160x90 --fps 2 --captions --legend ";
    ShellRun r = shell(qinba(dir) + common + "--out '" + dir.file("full") + "/%05d.png'");
    ASSERT_EQ(r.status, 0) << r.out;
    r = shell(qinba(dir) + common + "--frames 9-12 --out '" + dir.file("part") + "/%05d.png'");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("part") + "/00008.png")) << "only the range is rendered";
    EXPECT_TRUE(std::filesystem::exists(dir.file("full") + "/00023.png")) << "12 s at 2 fps: frames 0-23";
    for (int k = 9; k <= 12; ++k) {
        char name[32];
        std::snprintf(name, sizeof name, "/%05d.png", k);
        auto a = readImage(dir.file("full") + name), b = readImage(dir.file("part") + name);
        ASSERT_TRUE(a && b) << name;
        EXPECT_EQ(a->pixels, b->pixels) << "frame " << k << " differs between the full run and the range";
    }
    auto first = readImage(dir.file("full") + "/00009.png"),
         next = readImage(dir.file("full") + "/00010.png");
    ASSERT_TRUE(first && next);
    EXPECT_NE(first->pixels, next->pixels) << "the tour moves";
}

TEST(RecordErrors, UnknownTourMissingFfmpegAndBadOutputFolders) {
    test::TempDir dir;
    ShellRun r = shell(qinba(dir) + " record --tour nowhere --out '" + dir.file("x.mp4") + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no tour 'nowhere'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("orbit"), std::string::npos) << "the error lists the tours: " << r.out;

    r = shell("env PATH=/nonexistent QINBA_CONFIG_DIR='" + dir.file("c") + "' '" + QINBA_EXE +
              "' record --out '" + dir.file("x.mp4") + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("ffmpeg was not found"), std::string::npos) << r.out;

    r = shell(qinba(dir) + " record --out '" + dir.file("missing/folder") + "/%05d.png'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;

    std::ofstream(dir.file("plainfile")) << "x";
    r = shell(qinba(dir) + " record --out '" + dir.file("plainfile") + "/video.mp4'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("is not a folder"), std::string::npos) << r.out;

    r = shell(qinba(dir) + " record --tour orbit --frames 40-90 --fps 2 --out '" + dir.file("f") +
              "%05d.png'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--frames"), std::string::npos) << r.out;
}

TEST(RecordErrors, BadShardsAreRefusedBeforeAnythingIsWritten) {
    test::TempDir dir;
    ShellRun r = shell(qinba(dir) + " record --tour orbit --shard 0/4 --out '" + dir.file("a.mp4") + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--shard: expected K/N with 1 <= K <= N"), std::string::npos) << r.out;
    // The orbit tour has 12 s x 2 fps = 24 frames; within --frames 0-2 only 3.
    r = shell(qinba(dir) + " record --tour orbit --fps 2 --frames 0-2 --shard 4/4 --out '" +
              dir.file("b.mp4") + "'");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("--shard: 4 shards for 3 frames"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.mp4")) || std::filesystem::exists(dir.file("b.mp4")));
}

TEST(Record, ShardKOfNRecordsItsPartOfTheFramesRange) {
    test::TempDir dir;
    // Frames 10-19 in 4 shards: 10-11, 12-14, 15-16, 17-19.
    const ShellRun r =
        shell(qinba(dir) + " record --tour orbit --size 64x36 --fps 2 --msaa 0 --frames 10-19 " +
              "--shard 2/4 --out '" + dir.file("") + "%05d.png'");
    ASSERT_EQ(r.status, 0) << r.out;
    for (int k = 9; k <= 15; ++k) {
        char name[32];
        std::snprintf(name, sizeof name, "%05d.png", k);
        EXPECT_EQ(std::filesystem::exists(dir.file(name)), k >= 12 && k <= 14) << name;
    }
}

TEST(Record, DiscardRendersEveryFrameAndWritesNothing) {
    test::TempDir dir;
    // The render-only time a recording is compared with: --out (here in a folder that does not exist) is
    // neither checked nor written.
    const ShellRun r =
        shell(qinba(dir) + " record --tour orbit --size 64x36 --fps 2 --frames 3-6 --discard " + "--out '" +
              dir.file("missing") + "/video.mp4'");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("rendered 4 frames and wrote nothing"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("missing")));
}

TEST(RecordErrors, AFailedFrameWriteKeepsTheFramesBeforeItAndSaysWhereToResume) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("frames") + "/00005.png"); // frame 5 cannot be written
    // --progress-lines is what the viewer's Record panel reads.
    const ShellRun r = shell(
        qinba(dir) + " record --tour orbit --size 160x90 --fps 2 --frames 2-9 --progress-lines --out '" +
        dir.file("frames") + "/%05d.png'");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("\nframe 3 8 "), std::string::npos) << "progress after frames 2-4: " << r.out;
    EXPECT_EQ(r.out.find("frame 4 8 "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("stopped at frame 5: frames 2-4 are complete; resume with --frames 5-9"),
              std::string::npos)
        << r.out;
    for (int k = 2; k <= 4; ++k) {
        char name[32];
        std::snprintf(name, sizeof name, "/%05d.png", k);
        EXPECT_TRUE(readImage(dir.file("frames") + name)) << name << " should be a complete frame";
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("frames") + "/00005.png.partial"))
        << "no partial file left";
}

TEST(RecordErrors, DiskFullingUpUnderTheEncoderIsReported) {
    test::TempDir dir;
    // A file size limit stands in for a disk that fills up: ffmpeg's output stops growing part-way.
    const ShellRun r =
        shell("sh -c \"ulimit -f 16; exec " + qinba(dir) +
              " record --tour orbit --size 256x144 --fps 4 --msaa 0 --out '" + dir.file("video.mp4") + "'\"");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("video.mp4"), std::string::npos) << r.out;
    EXPECT_TRUE(r.out.find("resume with --frames") != std::string::npos ||
                r.out.find("ffmpeg failed") != std::string::npos)
        << r.out;
}

} // namespace
} // namespace qinba
