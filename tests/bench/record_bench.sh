#!/usr/bin/env bash
# Recording at the speed of rendering (issue 17): times `record --discard` (render and read-back only),
# `record` to MP4 and to PNG, and ffmpeg encoding the same frames to H.264 with record's own options, then
# prints the ratios of each recording to render + encode. Not part of ctest (minutes on llvmpipe).
#
#   tests/bench/record_bench.sh                  frames 0-29 of the default tour at 1280x720
#   QINBA=build/qinba FRAMES=0-59 SIZE=1920x1080 OUT=build/record-bench tests/bench/record_bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
qinba=$(realpath "${QINBA:-build/qinba}")
frames=${FRAMES:-0-29}
size=${SIZE:-1280x720}
out=${OUT:-build/record-bench}
rm -rf "$out" && mkdir -p "$out/png" && cd "$out"
common=(--size "$size" --fps 30 --frames "$frames")
# The frame-loop seconds `record` prints: "..., 35.4 s)".
loop() { sed -n 's/.* \([0-9.]*\) s)$/\1/p' | tail -1; }
busy() { sed -n 's/.*busy \([0-9.]*\) s.*/\1/p' | tail -1; }
uptime
render=$("$qinba" -v record "${common[@]}" --discard --out x.mp4 2>&1 | tee render.log | loop)
mp4=$("$qinba" -v record "${common[@]}" --out tour.mp4 2>&1 | tee mp4.log | loop)
"$qinba" -v record "${common[@]}" --out png/f%05d.png >png.log 2>&1
png=$(loop <png.log)
pngBusy=$(busy <png.log)
ffmpeg -v error -i png/f%05d.png -f rawvideo -pix_fmt rgba raw.rgba
t0=$(date +%s.%N)
ffmpeg -y -loglevel error -f rawvideo -pix_fmt rgba -s "$size" -framerate 30 -i raw.rgba \
    -vf 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=tv' \
    -c:v libx264 -preset medium -x264-params open-gop=0 -crf 18 -pix_fmt yuv420p \
    -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -r 30 enc.mp4
encode=$(echo "$(date +%s.%N) - $t0" | bc)
uptime
python3 - "$render" "$mp4" "$png" "$pngBusy" "$encode" <<'PY'
import sys
render, mp4, png, busy, encode = map(float, sys.argv[1:])
print(f"render only {render:.1f} s; H.264 encode {encode:.1f} s; PNG encode (writer busy) {busy:.1f} s")
print(f"record to MP4 {mp4:.1f} s = {mp4 / (render + encode):.2f}x render + encode (goal 1.2x)")
print(f"record to PNG {png:.1f} s = {png / (render + busy):.2f}x render + encode (goal 1.3x)")
PY
