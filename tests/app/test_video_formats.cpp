// Recordings in the formats editors and players take: BT.709-tagged H.264, H.265 and ProRes 422 HQ, whose
// colours survive the round trip through the encoder and a decoder that follows the tags; sizes and
// containers a codec cannot take refused before anything is rendered.

#include "test_support.h"

#include "qinba/app/frame_sink.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace qinba::app {
namespace {

using test::shell;
using test::ShellRun;

constexpr int kWidth = 64, kHeight = 32;
constexpr std::uint8_t kGrey[3] = {128, 128, 128};
constexpr std::uint8_t kRed[3] = {220, 30, 30}; // saturated: the BT.601 and BT.709 matrices differ most here

/// Left half mid-grey, right half saturated red.
ImageRgba8 testFrame() {
    ImageRgba8 image;
    image.width = kWidth;
    image.height = kHeight;
    image.pixels.resize(static_cast<std::size_t>(kWidth) * kHeight * 4);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            const std::uint8_t* c = x < kWidth / 2 ? kGrey : kRed;
            std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * kWidth + x) * 4];
            p[0] = c[0];
            p[1] = c[1];
            p[2] = c[2];
            p[3] = 255;
        }
    return image;
}

void encode(const std::string& path, VideoCodec codec) {
    VideoEncoding encoding;
    encoding.codec = codec;
    ASSERT_TRUE(checkVideoEncoding(encoding, path, Viewport{kWidth, kHeight}));
    auto sink = ffmpegVideo(findFfmpeg(), path, Viewport{kWidth, kHeight}, 10.0, encoding);
    ASSERT_TRUE(sink) << sink.error().message;
    const ImageRgba8 frame = testFrame();
    for (long k = 0; k < 5; ++k)
        ASSERT_TRUE((*sink)->write(k, frame));
    const Status finished = (*sink)->finish();
    ASSERT_TRUE(finished) << finished.error().message;
}

std::string probe(const std::string& path) {
    const ShellRun r = shell("ffprobe -v error -select_streams v:0 -show_entries "
                             "stream=codec_name,profile,pix_fmt,color_space,color_primaries,color_transfer,"
                             "color_range -of default=noprint_wrappers=1 '" +
                             path + "'");
    EXPECT_EQ(r.status, 0) << r.out;
    return r.out;
}

/// The first frame decoded to RGB the way a player does: by the stream's own colour description.
std::vector<std::uint8_t> decodeFirstFrame(const std::string& path, const test::TempDir& dir) {
    const std::string raw = dir.file("decoded.rgb");
    const ShellRun r =
        shell("ffmpeg -y -v error -i '" + path + "' -frames:v 1 -vf format=rgb24 -f rawvideo '" + raw + "'");
    EXPECT_EQ(r.status, 0) << r.out;
    std::ifstream in(raw, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void expectColour(const std::vector<std::uint8_t>& rgb, int x, const std::uint8_t* want, const char* what) {
    ASSERT_EQ(rgb.size(), static_cast<std::size_t>(kWidth) * kHeight * 3);
    const std::size_t at = (static_cast<std::size_t>(kHeight / 2) * kWidth + x) * 3;
    // Within 4 grey levels per channel: the quantisation of 8-bit limited range and 4:2:x chroma, far below
    // the 15-17 levels a BT.601 conversion read as BT.709 moves this red (235, 47, 27).
    for (int c = 0; c < 3; ++c)
        EXPECT_NEAR(rgb[at + c], want[c], 4) << what << " channel " << c;
}

void expectBt709(const std::string& probed) {
    EXPECT_NE(probed.find("color_space=bt709"), std::string::npos) << probed;
    EXPECT_NE(probed.find("color_primaries=bt709"), std::string::npos) << probed;
    EXPECT_NE(probed.find("color_transfer=bt709"), std::string::npos) << probed;
    EXPECT_NE(probed.find("color_range=tv"), std::string::npos) << probed;
}

TEST(VideoFormats, H264IsTaggedBt709AndKeepsGreyAndSaturatedColours) {
    test::TempDir dir;
    const std::string mp4 = dir.file("colours.mp4");
    encode(mp4, VideoCodec::H264);
    const std::string probed = probe(mp4);
    EXPECT_NE(probed.find("codec_name=h264"), std::string::npos) << probed;
    EXPECT_NE(probed.find("pix_fmt=yuv420p"), std::string::npos) << probed;
    expectBt709(probed);
    const auto rgb = decodeFirstFrame(mp4, dir);
    expectColour(rgb, kWidth / 4, kGrey, "mid-grey");
    expectColour(rgb, 3 * kWidth / 4, kRed, "saturated red");
}

TEST(VideoFormats, H265IsTaggedBt709AndKeepsColours) {
    test::TempDir dir;
    const std::string mp4 = dir.file("colours.mp4");
    encode(mp4, VideoCodec::H265);
    const std::string probed = probe(mp4);
    EXPECT_NE(probed.find("codec_name=hevc"), std::string::npos) << probed;
    expectBt709(probed);
    const auto rgb = decodeFirstFrame(mp4, dir);
    expectColour(rgb, kWidth / 4, kGrey, "mid-grey");
    expectColour(rgb, 3 * kWidth / 4, kRed, "saturated red");
}

TEST(VideoFormats, ProResIsA422HqMovTaggedBt709) {
    test::TempDir dir;
    const std::string mov = dir.file("edit.mov");
    encode(mov, VideoCodec::ProRes);
    const std::string probed = probe(mov);
    EXPECT_NE(probed.find("codec_name=prores"), std::string::npos) << probed;
    EXPECT_NE(probed.find("profile=HQ"), std::string::npos) << probed;
    EXPECT_NE(probed.find("pix_fmt=yuv422p10le"), std::string::npos) << probed;
    expectBt709(probed);
    const auto rgb = decodeFirstFrame(mov, dir);
    expectColour(rgb, kWidth / 4, kGrey, "mid-grey");
    expectColour(rgb, 3 * kWidth / 4, kRed, "saturated red");
}

TEST(VideoFormats, EncodingsACodecCannotTakeAreRefusedWithTheField) {
    const Viewport hd{1920, 1080};
    VideoEncoding h264;
    EXPECT_TRUE(checkVideoEncoding(h264, "a.mp4", hd));
    auto odd = checkVideoEncoding(h264, "a.mp4", Viewport{1919, 1080});
    ASSERT_FALSE(odd);
    EXPECT_EQ(odd.error().field, "--size");
    EXPECT_NE(odd.error().message.find("1919x1080"), std::string::npos) << odd.error().message;
    EXPECT_FALSE(checkVideoEncoding(h264, "a.mp4", Viewport{1920, 1079}));
    EXPECT_FALSE(checkVideoEncoding(h264, "frames.avi", hd));

    VideoEncoding prores;
    prores.codec = VideoCodec::ProRes;
    EXPECT_TRUE(checkVideoEncoding(prores, "edit.mov", hd));
    EXPECT_TRUE(checkVideoEncoding(prores, "edit.mov", Viewport{1920, 1081})) << "4:2:2 takes an odd height";
    EXPECT_EQ(checkVideoEncoding(prores, "edit.mp4", hd).error().field, "--out");
    prores.crf = 10;
    EXPECT_EQ(checkVideoEncoding(prores, "edit.mov", hd).error().field, "--crf");

    VideoEncoding png;
    png.codec = VideoCodec::Png;
    EXPECT_TRUE(checkVideoEncoding(png, "f/%05d.png", Viewport{1919, 1079})) << "PNG takes any size";
    EXPECT_FALSE(checkVideoEncoding(png, "f.png", hd));

    VideoEncoding both;
    both.crf = 20;
    both.bitrate = "20M";
    EXPECT_EQ(checkVideoEncoding(both, "a.mp4", hd).error().field, "--bitrate");
    VideoEncoding rate;
    rate.bitrate = "20 megabits";
    EXPECT_FALSE(checkVideoEncoding(rate, "a.mp4", hd));
    rate.bitrate = "8000k";
    EXPECT_TRUE(checkVideoEncoding(rate, "a.mp4", hd));

    EXPECT_EQ(*parseVideoCodec("ProRes"), VideoCodec::ProRes);
    EXPECT_EQ(*parseVideoCodec("hevc"), VideoCodec::H265);
    EXPECT_FALSE(parseVideoCodec("dnxhd"));
    EXPECT_EQ(defaultVideoCodec("frames/%05d.png"), VideoCodec::Png);
    EXPECT_EQ(defaultVideoCodec("tour.mp4"), VideoCodec::H264);
}

TEST(VideoFormats, RecordRefusesAnOddSizeBeforeRendering) {
    test::TempDir dir;
    const std::string mp4 = dir.file("odd.mp4");
    const ShellRun r = shell(std::string("'") + QINBA_EXE + "' record --size 191x108 --out '" + mp4 + "'");
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.out.find("--size"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("191x108"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("recording tour"), std::string::npos) << "refused before the tour starts: " << r.out;
    EXPECT_FALSE(std::filesystem::exists(mp4));
}

TEST(VideoFormats, RecordWritesProResThatFfprobeReads) {
    test::TempDir dir;
    const std::string mov = dir.file("tour.mov");
    const ShellRun r =
        shell(std::string("'") + QINBA_EXE + "' record --tour orbit --size 96x54 --fps 1 --msaa 0 " +
              "--frames 0-1 --codec prores --out '" + mov + "'");
    ASSERT_EQ(r.status, 0) << r.out;
    const std::string probed = probe(mov);
    EXPECT_NE(probed.find("codec_name=prores"), std::string::npos) << probed;
    expectBt709(probed);
}

} // namespace
} // namespace qinba::app
