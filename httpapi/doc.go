// Package httpapi is voicemap's HTTP server: NewServer builds the handler
// with every route in one place (/graphql, /healthz, /readyz, and the
// dashboard and /schema.graphql from package web) and its middleware
// (request ids and logging without personal data, CORS for an allowlist of
// origins, panic recovery); /graphql alone is wrapped by authentication
// (API keys from an auth.Keyring, survey link tokens), a per-client rate
// limit and body limits, and refuses what gqlgen's transports would answer
// without an error code. Serve runs the handler on a listener with the
// server's timeouts and shuts it down gracefully.
//
// The package opens nothing: the store, service, keyring and audit log
// come from the caller (package main), which owns their lifetime.
package httpapi
