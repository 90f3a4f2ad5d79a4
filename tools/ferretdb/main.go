// Command samla-ferretdb runs FerretDB 1.x (SQLite backend) embedded as a library.
//
// We do not `go install` FerretDB's own cmd: its version file is generated at
// build time and missing from the module, so that binary panics at start-up.
//
// Lifecycle: the bot processes that use this server register themselves as
// owner files in <dir>/owners/<pid>. The server stops by itself once no owner
// process is alive, so a crashed bot never leaves it running for ever, and a
// second bot on the same data folder can share it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

type state struct {
	PID int    `json:"pid"`
	URI string `json:"uri"`
}

func main() {
	dataDir := flag.String("dir", "", "data folder (SQLite files, state file, owners)")
	listen := flag.String("listen", "127.0.0.1:0", "TCP address; port 0 picks a free one")
	grace := flag.Duration("grace", 2*time.Second, "how long to wait for the first owner to register")
	flag.Parse()

	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "samla-ferretdb: -dir is required")
		os.Exit(2)
	}
	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		fail(err)
	}
	dbDir := filepath.Join(dir, "db")
	ownersDir := filepath.Join(dir, "owners")
	for _, d := range []string{dbDir, ownersDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			fail(err)
		}
	}

	logFile, err := os.OpenFile(filepath.Join(dir, "ferretdb.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		fail(err)
	}
	logger := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelWarn}))

	// Resolve port 0 ourselves so that the address is known before Run starts.
	addr, err := freeAddr(*listen)
	if err != nil {
		fail(err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dbDir + "/",
	})
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	done := make(chan struct{})
	go func() {
		_ = f.Run(ctx)
		close(done)
	}()

	if err := waitListening(addr, 20*time.Second); err != nil {
		fail(err)
	}

	uri := "mongodb://" + addr + "/"
	st, _ := json.Marshal(state{PID: os.Getpid(), URI: uri})
	statePath := filepath.Join(dir, "server.json")
	tmp := statePath + ".tmp"
	if err := os.WriteFile(tmp, st, 0o600); err != nil {
		fail(err)
	}
	if err := os.Rename(tmp, statePath); err != nil {
		fail(err)
	}
	fmt.Printf("READY %s\n", uri)

	go watchOwners(ctx, ownersDir, *grace, stop)

	<-done
	// Only remove the state file if it is still ours.
	if b, err := os.ReadFile(statePath); err == nil {
		var s state
		if json.Unmarshal(b, &s) == nil && s.PID == os.Getpid() {
			_ = os.Remove(statePath)
		}
	}
}

// watchOwners stops the server when no registered owner process is alive.
func watchOwners(ctx context.Context, ownersDir string, grace time.Duration, stop func()) {
	started := time.Now()
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		entries, err := os.ReadDir(ownersDir)
		if err != nil {
			continue
		}
		alive := 0
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			if processAlive(pid) {
				alive++
			} else {
				_ = os.Remove(filepath.Join(ownersDir, e.Name()))
			}
		}
		if alive == 0 && time.Since(started) > grace {
			stop()
			return
		}
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}

func freeAddr(listen string) (string, error) {
	l, err := net.Listen("tcp", listen)
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitListening(addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("FerretDB did not start listening on %s within %s", addr, timeout)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "samla-ferretdb:", err)
	os.Exit(1)
}
