#!/usr/bin/env bash
# PostgreSQL 15 test server: a private cluster in $SERVERS_DIR/postgres,
# listening on 127.0.0.1:$TEST_POSTGRES_PORT (54329), trust auth,
# role shop/shop (superuser), database shop_test, fsync off.
#
# usage: postgres.sh install|start|stop|status|check|clean
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DIR="$SERVERS_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
PG_SOCK="$PG_DIR/run"
PG_URL="$(default_url postgres)"
PG_ADMIN_URL="postgres://postgres@$SERVERS_HOST:$PG_PORT/postgres"

# The OS user that owns and runs the cluster (PostgreSQL refuses to run as root).
pg_os_user() {
  if [[ $EUID -eq 0 ]]; then echo postgres; else id -un; fi
}

psql_q() { PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -Atq "$@"; }

# ready: accepts connections as shop on shop_test.
pg_ready() {
  [[ "$(psql_q -d "$PG_URL" -c 'select 1' 2>/dev/null)" == 1 ]]
}

cmd_install() {
  apt_install "postgresql-$PG_MAJOR" postgresql-contrib
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]] ||
    die "PostgreSQL $PG_MAJOR binaries not found in $PG_BIN"
  [[ -f "/usr/share/postgresql/$PG_MAJOR/extension/pg_trgm.control" ]] ||
    die "pg_trgm extension not found (postgresql-contrib)"
  if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    log "postgres: creating system user postgres"
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

write_config() {
  local user="$1"
  # Rewritten on every start, so edits here apply to existing clusters too.
  cat >"$PG_DATA/shop-test.conf" <<EOF
# Written by scripts/servers/postgres.sh — do not edit, it is regenerated.
listen_addresses = '$SERVERS_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_messages = warning
log_min_error_statement = error
EOF
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Written by scripts/servers/postgres.sh — local test server, trust everything on loopback.
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
host    all   all   ::1/128       trust
EOF
  chown "$user:" "$PG_DATA/shop-test.conf" "$PG_DATA/pg_hba.conf" 2>/dev/null || true
}

init_cluster() {
  local user="$1"
  log "postgres: initdb in $PG_DATA (as $user)"
  mkdir -p "$PG_DIR" "$PG_SOCK"
  chmod 755 "$SERVERS_DIR"
  [[ $EUID -eq 0 ]] && chown -R "$user:" "$PG_DIR"
  if ! run_as_user "$user" test -w "$PG_DIR"; then
    die "user $user cannot write $PG_DIR (every parent dir of the repo must be searchable by $user, e.g. chmod o+x)"
  fi
  local locale=C.UTF-8
  locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || locale=C
  run_as_user "$user" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust \
    --encoding=UTF8 --locale="$locale" >>"$PG_LOG" 2>&1 || {
      show_log_tail "$PG_LOG"
      die "initdb failed"
    }
  echo "include_if_exists = 'shop-test.conf'" >>"$PG_DATA/postgresql.conf"
}

setup_db() {
  psql_q -d "$PG_ADMIN_URL" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL
}

cmd_start() {
  if pg_ready; then
    log "postgres: already running on $SERVERS_HOST:$PG_PORT (reusing)"
    return 0
  fi
  if port_in_use "$PG_PORT"; then
    if "$PG_BIN/pg_isready" -q -h "$SERVERS_HOST" -p "$PG_PORT" 2>/dev/null; then
      # A PostgreSQL is there but without our role/db (e.g. started by hand): set it up.
      setup_db || die "a PostgreSQL answers on port $PG_PORT but role/database setup failed"
      pg_ready && { log "postgres: reusing server on port $PG_PORT"; return 0; }
    fi
    die "port $SERVERS_HOST:$PG_PORT is in use by something that is not a usable PostgreSQL"
  fi
  [[ -x "$PG_BIN/pg_ctl" ]] || cmd_install
  local user; user="$(pg_os_user)"
  [[ -f "$PG_DATA/PG_VERSION" ]] || init_cluster "$user"
  mkdir -p "$PG_SOCK"
  [[ $EUID -eq 0 ]] && chown "$user:" "$PG_DIR" "$PG_SOCK" && touch "$PG_LOG" && chown "$user:" "$PG_LOG"
  write_config "$user"
  log "postgres: starting on $SERVERS_HOST:$PG_PORT (log: $PG_LOG)"
  if ! run_as_user "$user" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$SERVERS_TIMEOUT" start >/dev/null 8>&- 9>&-; then
    show_log_tail "$PG_LOG"
    die "postgres failed to start within ${SERVERS_TIMEOUT}s (see $PG_LOG)"
  fi
  setup_db || { show_log_tail "$PG_LOG"; die "postgres: creating role/database failed"; }
  wait_ready postgres "$SERVERS_TIMEOUT" "$PG_LOG" "" pg_ready
}

cmd_stop() {
  if [[ ! -f "$PG_DATA/postmaster.pid" ]]; then
    log "postgres: not running (no pid file)"
    return 0
  fi
  local pid; pid="$(read_pid "$PG_DATA/postmaster.pid")"
  if ! pid_alive "$pid"; then
    log "postgres: not running (stale pid file)"
    return 0
  fi
  log "postgres: stopping pid $pid"
  run_as_user "$(stat -c %U "$PG_DATA")" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null ||
    stop_pidfile postgres "$PG_DATA/postmaster.pid" postgres 30
}

cmd_status() {
  if is_external postgres; then
    if cmd_check; then echo "postgres: external $(effective_url postgres) (answers)"; return 0; fi
    echo "postgres: external $(effective_url postgres) (NOT answering)"; return 3
  fi
  if pg_ready; then
    local pid; pid="$(read_pid "$PG_DATA/postmaster.pid")"
    echo "postgres: running${pid:+ (pid $pid)} $PG_URL"
    return 0
  fi
  echo "postgres: not running"
  return 3
}

# check: the effective URL (ours or the user's) answers.
cmd_check() {
  local url; url="$(effective_url postgres)"
  if [[ -x "$PG_BIN/psql" ]] || command -v psql >/dev/null; then
    local psql="$PG_BIN/psql"; [[ -x "$psql" ]] || psql=psql
    [[ "$(PGCONNECT_TIMEOUT=5 "$psql" -X -Atq -d "$url" -c 'select 1' 2>/dev/null)" == 1 ]]
  else
    probe_postgres_wire "$url"
  fi
}

cmd_clean() {
  cmd_stop
  log "postgres: removing $PG_DIR"
  rm -rf "$PG_DIR"
}

server_main "$@"
