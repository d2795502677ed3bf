#!/usr/bin/env bash
# A video wall over multicast, inside a network namespace of its own (unshare -n, or -rn as a user: a loopback interface
# only, so nothing can leave this machine): a follower joins the group, the lead sends to it, and the
# follower accepts every message the lead sent. Fails where user network namespaces are not allowed (the
# test machines allow them; a skipped check would prove nothing).
# Usage: wall_multicast.sh QINBA OUTPUT_DIR
set -u
qinba=$1
out=$2
mkdir -p "$out"
rm -f "$out"/*.log "$out"/*.jsonl
# root makes the namespace directly (a chroot, as in CI's clean roots, may not make user namespaces); a
# user maps itself to root in a user namespace first.
if [ "$(id -u)" = 0 ]; then netns=(unshare -n); else netns=(unshare -rn); fi
"${netns[@]}" true || { echo "cannot make a network namespace (${netns[*]}) for the multicast test"; exit 1; }
echo 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff >"$out/wall.key"
export QINBA_CONFIG_DIR="$out/config" QINBA_CACHE_DIR="$out/cache"
# Under the sanitizer suite, LeakSanitizer's stop-the-world tracer crashed at exit inside the namespace
# (CI, signal 11 in the tracer) and took the lead's counts with it; this test is about the network, and
# the kiosk holds Mesa, whose tests run without the leak check anyway (preset asan-no-leak-check); the
# wall messages are leak-checked in core (test_wall_sync).
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
common="--size 64x36 --triangles 2000 --wall-key $out/wall.key --wall-group 239.255.42.1:47000"
"${netns[@]}" bash -c "
  ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo || exit 1
  env -u DISPLAY '$qinba' kiosk $common --headless-seconds 120 --trace '$out/follower.jsonl' >'$out/follower.log' 2>&1 &
  follower=\$!
  for i in \$(seq 1 600); do [ -s '$out/follower.jsonl' ] && break; sleep 0.1; done
  env -u DISPLAY '$qinba' kiosk $common --wall-lead --headless-seconds 4 >'$out/lead.log' 2>&1
  sleep 1
  kill -TERM \$follower  # it ends after its frame and prints its counts
  wait \$follower
"
cat "$out/lead.log" "$out/follower.log"
sent=$(sed -n 's/^wall: \([0-9]*\) messages sent to 1 destinations, 0 sends failed$/\1/p' "$out/lead.log")
accepted=$(sed -n 's/^wall: \([0-9]*\) accepted, 0 malformed, 0 forged, 0 replayed, 0 stale$/\1/p' "$out/follower.log")
[ -n "$sent" ] && [ "$sent" -gt 0 ] || { echo "the lead sent nothing"; exit 1; }
[ "$accepted" = "$sent" ] || { echo "the follower accepted '$accepted' of $sent messages"; exit 1; }
echo "multicast: $accepted of $sent messages accepted"
