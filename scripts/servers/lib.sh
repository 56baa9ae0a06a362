# shellcheck shell=bash disable=SC2034  # (variables are used by the scripts that source this)
# Shared helpers for the local test servers (sourced by the scripts beside it).
#
# Servers, their fixed loopback ports, and the env vars that override them:
#
#   server      port    override env var              URL given to the tests
#   ----------  ------  ----------------------------  -----------------------------------------------
#   PostgreSQL  54329   TEST_POSTGRES_PORT            TEST_POSTGRES_URL=postgres://shop:shop@127.0.0.1:54329/shop_test
#   Redis       63799   TEST_REDIS_PORT               TEST_REDIS_URL=redis://127.0.0.1:63799
#   Kafka       19092   TEST_KAFKA_PORT               TEST_KAFKA_BROKERS=127.0.0.1:19092
#     (KRaft controller 19093, TEST_KAFKA_CONTROLLER_PORT)
#   FerretDB    27117   TEST_MONGO_PORT               TEST_MONGO_URL=mongodb://127.0.0.1:27117/
#   Mailpit     10251   TEST_SMTP_PORT                TEST_SMTP_URL=smtp://127.0.0.1:10251
#     (HTTP API 18251, TEST_MAILPIT_API_PORT)      TEST_MAILPIT_API=http://127.0.0.1:18251
#
# If TEST_POSTGRES_URL / TEST_REDIS_URL / TEST_KAFKA_BROKERS / TEST_MONGO_URL / TEST_SMTP_URL is
# already set to something other than the URL above, that server is "external":
# up.sh does not install or start it, it only checks that it answers.
#
# All state lives under $SERVERS_DIR (default: <repo>/.servers, gitignored).
# Other knobs: SERVERS_TIMEOUT (readiness wait, seconds, default 90),
# KAFKA_HEAP (default 512m), FERRETDB_LOG_LEVEL (default warn; info logs
# every connection).

set -euo pipefail

SERVERS_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVERS_SCRIPTS/../.." && pwd)"
SERVERS_DIR="${SERVERS_DIR:-$REPO_ROOT/.servers}"
SERVERS_BIN="$SERVERS_DIR/bin"

SERVERS_HOST=127.0.0.1
PG_PORT="${TEST_POSTGRES_PORT:-54329}"
REDIS_PORT="${TEST_REDIS_PORT:-63799}"
KAFKA_PORT="${TEST_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19093}"
MONGO_PORT="${TEST_MONGO_PORT:-27117}"
SMTP_PORT="${TEST_SMTP_PORT:-10251}"
MAILPIT_API_PORT="${TEST_MAILPIT_API_PORT:-18251}"
SERVERS_TIMEOUT="${SERVERS_TIMEOUT:-90}"

PG_MAJOR=15
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_USER=shop
PG_PASSWORD=shop
PG_DB=shop_test

export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- output

log()  { printf '[servers] %s\n' "$*" >&2; }
warn() { printf '[servers] WARNING: %s\n' "$*" >&2; }
die()  { printf '[servers] ERROR: %s\n' "$*" >&2; exit 1; }

# show_log_tail FILE [LINES] — print the end of a log to stderr (for failures).
show_log_tail() {
  local f="$1" n="${2:-40}"
  if [[ -f "$f" ]]; then
    printf '[servers] ---- last %s lines of %s ----\n' "$n" "$f" >&2
    tail -n "$n" "$f" >&2 || true
    printf '[servers] ---- end of %s ----\n' "$f" >&2
  else
    printf '[servers] (no log file at %s)\n' "$f" >&2
  fi
}

# ---------------------------------------------------------------- URLs / env

default_url() {
  case "$1" in
    postgres) echo "postgres://$PG_USER:$PG_PASSWORD@$SERVERS_HOST:$PG_PORT/$PG_DB" ;;
    redis)    echo "redis://$SERVERS_HOST:$REDIS_PORT" ;;
    kafka)    echo "$SERVERS_HOST:$KAFKA_PORT" ;;
    ferretdb) echo "mongodb://$SERVERS_HOST:$MONGO_PORT/" ;;
    mailpit)  echo "smtp://$SERVERS_HOST:$SMTP_PORT" ;;
    *) die "unknown server: $1" ;;
  esac
}

url_var() {
  case "$1" in
    postgres) echo TEST_POSTGRES_URL ;;
    redis)    echo TEST_REDIS_URL ;;
    kafka)    echo TEST_KAFKA_BROKERS ;;
    ferretdb) echo TEST_MONGO_URL ;;
    mailpit)  echo TEST_SMTP_URL ;;
    *) die "unknown server: $1" ;;
  esac
}

# effective_url SERVER — the user's value of the env var if set, else ours.
effective_url() {
  local var; var="$(url_var "$1")"
  if [[ -n "${!var:-}" ]]; then echo "${!var}"; else default_url "$1"; fi
}

# mailpit_api_url — Mailpit's HTTP API (the tests read received mails there).
mailpit_api_url() { echo "http://$SERVERS_HOST:$MAILPIT_API_PORT"; }

# is_external SERVER — true when the user pointed the tests at their own server.
is_external() {
  local var; var="$(url_var "$1")"
  [[ -n "${!var:-}" && "${!var}" != "$(default_url "$1")" ]]
}

ALL_SERVERS=(postgres redis kafka ferretdb mailpit)

# ---------------------------------------------------------------- processes

# pid_alive PID — process exists (and is not a zombie).
pid_alive() {
  local pid="$1"
  [[ -n "$pid" && "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local st
  st="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$st" != Z ]]
}

# read_pid FILE — first line of a pid file, or empty.
read_pid() {
  if [[ -f "$1" ]]; then head -n1 "$1" | tr -dc '0-9'; fi
}

# pid_matches PID PATTERN — the process's command line contains PATTERN
# (guards against killing an unrelated process that reused a stale pid).
pid_matches() {
  local pid="$1" pat="$2"
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pat"
}

# stop_pidfile NAME PIDFILE PATTERN [TIMEOUT] — SIGTERM, wait, then SIGKILL.
stop_pidfile() {
  local name="$1" pidfile="$2" pat="$3" timeout="${4:-30}"
  local pid; pid="$(read_pid "$pidfile")"
  if [[ -z "$pid" ]]; then
    log "$name: not running (no pid file)"
    return 0
  fi
  if ! pid_matches "$pid" "$pat"; then
    log "$name: not running (stale pid file, pid $pid)"
    rm -f "$pidfile"
    return 0
  fi
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < timeout * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    warn "$name: pid $pid did not stop in ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
}

# spawn_detached PIDFILE LOGFILE CMD... — run CMD in its own session, detached
# from this shell (survives the script's exit), stdout+stderr appended to LOGFILE.
spawn_detached() {
  local pidfile="$1" logfile="$2"; shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  printf '\n==== %s starting: %s\n' "$(date '+%F %T')" "$*" >>"$logfile"
  # 8>&- 9>&-: never let a server inherit up.sh's lock fds (it would hold the lock forever).
  setsid nohup "$@" </dev/null >>"$logfile" 2>&1 8>&- 9>&- &
  echo $! >"$pidfile"
}

# take_lock — serialize up.sh/down.sh runs on fd 8. Every child that may
# outlive the caller must be run with 8>&- (see run_script).
take_lock() {
  mkdir -p "$SERVERS_DIR"
  exec 8>"$SERVERS_DIR/.lock"
  if ! flock -n 8; then
    log "waiting for another up.sh/down.sh to finish (lock: $SERVERS_DIR/.lock)"
    flock -w 900 8 || die "timed out waiting for $SERVERS_DIR/.lock"
  fi
}

# run_script SERVER SUBCOMMAND — run scripts/servers/SERVER.sh SUBCOMMAND
# without the lock fd.
run_script() {
  bash "$SERVERS_SCRIPTS/$1.sh" "${@:2}" 8>&-
}

# show_logs "FILE[:FILE...]" [LINES] — show_log_tail for each file of a list.
show_logs() {
  local f files
  IFS=: read -r -a files <<<"$1"
  for f in "${files[@]}"; do show_log_tail "$f" "${2:-40}"; done
}

# wait_ready NAME TIMEOUT LOGFILES PIDFILE CHECK_CMD... — poll CHECK_CMD until it
# succeeds; fail early if the process in PIDFILE (if given) dies; on failure
# print the tail of each log in LOGFILES ("a.log:b.log").
wait_ready() {
  local name="$1" timeout="$2" logfile="$3" pidfile="$4"; shift 4
  local start=$SECONDS pid
  while true; do
    if "$@" >/dev/null 2>&1; then
      log "$name: ready after $((SECONDS - start))s"
      return 0
    fi
    if [[ -n "$pidfile" ]]; then
      pid="$(read_pid "$pidfile")"
      if ! pid_alive "$pid"; then
        log "$name: process ${pid:-?} exited before becoming ready"
        show_logs "$logfile" 60
        die "$name failed to start (see ${logfile//:/ and })"
      fi
    fi
    if ((SECONDS - start >= timeout)); then
      show_logs "$logfile" 60
      die "$name did not become ready within ${timeout}s (see ${logfile//:/ and })"
    fi
    sleep 0.5
  done
}

# port_in_use PORT — something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$SERVERS_HOST/$1" 2>/dev/null
}

# run_as_user USER CMD... — run CMD as USER (used for PostgreSQL, which refuses
# to run as root); runs it directly when we already are USER.
run_as_user() {
  local user="$1"; shift
  if [[ "$(id -un)" == "$user" ]]; then
    "$@"
  else
    runuser -u "$user" -- "$@"
  fi
}

# ---------------------------------------------------------------- apt

# as_root CMD... — run CMD as root (sudo when not root).
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else die "need root (or passwordless sudo) to run: $*"
  fi
}

# apt_missing PKG... — print the packages that are not installed.
apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

_apt_get_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "$@" >&2
}

# apt_install PKG... — install the missing ones. Runs `apt-get update` at most
# once an hour. Keeps package post-install scripts from starting system-wide
# services (a temporary policy-rc.d, only if the machine has none).
apt_install() {
  local missing
  missing="$(apt_missing "$@" | tr '\n' ' ')"
  [[ -z "${missing// /}" ]] && return 0
  command -v apt-get >/dev/null || die "apt-get not found; install these yourself: $missing"
  log "apt: installing $missing"
  mkdir -p "$SERVERS_DIR"
  local stamp="$SERVERS_DIR/.apt-updated" lock="$SERVERS_DIR/.apt.lock"
  (
    flock -w 600 9 || die "timed out waiting for $lock"
    if [[ ! -f "$stamp" || -n "$(find "$stamp" -mmin +60 2>/dev/null)" ]]; then
      as_root apt-get update -q >&2 || die "apt-get update failed"
      touch "$stamp"
    fi
    local policy=/usr/sbin/policy-rc.d added_policy=""
    if [[ ! -e "$policy" ]]; then
      printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
      as_root chmod 755 "$policy"
      added_policy=1
    fi
    local rc=0
    # shellcheck disable=SC2086
    _apt_get_install $missing || {
      # Maybe the package lists were stale: refresh once and retry.
      as_root apt-get update -q >&2 && touch "$stamp" && _apt_get_install $missing
    } || rc=$?
    if [[ -n "$added_policy" ]]; then as_root rm -f "$policy"; fi
    ((rc == 0)) || die "apt-get install $missing failed"
  ) 9>"$lock"
}

# ---------------------------------------------------------------- probes
# Dependency-free protocol probes in Python (used for readiness and for
# checking external servers without their client tools).

# probe_kafka "host:port[,host:port...]" — a broker answers a Metadata request
# and reports at least one live broker.
probe_kafka() {
  python3 - "$1" <<'PY'
import socket, struct, sys
ok = False
for hp in sys.argv[1].split(","):
    hp = hp.strip()
    if "://" in hp:
        hp = hp.split("://", 1)[1]
    host, _, port = hp.rpartition(":")
    try:
        s = socket.create_connection((host.strip("[]"), int(port)), timeout=3)
        s.settimeout(5)
        cid = b"probe"
        # MetadataRequest v1: api_key=3, api_version=1, correlation_id, client_id,
        # topics=null (-1 = all topics)
        body = struct.pack(">hhih", 3, 1, 42, len(cid)) + cid + struct.pack(">i", -1)
        s.sendall(struct.pack(">i", len(body)) + body)
        def readn(n):
            buf = b""
            while len(buf) < n:
                chunk = s.recv(n - len(buf))
                if not chunk:
                    raise EOFError
                buf += chunk
            return buf
        size = struct.unpack(">i", readn(4))[0]
        resp = readn(size)
        corr, nbrokers = struct.unpack(">ii", resp[:8])
        s.close()
        if corr == 42 and nbrokers >= 1:
            ok = True
            break
    except Exception:
        pass
sys.exit(0 if ok else 1)
PY
}

# probe_mongo URL — server answers {ping: 1} on admin with ok: 1.
probe_mongo() {
  python3 - "$1" <<'PY'
import socket, struct, sys
url = sys.argv[1]
rest = url.split("://", 1)[1] if "://" in url else url
hosts = rest.split("/", 1)[0].split("@")[-1]
host, _, port = hosts.split(",")[0].rpartition(":")
if not host:
    host, port = port, "27017"
def cstr(s): return s.encode() + b"\0"
elems = b"\x10" + cstr("ping") + struct.pack("<i", 1) + b"\x02" + cstr("$db") + struct.pack("<i", 6) + cstr("admin")
doc = struct.pack("<i", len(elems) + 5) + elems + b"\0"
body = struct.pack("<I", 0) + b"\x00" + doc          # flagBits, section kind 0
msg = struct.pack("<iiii", 16 + len(body), 1, 0, 2013) + body   # OP_MSG
try:
    s = socket.create_connection((host.strip("[]"), int(port)), timeout=3)
    s.settimeout(5)
    s.sendall(msg)
    hdr = b""
    while len(hdr) < 16:
        c = s.recv(16 - len(hdr))
        if not c: raise EOFError
        hdr += c
    n = struct.unpack("<i", hdr[:4])[0] - 16
    data = b""
    while len(data) < n:
        c = s.recv(n - len(data))
        if not c: raise EOFError
        data += c
    s.close()
except Exception:
    sys.exit(1)
i = data.find(b"\x01ok\x00")
if i >= 0 and struct.unpack("<d", data[i + 4:i + 12])[0] == 1.0:
    sys.exit(0)
i = data.find(b"\x10ok\x00")
if i >= 0 and struct.unpack("<i", data[i + 4:i + 8])[0] == 1:
    sys.exit(0)
sys.exit(1)
PY
}

# probe_smtp URL — an SMTP server greets with 220 and answers EHLO with 250.
probe_smtp() {
  python3 - "$1" <<'PY'
import socket, sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
try:
    s = socket.create_connection((u.hostname or "127.0.0.1", u.port or 25), timeout=3)
    s.settimeout(5)
    f = s.makefile("rb")
    if not f.readline().startswith(b"220"): sys.exit(1)
    s.sendall(b"EHLO probe\r\n")
    line = f.readline()
    while line[3:4] == b"-": line = f.readline()
    ok = line.startswith(b"250")
    s.sendall(b"QUIT\r\n")
    s.close()
    sys.exit(0 if ok else 1)
except Exception:
    sys.exit(1)
PY
}

# probe_http URL — answers a GET with a 2xx status.
probe_http() {
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
        sys.exit(0 if 200 <= r.status < 300 else 1)
except Exception:
    sys.exit(1)
PY
}

# probe_postgres_wire URL — a PostgreSQL server answers an SSLRequest ('S'/'N').
probe_postgres_wire() {
  python3 - "$1" <<'PY'
import socket, struct, sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
try:
    s = socket.create_connection((u.hostname or "127.0.0.1", u.port or 5432), timeout=3)
    s.settimeout(5)
    s.sendall(struct.pack(">ii", 8, 80877103))
    r = s.recv(1)
    s.close()
    sys.exit(0 if r in (b"S", b"N") else 1)
except Exception:
    sys.exit(1)
PY
}

# probe_redis_wire URL — a Redis server answers PING (+PONG, or -NOAUTH when it
# wants a password this probe does not send).
probe_redis_wire() {
  python3 - "$1" <<'PY'
import socket, sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
try:
    s = socket.create_connection((u.hostname or "127.0.0.1", u.port or 6379), timeout=3)
    s.settimeout(5)
    if u.password:
        args = [b"AUTH"] + ([u.username.encode()] if u.username else []) + [u.password.encode()]
        s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
        s.recv(256)
    s.sendall(b"*1\r\n$4\r\nPING\r\n")
    r = s.recv(64)
    s.close()
    sys.exit(0 if r.startswith(b"+PONG") or r.startswith(b"-NOAUTH") else 1)
except Exception:
    sys.exit(1)
PY
}

# ---------------------------------------------------------------- misc

# files_hash FILE... — one sha256 over the given files' contents.
files_hash() {
  cat "$@" | sha256sum | awk '{print $1}'
}

# ---------------------------------------------------------------- shared commands

# go_sources_hash DIR: one sha256 over a Go program's main.go, go.mod and go.sum.
go_sources_hash() {
  files_hash "$1/main.go" "$1/go.mod" "$1/go.sum"
}

# go_binary_up_to_date BIN STAMP SRC_DIR: BIN exists and was built from SRC_DIR as it is now.
go_binary_up_to_date() {
  [[ -x "$1" && -f "$2" && "$(cat "$2")" == "$(go_sources_hash "$3")" ]]
}

# go_build_binary NAME SRC_DIR BIN STAMP WORK_DIR GO_NEEDED: builds the Go program in SRC_DIR
# into BIN (log in WORK_DIR/build.log) unless BIN is up to date; GO_NEEDED says which Go in the
# error when go is missing.
go_build_binary() {
  local name="$1" src="$2" bin="$3" stamp="$4" dir="$5" needed="$6"
  if go_binary_up_to_date "$bin" "$stamp" "$src"; then
    return 0
  fi
  command -v go >/dev/null || die "go not found ($needed)"
  mkdir -p "$(dirname "$bin")" "$dir"
  local buildlog="$dir/build.log"
  log "$name: building $bin with $(go version | awk '{print $3}') (log: $buildlog)"
  # GOWORK=off: ignore any go.work elsewhere in the repo; -mod=readonly: go.sum is checked in.
  # An older local Go fetches the toolchain go.mod asks for through the module proxy
  # (GOTOOLCHAIN=auto is Go's default).
  if ! (cd "$src" && GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0 \
        go build -trimpath -ldflags='-s -w' -o "$bin.tmp" .) >"$buildlog" 2>&1; then
    show_log_tail "$buildlog" 60
    die "$name: go build failed"
  fi
  mv -f "$bin.tmp" "$bin"
  go_sources_hash "$src" >"$stamp"
}

# server_status NAME READY_FN PIDFILE WHERE: the `status` command of a server script. An
# external server (its TEST_* variable set) is asked with the script's cmd_check; a local one
# is running when READY_FN answers. Exit 0 when it answers, 3 when not.
server_status() {
  local name="$1" ready="$2" pidfile="$3" where="$4"
  if is_external "$name"; then
    if cmd_check; then echo "$name: external $(effective_url "$name") (answers)"; return 0; fi
    echo "$name: external $(effective_url "$name") (NOT answering)"; return 3
  fi
  if "$ready"; then
    local pid; pid="$(read_pid "$pidfile")"
    echo "$name: running${pid:+ (pid $pid)} $where"
    return 0
  fi
  echo "$name: not running"
  return 3
}

# server_main "$@": runs the script's cmd_install|start|stop|status|check|clean.
server_main() {
  case "${1:-}" in
    install|start|stop|status|check|clean) "cmd_$1" ;;
    *) echo "usage: $0 install|start|stop|status|check|clean" >&2; exit 2 ;;
  esac
}
