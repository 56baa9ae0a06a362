#!/usr/bin/env bash
# Stops the local test servers that these scripts started (found by their pid
# files under .servers/). Servers that were reused from elsewhere or are
# external (TEST_* env vars) are left alone. Data is kept unless --clean is
# given, which also wipes the data and log dirs (installed jars/binaries stay).
#
# usage: scripts/servers/down.sh [--clean] [postgres|redis|kafka|ferretdb|mailpit ...]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clean=""
servers=()
for a in "$@"; do
  case "$a" in
    --clean) clean=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *)
      [[ " ${ALL_SERVERS[*]} " == *" $a "* ]] || die "unknown server '$a' (known: ${ALL_SERVERS[*]})"
      servers+=("$a") ;;
  esac
done
((${#servers[@]})) || servers=("${ALL_SERVERS[@]}")

if [[ ! -d "$SERVERS_DIR" ]]; then
  log "nothing to stop ($SERVERS_DIR does not exist)"
  exit 0
fi
take_lock

rc=0
for ((i = ${#servers[@]} - 1; i >= 0; i--)); do
  s="${servers[i]}"
  if is_external "$s"; then
    log "$s: external ($(url_var "$s") is set), leaving it alone"
    continue
  fi
  if [[ -n "$clean" ]]; then
    run_script "$s" clean || rc=1
  else
    run_script "$s" stop || rc=1
  fi
done
[[ -z "$clean" ]] || rm -f "$SERVERS_DIR/test.env"
exit "$rc"
