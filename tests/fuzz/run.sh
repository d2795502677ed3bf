#!/usr/bin/env bash
# Fuzz smoke run: each libFuzzer target for a bounded time, starting from its seed corpus (whose inputs,
# crashers of the past included, all run first). Fails when any target finds a crash, a hang (one input over
# 10 s), a leak, an out-of-memory or a broken property. New inputs go to BUILD_DIR/fuzz-work/<target>/corpus,
# crashers to BUILD_DIR/fuzz-work/<target>/crash-*; the checked-in corpus is never written to.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR] [TARGET...]     (defaults: 30, build-fuzz, all)
#
# Build the targets first: cmake --preset fuzz && cmake --build --preset fuzz
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
build="${2:-build-fuzz}"
shift $(($# > 2 ? 2 : $#))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_scenario fuzz_od_csv fuzz_dem fuzz_layer fuzz_options fuzz_wall_message)

supp="$PWD/tests/sanitizer-suppressions"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:suppressions=$supp/asan.supp}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$supp/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp}"

failed=0
for t in "${targets[@]}"; do
    exe="$build/fuzz/$t"
    work="$build/fuzz-work/$t"
    mkdir -p "$work/corpus"
    if [ ! -x "$exe" ]; then
        echo "$t: FAILED: $exe not built (cmake --preset fuzz && cmake --build --preset fuzz)"
        failed=1
        continue
    fi
    start=$SECONDS
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "tests/fuzz/corpus/$t" >"$work/log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
    units=$(find "$work/corpus" -type f | wc -l)
    if [ $rc -eq 0 ]; then
        echo "$t: ok in $((SECONDS - start)) s: ${execs:-?} inputs run (${rate:-?}/s), $units new corpus inputs"
    else
        echo "$t: FAILED (exit $rc) after $((SECONDS - start)) s; log $work/log, last lines:"
        tail -40 "$work/log" | sed 's/^/    /'
        ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | sed 's/^/    reproducer: /'
        failed=1
    fi
done
exit $failed
