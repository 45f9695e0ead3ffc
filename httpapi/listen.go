package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Timeouts of the HTTP server and of stopping it.
const (
	// ReadHeaderTimeout bounds reading request headers (slow-loris defence).
	ReadHeaderTimeout = 5 * time.Second
	// ReadTimeout bounds reading a whole request, long enough for a
	// MaxGraphQLBodyBytes import over a slow link (about 1 MiB/s).
	ReadTimeout = 60 * time.Second
	// WriteTimeout bounds handling a request and writing its response,
	// long enough for a large import or a centrality report.
	WriteTimeout = 120 * time.Second
	// IdleTimeout closes idle keep-alive connections.
	IdleTimeout = 120 * time.Second
	// MaxHeaderBytes caps request headers.
	MaxHeaderBytes = 64 << 10
	// ShutdownTimeout bounds a graceful shutdown: in-flight requests may
	// run on for ShutdownTimeout − ShutdownCancelGrace after the signal;
	// then their contexts are cancelled (the store and analysis give up),
	// and connections still open after ShutdownCancelGrace more are closed.
	ShutdownTimeout = 20 * time.Second
	// ShutdownCancelGrace is how long requests have to return once their
	// contexts are cancelled at shutdown.
	ShutdownCancelGrace = 5 * time.Second
)

// Serve serves h on ln with the server's timeouts and limits until ctx is
// cancelled, then shuts down gracefully (shutdown, within
// ShutdownTimeout, cancelling the requests still running after
// ShutdownTimeout − ShutdownCancelGrace). Its own errors are logged with
// logger. It returns nil after a clean shutdown, and an error when serving
// failed or shutdown had to close connections by force.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	// Every request's context descends from baseCtx, so that shutdown can
	// cancel the requests still running when its grace period ends.
	baseCtx, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           h,
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", ShutdownTimeout)
	err := shutdown(srv, cancelRequests, ShutdownTimeout, ShutdownCancelGrace)
	if serr := <-serveErr; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("serve: %w", serr))
	}
	return err
}

// shutdown stops srv gracefully within timeout: it stops accepting
// connections, lets in-flight requests run for timeout − grace, then
// cancels their contexts (cancelRequests, the parent of every request's
// context) and gives them grace more to return; connections still open
// then are closed. It returns an error when it had to close any.
func shutdown(srv *http.Server, cancelRequests context.CancelFunc, timeout, grace time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	stop := time.AfterFunc(timeout-grace, cancelRequests)
	defer stop.Stop()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
