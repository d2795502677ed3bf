#!/usr/bin/env bash
# The render farm on a real scheduler: a one-node Slurm (munged, slurmctld, slurmd) started on 127.0.0.1 as
# the current user in WORK_DIR, the shipped job array (assets/farm/qinba-record.sbatch) recording a short tour
# in 4 shards, and the shipped join (assets/farm/qinba-join.sh) as a job depending on it. The joined MP4 must
# decode to the same frames, with the same timestamps, as a recording on one machine (both H.264 lossless,
# --crf 0, so the pictures are compared without the encoder's losses: equal up to a few samples, see below).
# Every wait is bounded; on failure the Slurm and job logs are
# printed; the daemons are stopped on every exit, and the test fails if one survives or if any of them
# listens on an address other than 127.0.0.1.
# Usage: slurm_farm.sh QINBA_EXE SOURCE_DIR WORK_DIR
set -euo pipefail
qinba="$1"
src="$2"
work="$(mkdir -p "$3" && cd "$3" && pwd)"

for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol scancel ffmpeg ffprobe ss python3; do
    command -v "$tool" >/dev/null || {
        echo "FAIL: $tool is missing: install the Debian packages slurm-wlm munge ffmpeg iproute2 (.ci/setup test)"
        exit 1
    }
done

rm -rf "$work"
mkdir -p "$work"/{state,logs,run,segments,config,cache}
# munged's socket and slurmstepd's sockets in the spool folder must fit a socket path (108 bytes): under a
# deep build folder they go to a short temporary folder instead, removed at the end.
sockets="$work"
[ ${#work} -le 60 ] || sockets="$(mktemp -d /tmp/qinba-farm.XXXXXX)"
mkdir -p "$sockets/munge" "$sockets/spool"
chmod 700 "$sockets/munge"
export QINBA="$qinba" QINBA_CONFIG_DIR="$work/config" QINBA_CACHE_DIR="$work/cache" LANGUAGE=en
export SLURM_CONF="$work/slurm.conf"
pids=()
jobs=()
single=""
status=1

logs() {
    for f in "$work"/logs/*; do
        [ -f "$f" ] || continue
        echo "----- $f (last 60 lines)"
        tail -n 60 "$f"
    done
}
# The job step daemons of this Slurm (slurmstepd detaches from slurmd; its environment names our SLURM_CONF).
steps() {
    for p in $(pgrep -x slurmstepd || true); do
        tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "SLURM_CONF=$SLURM_CONF" && echo "$p"
    done
}
stop() {
    # Jobs first, so that no slurmstepd outlives its slurmd; then the daemons, newest first.
    [ -z "$single" ] || kill -TERM "$single" 2>/dev/null || true
    scancel --quiet --full "${jobs[@]:-0}" 2>/dev/null || true
    for _ in $(seq 100); do
        [ -z "$(steps)" ] && break
        sleep 0.1
    done
    for p in $(steps); do
        # A step that did not end within 10 s: it and the job's processes (its session) are killed.
        echo "job step $p still running after scancel; killing its session"
        pkill -KILL -s "$(ps -o sid= -p "$p" | tr -d ' ')" 2>/dev/null || true
        kill -KILL "$p" 2>/dev/null || true
    done
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill -TERM "${pids[i]}" 2>/dev/null || true
    done
    for _ in $(seq 100); do
        alive=0
        for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
        [ $alive -eq 0 ] && break
        sleep 0.1
    done
    for p in "${pids[@]}"; do
        if kill -0 "$p" 2>/dev/null; then
            echo "FAIL: daemon $p did not stop on SIGTERM within 10 s; killing it"
            kill -KILL "$p" 2>/dev/null || true
            status=1
        fi
    done
}
finish() {
    rc=$?
    if [ $status -ne 0 ] || [ $rc -ne 0 ]; then
        status=1
        logs
    fi
    kill "$watchdog" 2>/dev/null || true
    stop
    [ "$sockets" = "$work" ] || rm -rf "$sockets"
    [ $status -eq 0 ] && echo "PASS" || echo "FAIL"
    exit $status
}
trap finish EXIT
trap 'exit 1' INT TERM
# A watchdog ends the test (through the trap, stopping the daemons) well before ctest's 600 s timeout, whose
# SIGKILL no trap sees.
(
    trap 'kill $nap 2>/dev/null; exit 0' TERM
    sleep 480 &
    nap=$!
    wait $nap
    echo "FAIL: the test ran 480 s; stopping"
    kill -TERM $$
) &
watchdog=$!

# Two free TCP ports on the loopback address.
read -r ctldPort slurmdPort < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
user="$(id -un)"

mungekey --create --keyfile="$sockets/munge/munge.key" --force
munged --foreground --force --socket="$sockets/munge/munge.socket" --key-file="$sockets/munge/munge.key" \
    --pid-file="$sockets/munge/munged.pid" --log-file="$work/logs/munged.log" --seed-file="$sockets/munge/seed" \
    >>"$work/logs/munged.log" 2>&1 &
pids+=($!)

cat >"$SLURM_CONF" <<CONF
ClusterName=qinbafarmtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctldPort
SlurmdPort=$slurmdPort
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$sockets/munge/munge.socket
CredType=cred/munge
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
StateSaveLocation=$work/state
SlurmdSpoolDir=$sockets/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/logs/slurmctld.log
SlurmdLogFile=$work/logs/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=farm Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

for _ in $(seq 50); do [ -S "$sockets/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$sockets/munge/munge.socket" ] || { echo "FAIL: munged did not start"; exit 1; }
slurmctld -D -c -f "$SLURM_CONF" >>"$work/logs/slurmctld.out" 2>&1 &
ctld=$!
pids+=($ctld)
slurmd -D -N localhost -f "$SLURM_CONF" >>"$work/logs/slurmd.out" 2>&1 &
slurmdPid=$!
pids+=($slurmdPid)

# A daemon that cannot start here (slurmctld binds to the address its host name resolves to; slurmd needs
# the cgroup file system, which a bare chroot lacks) ends the wait at once, with its log printed.
state=""
for _ in $(seq 120); do
    for d in "$ctld:slurmctld" "$slurmdPid:slurmd"; do
        kill -0 "${d%%:*}" 2>/dev/null || { echo "FAIL: ${d#*:} exited while starting (its log follows)"; exit 1; }
    done
    state="$(timeout 5 sinfo -h -n localhost -o %T 2>/dev/null || true)"
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || { echo "FAIL: the node did not become idle within 60 s (state '$state')"; exit 1; }
echo "one-node Slurm up: slurmctld on 127.0.0.1:$ctldPort, slurmd on 127.0.0.1:$slurmdPort"

# Nothing of this Slurm listens beyond the loopback address.
listening="$(ss -H -ltnup)"
ours="$(echo "$listening" | grep -E '"(slurmctld|slurmd|slurmstepd|munged)"' || true)"
echo "$ours"
echo "$ours" | grep -q "127.0.0.1:$ctldPort " || { echo "FAIL: slurmctld is not listening on 127.0.0.1:$ctldPort"; exit 1; }
echo "$ours" | grep -q "127.0.0.1:$slurmdPort " || { echo "FAIL: slurmd is not listening on 127.0.0.1:$slurmdPort"; exit 1; }
if echo "$ours" | awk '{print $5}' | grep -v '^127\.0\.0\.1:'; then
    echo "FAIL: a Slurm or munge daemon listens beyond 127.0.0.1"
    exit 1
fi

# The two commands of the README: the job array, then the join once every task has succeeded.
options=(--tour orbit --size 320x180 --fps 4 --msaa 0 --crf 0)
cd "$work/run"
record="$(sbatch --parsable --array=1-4 -o "$work/logs/record-%A_%a.log" \
    "$src/assets/farm/qinba-record.sbatch" "$work/segments" "${options[@]}")"
jobs+=("$record")
join="$(sbatch --parsable --dependency="afterok:$record" -o "$work/logs/join-%j.log" \
    "$src/assets/farm/qinba-join.sh" "$work/segments" "$work/farm.mp4")"
jobs+=("$join")
echo "submitted the job array $record and the join $join"

# Meanwhile, the same recording on one machine.
# (In the background, so that a signal to this script is handled at once.)
"$qinba" record "${options[@]}" --out "$work/single.mp4" >"$work/logs/single.log" 2>&1 &
single=$!
wait $single || { echo "FAIL: the single-machine recording failed"; exit 1; }
single=""

joinState=""
for _ in $(seq 600); do
    info="$(scontrol show job "$join" 2>/dev/null || true)"
    joinState="$(echo "$info" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)"
    case "$joinState" in COMPLETED | FAILED | CANCELLED | TIMEOUT | OUT_OF_MEMORY | NODE_FAIL) break ;; esac
    # A failed array task leaves the join pending for ever.
    if echo "$info" | grep -q 'Reason=DependencyNeverSatisfied'; then
        joinState="never started: a task of the job array failed"
        break
    fi
    sleep 0.5
done
[ "$joinState" = COMPLETED ] || {
    echo "FAIL: the join job ended $joinState (or did not end within 300 s)"
    scontrol show job "$record" || true
    exit 1
}
ls -l "$work/segments"
segments=("$work"/segments/segment-0000?-of-00004.mp4)
[ ${#segments[@]} -eq 4 ] || { echo "FAIL: not 4 segments"; exit 1; }

# Same frame count, and every decoded frame and its timestamps equal to the single-machine recording's.
count() {
    ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames -of csv=p=0 "$1"
}
[ "$(count "$work/farm.mp4")" = 48 ] || { echo "FAIL: the joined video has $(count "$work/farm.mp4") frames, expected 48 (12 s at 4 fps)"; exit 1; }
[ "$(count "$work/single.mp4")" = 48 ] || { echo "FAIL: the single recording has $(count "$work/single.mp4") frames"; exit 1; }
# Timestamps (dts, pts, duration of every decoded frame) equal the single recording's.
ffmpeg -v error -i "$work/farm.mp4" -map 0:v -f framemd5 "$work/farm.framemd5"
ffmpeg -v error -i "$work/single.mp4" -map 0:v -f framemd5 "$work/single.framemd5"
diff <(grep -v '^#' "$work/single.framemd5" | cut -d, -f1-4) <(grep -v '^#' "$work/farm.framemd5" | cut -d, -f1-4) ||
    { echo "FAIL: the joined frames' timestamps differ from the single recording's"; exit 1; }
# The decoded pictures, sample by sample. Both are lossless, so they differ only where the renderer does: text
# drawn from a glyph atlas that grows with the glyphs a process has drawn before samples a label's edge a few
# levels differently (measured: up to 2 samples per frame, by at most 4 levels, in 9 of 48 frames).
for v in farm single; do
    ffmpeg -v error -i "$work/$v.mp4" -map 0:v -f rawvideo -pix_fmt yuv420p "$work/$v.yuv"
done
python3 - "$work/single.yuv" "$work/farm.yuv" <<'PY' || exit 1
import sys
size = 320 * 180 * 3 // 2
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
if len(a) != len(b) or len(a) != 48 * size:
    sys.exit(f"FAIL: decoded sizes {len(a)} and {len(b)}, expected {48 * size}")
identical, most, largest = 0, 0, 0
for k in range(48):
    x, y = a[k * size:(k + 1) * size], b[k * size:(k + 1) * size]
    if x == y:
        identical += 1
        continue
    diffs = [abs(p - q) for p, q in zip(x, y) if p != q]
    most, largest = max(most, len(diffs)), max(largest, max(diffs))
    if len(diffs) > 20 or max(diffs) > 8:
        sys.exit(f"FAIL: frame {k} differs from the single recording in {len(diffs)} samples, by up to {max(diffs)}")
print(f"{identical} of 48 frames bit-identical; the others differ in at most {most} samples by at most {largest} levels")
PY
status=0
