#!/usr/bin/env bash
# Prints the env vars the tests use to reach the test servers, one KEY=value a
# line (dotenv style). A var already set in the environment (the user's own
# server) is printed as set; otherwise the local server's URL is printed.
#
# usage: env.sh            KEY=value lines (what up.sh writes to .servers/test.env)
#        env.sh --export   export KEY=value lines, for: eval "$(scripts/servers/env.sh --export)"
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

fmt='%s=%s\n'
case "${1:-}" in
  "") ;;
  --export) fmt='export %s=%q\n' ;;
  *) echo "usage: $0 [--export]" >&2; exit 2 ;;
esac

for s in "${ALL_SERVERS[@]}"; do
  # shellcheck disable=SC2059
  printf "$fmt" "$(url_var "$s")" "$(effective_url "$s")"
done
# Mailpit's HTTP API, where the tests read the mails sent to TEST_SMTP_URL.
# shellcheck disable=SC2059
printf "$fmt" TEST_MAILPIT_API "${TEST_MAILPIT_API:-$(mailpit_api_url)}"
