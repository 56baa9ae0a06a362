// Command mailpit runs Mailpit (github.com/axllent/mailpit), an SMTP server
// that keeps every mail it receives and serves them over an HTTP API, for the
// local test servers started by scripts/servers/up.sh.
//
// It is Mailpit's own command (cmd.Execute), built from the Go module proxy,
// so the flags are Mailpit's: see `mailpit --help`.
package main

import "github.com/axllent/mailpit/cmd"

func main() {
	cmd.Execute()
}
