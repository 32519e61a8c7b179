#!/usr/bin/env bash
# A real local Flink 2.2 session cluster: one JobManager and N TaskManagers (default 2), each a
# separate JVM, started from Flink's jars as resolved by Maven (flink-cluster/pom.xml), all on
# 127.0.0.1. State, logs and PID files live in deploy/local/run/.
#
#   cluster.sh start                  start JobManager + TaskManagers, wait until all registered
#   cluster.sh stop                   stop TaskManagers, then the JobManager (SIGTERM, then -9)
#   cluster.sh status                 processes and the TaskManagers the REST API reports
#   cluster.sh kill-taskmanager N     kill -9 TaskManager N (1-based) - a crash, no clean-up
#   cluster.sh start-taskmanager N    (re)start TaskManager N, wait until it is registered
#   cluster.sh kill-jobmanager        kill -9 the JobManager (no HA here: its jobs are lost, their
#                                     retained checkpoints stay in run/checkpoints)
#   cluster.sh start-jobmanager       (re)start the JobManager, wait until the TaskManagers that
#                                     run have registered again
#   cluster.sh wait-taskmanagers K    wait until the REST API reports exactly K TaskManagers
#   cluster.sh flink ARGS...          Flink's CLI against this cluster (run, list, cancel, stop, ...)
#   cluster.sh rest PATH              GET http://127.0.0.1:$FLINK_REST_PORT/PATH (JSON)
#
# Environment: FLINK_REST_PORT (8081), FLINK_RPC_PORT (6123), FLINK_TASKMANAGERS (2),
# FLINK_START_TIMEOUT seconds (120), MASKSTREAM_RUN_DIR (deploy/local/run), JAVA_HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run_dir="${MASKSTREAM_RUN_DIR:-$here/run}"
rest_port="${FLINK_REST_PORT:-8081}"
rpc_port="${FLINK_RPC_PORT:-6123}"
taskmanagers="${FLINK_TASKMANAGERS:-2}"
start_timeout="${FLINK_START_TIMEOUT:-120}"
lib_dir="$here/target/flink-lib"
conf_dir="$run_dir/conf"
log_dir="$run_dir/log"
pid_dir="$run_dir/pid"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rest_url="http://127.0.0.1:$rest_port"

log() { echo "cluster.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --- preparation ---------------------------------------------------------------------------------

# Resolves Flink's jars with Maven into target/flink-lib (once, and again when the pom changes).
ensure_lib() {
  local marker="$lib_dir/.resolved"
  if [ ! -f "$marker" ] || [ "$here/flink-cluster/pom.xml" -nt "$marker" ]; then
    log "resolving Flink jars with Maven into $lib_dir ..."
    mvn -B -q -Dstyle.color=never -f "$here/flink-cluster/pom.xml" package 2>&1 | sed "s/\x1b\[[0-9;]*m//g" >&2
    touch "$marker"
  fi
}

# Renders config.yaml (the template) into run/conf and prepares the run directories.
prepare() {
  ensure_lib
  mkdir -p "$conf_dir" "$log_dir" "$pid_dir" "$run_dir/checkpoints" "$run_dir/savepoints" \
           "$run_dir/tmp" "$run_dir/plugins" "$log_dir/rocksdb"
  sed -e "s#\${RUN_DIR}#$run_dir#g" -e "s#\${REST_PORT}#$rest_port#g" -e "s#\${RPC_PORT}#$rpc_port#g" \
      "$here/config.yaml" > "$conf_dir/config.yaml"
  cp "$here/log4j2-flink.properties" "$conf_dir/log4j2.properties"
  export FLINK_CONF_DIR="$conf_dir" FLINK_PLUGINS_DIR="$run_dir/plugins" FLINK_LIB_DIR="$lib_dir"
}

# The JVM options every Flink process gets: env.java.opts.all from config.yaml.
java_opts() {
  sed -n 's/^env\.java\.opts\.all:[ ]*"\{0,1\}\([^"]*\)"\{0,1\}[ ]*$/\1/p' "$conf_dir/config.yaml"
}

# Asks Flink (BashJavaUtils, as Flink's own scripts do) to turn the memory configuration into JVM
# flags (line 1: -Xmx -Xms -XX:MaxDirectMemorySize -XX:MaxMetaspaceSize) and the derived memory
# sizes as dynamic properties (line 2: -D key=value ...). Prints both lines.
resource_params() {
  local command="$1" output
  output="$("$java" -cp "$lib_dir/*" -Dlog4j2.configurationFile="$conf_dir/log4j2.properties" \
      -Dlog.file="$log_dir/bash-java-utils.log" \
      org.apache.flink.runtime.util.bash.BashJavaUtils "$command" --configDir "$conf_dir" 2>&1)" \
    || die "BashJavaUtils $command failed: $output"
  printf '%s\n' "$output" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# --- processes -----------------------------------------------------------------------------------

pid_of() { cat "$pid_dir/$1.pid" 2>/dev/null || true; }
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# Starts a JVM in its own session (so it outlives this script and the caller's process group),
# with stdin/stdout/stderr detached from the caller (a Java caller reading our output is not held
# up by the daemon), and records its PID.
launch() {
  local name="$1"; shift
  rm -f "$pid_dir/$name.pid"
  # The inner shell writes its own PID, then exec turns it into the JVM: the PID is the JVM's.
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pid_dir/$name.pid" "$@" \
    > "$log_dir/$name.out" 2>&1 < /dev/null &
  local waited=0
  while [ ! -s "$pid_dir/$name.pid" ] && [ "$waited" -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
  alive "$name" || die "$name did not start; see $log_dir/$name.out"
}

start_jobmanager() {
  if alive jobmanager; then log "jobmanager already running (pid $(pid_of jobmanager))"; return; fi
  local params jvm dynamic
  params="$(resource_params GET_JM_RESOURCE_PARAMS)"
  jvm="$(sed -n 1p <<< "$params")"; dynamic="$(sed -n 2p <<< "$params")"
  # shellcheck disable=SC2046,SC2086
  launch jobmanager "$java" $jvm $(java_opts) \
    -Dlog.file="$log_dir/jobmanager.log" -Dlog4j.configurationFile="$conf_dir/log4j2.properties" \
    -cp "$lib_dir/*" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$conf_dir" --executionMode cluster $dynamic
  log "jobmanager started (pid $(pid_of jobmanager)), REST $rest_url"
}

start_taskmanager() {
  local n="$1" name="taskmanager-$1"
  if alive "$name"; then log "$name already running (pid $(pid_of "$name"))"; return; fi
  local params jvm dynamic
  params="$(resource_params GET_TM_RESOURCE_PARAMS)"
  jvm="$(sed -n 1p <<< "$params")"; dynamic="$(sed -n 2p <<< "$params")"
  # A fixed resource id per slot number: a restarted TaskManager N is recognisably the same one.
  # shellcheck disable=SC2046,SC2086
  launch "$name" "$java" $jvm $(java_opts) \
    -Dlog.file="$log_dir/$name.log" -Dlog4j.configurationFile="$conf_dir/log4j2.properties" \
    -cp "$lib_dir/*" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$conf_dir" -D "taskmanager.resource-id=tm-$n" $dynamic
  log "$name started (pid $(pid_of "$name")) as resource id tm-$n"
}

# Stops one process: SIGTERM, up to 30 s for a clean shutdown, then SIGKILL.
stop_process() {
  local name="$1" pid waited=0
  pid="$(pid_of "$name")"
  if [ -z "$pid" ]; then return; fi
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 30 s: kill -9"; kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pid_dir/$name.pid"
}

# --- REST ----------------------------------------------------------------------------------------

# Resource ids of the TaskManagers registered at the JobManager, one per line (none if unreachable).
registered_taskmanagers() {
  curl -sf --max-time 2 "$rest_url/taskmanagers" 2>/dev/null \
    | grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\1/' | sort || true
}

# Waits until the predicate (a function name, with arguments) holds, checking the JobManager lives.
wait_for() {
  local what="$1"; shift
  local deadline=$((SECONDS + start_timeout))
  until "$@"; do
    alive jobmanager || die "jobmanager is not running; see $log_dir/jobmanager.log and .out"
    [ "$SECONDS" -lt "$deadline" ] || die "timed out after ${start_timeout}s waiting for $what"
    sleep 0.5
  done
}
has_taskmanager_count() { [ "$(registered_taskmanagers | grep -c .)" -eq "$1" ]; }
# The RPC address of TaskManager N as the JobManager knows it (empty when not registered). Each
# TaskManager process binds a fresh port, so a new address means a new registration.
taskmanager_address() {
  curl -sf --max-time 2 "$rest_url/taskmanagers" 2>/dev/null \
    | grep -o "\"id\":\"tm-$1\",\"path\":\"[^\"]*\"" | sed 's/.*"path":"\(.*\)"/\1/' || true
}
registered_anew() { local now; now="$(taskmanager_address "$1")"; [ -n "$now" ] && [ "$now" != "$2" ]; }
rest_up() { curl -sf --max-time 2 "$rest_url/overview" > /dev/null 2>&1; }

# --- commands ------------------------------------------------------------------------------------

cmd_start() {
  prepare
  local began=$SECONDS
  start_jobmanager
  for n in $(seq 1 "$taskmanagers"); do start_taskmanager "$n"; done
  wait_for "$taskmanagers TaskManagers at $rest_url/taskmanagers" has_taskmanager_count "$taskmanagers"
  log "cluster ready in $((SECONDS - began)) s: $taskmanagers TaskManagers registered, REST $rest_url"
}

cmd_stop() {
  local name
  for f in "$pid_dir"/taskmanager-*.pid; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .pid)"; stop_process "$name"
  done
  stop_process jobmanager
  log "stopped"
}

cmd_status() {
  local name rc=0
  # The configured TaskManagers, and any other one started by number.
  for name in jobmanager $( { seq 1 "$taskmanagers" | sed 's/^/taskmanager-/'
      for f in "$pid_dir"/taskmanager-*.pid; do [ -e "$f" ] && basename "$f" .pid; done; } | sort -u -V); do
    if alive "$name"; then echo "$name running pid $(pid_of "$name")"; else echo "$name not running"; rc=1; fi
  done
  echo "registered taskmanagers: $(registered_taskmanagers | tr '\n' ' ')"
  return "$rc"
}

cmd_kill_taskmanager() {
  local n="$1" name="taskmanager-$1" pid
  pid="$(pid_of "$name")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "$name is not running"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$pid_dir/$name.pid"
  log "$name (pid $pid) killed with SIGKILL"
}

cmd_start_taskmanager() {
  prepare
  local n="$1" previous
  alive jobmanager || die "jobmanager is not running: cluster.sh start first"
  # Right after a kill the JobManager may still list the dead process (until its heartbeat times
  # out): wait for a registration under a new address, not just for the id.
  previous="$(taskmanager_address "$n")"
  start_taskmanager "$n"
  wait_for "tm-$n to register" registered_anew "$n" "$previous"
  log "taskmanager-$n registered at $(taskmanager_address "$n")"
}

cmd_kill_jobmanager() {
  local pid
  pid="$(pid_of jobmanager)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "jobmanager is not running"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$pid_dir/jobmanager.pid"
  log "jobmanager (pid $pid) killed with SIGKILL"
}

cmd_start_jobmanager() {
  prepare
  start_jobmanager
  wait_for "the REST endpoint" rest_up
  # Running TaskManagers keep trying to reach the JobManager and register again by themselves.
  local running=0 f
  for f in "$pid_dir"/taskmanager-*.pid; do [ -e "$f" ] && alive "$(basename "$f" .pid)" && running=$((running + 1)); done
  wait_for "$running TaskManagers to register again" has_taskmanager_count "$running"
  log "jobmanager up, $running TaskManagers registered"
}

cmd_flink() {
  prepare
  # shellcheck disable=SC2046
  exec "$java" $(java_opts) -Dlog.file="$log_dir/flink-cli.log" \
    -Dlog4j.configurationFile="$conf_dir/log4j2.properties" \
    -cp "$lib_dir/*" org.apache.flink.client.cli.CliFrontend "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill-taskmanager) [ $# -eq 2 ] || die "usage: cluster.sh kill-taskmanager N"; cmd_kill_taskmanager "$2" ;;
  start-taskmanager) [ $# -eq 2 ] || die "usage: cluster.sh start-taskmanager N"; cmd_start_taskmanager "$2" ;;
  kill-jobmanager) cmd_kill_jobmanager ;;
  start-jobmanager) cmd_start_jobmanager ;;
  wait-taskmanagers) [ $# -eq 2 ] || die "usage: cluster.sh wait-taskmanagers K"
    wait_for "$2 TaskManagers" has_taskmanager_count "$2"; log "$2 TaskManagers registered" ;;
  flink) shift; cmd_flink "$@" ;;
  rest) [ $# -eq 2 ] || die "usage: cluster.sh rest PATH"; curl -sf "$rest_url/${2#/}"; echo ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
