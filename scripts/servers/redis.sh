#!/usr/bin/env bash
# Redis test server: Debian's redis-server, config and logs in $SERVERS_DIR/redis,
# 127.0.0.1:$TEST_REDIS_PORT (63799), no persistence, daemonized with a pid file.
#
# usage: redis.sh install|start|stop|status|check|clean
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REDIS_DIR="$SERVERS_DIR/redis"
REDIS_CONF="$REDIS_DIR/redis.conf"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"
REDIS_URL="$(default_url redis)"

redis_ready() {
  [[ "$(timeout 3 redis-cli -h "$SERVERS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

cmd_install() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server redis-tools
  fi
  command -v redis-server >/dev/null || die "redis-server not found after install"
}

write_config() {
  mkdir -p "$REDIS_DIR/data"
  cat >"$REDIS_CONF" <<EOF
# Written by scripts/servers/redis.sh — do not edit, it is regenerated.
bind $SERVERS_HOST
port $REDIS_PORT
protected-mode no
daemonize yes
supervised no
pidfile $REDIS_PID
logfile $REDIS_LOG
loglevel notice
dir $REDIS_DIR/data
# no persistence: tests start from an empty server
save ""
appendonly no
databases 16
EOF
}

cmd_start() {
  if redis_ready; then
    log "redis: already running on $SERVERS_HOST:$REDIS_PORT (reusing)"
    return 0
  fi
  port_in_use "$REDIS_PORT" &&
    die "port $SERVERS_HOST:$REDIS_PORT is in use by something that does not answer Redis PING"
  command -v redis-server >/dev/null || cmd_install
  write_config
  rm -f "$REDIS_PID"
  log "redis: starting on $SERVERS_HOST:$REDIS_PORT (log: $REDIS_LOG)"
  if ! redis-server "$REDIS_CONF" >>"$REDIS_LOG" 2>&1 8>&- 9>&-; then
    show_log_tail "$REDIS_LOG"
    die "redis-server failed to start"
  fi
  # redis writes its pid file right after daemonizing; give it a moment.
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$REDIS_PID" ]] && break; sleep 0.1; done
  wait_ready redis "$SERVERS_TIMEOUT" "$REDIS_LOG" "$REDIS_PID" redis_ready
}

cmd_stop() {
  stop_pidfile redis "$REDIS_PID" redis-server 30
}

cmd_status() {
  if is_external redis; then
    if cmd_check; then echo "redis: external $(effective_url redis) (answers)"; return 0; fi
    echo "redis: external $(effective_url redis) (NOT answering)"; return 3
  fi
  if redis_ready; then
    local pid; pid="$(read_pid "$REDIS_PID")"
    echo "redis: running${pid:+ (pid $pid)} $REDIS_URL"
    return 0
  fi
  echo "redis: not running"
  return 3
}

cmd_check() {
  local url; url="$(effective_url redis)"
  if command -v redis-cli >/dev/null; then
    [[ "$(timeout 5 redis-cli -u "$url" ping 2>/dev/null)" == PONG ]]
  else
    probe_redis_wire "$url"
  fi
}

cmd_clean() {
  cmd_stop
  log "redis: removing $REDIS_DIR"
  rm -rf "$REDIS_DIR"
}

server_main "$@"
