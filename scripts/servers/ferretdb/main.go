// Command ferretdb runs an embedded FerretDB (MongoDB wire protocol) server
// backed by SQLite, for the local test servers started by scripts/servers/up.sh.
//
// It embeds the github.com/FerretDB/FerretDB/ferretdb package instead of
// building FerretDB's own command, whose build needs generated version files.
//
// Usage:
//
//	ferretdb -listen 127.0.0.1:27117 -data /path/to/dir [-log-level warn]
//
// Logs go to stderr (the start script redirects them to a file). SIGINT or
// SIGTERM stop the server gracefully.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27117", "TCP address to listen on")
	dataDir := flag.String("data", "", "directory for SQLite database files (created if missing)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *dataDir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, dataDir, logLevel string) error {
	if dataDir == "" {
		return fmt.Errorf("-data is required")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", logLevel, err)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(abs, 0o755); err != nil {
		return err
	}

	// The SQLite backend wants a "file:" URI of an existing directory ending with "/".
	sqliteURL := "file:" + strings.TrimSuffix(abs, "/") + "/"

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Printed whatever the log level, so the log always shows starts and stops.
	fmt.Fprintf(os.Stderr, "ferretdb: pid %d listening on %s, data %s, log level %s\n",
		os.Getpid(), listen, sqliteURL, level)

	if err = f.Run(ctx); err != nil {
		return err
	}

	fmt.Fprintf(os.Stderr, "ferretdb: pid %d stopped\n", os.Getpid())

	return nil
}
