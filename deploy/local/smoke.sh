#!/usr/bin/env bash
# Smoke test of the local deployment, end to end on real processes:
#   1. starts the Kafka broker and creates a topic;
#   2. starts the Flink session cluster (JobManager + 2 TaskManagers);
#   3. compiles smoke/SmokeJob.java against the cluster's jars and submits it with Flink's CLI;
#   4. waits until the job is RUNNING and has completed a checkpoint (RocksDB, incremental);
#   5. kills TaskManager 1 with SIGKILL, waits until the job has restored from a checkpoint and
#      completed a new one;
#   6. restarts TaskManager 1 and waits until both TaskManagers are registered again;
#   7. stops the job with a savepoint through the REST API and checks the job FINISHED;
#   8. resubmits the job from that savepoint, checks it restored from it, cancels it via REST;
#   9. stops the cluster and the broker (also on failure).
# Exit status 0 when every step passed. Ports: as cluster.sh and kafka.sh (environment variables).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run_dir="${MASKSTREAM_RUN_DIR:-$here/run}"
rest_url="http://127.0.0.1:${FLINK_REST_PORT:-8081}"
step_timeout="${SMOKE_STEP_TIMEOUT:-120}"
began=$SECONDS

say() { echo "smoke: [$((SECONDS - began))s] $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  say "stopping cluster and broker"
  "$here/cluster.sh" stop || true
  "$here/kafka.sh" stop || true
  if [ "$rc" -eq 0 ]; then say "PASSED in $((SECONDS - began)) s"; else echo "smoke: logs in $run_dir/log" >&2; fi
}
trap cleanup EXIT

# --- tiny REST helpers (the JSON is read with grep/sed: no extra tools needed) -------------------
get() { curl -sf --max-time 5 "$rest_url/$1"; }
job_state() { get "jobs/$1" | grep -o '"state":"[A-Z_]*"' | head -1 | sed 's/.*:"\(.*\)"/\1/'; }
# counts.completed / counts.restored of GET /jobs/:id/checkpoints
checkpoint_count() { get "jobs/$1/checkpoints" | grep -o "\"$2\":[0-9]*" | head -1 | sed 's/.*://'; }
wait_until() {
  local what="$1"; shift
  local deadline=$((SECONDS + step_timeout))
  until "$@" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${step_timeout}s waiting for $what"
    sleep 0.5
  done
}
state_is() { [ "$(job_state "$1")" = "$2" ]; }
completed_above() { [ "$(checkpoint_count "$1" completed)" -gt "$2" ]; }
restored_at_least() { [ "$(checkpoint_count "$1" restored)" -ge "$2" ]; }

# --- 1. Kafka -----------------------------------------------------------------------------------
say "starting Kafka"
"$here/kafka.sh" start
"$here/kafka.sh" create-topics 2 smoke-check
"$here/kafka.sh" topics --describe --topic smoke-check | grep -q "PartitionCount: 2" \
  || fail "topic smoke-check does not have 2 partitions"
say "Kafka broker up, topic smoke-check has 2 partitions"

# --- 2. Flink -----------------------------------------------------------------------------------
say "starting Flink session cluster"
"$here/cluster.sh" start
say "cluster up: $("$here/cluster.sh" status | tail -1)"
curl -sf --max-time 5 http://127.0.0.1:9249/ | grep -q '^flink_jobmanager_' \
  || fail "no Prometheus metrics on 127.0.0.1:9249"
say "Prometheus metrics served on 127.0.0.1:9249"

# --- 3. submit ----------------------------------------------------------------------------------
smoke_dir="$run_dir/smoke"
rm -rf "$smoke_dir" && mkdir -p "$smoke_dir/classes"
javac -nowarn -cp "$here/target/flink-lib/*" -d "$smoke_dir/classes" "$here/smoke/SmokeJob.java"
jar --create --file "$smoke_dir/smoke-job.jar" --main-class SmokeJob -C "$smoke_dir/classes" .
submit_output="$("$here/cluster.sh" flink run --detached "$smoke_dir/smoke-job.jar" 2>&1)" \
  || fail "flink run failed: $submit_output"
job_id="$(grep -o 'JobID [0-9a-f]\{32\}' <<< "$submit_output" | head -1 | cut -d' ' -f2)"
[ -n "$job_id" ] || fail "no job id in: $submit_output"
say "submitted job $job_id"

# --- 4. running and checkpointing ---------------------------------------------------------------
wait_until "job RUNNING" state_is "$job_id" RUNNING
wait_until "a completed checkpoint" completed_above "$job_id" 0
say "job RUNNING, checkpoints completed: $(checkpoint_count "$job_id" completed)"

# --- 5. kill a TaskManager ----------------------------------------------------------------------
before="$(checkpoint_count "$job_id" completed)"
killed_at=$SECONDS
"$here/cluster.sh" kill-taskmanager 1
wait_until "the job to restore from a checkpoint" restored_at_least "$job_id" 1
wait_until "job RUNNING after the restore" state_is "$job_id" RUNNING
after_restore="$(checkpoint_count "$job_id" completed)"
wait_until "a checkpoint after the restore" completed_above "$job_id" "$after_restore"
say "TaskManager 1 killed: job restored from a checkpoint and checkpointing again after $((SECONDS - killed_at)) s" \
    "(completed before kill: $before, now: $(checkpoint_count "$job_id" completed))"

# --- 6. restart the TaskManager -----------------------------------------------------------------
"$here/cluster.sh" start-taskmanager 1
"$here/cluster.sh" wait-taskmanagers 2
say "TaskManager 1 back: $("$here/cluster.sh" status | tail -1)"

# --- 7. stop with a savepoint -------------------------------------------------------------------
request_id="$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"drain\": false, \"targetDirectory\": \"file://$run_dir/savepoints\"}" \
  "$rest_url/jobs/$job_id/stop" | grep -o '"request-id":"[^"]*"' | sed 's/.*:"\(.*\)"/\1/')"
[ -n "$request_id" ] || fail "stop-with-savepoint was not accepted"
savepoint_done() { get "jobs/$job_id/savepoints/$request_id" | grep -q '"id":"COMPLETED"'; }
wait_until "the savepoint" savepoint_done
savepoint="$(get "jobs/$job_id/savepoints/$request_id" | grep -o '"location":"[^"]*"' | sed 's/.*:"\(.*\)"/\1/')"
[ -n "$savepoint" ] || fail "savepoint failed: $(get "jobs/$job_id/savepoints/$request_id")"
wait_until "job FINISHED" state_is "$job_id" FINISHED
[ -f "${savepoint#file:}/_metadata" ] || fail "no _metadata in savepoint $savepoint"
say "job stopped with savepoint $savepoint, state FINISHED"

# --- 8. resume from the savepoint, then cancel ---------------------------------------------------
resume_output="$("$here/cluster.sh" flink run --detached --fromSavepoint "$savepoint" "$smoke_dir/smoke-job.jar" 2>&1)" \
  || fail "flink run --fromSavepoint failed: $resume_output"
resumed_id="$(grep -o 'JobID [0-9a-f]\{32\}' <<< "$resume_output" | head -1 | cut -d' ' -f2)"
[ -n "$resumed_id" ] || fail "no job id in: $resume_output"
wait_until "resumed job RUNNING" state_is "$resumed_id" RUNNING
wait_until "resumed job restored from the savepoint" restored_at_least "$resumed_id" 1
curl -sf -X PATCH "$rest_url/jobs/$resumed_id" > /dev/null || fail "cancel request refused"
wait_until "job CANCELED" state_is "$resumed_id" CANCELED
say "job $resumed_id resumed from the savepoint, then CANCELED"
