package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
)

// Defaults of the configuration.
const (
	DefaultAddr = "127.0.0.1:8080"
	DefaultData = "./data/voicemap.db"
)

// config is the server's configuration: environment variables first, then
// command-line flags, which override them.
type config struct {
	Addr        string   // -addr, VOICEMAP_ADDR
	DataPath    string   // -data, VOICEMAP_DATA: the embedded store's file
	Demo        bool     // -demo, VOICEMAP_DEMO: load the demo network into an empty store
	Dev         bool     // -dev, VOICEMAP_DEV: schema introspection
	CORSOrigins []string // -cors-origins, VOICEMAP_CORS_ORIGINS: comma-separated allowlist
	LogFormat   string   // -log-format, VOICEMAP_LOG_FORMAT: text or json
	LogLevel    slog.Level

	// Neo4j is used instead of the embedded store when Neo4jURI is set
	// (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; environment only,
	// so that the password never appears in a process listing).
	Neo4jURI, Neo4jUser, Neo4jPassword, Neo4jDatabase string
}

// parseConfig reads the configuration from getenv and then from args (the
// arguments after the program name). Usage and flag errors are written to
// stderr; -h returns flag.ErrHelp.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg := config{
		Addr:          orDefault(getenv("VOICEMAP_ADDR"), DefaultAddr),
		DataPath:      orDefault(getenv("VOICEMAP_DATA"), DefaultData),
		LogFormat:     orDefault(getenv("VOICEMAP_LOG_FORMAT"), "text"),
		Neo4jURI:      getenv("NEO4J_URI"),
		Neo4jUser:     getenv("NEO4J_USER"),
		Neo4jPassword: getenv("NEO4J_PASSWORD"),
		Neo4jDatabase: getenv("NEO4J_DATABASE"),
	}
	var err error
	if cfg.Demo, err = envBool(getenv, "VOICEMAP_DEMO"); err != nil {
		return cfg, err
	}
	if cfg.Dev, err = envBool(getenv, "VOICEMAP_DEV"); err != nil {
		return cfg, err
	}
	origins := getenv("VOICEMAP_CORS_ORIGINS")
	level := orDefault(getenv("VOICEMAP_LOG_LEVEL"), "info")

	fs := flag.NewFlagSet("voicemap", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on, host:port (VOICEMAP_ADDR)")
	fs.StringVar(&cfg.DataPath, "data", cfg.DataPath, "embedded store file, used when NEO4J_URI is not set (VOICEMAP_DATA)")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "load the built-in demo network when the store holds no places (VOICEMAP_DEMO)")
	fs.BoolVar(&cfg.Dev, "dev", cfg.Dev, "development mode: allow GraphQL schema introspection (VOICEMAP_DEV)")
	fs.StringVar(&origins, "cors-origins", origins, "comma-separated origins allowed cross-origin access; empty allows none (VOICEMAP_CORS_ORIGINS)")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "log format: text or json (VOICEMAP_LOG_FORMAT)")
	fs.StringVar(&level, "log-level", level, "log level: debug, info, warn or error (VOICEMAP_LOG_LEVEL)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}

	if cfg.CORSOrigins, err = parseOrigins(origins); err != nil {
		return cfg, err
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return cfg, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		return cfg, fmt.Errorf("log format %q: want text or json", cfg.LogFormat)
	}
	if cfg.Addr == "" {
		return cfg, errors.New("listen address is empty")
	}
	if cfg.Neo4jURI == "" && cfg.DataPath == "" {
		return cfg, errors.New("data file path is empty")
	}
	return cfg, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// envBool reads a boolean environment variable; empty is false.
func envBool(getenv func(string) string, name string) (bool, error) {
	s := getenv(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%s=%q: want true or false", name, s)
	}
	return b, nil
}

// parseOrigins splits a comma-separated origin allowlist. The wildcard "*"
// is refused: the server allows credentials, and a credentialed response
// must name the origin it trusts.
func parseOrigins(s string) ([]string, error) {
	var out []string
	for o := range strings.SplitSeq(s, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			return nil, errors.New(`CORS origin "*" is not allowed: credentials are allowed, so list each trusted origin (e.g. https://dashboard.example.org)`)
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return nil, fmt.Errorf("CORS origin %q: want scheme://host[:port], e.g. https://dashboard.example.org", o)
		}
		out = append(out, strings.TrimSuffix(o, "/"))
	}
	return out, nil
}
