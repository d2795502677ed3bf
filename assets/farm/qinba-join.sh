#!/usr/bin/env bash
# Joins the segments of a sharded recording (segment-KKKKK-of-NNNNN.mp4/.mkv/.mov, written by
# `qinba record --shard K/N`, qinba-record.sbatch or GNU parallel; see the README) in order into one video
# without re-encoding (ffmpeg's concat demuxer, stream copy): the segments share every encoder parameter and
# each starts on a keyframe, and the timestamps run on across the joins. Refuses to join when a segment is
# missing or the segments disagree on N, and checks that the joined video has as many frames as the segments.
# Runs as a Slurm job too (sbatch --dependency=afterok:JOB qinba-join.sh SEGMENT_DIR OUT).
#
#   qinba-join.sh SEGMENT_DIR OUT.mp4
#
# Environment: QINBA_FFMPEG, the ffmpeg executable (default: ffmpeg on PATH); ffprobe is taken from beside it.
#SBATCH --job-name=qinba-join
#SBATCH --ntasks=1
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: qinba-join.sh SEGMENT_DIR OUT.mp4" >&2
    exit 2
fi
dir="$1"
out="$2"
ffmpeg="${QINBA_FFMPEG:-ffmpeg}"
ffprobe="$(dirname "$(command -v "$ffmpeg" || echo ffmpeg)")/ffprobe"
[ -x "$ffprobe" ] || ffprobe=ffprobe
fail() {
    echo "error: $dir: $*" >&2
    exit 1
}
[ -d "$dir" ] || fail "no such folder"

shopt -s nullglob
segments=("$dir"/segment-*-of-*.mp4 "$dir"/segment-*-of-*.mkv "$dir"/segment-*-of-*.mov)
[ ${#segments[@]} -gt 0 ] || fail "no segments (segment-KKKKK-of-NNNNN.mp4) in the folder"
n=""
declare -A byShard=()
for s in "${segments[@]}"; do
    name="$(basename "$s")"
    [[ "$name" =~ ^segment-([0-9]+)-of-([0-9]+)\.(mp4|mkv|mov)$ ]] || fail "unexpected segment name $name"
    k=$((10#${BASH_REMATCH[1]}))
    count=$((10#${BASH_REMATCH[2]}))
    [ -z "$n" ] || [ "$n" -eq "$count" ] || fail "segments of different splits ($n and $count shards): $name"
    n="$count"
    [ -z "${byShard[$k]:-}" ] || fail "two segments for shard $k: $(basename "${byShard[$k]}") and $name"
    byShard[$k]="$s"
done
missing=()
for ((k = 1; k <= n; k++)); do
    [ -n "${byShard[$k]:-}" ] || missing+=("$k")
done
[ ${#missing[@]} -eq 0 ] || fail "shards ${missing[*]} of $n are missing; record them with --shard K/$n"

list="$dir/concat.txt"
: >"$list"
packets=0
for ((k = 1; k <= n; k++)); do
    path="$(cd "$(dirname "${byShard[$k]}")" && pwd)/$(basename "${byShard[$k]}")"
    # The concat list quotes a file name in single quotes; a quote inside is written '\''.
    printf "file '%s'\n" "${path//\'/\'\\\'\'}" >>"$list"
    p="$("$ffprobe" -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets \
        -of csv=p=0 "$path")" || fail "cannot read segment $(basename "$path")"
    packets=$((packets + p))
done

ext="${out##*.}"
partial="$(dirname "$out")/.$(basename "$out" ".$ext").partial.$ext"
flags=()
case "$ext" in
mp4 | mov) flags=(-movflags +faststart+write_colr) ;;
esac
"$ffmpeg" -y -hide_banner -loglevel error -f concat -safe 0 -i "$list" -map 0:v -c copy "${flags[@]}" \
    "$partial" || {
    rm -f "$partial"
    fail "ffmpeg could not join the segments listed in $list"
}
joined="$("$ffprobe" -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets \
    -of csv=p=0 "$partial")"
if [ "$joined" != "$packets" ]; then
    rm -f "$partial"
    fail "the joined video has $joined frames, the segments $packets"
fi
mv -f "$partial" "$out"
echo "joined $n segments, $packets frames: $out"
