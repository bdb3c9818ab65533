#!/usr/bin/env bash
# Runs a command with local PostgreSQL and/or Kafka available, then stops what it started.
#
#   deploy/local/with-infra.sh postgres|kafka|both -- <command...>
#
# What was already running is left running. The command sees:
#   ONEOFFICE_TEST_PG_DSN           postgresql://oneoffice:oneoffice@127.0.0.1:$PGPORT/postgres
#   ONEOFFICE_TEST_KAFKA_BOOTSTRAP  127.0.0.1:$KAFKA_PORT
#   ONEOFFICE_TEST_RUN_ID           a short random hex id (kept if already set) that prefixes the
#                                   databases and topics of this run
# (each DSN only when that piece was asked for). Exits with the command's exit code; what it started
# is stopped on success, failure, Ctrl-C or TERM alike.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() { echo "usage: $0 postgres|kafka|both -- <command...>" >&2; exit 2; }
log() { echo "with-infra.sh: $*" >&2; }
now_ms() { date +%s%3N; }
seconds_since() { local ms=$(($(now_ms) - $1)); printf '%d.%01d' $((ms / 1000)) $((ms % 1000 / 100)); }

case "${1:-}" in
  postgres) wanted=(postgres) ;;
  kafka) wanted=(kafka) ;;
  both) wanted=(postgres kafka) ;;
  *) usage ;;
esac
shift
[[ "${1:-}" == "--" ]] || usage
shift
(($# > 0)) || usage

started=()  # what this script started, in start order; stopped in reverse

# shellcheck disable=SC2317  # reached through the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i t0
  t0=$(now_ms)
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    bash "$HERE/${started[i]}.sh" stop || log "warning: stopping ${started[i]} failed"
  done
  ((${#started[@]} == 0)) || log "stopped ${started[*]} in $(seconds_since "$t0") s"
  exit "$rc"
}
trap cleanup EXIT
# Exit through the EXIT trap with the conventional codes. Bash runs these only after a foreground
# command has returned, so the command gets to handle Ctrl-C itself first.
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$(now_ms)
for piece in "${wanted[@]}"; do
  if bash "$HERE/$piece.sh" status >/dev/null; then
    log "$piece is already running: using it and leaving it running"
  else
    # Recorded before starting, so a start that fails half-way (e.g. a broker that never becomes
    # ready) is still cleaned up.
    started+=("$piece")
  fi
  bash "$HERE/$piece.sh" start
done
log "infrastructure (${wanted[*]}) ready in $(seconds_since "$t0") s"

export ONEOFFICE_TEST_RUN_ID="${ONEOFFICE_TEST_RUN_ID:-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}"
for piece in "${wanted[@]}"; do
  case "$piece" in
    postgres) export ONEOFFICE_TEST_PG_DSN="postgresql://oneoffice:oneoffice@127.0.0.1:${PGPORT:-5432}/postgres" ;;
    kafka) export ONEOFFICE_TEST_KAFKA_BOOTSTRAP="127.0.0.1:${KAFKA_PORT:-9092}" ;;
  esac
done
log "run id $ONEOFFICE_TEST_RUN_ID: $*"

rc=0
"$@" || rc=$?
exit "$rc"
