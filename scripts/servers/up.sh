#!/usr/bin/env bash
# Installs what is missing and starts the local test servers (PostgreSQL, Redis,
# Kafka, FerretDB, Mailpit) as background processes on fixed loopback ports, reusing any
# that already answer. Waits until each is ready, writes .servers/test.env, and
# prints one line per server with its URL (on stdout; progress goes to stderr).
#
# A server whose TEST_*_URL / TEST_KAFKA_BROKERS env var is already set to
# something else than the local default is external: only checked, never started.
#
# usage: scripts/servers/up.sh [postgres|redis|kafka|ferretdb|mailpit ...]   (default: all)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

servers=("$@")
((${#servers[@]})) || servers=("${ALL_SERVERS[@]}")
for s in "${servers[@]}"; do
  [[ " ${ALL_SERVERS[*]} " == *" $s "* ]] || die "unknown server '$s' (known: ${ALL_SERVERS[*]})"
done

take_lock

t0=$SECONDS
declare -A state=()
to_start=()

for s in "${servers[@]}"; do
  if is_external "$s"; then
    var="$(url_var "$s")"
    log "$s: $var is set to ${!var}: using that server, not starting one"
    run_script "$s" check ||
      die "$s: the server in $var=${!var} does not answer (unset $var to use a local one)"
    state[$s]=external
  elif run_script "$s" status >/dev/null 2>&1; then
    state[$s]=reused
  else
    to_start+=("$s")
  fi
done

# Install phase. The Go builds (FerretDB, Mailpit) are the slow part: run them
# in the background, side by side, while apt and Maven do their work.
declare -A go_bg=()
go_out() { echo "$SERVERS_DIR/.$1-install.out"; }
trap 'for p in "${go_bg[@]}"; do wait "$p" 2>/dev/null || true; done' EXIT
for s in ${to_start[@]+"${to_start[@]}"}; do
  if [[ "$s" == ferretdb || "$s" == mailpit ]]; then
    run_script "$s" install >"$(go_out "$s")" 2>&1 &
    go_bg[$s]=$!
  fi
done
for s in ${to_start[@]+"${to_start[@]}"}; do
  [[ -n "${go_bg[$s]:-}" ]] || run_script "$s" install
done
for s in "${!go_bg[@]}"; do
  rc=0
  wait "${go_bg[$s]}" || rc=$?
  unset "go_bg[$s]"
  cat "$(go_out "$s")" >&2
  rm -f "$(go_out "$s")"
  ((rc == 0)) || die "$s: install failed"
done
((${#to_start[@]} == 0)) || log "install phase done after $((SECONDS - t0))s"

# Start phase (each start waits until its server is ready, or fails with its log).
for s in ${to_start[@]+"${to_start[@]}"}; do
  run_script "$s" start
  state[$s]=started
done

bash "$SERVERS_SCRIPTS/env.sh" 8>&- >"$SERVERS_DIR/test.env.tmp"
mv -f "$SERVERS_DIR/test.env.tmp" "$SERVERS_DIR/test.env"

log "all up in $((SECONDS - t0))s; env for the tests: $SERVERS_DIR/test.env"
for s in "${servers[@]}"; do
  printf '%-9s %-52s %s\n' "$s" "$(effective_url "$s")" "(${state[$s]})"
done
