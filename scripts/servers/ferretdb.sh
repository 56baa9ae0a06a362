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

bin_up_to_date() { go_binary_up_to_date "$FDB_BIN" "$FDB_STAMP" "$FDB_SRC"; }

cmd_install() {
  go_build_binary ferretdb "$FDB_SRC" "$FDB_BIN" "$FDB_STAMP" "$FDB_DIR" "Go >= 1.24 is needed to build FerretDB"
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

cmd_status() { server_status ferretdb ferretdb_ready "$FDB_PID" "$FDB_URL"; }

cmd_check() { probe_mongo "$(effective_url ferretdb)"; }

cmd_clean() {
  cmd_stop
  log "ferretdb: removing $FDB_DIR (keeping the binary)"
  rm -rf "$FDB_DIR"
}

server_main "$@"
