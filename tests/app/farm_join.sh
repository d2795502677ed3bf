#!/usr/bin/env bash
# The render farm without a scheduler, as the README's GNU parallel variant runs it (here on this machine,
# --sshlogin :): `qinba record --shard K/4` four times with the default H.264 encoding, then
# assets/farm/qinba-join.sh. The joined MP4 has the frames and timestamps of one full recording, and its
# pictures match it closely (PSNR of every frame at least 35 dB; measured about 40-57 dB: not bit for bit, as
# the encoder places keyframes and B-frames differently and its rate control sees different neighbours). The join
# refuses a set with a shard missing.
# Usage: farm_join.sh QINBA_EXE SOURCE_DIR WORK_DIR
set -euo pipefail
qinba="$1"
src="$2"
work="$(mkdir -p "$3" && cd "$3" && pwd)"
for tool in parallel ffmpeg ffprobe; do
    command -v "$tool" >/dev/null || {
        echo "FAIL: $tool is missing: install the Debian packages parallel and ffmpeg (.ci/setup test)"
        exit 1
    }
done
rm -rf "$work"
mkdir -p "$work/segments" "$work/config" "$work/cache"
export QINBA_CONFIG_DIR="$work/config" QINBA_CACHE_DIR="$work/cache" LANGUAGE=en
options=(--tour orbit --size 320x180 --fps 4 --msaa 0)

cd "$work/segments"
seq 1 4 | parallel --will-cite --sshlogin 1/: --halt now,fail=1 "$qinba" record "${options[@]}" --shard {}/4 \
    --out 'segment-{=$_=sprintf("%05d",$_)=}-of-00004.mp4'
"$qinba" record "${options[@]}" --out "$work/single.mp4"

# A missing shard is refused by name.
mv segment-00003-of-00004.mp4 "$work/held-back.mp4"
if out="$(bash "$src/assets/farm/qinba-join.sh" "$work/segments" "$work/farm.mp4" 2>&1)"; then
    echo "FAIL: joined with shard 3 missing"
    exit 1
fi
echo "$out"
echo "$out" | grep -q "shards 3 of 4 are missing" || { echo "FAIL: unexpected message"; exit 1; }
[ ! -e "$work/farm.mp4" ] || { echo "FAIL: an output was left"; exit 1; }
mv "$work/held-back.mp4" segment-00003-of-00004.mp4

bash "$src/assets/farm/qinba-join.sh" "$work/segments" "$work/farm.mp4"
for v in farm single; do
    ffprobe -v error -select_streams v:0 -count_frames -show_entries \
        stream=codec_name,profile,pix_fmt,width,height,r_frame_rate,time_base,nb_read_frames,color_space \
        -of default=noprint_wrappers=1 "$work/$v.mp4" >"$work/$v.probe"
    ffmpeg -v error -i "$work/$v.mp4" -map 0:v -f framemd5 "$work/$v.framemd5"
done
cat "$work/farm.probe"
diff "$work/single.probe" "$work/farm.probe" || { echo "FAIL: the stream differs from the full recording's"; exit 1; }
grep -q nb_read_frames=48 "$work/farm.probe" || { echo "FAIL: expected 48 frames"; exit 1; }
# Timestamps (dts, pts, duration of every decoded frame) equal the full recording's.
diff <(grep -v '^#' "$work/single.framemd5" | cut -d, -f1-4) <(grep -v '^#' "$work/farm.framemd5" | cut -d, -f1-4) ||
    { echo "FAIL: the joined frames' timestamps differ from the full recording's"; exit 1; }
# Every frame close to the full recording's: the worst frame's PSNR (Y, U, V together).
ffmpeg -v error -i "$work/farm.mp4" -i "$work/single.mp4" -lavfi "[0:v][1:v]psnr=stats_file=$work/psnr.log" -f null -
worst="$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^psnr_avg:/) {split($i, a, ":"); print a[2]}}' "$work/psnr.log" |
    sort -g | head -n 1)"
echo "worst frame PSNR against the full recording: $worst dB"
awk -v p="$worst" 'BEGIN { exit !(p == "inf" || p + 0 >= 35) }' || { echo "FAIL: a frame differs (PSNR below 35 dB)"; exit 1; }
echo PASS
