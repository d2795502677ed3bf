#!/usr/bin/env bash
# Under one virtual X display: a monitor name that does not exist is refused with the list of monitors; the
# name listed there opens the kiosk; and the log says once that there is no touch screen (Xvfb has none).
# Usage: kiosk_monitor_name.sh QINBA OUTPUT_DIR   (run under xvfb-run)
set -u
qinba=$1
out=$2
mkdir -p "$out"
"$qinba" kiosk --monitor "No Such Screen" --max-frames 5 >"$out/wrong.log" 2>&1
rc=$?
cat "$out/wrong.log"
[ $rc -eq 1 ] || { echo "expected exit 1 for a wrong name, got $rc"; exit 1; }
grep -q "there is no monitor named 'No Such Screen'; this display has 1 (0: " "$out/wrong.log" ||
  { echo "the refusal does not list the monitors"; exit 1; }
# "(0: NAME 800x600)": the name is what lies between "0: " and the last space before the mode.
name=$(sed -n "s/.*this display has 1 (0: \(.*\) [0-9]*x[0-9]*).*/\1/p" "$out/wrong.log" | head -n 1)
[ -n "$name" ] || { echo "no monitor name in the refusal"; exit 1; }
echo "monitor name: '$name'"
"$qinba" kiosk --monitor "$name" --max-frames 5 >"$out/right.log" 2>&1
rc=$?
cat "$out/right.log"
[ $rc -eq 0 ] || { echo "the kiosk did not open on monitor '$name' (exit $rc)"; exit 1; }
n=$(grep -c "touch: no touch screen found" "$out/right.log")
[ "$n" -eq 1 ] || { echo "expected one log line saying there is no touch screen, got $n"; exit 1; }
