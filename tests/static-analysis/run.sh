#!/usr/bin/env bash
# Static analysis of our code: clang-tidy (checks in .clang-tidy) and cppcheck over every translation unit
# of src/ and app/ (and through them the headers of include/, src/ and app/), with the compile commands of a
# clang configuration (`cmake --preset tidy`, configured here when missing; nothing is built).
#
#   tests/static-analysis/run.sh [BUILD_DIR]          (default build-tidy; QINBA_ANALYSIS_JOBS, default 2)
#
# Fails on any finding that is not in tests/static-analysis/baseline.txt (accepted findings, one per line as
# "tool: file: message [check]", each with the reason above it). Findings are printed as they are found and
# collected in BUILD_DIR/static-analysis/findings.txt.
set -uo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
build="${1:-build-tidy}"
jobs="${QINBA_ANALYSIS_JOBS:-2}"
out="$build/static-analysis"

mkdir -p "$out"
if [ ! -f "$build/compile_commands.json" ]; then
    cmake --preset tidy -B "$build" >"$out/configure.log" 2>&1 || { cat "$out/configure.log"; exit 1; }
fi
mapfile -t files < <(git ls-files 'src/*.cpp' 'app/*.cpp')

# clang-tidy, one process per file, `jobs` at a time. Header findings repeat for every file including the
# header; they are counted once.
start=$SECONDS
printf '%s\n' "${files[@]}" |
    xargs -P "$jobs" -I{} sh -c 'clang-tidy-14 -p "$1" --quiet "$2" 2>/dev/null' _ "$build" {} >"$out/clang-tidy.log"
tidy_rc=$?
grep -E '^/.*: (warning|error): ' "$out/clang-tidy.log" |
    sed -E "s#^$root/##; s#^([^:]+):[0-9]+:[0-9]+: (warning|error): #clang-tidy: \1: #" |
    grep -E '^clang-tidy: (src|app|include)/' | sort -u >"$out/clang-tidy.txt"
echo "clang-tidy: ${#files[@]} files in $((SECONDS - start)) s, $(wc -l <"$out/clang-tidy.txt") distinct findings"
if [ $tidy_rc -ne 0 ] && [ ! -s "$out/clang-tidy.log" ]; then
    echo "clang-tidy failed to run (exit $tidy_rc)"
    exit 1
fi

# cppcheck over the same translation units, with their include paths and definitions.
start=$SECONDS
filters=()
for f in "${files[@]}"; do filters+=("--file-filter=$f"); done
cppcheck --project="$build/compile_commands.json" "${filters[@]}" -j "$jobs" --quiet --inline-suppr \
    --enable=warning,performance,portability --std=c++20 --language=c++ \
    --suppress=missingIncludeSystem --suppress=unmatchedSuppression \
    --suppressions-list=tests/static-analysis/cppcheck-suppressions.txt \
    --template='cppcheck: {file}:{line}: {message} [{id}]' 2>"$out/cppcheck.log" >/dev/null
cppcheck_rc=$?
sed -E "s#^cppcheck: $root/#cppcheck: #; s#^(cppcheck: [^:]+):[0-9]+: #\1: #" "$out/cppcheck.log" |
    grep -E '^cppcheck: (src|app|include)/' | sort -u >"$out/cppcheck.txt"
echo "cppcheck: ${#files[@]} files in $((SECONDS - start)) s, $(wc -l <"$out/cppcheck.txt") distinct findings"
if [ $cppcheck_rc -ne 0 ]; then
    echo "cppcheck failed to run (exit $cppcheck_rc):"
    tail -20 "$out/cppcheck.log"
    exit 1
fi

cat "$out/clang-tidy.txt" "$out/cppcheck.txt" | sort -u >"$out/findings.txt"
grep -vE '^(#|$)' tests/static-analysis/baseline.txt | sort -u >"$out/baseline.txt"
comm -23 "$out/findings.txt" "$out/baseline.txt" >"$out/new.txt"
comm -13 "$out/findings.txt" "$out/baseline.txt" >"$out/gone.txt"
if [ -s "$out/gone.txt" ]; then
    echo "baseline entries no longer found (remove them from tests/static-analysis/baseline.txt):"
    sed 's/^/  /' "$out/gone.txt"
fi
if [ -s "$out/new.txt" ]; then
    echo "FAILED: $(wc -l <"$out/new.txt") new findings (fix them, or disable the check in .clang-tidy with a reason):"
    sed 's/^/  /' "$out/new.txt"
    echo "details: $out/clang-tidy.log, $out/cppcheck.log"
    exit 1
fi
echo "static analysis: no new findings ($(wc -l <"$out/baseline.txt") accepted in the baseline)"
