package main

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/httpapi"
)

func TestParseConfigLimits(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		wantRate    float64
		wantBurst   int
		wantTimeout time.Duration
		wantErr     string
	}{
		{name: "defaults", wantRate: httpapi.DefaultRateLimit, wantBurst: httpapi.DefaultRateBurst, wantTimeout: 30 * time.Second},
		{name: "environment", env: map[string]string{"VOICEMAP_RATE_LIMIT": "2.5", "VOICEMAP_RATE_BURST": "5", "VOICEMAP_REQUEST_TIMEOUT": "10s"},
			wantRate: 2.5, wantBurst: 5, wantTimeout: 10 * time.Second},
		{name: "flags override", args: []string{"-rate-limit", "0", "-rate-burst", "1", "-request-timeout", "1m"},
			env:      map[string]string{"VOICEMAP_RATE_LIMIT": "2.5", "VOICEMAP_REQUEST_TIMEOUT": "10s"},
			wantRate: 0, wantBurst: 1, wantTimeout: time.Minute},
		{name: "bad rate", env: map[string]string{"VOICEMAP_RATE_LIMIT": "fast"}, wantErr: "VOICEMAP_RATE_LIMIT"},
		{name: "negative rate", args: []string{"-rate-limit", "-1"}, wantErr: "rate limit"},
		{name: "zero burst", args: []string{"-rate-burst", "0"}, wantErr: "rate burst"},
		{name: "bad timeout", env: map[string]string{"VOICEMAP_REQUEST_TIMEOUT": "30"}, wantErr: "VOICEMAP_REQUEST_TIMEOUT"},
		{name: "zero timeout", args: []string{"-request-timeout", "0s"}, wantErr: "request timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig(tt.args, env(tt.env), io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("parseConfig(%q) error = %v, want one mentioning %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseConfig(%q) error = %v", tt.args, err)
			}
			if got.RateLimit != tt.wantRate || got.RateBurst != tt.wantBurst || got.RequestTimeout != tt.wantTimeout {
				t.Errorf("parseConfig(%q) = rate %v burst %d timeout %v, want %v %d %v", tt.args,
					got.RateLimit, got.RateBurst, got.RequestTimeout, tt.wantRate, tt.wantBurst, tt.wantTimeout)
			}
		})
	}
}
