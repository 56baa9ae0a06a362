#!/usr/bin/env bash
# FerretDB test server (MongoDB wire protocol on SQLite): a tiny Go program
# (scripts/servers/ferretdb/main.go) embedding FerretDB 1.24, built into
# $SERVERS_DIR/bin/ferretdb, data in $SERVERS_DIR/ferretdb/data,
# listening on 127.0.0.1:$TEST_MONGO_PORT (27117).
#
# usage: ferretdb.sh install|start|stop|status|check|clean
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FDB_SRC="$SERVERS_SCRIPTS/ferretdb"
FDB_BIN="$SERVERS_BIN/ferretdb"
FDB_STAMP="$SERVERS_BIN/ferretdb.sha256"
FDB_DIR="$SERVERS_DIR/ferretdb"
FDB_DATA="$FDB_DIR/data"
FDB_LOG="$FDB_DIR/ferretdb.log"
FDB_PID="$FDB_DIR/ferretdb.pid"
FDB_URL="$(default_url ferretdb)"

ferretdb_ready() { probe_mongo "$FDB_URL"; }

# Hash of the sources; the binary is rebuilt when it changes.
src_hash() {
  files_hash "$FDB_SRC/main.go" "$FDB_SRC/go.mod" "$FDB_SRC/go.sum"
}

bin_up_to_date() {
  [[ -x "$FDB_BIN" && -f "$FDB_STAMP" && "$(cat "$FDB_STAMP")" == "$(src_hash)" ]]
}

cmd_install() {
  if bin_up_to_date; then
    return 0
  fi
  command -v go >/dev/null || die "go not found (Go >= 1.24 is needed to build FerretDB)"
  mkdir -p "$SERVERS_BIN" "$FDB_DIR"
  local buildlog="$FDB_DIR/build.log"
  log "ferretdb: building $FDB_BIN with $(go version | awk '{print $3}') (log: $buildlog)"
  # GOWORK=off: ignore any go.work elsewhere in the repo; -mod=readonly: go.sum is checked in.
  if ! (cd "$FDB_SRC" && GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0 \
        go build -trimpath -ldflags='-s -w' -o "$FDB_BIN.tmp" .) >"$buildlog" 2>&1; then
    show_log_tail "$buildlog" 60
    die "ferretdb: go build failed"
  fi
  mv -f "$FDB_BIN.tmp" "$FDB_BIN"
  src_hash >"$FDB_STAMP"
}

cmd_start() {
  if ferretdb_ready; then
    log "ferretdb: already running on $SERVERS_HOST:$MONGO_PORT (reusing)"
    return 0
  fi
  port_in_use "$MONGO_PORT" &&
    die "port $SERVERS_HOST:$MONGO_PORT is in use by something that does not answer a Mongo ping"
  bin_up_to_date || cmd_install
  mkdir -p "$FDB_DATA"
  log "ferretdb: starting on $SERVERS_HOST:$MONGO_PORT (log: $FDB_LOG)"
  spawn_detached "$FDB_PID" "$FDB_LOG" \
    "$FDB_BIN" -listen "$SERVERS_HOST:$MONGO_PORT" -data "$FDB_DATA" -log-level "${FERRETDB_LOG_LEVEL:-warn}"
  wait_ready ferretdb "$SERVERS_TIMEOUT" "$FDB_LOG" "$FDB_PID" ferretdb_ready
}

cmd_stop() {
  stop_pidfile ferretdb "$FDB_PID" "$FDB_BIN" 30
}

cmd_status() {
  if is_external ferretdb; then
    if cmd_check; then echo "ferretdb: external $(effective_url ferretdb) (answers)"; return 0; fi
    echo "ferretdb: external $(effective_url ferretdb) (NOT answering)"; return 3
  fi
  if ferretdb_ready; then
    local pid; pid="$(read_pid "$FDB_PID")"
    echo "ferretdb: running${pid:+ (pid $pid)} $FDB_URL"
    return 0
  fi
  echo "ferretdb: not running"
  return 3
}

cmd_check() { probe_mongo "$(effective_url ferretdb)"; }

cmd_clean() {
  cmd_stop
  log "ferretdb: removing $FDB_DIR (keeping the binary)"
  rm -rf "$FDB_DIR"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  check) cmd_check ;;
  clean) cmd_clean ;;
  *) echo "usage: $0 install|start|stop|status|check|clean" >&2; exit 2 ;;
esac
