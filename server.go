package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/cli"
	"github.com/voicemap/voicemap/httpapi"
	"github.com/voicemap/voicemap/service"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the voicemap command line in args (the program name first)
// with the environment getenv: see cli.Run. Its serve command is serve.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return cli.Run(ctx, args, getenv, stdin, stdout, stderr, serve)
}

// runMain runs the command line and returns the process's exit status,
// printing a failure to stderr (cli.ExitStatus).
func runMain(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return cli.ExitStatus(run(ctx, args, getenv, stdin, stdout, stderr), stderr)
}

// serve serves the API with cfg: it opens the resources (app.Open: the
// keyring, the audit log, which it refuses to start without, and the
// store), prints "voicemap listening on http://ADDR" to stdout once it
// listens, logs to stderr, and serves (httpapi.Serve) until ctx is
// cancelled; it then lets in-flight requests finish, cancelling those
// still running after httpapi.ShutdownTimeout − httpapi.ShutdownCancelGrace,
// and closes the resources. It returns nil after a clean shutdown.
func serve(ctx context.Context, cfg app.Config, stdout, stderr io.Writer) error {
	logger := app.NewLogger(cfg, stderr)
	res, err := app.Open(ctx, cfg, logger)
	if err != nil {
		return err
	}
	svc := service.New(res.Store, logger)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return errors.Join(fmt.Errorf("listen on %s: %w", cfg.Addr, err), res.Close())
	}
	h := httpapi.NewServer(logger, res.Store, svc, httpapi.Options{
		Dev: cfg.Dev, CORSOrigins: cfg.CORSOrigins, RateLimit: cfg.RateLimit, RateBurst: cfg.RateBurst,
		RequestTimeout: cfg.RequestTimeout, Keys: res.Keys, Audit: res.Audit,
	})
	// Other servers over the same store may erase people: drop what this
	// one holds of them even while no request comes.
	watch, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go service.Watch(watch, svc, service.WatchInterval)
	logger.Info("listening", "addr", ln.Addr().String(), "cors_origins", len(cfg.CORSOrigins), "dev", cfg.Dev)
	fmt.Fprintf(stdout, "voicemap listening on http://%s\n", ln.Addr())
	err = httpapi.Serve(ctx, ln, h, logger)
	stopWatch()
	err = errors.Join(err, res.Close())
	if err == nil {
		logger.Info("stopped")
	}
	return err
}
