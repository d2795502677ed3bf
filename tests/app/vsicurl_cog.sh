#!/usr/bin/env bash
# A Cloud-Optimized GeoTIFF on an HTTP server streams like a local file: `qinba prepare --cog` writes one,
# a loopback server with Range support serves it, and `qinba bench --dem /vsicurl/http://...` reads its
# tiles over HTTP. Usage: vsicurl_cog.sh QINBA_EXE WORK_DIR
set -euo pipefail
qinba="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work" && mkdir -p "$work/www"
"$qinba" synth-dem --size 700 --no-overviews --out "$work/dem.tif" >/dev/null
"$qinba" prepare "$work/dem.tif" --cog "$work/www/dem_cog.tif" >/dev/null
python3 "$here/http_range_server.py" "$work/www" >"$work/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
json=$(GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR "$qinba" bench --dem "/vsicurl/http://127.0.0.1:$port/dem_cog.tif" \
    --frames 4 --size 160x90 2>"$work/bench.err")
echo "$json"
python3 - "$json" <<'PY'
import json, sys
j = json.loads(sys.argv[1])
assert j["dem"]["width"] == 700, j["dem"]
assert j["dem"]["overviews"] > 0, j["dem"]
assert j["tiles_loaded"] > 0, j
assert j["tiles_failed"] == 0, j
print("streamed", j["tiles_loaded"], "tiles of a COG over HTTP")
PY
