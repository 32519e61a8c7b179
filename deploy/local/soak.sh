#!/usr/bin/env bash
# Soak test on the real local cluster: replays synthetic scenes in real time into Kafka, runs the
# tracking job on the Flink session cluster, samples lag, memory, state and checkpoints every few
# seconds into a CSV, renders a PNG plot, and passes when lag is bounded and memory/state are flat.
#
#   deploy/local/soak.sh [--streams 8] [--minutes 30] [--fps 0.25] [--size 320x240] [--interval 5]
#                        [--warmup-minutes W] [--max-lag RECORDS] [--out DIR]
#
#   --streams N        synthetic scenes replayed at once (one replay JVM, one stream id each)
#   --minutes M        how long to replay and sample
#   --fps F            replay rate per stream: frames per second or native (the scenes' 30 fps).
#                      Default 0.25: 8 streams x 0.25 = 2 frames/s, what a 2-core machine shared
#                      with other builds sustains with the reference models on CPU (0.5 fell
#                      behind there; see RELIABILITY.md#soak)
#   --size WxH         frame size of the synthetic scenes (default 320x240)
#   --interval S       seconds between samples (default 5)
#   --warmup-minutes W left out of the verdict (default: a fifth of the run, at least 1); for the
#                      state verdict, one epoch of the longest scene (600 frames / fps), and a run
#                      of three: at 0.25 fps --minutes 120 --warmup-minutes 40
#   --max-lag N        largest acceptable lag in records after warm-up (default: 10 s of frames)
#   --out DIR          CSV, plot, logs (default deploy/local/run/soak-<time>)
#
# Starts the broker and the cluster (and stops both at the end, also on failure); needs
# pipeline/target/maskstream-job.jar (the launcher builds it), python3 and gnuplot for the plot.
# Exit status 0 when the soak passed. Ports and run directory: as cluster.sh / kafka.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
run_dir="${MASKSTREAM_RUN_DIR:-$here/run}"
rest_url="http://127.0.0.1:${FLINK_REST_PORT:-8081}"
bootstrap="127.0.0.1:${KAFKA_PORT:-9092}"

streams=8 minutes=30 fps=0.25 size=320x240 interval=5 warmup="" max_lag="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --streams) streams="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --warmup-minutes) warmup="$2"; shift 2 ;;
    --max-lag) max_lag="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
rate=$([ "$fps" = native ] && echo 30 || echo "$fps")
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
warmup_s=$(awk -v w="$warmup" -v s="$seconds" 'BEGIN { if (w != "") print w * 60; else { x = s / 5; print (x < 60 ? 60 : x) } }')
# Each loop of a scene is a new stream epoch whose durable state ramps up from nothing, so the state
# is only comparable between the halves of the verdict when each half spans at least one epoch of the
# longest scene (mixed: 600 frames); say so up front rather than let a short run fail on a ramp.
epoch_s=$(awk -v r="$rate" 'BEGIN { printf "%d", 600 / r }')
if awk -v s="$seconds" -v w="$warmup_s" -v e="$epoch_s" 'BEGIN { exit !((s - w) / 2 < e) }'; then
  echo "soak: note: each half of the verdict ($(( (seconds - ${warmup_s%.*}) / 120 )) min) is shorter than one epoch of the" \
       "longest scene ($(( epoch_s / 60 )) min at $fps fps): durable state will follow the epochs' ramps;" \
       "for a state verdict use --minutes >= 3 epochs and --warmup-minutes = 1 epoch" >&2
fi
# Default limit: 10 s worth of frames (at least 10 records; --fps may be fractional).
max_lag=${max_lag:-$(awk -v n="$streams" -v r="$rate" 'BEGIN { x = n * r * 10; printf "%d", (x < 10 ? 10 : x) }')}
out="${out:-$run_dir/soak-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
prefix="soak-$(date +%s)-"
began=$SECONDS
say() { echo "soak: [$((SECONDS - began))s] $*"; }

replay_pid=""
job_id=""
cleanup() {
  local rc=$?
  [ -n "$replay_pid" ] && kill "$replay_pid" 2>/dev/null || true
  if [ -n "$job_id" ]; then curl -sf -X PATCH "$rest_url/jobs/$job_id" >/dev/null 2>&1 || true; fi
  say "stopping cluster and broker"
  "$here/cluster.sh" stop || true
  "$here/kafka.sh" stop || true
  exit "$rc"
}
trap cleanup EXIT

# Build the jar now if it is missing or older than the sources (the launcher checks): the job and the
# replay must run the same code, and a build must not start in the middle of the soak.
"$root/maskstream" --version >/dev/null
say "starting broker and cluster"
"$here/kafka.sh" start
"$here/kafka.sh" create-topics 2 "${prefix}frames" "${prefix}prompts" "${prefix}masklets" "${prefix}frames-dlq"
"$here/cluster.sh" start

cat > "$out/job.yaml" <<YAML
job.name: "soak"
job.parallelism: 2
job.checkpoint-interval: "10 s"
job.checkpoint-dir: "file://$run_dir/checkpoints"
job.restart-attempts: 1000
kafka.bootstrap-servers: "$bootstrap"
kafka.topic.frames: "${prefix}frames"
kafka.topic.prompts: "${prefix}prompts"
kafka.topic.masklets: "${prefix}masklets"
kafka.topic.dead-letters: "${prefix}frames-dlq"
kafka.group-id: "${prefix}job"
kafka.transactional-id-prefix: "${prefix}job"
kafka.starting-offsets: "earliest"
stream.default-concepts: "red;green;blue;yellow;cyan;magenta;orange;white"
YAML
submitted="$("$here/cluster.sh" flink run --detached "$root/pipeline/target/maskstream-job.jar" run --config "$out/job.yaml")"
job_id="$(echo "$submitted" | grep -o 'JobID [0-9a-f]\{32\}' | head -1 | cut -d' ' -f2)"
[ -n "$job_id" ] || { echo "$submitted" >&2; exit 1; }
say "job $job_id submitted"
for _ in $(seq 1 120); do
  curl -sf "$rest_url/jobs/$job_id" | grep -q '"state":"RUNNING"' && break
  sleep 1
done

scenes=(crossing occlusion distractor enter-leave fast crowd scale mixed)
sources=()
for i in $(seq 1 "$streams"); do
  sources+=(--source "scene:${scenes[$(( (i - 1) % ${#scenes[@]} ))]}?size=$size" --stream-id "soak-$i")
done
say "replaying $streams streams of $size at $fps fps for $minutes min (lag limit $max_lag records)"
"$root/maskstream" replay --bootstrap "$bootstrap" --topic "${prefix}frames" --fps "$fps" --loop "${sources[@]}" \
    > "$out/replay.log" 2>&1 &
replay_pid=$!

python3 "$here/soak/sample.py" sample --rest "$rest_url" --job "$job_id" \
    --pids "$run_dir/pid/taskmanager-1.pid,$run_dir/pid/taskmanager-2.pid" \
    --interval "$interval" --seconds "$seconds" --csv "$out/soak.csv"
kill "$replay_pid" 2>/dev/null || true
replay_pid=""

if command -v gnuplot >/dev/null; then
  gnuplot -e "csv='$out/soak.csv'; png='$out/soak.png'; warmup=$warmup_s" "$here/soak/plot.gp" && say "plot: $out/soak.png"
else
  say "gnuplot not found: no plot (apt-get install gnuplot-nox)"
fi
set +e
python3 "$here/soak/sample.py" evaluate --csv "$out/soak.csv" --warmup-seconds "$warmup_s" --max-lag "$max_lag" \
    | tee "$out/summary.txt"
verdict=${PIPESTATUS[0]}
set -e
say "CSV: $out/soak.csv"
exit "$verdict"
