package httpapi

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestShutdownCancelsInFlightRequests starts a request that works until its
// context ends, as an analysis far from done does, and shuts the server
// down: the request runs on for timeout − grace, is then cancelled, and
// shutdown returns without error, that is before its timeout, having closed
// no connection by force.
func TestShutdownCancelsInFlightRequests(t *testing.T) {
	// Not parallel: the cancelled request must notice within the grace
	// of a second while spinning a core, which other tests' load delays.
	baseCtx, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	entered, stopped := make(chan struct{}), make(chan struct{})
	srv := &http.Server{
		BaseContext: func(net.Listener) context.Context { return baseCtx },
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(entered)
			for r.Context().Err() == nil {
				spin(time.Millisecond)
			}
			close(stopped)
			http.Error(w, "cancelled", http.StatusServiceUnavailable)
		}),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	go func() {
		if resp, err := http.Get("http://" + ln.Addr().String()); err == nil {
			resp.Body.Close()
		}
	}()
	<-entered
	const timeout, grace = 2 * time.Second, time.Second
	start := time.Now()
	if err := shutdown(srv, cancelRequests, timeout, grace); err != nil {
		t.Errorf("shutdown with a request in flight: %v, want it to finish within %v", err, timeout)
	}
	if elapsed := time.Since(start); elapsed < timeout-grace {
		t.Errorf("shutdown returned after %v, before the in-flight request's %v", elapsed, timeout-grace)
	}
	select {
	case <-stopped:
	default:
		t.Error("the in-flight request was not cancelled")
	}
}

// spin keeps a core busy for d.
func spin(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}
