#!/usr/bin/env bash
# Level-of-detail benchmark across DEM sizes: writes synthetic DEMs of about 10^5 to 10^9 samples with
# `qinba synth-dem` (kept in $QINBA_BENCH_DIR, default build/bench-dems, and reused), runs `qinba bench`
# on each and prints a table. Not part of ctest: it needs several GB of disk and minutes per size.
#
#   tests/bench/lod_bench.sh [SIDE ...]          default sides: 316 1000 3162 10000 31623
#   QINBA=build/qinba FRAMES=300 SIZE=1280x720 PATH_NAME=flyover tests/bench/lod_bench.sh
#   PIXEL_M=30 PATH_NAME=low tests/bench/lod_bench.sh   DEMs of 30 m pixels (the extent grows with the size),
#                                                        seen from the same low camera path
set -euo pipefail
cd "$(dirname "$0")/../.."
qinba=${QINBA:-build/qinba}
dir=${QINBA_BENCH_DIR:-build/bench-dems}
frames=${FRAMES:-300}
size=${SIZE:-1280x720}
path_name=${PATH_NAME:-flyover}
pixel=${PIXEL_M:-}
extra=${BENCH_ARGS:-}
sides=("$@")
[ ${#sides[@]} -gt 0 ] || sides=(316 1000 3162 10000 31623)
mkdir -p "$dir"

printf '| samples | side | file MB | levels | frame ms median | p95 | p99 | triangles | draw calls | tiles loaded | tile load ms median | p95 | RSS MB (peak) | GPU MB | tile cache MB |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for side in "${sides[@]}"; do
    dem="$dir/synth_$side${pixel:+_${pixel}m}.tif"
    if [ ! -f "$dem" ]; then
        "$qinba" synth-dem --size "$side" ${pixel:+--pixel-m "$pixel"} --out "$dem" >&2
    fi
    # shellcheck disable=SC2086
    json=$("$qinba" bench --dem "$dem" --frames "$frames" --size "$size" --path "$path_name" $extra)
    mb=$(du -m -c "$dem" "$dem.ovr" 2>/dev/null | tail -1 | cut -f1)
    python3 - "$json" "$side" "$mb" <<'PY'
import json, sys
j = json.loads(sys.argv[1]); side = sys.argv[2]; mb = sys.argv[3]
f = j["frame_ms"]; t = j["tile_load_ms"]; d = j["dem"]
print(f'| {d["samples"]:.3g} | {side} | {mb} | {d["levels"]} | {f["median"]} | {f["p95"]} | {f["p99"]} | '
      f'{j["triangles"]} | {j["draw_calls"]} | {j["tiles_loaded"]} | {t["median"]} | {t["p95"]} | '
      f'{j["rss_mb"]} ({j["rss_peak_mb"]}) | {j["gpu_mb"]} | {j["cpu_cache_mb"]} |')
PY
done
