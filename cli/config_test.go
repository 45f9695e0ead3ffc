package cli

import (
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/app"
)

func TestParseConfigLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		wantRate    float64
		wantBurst   int
		wantTimeout time.Duration
		wantErr     string
	}{
		{name: "defaults", wantRate: app.DefaultRateLimit, wantBurst: app.DefaultRateBurst, wantTimeout: 30 * time.Second},
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

func TestParseConfigPrecedence(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want app.Config
	}{
		{
			name: "defaults",
			want: app.Config{Addr: app.DefaultAddr, DataPath: app.DefaultData, LogFormat: "text", LogLevel: slog.LevelInfo},
		},
		{
			name: "environment",
			env: map[string]string{
				"VOICEMAP_ADDR": "0.0.0.0:9000", "VOICEMAP_DATA": "/var/lib/v.db", "VOICEMAP_DEV": "true",
				"VOICEMAP_CORS_ORIGINS": "https://a.example.org, http://localhost:3000", "VOICEMAP_LOG_FORMAT": "json",
				"VOICEMAP_LOG_LEVEL": "warn", "NEO4J_URI": "bolt://neo4j:7687", "NEO4J_USER": "neo4j",
				"NEO4J_PASSWORD": "pw", "NEO4J_DATABASE": "voicemap", "VOICEMAP_DEMO": "1",
			},
			want: app.Config{
				Addr: "0.0.0.0:9000", DataPath: "/var/lib/v.db", Demo: true, Dev: true,
				CORSOrigins: []string{"https://a.example.org", "http://localhost:3000"}, LogFormat: "json", LogLevel: slog.LevelWarn,
				Neo4jURI: "bolt://neo4j:7687", Neo4jUser: "neo4j", Neo4jPassword: "pw", Neo4jDatabase: "voicemap",
			},
		},
		{
			name: "flags override environment",
			args: []string{"-addr", "127.0.0.1:0", "-data", "x.db", "-dev=false", "-cors-origins", "", "-log-level", "debug", "-log-format", "text"},
			env: map[string]string{
				"VOICEMAP_ADDR": "0.0.0.0:9000", "VOICEMAP_DATA": "/var/lib/v.db", "VOICEMAP_DEV": "true",
				"VOICEMAP_CORS_ORIGINS": "https://a.example.org", "VOICEMAP_LOG_LEVEL": "warn", "VOICEMAP_LOG_FORMAT": "json",
			},
			want: app.Config{Addr: "127.0.0.1:0", DataPath: "x.db", LogFormat: "text", LogLevel: slog.LevelDebug},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig(tt.args, env(tt.env), io.Discard)
			if err != nil {
				t.Fatalf("parseConfig(%q) error = %v", tt.args, err)
			}
			if got.Addr != tt.want.Addr || got.DataPath != tt.want.DataPath || got.Demo != tt.want.Demo || got.Dev != tt.want.Dev ||
				!slices.Equal(got.CORSOrigins, tt.want.CORSOrigins) || got.LogFormat != tt.want.LogFormat || got.LogLevel != tt.want.LogLevel ||
				got.Neo4jURI != tt.want.Neo4jURI || got.Neo4jUser != tt.want.Neo4jUser || got.Neo4jPassword != tt.want.Neo4jPassword ||
				got.Neo4jDatabase != tt.want.Neo4jDatabase {
				t.Errorf("parseConfig(%q) = %+v, want %+v", tt.args, got, tt.want)
			}
		})
	}
}
