#!/usr/bin/env bash
# The distributed mode on this machine in one command (`make up`, `make down`).
#
#   deploy/local/up.sh start   PostgreSQL and Kafka (deploy/local, default ports), the databases and
#                              topics, migrations once, Tương Dương's units, then every service and
#                              the gateway as separate processes under honcho, in the background;
#                              waits until the gateway is ready and prints its address
#   deploy/local/up.sh stop    stops the processes, then PostgreSQL and Kafka if `start` started them
#   deploy/local/up.sh status  running/stopped (exit 0/3)
#
# Environment: REPLICAS (replicas of documents and of reporting, default 1), PGPORT, KAFKA_PORT,
# KAFKA_CONTROLLER_PORT, ONEOFFICE_UP_DIR (state, default var/up) and what deploy/local/up.py reads.
# Logs: one stream, each line prefixed with its process (documents1, reporting2, gateway, ...) in
# $ONEOFFICE_UP_DIR/up.log (`tail -f var/up/up.log`).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PY="${ONEOFFICE_UP_PYTHON:-$REPO/.venv/bin/python}"
STATE="${ONEOFFICE_UP_DIR:-$REPO/var/up}"
export ONEOFFICE_UP_DIR="$STATE"
PID_FILE="$STATE/honcho.pid"
LOG_FILE="$STATE/up.log"
INFRA_FILE="$STATE/started-infra"
CACHE="${ONEOFFICE_CACHE:-$HOME/.cache/oneoffice}"
READY_TIMEOUT="${ONEOFFICE_UP_READY_TIMEOUT:-120}"

log() { echo "up.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

is_running() {
  local pid
  [[ -f "$PID_FILE" ]] && pid=$(cat "$PID_FILE") && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "honcho"
}

# What kafka.sh / postgres.sh did on their last start: "started" (ours to stop) or "already-running".
kafka_last_start() { cat "$CACHE"/kafka-*/run-"${KAFKA_PORT:-9092}"/last-start 2>/dev/null || true; }
postgres_last_start() { cat "$CACHE/postgres/last-start-${PGPORT:-5432}" 2>/dev/null || true; }

cmd_start() {
  [[ -x "$PY" ]] || die "$PY not found: run 'make venv' first (or 'make up')"
  if is_running; then
    log "already running (honcho pid $(cat "$PID_FILE")); 'make down' stops it"
    print_address
    return 0
  fi
  mkdir -p "$STATE"
  : >"$INFRA_FILE"
  bash "$HERE/postgres.sh" start
  [[ "$(postgres_last_start)" == started ]] && echo postgres >>"$INFRA_FILE"
  bash "$HERE/kafka.sh" start
  [[ "$(kafka_last_start)" == started ]] && echo kafka >>"$INFRA_FILE"
  # Its output (and its commands') is a report for the operator: stderr, so stdout is the address alone.
  "$PY" "$HERE/up.py" prepare >&2
  # setsid: honcho and its processes get their own session, so `make up` returns and a Ctrl-C in
  # this terminal does not reach them; `make down` stops them.
  setsid "$(dirname "$PY")/honcho" start --no-colour -d "$REPO" -f "$STATE/Procfile" -e "$STATE/oneoffice.env" \
    >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_until_ready
  print_address
}

gateway_url() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["gateway"])' "$STATE/deployment.json"; }

wait_until_ready() {
  local url deadline=$((SECONDS + READY_TIMEOUT))
  url=$(gateway_url)
  while ((SECONDS < deadline)); do
    is_running || { tail -n 40 "$LOG_FILE" >&2; die "the processes stopped (log above, all of it in $LOG_FILE)"; }
    if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/readyz", timeout=3)' \
      "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  tail -n 40 "$LOG_FILE" >&2
  die "the gateway was not ready within ${READY_TIMEOUT}s (log above; 'make down' stops what started)"
}

print_address() {
  local url
  url=$(gateway_url)
  log "OneOffice (distributed) is ready: $url  (logs: $LOG_FILE; stop: make down)"
  log "first administrator: set -a; . $STATE/oneoffice.env; set +a; $PY -m oneoffice.staff create-admin --username quantri"
  echo "$url"
}

cmd_stop() {
  if is_running; then
    local pid deadline
    pid=$(cat "$PID_FILE")
    # honcho passes the TERM on to every process group it started, then kills what remains after 5 s.
    kill -TERM "$pid"
    deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "honcho did not stop within 30 s; killing it"; kill -KILL "$pid"; }
    log "processes stopped"
  else
    log "no processes running"
  fi
  rm -f "$PID_FILE"
  if [[ -f "$INFRA_FILE" ]]; then
    grep -qx kafka "$INFRA_FILE" && bash "$HERE/kafka.sh" stop
    grep -qx postgres "$INFRA_FILE" && bash "$HERE/postgres.sh" stop
    rm -f "$INFRA_FILE"
  fi
  return 0
}

cmd_status() {
  if is_running; then echo "running (honcho pid $(cat "$PID_FILE"), $(gateway_url))"; else echo stopped; return 3; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
