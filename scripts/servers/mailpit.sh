#!/usr/bin/env bash
# Mailpit test SMTP server: Mailpit's own command (scripts/servers/mailpit/main.go
# calls github.com/axllent/mailpit/cmd, v1.33.1 from the Go module proxy), built
# into $SERVERS_DIR/bin/mailpit. It keeps every mail it receives (SQLite in
# $SERVERS_DIR/mailpit/mailpit.db) and serves them over its HTTP API.
#
#   SMTP      127.0.0.1:$TEST_SMTP_PORT (10251)          TEST_SMTP_URL=smtp://127.0.0.1:10251
#   HTTP API  127.0.0.1:$TEST_MAILPIT_API_PORT (18251)   TEST_MAILPIT_API=http://127.0.0.1:18251
#
# usage: mailpit.sh install|start|stop|status|check|clean
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MP_SRC="$SERVERS_SCRIPTS/mailpit"
MP_BIN="$SERVERS_BIN/mailpit"
MP_STAMP="$SERVERS_BIN/mailpit.sha256"
# MAILPIT_INSTANCE=NAME: a second server with state of its own (.servers/mailpit-NAME, sharing
# the binary), on the ports given by TEST_SMTP_PORT / TEST_MAILPIT_API_PORT (the SMTP outage test).
MP_DIR="$SERVERS_DIR/mailpit${MAILPIT_INSTANCE:+-$MAILPIT_INSTANCE}"
MP_LOG="$MP_DIR/mailpit.log"
MP_PID="$MP_DIR/mailpit.pid"
MP_SMTP_URL="$(default_url mailpit)"
MP_API_URL="$(mailpit_api_url)"

mailpit_ready() { probe_smtp "$MP_SMTP_URL" && probe_http "$MP_API_URL/readyz"; }

bin_up_to_date() { go_binary_up_to_date "$MP_BIN" "$MP_STAMP" "$MP_SRC"; }

cmd_install() {
  go_build_binary mailpit "$MP_SRC" "$MP_BIN" "$MP_STAMP" "$MP_DIR" "Go >= 1.26 is needed to build Mailpit 1.33"
}

cmd_start() {
  if mailpit_ready; then
    log "mailpit: already running on $SERVERS_HOST:$SMTP_PORT (reusing)"
    return 0
  fi
  port_in_use "$SMTP_PORT" &&
    die "port $SERVERS_HOST:$SMTP_PORT is in use by something that is not a Mailpit"
  port_in_use "$MAILPIT_API_PORT" &&
    die "port $SERVERS_HOST:$MAILPIT_API_PORT is in use by something that is not a Mailpit"
  bin_up_to_date || cmd_install
  mkdir -p "$MP_DIR"
  log "mailpit: starting SMTP $SERVERS_HOST:$SMTP_PORT, API $MP_API_URL (log: $MP_LOG)"
  # --max 0: keep every mail (tests tell theirs apart by unique recipients);
  # --smtp-auth-accept-any + --smtp-auth-allow-insecure: any credentials over plain SMTP.
  spawn_detached "$MP_PID" "$MP_LOG" \
    "$MP_BIN" --smtp "$SERVERS_HOST:$SMTP_PORT" --listen "$SERVERS_HOST:$MAILPIT_API_PORT" \
    --database "$MP_DIR/mailpit.db" --max 0 --smtp-auth-accept-any --smtp-auth-allow-insecure \
    --smtp-disable-rdns --disable-version-check --quiet
  wait_ready mailpit "$SERVERS_TIMEOUT" "$MP_LOG" "$MP_PID" mailpit_ready
}

cmd_stop() {
  stop_pidfile mailpit "$MP_PID" "$MP_DIR/mailpit.db" 30
}

cmd_status() { server_status mailpit mailpit_ready "$MP_PID" "$MP_SMTP_URL, API $MP_API_URL"; }

cmd_check() {
  probe_smtp "$(effective_url mailpit)" && probe_http "${TEST_MAILPIT_API:-$MP_API_URL}/readyz"
}

cmd_clean() {
  cmd_stop
  log "mailpit: removing $MP_DIR (keeping the binary)"
  rm -rf "$MP_DIR"
}

server_main "$@"
