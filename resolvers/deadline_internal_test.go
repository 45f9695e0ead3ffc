package resolvers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// TestPresenterContextEnded checks how errors of a request whose context
// ended are presented and logged: the deadline and a client that left are
// UNAVAILABLE, and a client that left is logged at Info, never as an
// internal error; a store's precise code is kept; any other error is
// still an INTERNAL error logged at Error.
func TestPresenterContextEnded(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	live := context.Background()
	tests := []struct {
		name      string
		ctx       context.Context
		err       error
		code      string
		message   string
		logLevel  string // the level of the one log line, "" for none
		logAbsent string // text the log must not hold
	}{
		{"client left, error wraps Canceled", cancelled, fmt.Errorf("service: centrality: %w", context.Canceled), CodeUnavailable, "the client disconnected", "INFO", "internal error"},
		{"client left, store error without a code", cancelled, store.Errorf(store.EINTERNAL, "read failed"), CodeUnavailable, "the client disconnected", "INFO", "internal error"},
		{"client left, precise store code kept", cancelled, store.Errorf(store.ENOTFOUND, "place %q not found", "x"), "NOT_FOUND", "not found", "", ""},
		{"deadline passed", expired, fmt.Errorf("analysis: %w", context.DeadlineExceeded), CodeUnavailable, "deadline of 30s", "", ""},
		{"live request, plain error", live, errors.New("boom"), CodeInternal, "internal error", "ERROR", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			gerr := deadlinePresenter(30*time.Second, logger, errorPresenter(logger))(tt.ctx, tt.err)
			if got := gerr.Extensions["code"]; got != tt.code {
				t.Errorf("code = %v, want %s", got, tt.code)
			}
			if !strings.Contains(gerr.Message, tt.message) {
				t.Errorf("message = %q, want it to contain %q", gerr.Message, tt.message)
			}
			log := buf.String()
			switch {
			case tt.logLevel == "" && log != "":
				t.Errorf("logged %q, want nothing", log)
			case tt.logLevel != "" && !strings.Contains(log, "level="+tt.logLevel):
				t.Errorf("logged %q, want a line at %s", log, tt.logLevel)
			}
			if tt.logAbsent != "" && strings.Contains(log, tt.logAbsent) {
				t.Errorf("logged %q, want no %q", log, tt.logAbsent)
			}
		})
	}
}
