#!/usr/bin/env bash
# Kafka test server: Apache Kafka 3.9 in KRaft mode (one combined broker+controller
# node, no ZooKeeper), jars gathered by Maven from scripts/servers/kafka/pom.xml
# into $SERVERS_DIR/kafka/lib. Broker 127.0.0.1:$TEST_KAFKA_PORT (19092),
# controller 127.0.0.1:$TEST_KAFKA_CONTROLLER_PORT (19093).
#
# KAFKA_INSTANCE=NAME keeps a second broker's state apart ($SERVERS_DIR/kafka-NAME, sharing the
# jars): with its own TEST_KAFKA_PORT / TEST_KAFKA_CONTROLLER_PORT, a test can stop and restart
# a broker of its own without touching the one the other tests share.
#
# usage: kafka.sh install|start|stop|status|check|clean
#        kafka.sh tool CLASS [ARGS...]   run a Kafka tool with the server's classpath, e.g.
#          kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 --list
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_SRC="$SERVERS_SCRIPTS/kafka"
KAFKA_JARS_DIR="$SERVERS_DIR/kafka"
KAFKA_LIB="$KAFKA_JARS_DIR/lib"
KAFKA_DIR="$SERVERS_DIR/kafka${KAFKA_INSTANCE:+-$KAFKA_INSTANCE}"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_LOGS="$KAFKA_DIR/logs"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_OUT="$KAFKA_LOGS/kafka.out"
KAFKA_STAMP="$KAFKA_LIB/.complete"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_BROKERS="$(default_url kafka)"

kafka_ready() { probe_kafka "$KAFKA_BROKERS"; }

# java_cmd ROOT_LOGGER ARGS... — java with the Kafka classpath and logging config.
java_cmd() {
  local root_logger="$1"; shift
  java -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" \
    -Dkafka.logs.dir="$KAFKA_LOGS" \
    -Dkafka.root.logger="$root_logger" -Dkafka.log.level="${root_logger%%,*}" \
    -cp "$KAFKA_LIB/*" "$@"
}

lib_up_to_date() {
  [[ -f "$KAFKA_STAMP" && "$(cat "$KAFKA_STAMP")" == "$(files_hash "$KAFKA_SRC/pom.xml")" ]]
}

cmd_install() {
  local pkgs=()
  command -v java >/dev/null || pkgs+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || { lib_up_to_date || pkgs+=(maven); }
  ((${#pkgs[@]} == 0)) || apt_install "${pkgs[@]}"
  if lib_up_to_date; then
    return 0
  fi
  mkdir -p "$KAFKA_JARS_DIR"
  local mvnlog="$KAFKA_JARS_DIR/install.log"
  log "kafka: gathering Kafka jars with Maven into $KAFKA_LIB (log: $mvnlog)"
  rm -rf "$KAFKA_LIB" "$KAFKA_JARS_DIR/target"
  if ! mvn -B -q -Dstyle.color=never -f "$KAFKA_SRC/pom.xml" -Dkafka.lib.dir="$KAFKA_LIB" generate-resources >"$mvnlog" 2>&1; then
    show_log_tail "$mvnlog" 60
    die "kafka: Maven failed to gather the Kafka jars"
  fi
  ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1 || die "kafka: $KAFKA_LIB has no kafka_2.13 jar after Maven ran"
  files_hash "$KAFKA_SRC/pom.xml" >"$KAFKA_STAMP"
  rm -rf "$KAFKA_JARS_DIR/target"
}

write_config() {
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
  cat >"$KAFKA_PROPS" <<EOF
# Written by scripts/servers/kafka.sh — do not edit, it is regenerated.
# Single-node KRaft: combined broker + controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$SERVERS_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$SERVERS_HOST:$KAFKA_PORT,CONTROLLER://$SERVERS_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$SERVERS_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA

# Test-friendly settings.
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
group.initial.rebalance.delay.ms=0
log.segment.bytes=8388608
log.retention.hours=24
log.retention.check.interval.ms=60000
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
socket.request.max.bytes=104857600
EOF
}

cmd_start() {
  if kafka_ready; then
    log "kafka: already running on $KAFKA_BROKERS (reusing)"
    return 0
  fi
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_in_use "$p"; then
      local pid; pid="$(read_pid "$KAFKA_PID")"
      if pid_matches "$pid" kafka.Kafka; then
        # Our broker is still booting (or stuck): wait for it instead of starting another.
        wait_ready kafka "$SERVERS_TIMEOUT" "$KAFKA_LOGS/server.log:$KAFKA_OUT" "$KAFKA_PID" kafka_ready
        return 0
      fi
      die "port $SERVERS_HOST:$p is in use by something that is not an answering Kafka broker"
    fi
  done
  lib_up_to_date || cmd_install
  command -v java >/dev/null || die "java not found"
  write_config
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    local cid
    if [[ -s "$KAFKA_DIR/cluster.id" ]]; then
      cid="$(cat "$KAFKA_DIR/cluster.id")"
    else
      cid="$(java_cmd "WARN, stderr" kafka.tools.StorageTool random-uuid 2>>"$KAFKA_OUT" | tail -n1 || true)"
      [[ -n "$cid" ]] || { show_log_tail "$KAFKA_OUT"; die "kafka: could not generate a cluster id"; }
      echo "$cid" >"$KAFKA_DIR/cluster.id"
    fi
    log "kafka: formatting KRaft storage in $KAFKA_DATA (cluster id $cid)"
    if ! java_cmd "WARN, stderr" kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_PROPS" --ignore-formatted >>"$KAFKA_OUT" 2>&1; then
      show_log_tail "$KAFKA_OUT"
      die "kafka: storage format failed"
    fi
  fi
  log "kafka: starting on $KAFKA_BROKERS, controller $SERVERS_HOST:$KAFKA_CONTROLLER_PORT (log: $KAFKA_LOGS/server.log)"
  spawn_detached "$KAFKA_PID" "$KAFKA_OUT" \
    java -Xmx"$KAFKA_HEAP" -Xms"$KAFKA_HEAP" -Xss1m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" \
    -Dkafka.logs.dir="$KAFKA_LOGS" \
    -Dkafka.root.logger="INFO, kafkaAppender" -Dkafka.log.level=INFO \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_PROPS"
  wait_ready kafka "$((SERVERS_TIMEOUT + 30))" "$KAFKA_LOGS/server.log:$KAFKA_OUT" "$KAFKA_PID" kafka_ready
}

cmd_stop() {
  stop_pidfile kafka "$KAFKA_PID" kafka.Kafka 60
}

cmd_status() {
  if is_external kafka; then
    if cmd_check; then echo "kafka: external $(effective_url kafka) (answers)"; return 0; fi
    echo "kafka: external $(effective_url kafka) (NOT answering)"; return 3
  fi
  if kafka_ready; then
    local pid; pid="$(read_pid "$KAFKA_PID")"
    echo "kafka: running${pid:+ (pid $pid)} $KAFKA_BROKERS"
    return 0
  fi
  echo "kafka: not running"
  return 3
}

cmd_check() { probe_kafka "$(effective_url kafka)"; }

cmd_clean() {
  cmd_stop
  log "kafka: removing data and logs in $KAFKA_DIR (keeping lib/)"
  rm -rf "$KAFKA_DATA" "$KAFKA_LOGS" "$KAFKA_PROPS" "$KAFKA_DIR/cluster.id" "$KAFKA_PID"
}

cmd_tool() {
  (($# >= 1)) || die "usage: $0 tool CLASS [ARGS...]"
  lib_up_to_date || die "kafka jars not installed; run $0 install"
  java_cmd "WARN, stderr" "$@"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  check) cmd_check ;;
  clean) cmd_clean ;;
  tool) shift; cmd_tool "$@" ;;
  *) echo "usage: $0 install|start|stop|status|check|clean|tool CLASS [ARGS...]" >&2; exit 2 ;;
esac
