package cli

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/httpapi"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

func TestReadyzURL(t *testing.T) {
	tests := []struct{ addr, want, err string }{
		{"0.0.0.0:8080", "http://127.0.0.1:8080/readyz", ""},
		{":8080", "http://127.0.0.1:8080/readyz", ""},
		{"[::]:9000", "http://[::1]:9000/readyz", ""},
		{"127.0.0.1:8080", "http://127.0.0.1:8080/readyz", ""},
		{"api.internal:80", "http://api.internal:80/readyz", ""},
		{"127.0.0.1:0", "", "port 0"},
		{"8080", "", "missing port"},
	}
	for _, tt := range tests {
		got, err := readyzURL(tt.addr)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("readyzURL(%q) = %q, %v; want an error saying %q", tt.addr, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("readyzURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
}

// TestHealthcheck runs "voicemap healthcheck" against a real server (the
// address taken from VOICEMAP_ADDR, as in the container) and against a
// server that is not ready, and with nothing listening.
func TestHealthcheck(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	logger := slog.New(slog.DiscardHandler)
	srv := httptest.NewServer(httpapi.NewServer(logger, st, service.New(st, logger), httpapi.Options{}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	r := runMainEnv(t, map[string]string{"VOICEMAP_ADDR": "0.0.0.0:" + addr[strings.LastIndexByte(addr, ':')+1:]}, "healthcheck")
	if r.code != ExitOK || !strings.Contains(r.stdout, "ready") {
		t.Fatalf("healthcheck of a ready server: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	notReady := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"unavailable","reason":"store did not answer"}`))
	}))
	defer notReady.Close()
	r = runMainEnv(t, nil, "healthcheck", "-url", notReady.URL+"/readyz")
	if r.code != ExitError || !strings.Contains(r.stderr, "503") || !strings.Contains(r.stderr, "store did not answer") {
		t.Fatalf("healthcheck of a server not ready: exit %d, stderr %q; want 1 with the reason", r.code, r.stderr)
	}

	notReady.Close()
	r = runMainEnv(t, nil, "healthcheck", "-url", notReady.URL+"/readyz", "-timeout", "2s")
	if r.code != ExitError {
		t.Fatalf("healthcheck with nothing listening: exit %d, want 1", r.code)
	}
	if r := runMainEnv(t, nil, "healthcheck", "-addr", "127.0.0.1:0"); r.code != ExitUsage {
		t.Fatalf("healthcheck -addr :0: exit %d, want %d", r.code, ExitUsage)
	}
}

// runMainEnv runs "voicemap args..." with the environment vars.
func runMainEnv(t *testing.T, vars map[string]string, args ...string) cliResult {
	t.Helper()
	var stdout, stderr strings.Builder
	code := runMain(t.Context(), append([]string{"voicemap"}, args...), env(vars), strings.NewReader(""), &stdout, &stderr)
	return cliResult{stdout: stdout.String(), stderr: stderr.String(), code: code}
}
