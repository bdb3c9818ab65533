#!/usr/bin/env bash
# The machine's Debian PostgreSQL cluster, prepared for OneOffice tests and development.
#
#   deploy/local/postgres.sh install   install the Debian `postgresql` package if missing (root only)
#   deploy/local/postgres.sh start     install if needed, create the cluster if none exists, start it,
#                                      and make sure role `oneoffice` (password `oneoffice`, LOGIN
#                                      CREATEDB, member of pg_signal_backend so that the tests' DROP
#                                      DATABASE ... WITH (FORCE) may also end an autovacuum worker) and
#                                      database `oneoffice` exist; a no-op start when the cluster is
#                                      already running (the role/database check still runs)
#   deploy/local/postgres.sh stop      stop the cluster
#   deploy/local/postgres.sh status    print running/stopped; exit 0 when running, 3 when stopped
#
# Environment:
#   PGPORT              port of the cluster (default 5432)
#   PG_VERSION          major version to use (default: the newest installed)
#   PG_CLUSTER          cluster name (default main)
#   ONEOFFICE_PG_FAST=1 start the cluster with fsync=off, synchronous_commit=off and
#                       full_page_writes=off. deploy/local/test.sh sets it: tests create and drop many
#                       databases and commit constantly, and durability does not matter for them. The
#                       settings are passed as postgres command-line options (pg_ctlcluster -o), so they
#                       hold only until the cluster stops and are never written to postgresql.conf or
#                       postgresql.auto.conf; the next plain start is durable again. A crash of the
#                       machine while it runs this way can corrupt the cluster. No effect when the
#                       cluster is already running.
#
# `start` records in $ONEOFFICE_CACHE/postgres/last-start-<port> whether it really started the cluster
# ("started") or found it running ("already-running"), so callers can stop only what they started.
set -euo pipefail

PGPORT="${PGPORT:-5432}"
PG_CLUSTER="${PG_CLUSTER:-main}"
ROLE=oneoffice
PASSWORD=oneoffice
DATABASE=oneoffice
CACHE="${ONEOFFICE_CACHE:-$HOME/.cache/oneoffice}"
STATE_DIR="$CACHE/postgres"
START_STATE_FILE="$STATE_DIR/last-start-$PGPORT"
READY_TIMEOUT=30
# Set by cmd_install when this invocation installed the package (Debian may start the new cluster
# itself; it is still ours to stop).
INSTALLED_NOW=0

log() { echo "postgres.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
is_root() { [[ $(id -u) -eq 0 ]]; }

cmd_install() {
  command -v pg_ctlcluster >/dev/null && return 0
  is_root || die "PostgreSQL is not installed and this is not root: run 'sudo apt-get install -y postgresql' (or run this script as root)"
  log "installing the Debian postgresql package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq postgresql >/dev/null
  INSTALLED_NOW=1
}

pg_version() {
  if [[ -n "${PG_VERSION:-}" ]]; then echo "$PG_VERSION"; return; fi
  local v
  v=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
      | awk -F/ '{print $5}' | sort -n | tail -n 1)
  [[ -n "$v" ]] || die "no PostgreSQL server found under /usr/lib/postgresql (run: $0 install)"
  echo "$v"
}

# Column 5 of pg_lsclusters: the operating-system user owning the cluster.
cluster_owner() { pg_lsclusters -h | awk -v v="$VER" -v c="$PG_CLUSTER" '$1==v && $2==c {print $5}'; }
cluster_exists() { [[ -n "$(cluster_owner)" ]]; }
cluster_port() { pg_lsclusters -h | awk -v v="$VER" -v c="$PG_CLUSTER" '$1==v && $2==c {print $3}'; }
is_running() { cluster_exists && pg_ctlcluster "$VER" "$PG_CLUSTER" status >/dev/null 2>&1; }

# Runs a command as the cluster's owner (the superuser that peer authentication lets in).
as_owner() {
  local owner
  owner=$(cluster_owner)
  if [[ $(id -un) == "$owner" ]]; then
    "$@"
  elif is_root; then
    runuser -u "$owner" -- "$@"
  else
    die "managing cluster $VER/$PG_CLUSTER needs root or the user '$owner'"
  fi
}

# SQL on standard input, as the superuser.
psql_admin() { as_owner psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres; }

ensure_cluster() {
  if ! cluster_exists; then
    log "creating cluster $VER/$PG_CLUSTER on port $PGPORT"
    is_root || die "creating a cluster needs root"
    pg_createcluster "$VER" "$PG_CLUSTER" --port "$PGPORT" >/dev/null
  fi
  local port
  port=$(cluster_port)
  if [[ "$port" != "$PGPORT" ]]; then
    is_running && die "cluster $VER/$PG_CLUSTER runs on port $port, not $PGPORT; stop it or set PGPORT=$port"
    log "moving cluster $VER/$PG_CLUSTER from port $port to $PGPORT"
    as_owner pg_conftool "$VER" "$PG_CLUSTER" set port "$PGPORT"
  fi
}

# Password (scram) login over TCP on 127.0.0.1 is how the services and tests connect. Debian's
# default pg_hba.conf allows it; a customised file may not, so a rule for our role is put first
# (pg_hba.conf is first-match).
ensure_hba() {
  local hba
  hba=$(as_owner psql -X -qAt -p "$PGPORT" -d postgres -c 'SHOW hba_file')
  if grep -Eq "^[[:space:]]*host[[:space:]]+all[[:space:]]+($ROLE|all)[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5)" "$hba"; then
    return 0
  fi
  log "allowing password login for $ROLE on 127.0.0.1 in $hba"
  local rule="host    all    $ROLE    127.0.0.1/32    scram-sha-256    # added by OneOffice deploy/local/postgres.sh"
  as_owner sed -i "1i $rule" "$hba"
  pg_ctlcluster "$VER" "$PG_CLUSTER" reload
}

ensure_role_and_database() {
  psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
GRANT pg_signal_backend TO $ROLE;
SELECT 'CREATE DATABASE $DATABASE OWNER $ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DATABASE')
\gexec
SQL
}

wait_until_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  until pg_isready -q -h 127.0.0.1 -p "$PGPORT"; do
    ((SECONDS < deadline)) || die "PostgreSQL did not accept connections on 127.0.0.1:$PGPORT within ${READY_TIMEOUT}s (log: /var/log/postgresql/postgresql-$VER-$PG_CLUSTER.log)"
    sleep 0.2
  done
}

check_password_login() {
  PGPASSWORD="$PASSWORD" psql -X -qAt -h 127.0.0.1 -p "$PGPORT" -U "$ROLE" -d "$DATABASE" -c 'SELECT 1' >/dev/null \
    || die "password login as $ROLE on 127.0.0.1:$PGPORT failed"
}

cmd_start() {
  local started_at=$SECONDS
  cmd_install
  VER=$(pg_version)
  mkdir -p "$STATE_DIR"
  ensure_cluster
  if is_running && [[ $INSTALLED_NOW -eq 0 ]]; then
    log "cluster $VER/$PG_CLUSTER already running on port $PGPORT; leaving it as is"
    echo "already-running" >"$START_STATE_FILE"
  else
    # A missing socket directory (e.g. /run is a fresh tmpfs) makes the server fail to start.
    if is_root && [[ ! -d /var/run/postgresql ]]; then
      install -d -m 2775 -o postgres -g postgres /var/run/postgresql
    fi
    # The package's install script may have started the new cluster already, without our options.
    if [[ $INSTALLED_NOW -eq 1 ]] && is_running; then
      pg_ctlcluster "$VER" "$PG_CLUSTER" stop -m fast
    fi
    local opts=()
    if [[ "${ONEOFFICE_PG_FAST:-0}" == 1 ]]; then
      opts=(-o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
      log "starting cluster $VER/$PG_CLUSTER on port $PGPORT (fast, non-durable mode for tests)"
    else
      log "starting cluster $VER/$PG_CLUSTER on port $PGPORT"
    fi
    pg_ctlcluster "${opts[@]}" "$VER" "$PG_CLUSTER" start
    echo "started" >"$START_STATE_FILE"
  fi
  wait_until_ready
  ensure_hba
  ensure_role_and_database
  check_password_login
  log "PostgreSQL $VER ready on 127.0.0.1:$PGPORT (role and database '$ROLE') in $((SECONDS - started_at)) s"
}

cmd_stop() {
  command -v pg_ctlcluster >/dev/null || { log "PostgreSQL is not installed"; return 0; }
  VER=$(pg_version)
  if ! is_running; then
    log "cluster $VER/$PG_CLUSTER is not running"
    return 0
  fi
  pg_ctlcluster "$VER" "$PG_CLUSTER" stop -m fast
  log "stopped cluster $VER/$PG_CLUSTER"
}

cmd_status() {
  if command -v pg_ctlcluster >/dev/null; then
    VER=$(pg_version)
    if is_running; then
      echo "running (cluster $VER/$PG_CLUSTER, 127.0.0.1:$(cluster_port))"
      return 0
    fi
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
