#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft: broker and controller in one JVM) on 127.0.0.1, run from
# the jars Maven resolves (deploy/local/kafka/pom.xml), so tests need neither Docker nor a tarball.
#
#   deploy/local/kafka.sh fetch    download the jars into the cache (only when missing or stale)
#   deploy/local/kafka.sh start    start the broker and wait until it answers a metadata request;
#                                  a no-op when it is already running
#   deploy/local/kafka.sh stop     stop the broker started by this script (by its pid file)
#   deploy/local/kafka.sh status   print running/stopped; exit 0 when running, 3 when stopped
#
# Environment:
#   ONEOFFICE_CACHE        cache root (default ~/.cache/oneoffice); jars go to kafka-<version>/libs
#   KAFKA_PORT             client listener (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener (default 9093)
#   KAFKA_HEAP_OPTS        JVM heap (default -Xms512m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (default 90)
#   ONEOFFICE_KAFKA_KEEP_DATA  1: never wipe the data for having too many topics (a test that restarts
#                          the broker mid-run sets it)
#
# Runtime files (config, data, logs, pid) live in $ONEOFFICE_CACHE/kafka-<version>/run-<port>/. The
# data is disposable test data: it is kept across restarts, but wiped and reformatted when the rendered
# configuration changes or too many topics have accumulated (see MAX_PARTITION_DIRS).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
POM="$HERE/kafka/pom.xml"
TEMPLATE="$HERE/kafka/server.properties.tmpl"
LOG4J_CONFIG="$HERE/kafka/log4j2.properties"

# The pom is the single source of truth for the Kafka version.
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")
CACHE="${ONEOFFICE_CACHE:-$HOME/.cache/oneoffice}"
KAFKA_HOME="$CACHE/kafka-$KAFKA_VERSION"
LIBS="$KAFKA_HOME/libs"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
RUN_DIR="$KAFKA_HOME/run-$KAFKA_PORT"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
CONFIG="$RUN_DIR/server.properties"
FORMATTED_CONFIG="$RUN_DIR/formatted-with.properties"
PID_FILE="$RUN_DIR/kafka.pid"
# "started" or "already-running": what the last `start` did (callers stop only what they started).
START_STATE_FILE="$RUN_DIR/last-start"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=30
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms512m -Xmx512m}"
# The JVM flags of bin/kafka-run-class.sh, minus JMX (not needed, and it would open another port).
JVM_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
-XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true"

log() { echo "kafka.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
now_ms() { date +%s%3N; }

python_bin() {
  if [[ -x "$REPO/.venv/bin/python" ]]; then echo "$REPO/.venv/bin/python"; else echo python3; fi
}

require_java() {
  command -v java >/dev/null || die "java (17 or newer) is required to run Kafka; install e.g. the Debian package openjdk-17-jre-headless"
}

# Runs a Kafka command-line class (here: the storage tool) with the cached jars.
kafka_tool() {
  java -Xmx256m -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$LIBS/*" "$@"
}

pom_digest() { sha256sum "$POM" | cut -d' ' -f1; }

# A subshell, so the download lock is released as soon as the jars are in place.
cmd_fetch() (
  # Serialised: two starts on different ports may both find the cache empty.
  mkdir -p "$KAFKA_HOME"
  exec 8>"$KAFKA_HOME/.fetch.lock"
  flock -w 300 8 || die "timed out waiting for another download of the Kafka jars"
  # The digest of the pom is stored next to the jars: editing the pom (e.g. a version bump or an added
  # dependency) refreshes the cache instead of silently running stale jars.
  if [[ -f "$LIBS/.pom.sha256" && "$(cat "$LIBS/.pom.sha256")" == "$(pom_digest)" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is required once to download the Kafka $KAFKA_VERSION jars into $LIBS; install the Debian package maven"
  log "downloading Kafka $KAFKA_VERSION jars into $LIBS"
  local tmp="$KAFKA_HOME/libs.tmp.$$"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" -DincludeScope=runtime \
    >"$KAFKA_HOME/mvn.log" 2>&1; then
    cat "$KAFKA_HOME/mvn.log" >&2
    rm -rf "$tmp"
    die "Maven could not resolve the Kafka jars (output above)"
  fi
  pom_digest >"$tmp/.pom.sha256"
  # Swap in one step so a half-finished download never looks complete.
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
)

read_pid() { if [[ -f "$PID_FILE" ]]; then cat "$PID_FILE"; fi; }

# True when the pid file names a live Kafka JVM started with our configuration (guards against a pid
# reused by an unrelated process after a reboot).
is_running() {
  local pid
  pid=$(read_pid)
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $CONFIG"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Asks the broker for cluster metadata over the Kafka protocol (Metadata v4, standard library only).
# Succeeds only when a broker answers and lists itself as an alive broker on 127.0.0.1:$KAFKA_PORT,
# which in KRaft happens once it has registered with the controller and been unfenced: an open port
# alone is not enough, because the socket server accepts connections earlier.
probe() {
  "$(python_bin)" - "$KAFKA_PORT" "${1:-quiet}" <<'PY'
import socket, struct, sys

port, mode = int(sys.argv[1]), sys.argv[2]

def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed")
        buf += chunk
    return buf

class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0
    def take(self, fmt):
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return value
    def string(self):
        n = self.take(">h")
        if n < 0:
            return None
        value = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return value

client_id = b"oneoffice-probe"
# Request header v1 (api_key=3 Metadata, version 4, correlation id, client id), then the body:
# an empty topic array (brokers only) and allow_auto_topic_creation=false.
request = struct.pack(">hhih", 3, 4, 7, len(client_id)) + client_id + struct.pack(">ib", 0, 0)
try:
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(struct.pack(">i", len(request)) + request)
        size = struct.unpack(">i", read_exact(sock, 4))[0]
        r = Reader(read_exact(sock, size))
except (OSError, ConnectionError, struct.error):
    sys.exit(1)
if r.take(">i") != 7:
    sys.exit(1)
r.take(">i")  # throttle_time_ms
brokers = []
for _ in range(r.take(">i")):
    node_id, host, broker_port, _rack = r.take(">i"), r.string(), r.take(">i"), r.string()
    brokers.append((node_id, host, broker_port))
cluster_id, controller_id = r.string(), r.take(">i")
if not any(host == "127.0.0.1" and p == port for _, host, p in brokers):
    sys.exit(1)
if mode == "verbose":
    listed = ", ".join(f"{n}@{h}:{p}" for n, h, p in brokers)
    print(f"cluster id {cluster_id}, controller {controller_id}, brokers [{listed}]")
PY
}

render_config() {
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$DATA_DIR|g" "$TEMPLATE" >"$CONFIG"
}

# Every test run adds topics named after its run id; past this many partition directories the data
# is wiped, so that broker start-up (which loads every partition) stays fast on a long-lived machine.
MAX_PARTITION_DIRS=600

# Formats the KRaft storage when needed. `--standalone` bootstraps a dynamic quorum whose only voter
# is this node (what bin/kafka-storage.sh format --standalone does in Kafka 4.x).
format_storage_if_needed() {
  local partitions=0
  if [[ -d "$DATA_DIR" ]]; then
    partitions=$(find "$DATA_DIR" -mindepth 1 -maxdepth 1 -type d | wc -l)
  fi
  # A restart in the middle of a test run (ONEOFFICE_KAFKA_KEEP_DATA=1) must find its topics again.
  local crowded=no
  if ((partitions > MAX_PARTITION_DIRS)) && [[ "${ONEOFFICE_KAFKA_KEEP_DATA:-0}" != 1 ]]; then
    crowded=yes
  fi
  if [[ -f "$DATA_DIR/meta.properties" ]] && cmp -s "$CONFIG" "$FORMATTED_CONFIG" && [[ $crowded == no ]]; then
    return 0
  fi
  if [[ $crowded == yes ]]; then
    log "$partitions partitions accumulated from past runs: wiping the local test data in $DATA_DIR"
  elif [[ -d "$DATA_DIR" ]]; then
    log "configuration changed since the storage was formatted: wiping the local test data in $DATA_DIR"
  fi
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  local cluster_id
  cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid | tail -n 1)
  kafka_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONFIG" \
    >"$LOG_DIR/format.out" 2>&1 || { cat "$LOG_DIR/format.out" >&2; die "formatting the KRaft storage failed"; }
  cp "$CONFIG" "$FORMATTED_CONFIG"
}

# server.log is appended to across runs; only what this start wrote is worth showing.
SERVER_LOG_OFFSET=0
show_logs() {
  log "last lines logged by this start ($LOG_DIR/server.log, kafka.out):"
  tail -c +$((SERVER_LOG_OFFSET + 1)) "$LOG_DIR/server.log" 2>/dev/null | tail -n 30 >&2 || true
  tail -n 20 "$LOG_DIR/kafka.out" >&2 2>/dev/null || true
}

# Arguments: pid, start time (ms), and whether this invocation launched the broker (only then is a
# broker that never becomes ready stopped again).
wait_until_ready() {
  local pid=$1 started_ms=$2 launched_here=$3 deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_logs
      rm -f "$PID_FILE"
      die "Kafka exited during startup"
    fi
    if probe; then
      local elapsed_ms=$(($(now_ms) - started_ms))
      log "Kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT (pid $pid) in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s: $(probe verbose)"
      return 0
    fi
    sleep 0.25
  done
  show_logs
  if [[ "$launched_here" == yes ]]; then cmd_stop; fi
  die "Kafka did not answer on 127.0.0.1:$KAFKA_PORT within ${START_TIMEOUT}s"
}

cmd_start() {
  local started_ms
  started_ms=$(now_ms)
  if is_running; then
    log "already running (pid $(read_pid)); leaving it as is"
    echo "already-running" >"$START_STATE_FILE"
    # It may still be starting (another caller launched it a moment ago).
    wait_until_ready "$(read_pid)" "$started_ms" no
    return 0
  fi
  require_java
  cmd_fetch
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_in_use "$port" && die "127.0.0.1:$port is already in use by a process this script did not start; stop it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
  done
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  render_config
  format_storage_if_needed
  SERVER_LOG_OFFSET=$(stat -c %s "$LOG_DIR/server.log" 2>/dev/null || echo 0)
  # setsid: the broker gets its own session, so a Ctrl-C meant for the test run does not kill it
  # mid-flight; whoever started it stops it through this script. The lock descriptors (8, 9) are
  # closed for the JVM, otherwise it would hold the locks for as long as it runs.
  # shellcheck disable=SC2086  # HEAP_OPTS and JVM_OPTS are deliberately word-split into flags
  setsid java $HEAP_OPTS $JVM_OPTS -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$LIBS/*" kafka.Kafka "$CONFIG" >"$LOG_DIR/kafka.out" 2>&1 </dev/null 8>&- 9>&- &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  echo "started" >"$START_STATE_FILE"
  wait_until_ready "$pid" "$started_ms" yes
}

cmd_stop() {
  if ! is_running; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  local pid deadline
  pid=$(read_pid)
  kill -TERM "$pid"
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "no clean shutdown within ${STOP_TIMEOUT}s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  if is_running; then
    echo "running (pid $(read_pid), 127.0.0.1:$KAFKA_PORT, logs in $LOG_DIR)"
  else
    echo "stopped"
    return 3
  fi
}

# One start/stop at a time per port: two test runs starting together must not both format and launch.
with_lock() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/.lock"
  flock -w 180 9 || die "timed out waiting for another kafka.sh on port $KAFKA_PORT"
  "$@"
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) with_lock cmd_start ;;
  stop) with_lock cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
