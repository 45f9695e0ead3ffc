package app

import (
	"fmt"
	"net"
)

// checkListen enforces secure defaults: without API keys every request
// runs as an administrator, so the server may then listen on a loopback
// address only (127.0.0.0/8, ::1 or localhost).
func checkListen(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if isLoopback(host) {
		return nil
	}
	every := ""
	if host == "" || host == "0.0.0.0" || host == "::" {
		every = " (every interface)"
	}
	return fmt.Errorf("refusing to listen on %s%s without API keys: anyone who can reach it would be an administrator; "+
		"configure keys with VOICEMAP_KEYS_FILE (or -keys-file, or VOICEMAP_KEYS; create one with voicemap keys new), "+
		"or listen on loopback, e.g. -addr 127.0.0.1:8080 (127.0.0.1:0 for a free port)", addr, every)
}

// isLoopback reports whether host names a loopback interface only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
