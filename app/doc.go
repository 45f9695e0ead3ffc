// Package app holds what the voicemap command's parts share: Config, the
// configuration as data only (parsed from flags and the environment by
// package cli), and the resources opened from it. Open opens the server's
// Resources in order (the API keyring, the store, loading the demo
// network when asked, and the audit log, kept in the store when it is
// Neo4j) and Resources.Close closes them in reverse order; OpenStore,
// OpenAuditLog and AuditLines open one each for the command line.
//
// It sits between package main, which wires the server together, and the
// packages it opens (auth, audit, store/boltstore, store/neo4jstore,
// demo); it knows nothing of HTTP or of command-line parsing.
package app
