package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/voicemap/voicemap/app"
)

// DefaultHealthcheckTimeout bounds one health check.
const DefaultHealthcheckTimeout = 5 * time.Second

// healthcheckCmd is "voicemap healthcheck": its flags and their values.
type healthcheckCmd struct {
	fs      *flag.FlagSet
	addr    string
	url     string
	timeout time.Duration
}

func newHealthcheckCmd(getenv func(string) string, w io.Writer) *healthcheckCmd {
	c := &healthcheckCmd{fs: flag.NewFlagSet("voicemap healthcheck", flag.ContinueOnError)}
	c.fs.SetOutput(w)
	c.fs.Usage = commandUsage(c.fs, "voicemap healthcheck [-addr HOST:PORT | -url URL] [-timeout 5s]",
		`Ask a running server whether it is ready (GET /readyz) and exit 0 when it
answers 200, 1 otherwise (printing why). It needs no shell and no curl, so a
container health check can run it in the distroless image:

  healthcheck: {test: ["CMD", "/usr/local/bin/voicemap", "healthcheck"]}

The server is looked for at the address it listens on, VOICEMAP_ADDR (or
-addr), on loopback: a host of 0.0.0.0, :: or none means 127.0.0.1 (or ::1).
/readyz is 200 while the store answers and the API keys file is usable.
`)
	c.fs.StringVar(&c.addr, "addr", orDefault(getenv("VOICEMAP_ADDR"), app.DefaultAddr), "the server's listen address, host:port (VOICEMAP_ADDR)")
	c.fs.StringVar(&c.url, "url", "", "the URL to check instead, e.g. http://127.0.0.1:8080/readyz")
	c.fs.DurationVar(&c.timeout, "timeout", DefaultHealthcheckTimeout, "how long to wait for the answer")
	return c
}

// healthcheckFlags returns the flags of healthcheck, for help.
func healthcheckFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	return newHealthcheckCmd(getenv, w).fs
}

// runHealthcheck runs "voicemap healthcheck".
func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	c := newHealthcheckCmd(getenv, stderr)
	if err := parseFlags(c.fs, args); err != nil {
		return ignoreHelp(err)
	}
	if c.fs.NArg() > 0 {
		return usageErrorf("healthcheck: unexpected argument %q (see voicemap help healthcheck)", c.fs.Arg(0))
	}
	target := c.url
	if target == "" {
		var err error
		if target, err = readyzURL(c.addr); err != nil {
			return usageError{err}
		}
	} else if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageErrorf("healthcheck: -url %q: want http://host:port/path", target)
	}
	if c.timeout <= 0 {
		return usageErrorf("healthcheck: -timeout %v: want a positive duration", c.timeout)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck %s: %w", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		var why struct{ Reason string }
		if json.Unmarshal(body, &why) == nil && why.Reason != "" {
			return fmt.Errorf("healthcheck %s: %s: %s", target, resp.Status, why.Reason)
		}
		return fmt.Errorf("healthcheck %s: %s", target, resp.Status)
	}
	_, err = fmt.Fprintf(stdout, "ready: %s\n", target)
	return err
}

// readyzURL is the /readyz URL of a server listening on addr, reached on
// loopback when addr listens on every interface.
func readyzURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("healthcheck: address %q: %w", addr, err)
	}
	if port == "0" || port == "" {
		return "", errors.New("healthcheck: the server's port is chosen when it starts (port 0): give -url")
	}
	switch strings.Trim(host, "[]") {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return (&url.URL{Scheme: "http", Host: net.JoinHostPort(strings.Trim(host, "[]"), port), Path: "/readyz"}).String(), nil
}
