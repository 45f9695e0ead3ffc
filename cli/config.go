package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/voicemap/voicemap/app"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/resolvers"
)

// parseConfig reads the server's configuration from getenv and then from
// args (the arguments after the program name, or after "serve"). Usage and
// flag errors are written to stderr and returned as a usageError; -h returns
// flag.ErrHelp.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (app.Config, error) {
	fs := flag.NewFlagSet("voicemap serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf, err := parseConfigFlags(fs, getenv)
	if err != nil {
		return sf.cfg, err
	}
	if err := parseFlags(fs, args); err != nil {
		return sf.cfg, err
	}
	if fs.NArg() > 0 {
		return sf.cfg, usageErrorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	if sf.cfg.CORSOrigins, err = parseOrigins(sf.origins); err != nil {
		return sf.cfg, err
	}
	if err := sf.finish(); err != nil {
		return sf.cfg, err
	}
	if err := checkLimits(sf.cfg); err != nil {
		return sf.cfg, err
	}
	if sf.cfg.Addr == "" {
		return sf.cfg, errors.New("listen address is empty")
	}
	return sf.cfg, nil
}

// serveFlagValues holds serve's flag values while they are parsed.
type serveFlagValues struct {
	*commonFlags
	origins string
}

// parseConfigFlags reads serve's configuration from getenv and registers
// its flags, with their usage, on fs. It returns an error for a malformed
// boolean variable.
func parseConfigFlags(fs *flag.FlagSet, getenv func(string) string) (*serveFlagValues, error) {
	fs.Usage = func() {
		printUsage(fs.Output())
		fmt.Fprint(fs.Output(), "\nusage: voicemap [serve] [flags]\n\nServe the GraphQL API until interrupted (SIGINT or SIGTERM).\n\nflags:\n")
		fs.PrintDefaults()
	}
	sf := &serveFlagValues{commonFlags: newCommonFlags(fs, getenv, "info"), origins: getenv("VOICEMAP_CORS_ORIGINS")}
	cfg := &sf.cfg
	cfg.Addr = orDefault(getenv("VOICEMAP_ADDR"), app.DefaultAddr)
	var demoErr, devErr, rateErr, burstErr, timeoutErr error
	cfg.Demo, demoErr = envBool(getenv, "VOICEMAP_DEMO")
	cfg.Dev, devErr = envBool(getenv, "VOICEMAP_DEV")
	cfg.RateLimit, rateErr = envFloat(getenv, "VOICEMAP_RATE_LIMIT", app.DefaultRateLimit)
	cfg.RateBurst, burstErr = envInt(getenv, "VOICEMAP_RATE_BURST", app.DefaultRateBurst)
	cfg.RequestTimeout, timeoutErr = envDuration(getenv, "VOICEMAP_REQUEST_TIMEOUT", resolvers.DefaultRequestTimeout)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on, host:port (VOICEMAP_ADDR)")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "load the built-in demo network when the store holds no places (VOICEMAP_DEMO)")
	fs.BoolVar(&cfg.Dev, "dev", cfg.Dev, "development mode: allow GraphQL schema introspection (VOICEMAP_DEV)")
	fs.StringVar(&sf.origins, "cors-origins", sf.origins, "comma-separated origins allowed cross-origin access; empty allows none (VOICEMAP_CORS_ORIGINS)")
	fs.Float64Var(&cfg.RateLimit, "rate-limit", cfg.RateLimit, "GraphQL requests per second per client, 0 for no limit (VOICEMAP_RATE_LIMIT)")
	fs.IntVar(&cfg.RateBurst, "rate-burst", cfg.RateBurst, "GraphQL requests a client may make at once (VOICEMAP_RATE_BURST)")
	cfg.KeysFile, cfg.KeysJSON = getenv("VOICEMAP_KEYS_FILE"), getenv("VOICEMAP_KEYS")
	fs.StringVar(&cfg.KeysFile, "keys-file", cfg.KeysFile, "JSON file of API keys, re-read when it changes; without keys the server listens on loopback only (VOICEMAP_KEYS_FILE, or the JSON itself in VOICEMAP_KEYS)")
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", cfg.RequestTimeout, "deadline of a GraphQL request, e.g. 30s (VOICEMAP_REQUEST_TIMEOUT)")
	return sf, errors.Join(demoErr, devErr, rateErr, burstErr, timeoutErr)
}

// commonFlags is the part of the configuration every command shares: which
// store to open (-data or NEO4J_*) and how to log (-log-format, -log-level).
type commonFlags struct {
	cfg   app.Config
	level string
}

// newCommonFlags reads the shared settings from getenv and registers their
// flags on fs; defaultLevel is the log level when VOICEMAP_LOG_LEVEL is
// unset. Call finish after parsing fs.
func newCommonFlags(fs *flag.FlagSet, getenv func(string) string, defaultLevel string) *commonFlags {
	c := &commonFlags{
		cfg: app.Config{
			DataPath:      orDefault(getenv("VOICEMAP_DATA"), app.DefaultData),
			AuditPath:     getenv("VOICEMAP_AUDIT_LOG"),
			AuditKeyPath:  getenv("VOICEMAP_AUDIT_KEY_FILE"),
			LogFormat:     orDefault(getenv("VOICEMAP_LOG_FORMAT"), "text"),
			Neo4jURI:      getenv("NEO4J_URI"),
			Neo4jUser:     getenv("NEO4J_USER"),
			Neo4jPassword: getenv("NEO4J_PASSWORD"),
			Neo4jDatabase: getenv("NEO4J_DATABASE"),
		},
		level: orDefault(getenv("VOICEMAP_LOG_LEVEL"), defaultLevel),
	}
	fs.StringVar(&c.cfg.DataPath, "data", c.cfg.DataPath, "embedded store file, used when NEO4J_URI is not set (VOICEMAP_DATA)")
	fs.StringVar(&c.cfg.AuditPath, "audit-log", c.cfg.AuditPath, "append-only audit log of who read or changed person-level data (default: audit.log beside the -data file, also with Neo4j) (VOICEMAP_AUDIT_LOG)")
	fs.StringVar(&c.cfg.AuditKeyPath, "audit-key", c.cfg.AuditKeyPath, "secret key (created when missing, mode 0600) with which the audit log records person ids as keyed hashes (default: the audit log's path followed by .key) (VOICEMAP_AUDIT_KEY_FILE)")
	fs.StringVar(&c.cfg.LogFormat, "log-format", c.cfg.LogFormat, "log format: text or json (VOICEMAP_LOG_FORMAT)")
	fs.StringVar(&c.level, "log-level", c.level, "log level: debug, info, warn or error (VOICEMAP_LOG_LEVEL)")
	return c
}

// finish checks the shared settings once the flags are parsed.
func (c *commonFlags) finish() error {
	if err := c.cfg.LogLevel.UnmarshalText([]byte(c.level)); err != nil {
		return fmt.Errorf("log level %q: want debug, info, warn or error", c.level)
	}
	if c.cfg.LogFormat != "text" && c.cfg.LogFormat != "json" {
		return fmt.Errorf("log format %q: want text or json", c.cfg.LogFormat)
	}
	if c.cfg.Neo4jURI == "" && c.cfg.DataPath == "" {
		return errors.New("data file path is empty")
	}
	if c.cfg.AuditPath == "" {
		c.cfg.AuditPath = filepath.Join(filepath.Dir(orDefault(c.cfg.DataPath, app.DefaultData)), app.DefaultAuditName)
	}
	if c.cfg.AuditKeyPath == "" {
		c.cfg.AuditKeyPath = c.cfg.AuditPath + audit.KeySuffix
	}
	return nil
}

// parseFlags parses args with fs, returning flag.ErrHelp for -h and any
// other flag error as a usageError (fs has already printed it with the
// usage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err}
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

// checkLimits checks c's rate limit and request deadline.
func checkLimits(c app.Config) error {
	switch {
	case c.RateLimit < 0 || math.IsNaN(c.RateLimit) || math.IsInf(c.RateLimit, 0):
		return fmt.Errorf("rate limit %v: want requests per second, 0 for no limit", c.RateLimit)
	case c.RateLimit > 0 && c.RateBurst < 1:
		return fmt.Errorf("rate burst %d: want at least 1", c.RateBurst)
	case c.RequestTimeout <= 0:
		return fmt.Errorf("request timeout %v: want a positive duration, e.g. 30s", c.RequestTimeout)
	}
	return nil
}

// envFloat reads a number from an environment variable; empty is def.
func envFloat(getenv func(string) string, name string, def float64) (float64, error) {
	s := getenv(name)
	if s == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return def, fmt.Errorf("%s=%q: want a number", name, s)
	}
	return f, nil
}

// envInt reads an integer from an environment variable; empty is def.
func envInt(getenv func(string) string, name string, def int) (int, error) {
	s := getenv(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return def, fmt.Errorf("%s=%q: want a whole number", name, s)
	}
	return n, nil
}

// envDuration reads a duration (e.g. 30s) from an environment variable;
// empty is def.
func envDuration(getenv func(string) string, name string, def time.Duration) (time.Duration, error) {
	s := getenv(name)
	if s == "" {
		return def, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return def, fmt.Errorf("%s=%q: want a duration such as 30s", name, s)
	}
	return d, nil
}
