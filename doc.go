// Command voicemap serves the voicemap GraphQL API over a place network
// stored in an embedded bbolt file (the default) or in Neo4j (when
// NEO4J_URI is set), and does the same work from the command line:
//
//	voicemap [serve] [flags]                     serve the API (the default)
//	voicemap import [-format F] [-place ID] [-connections FILE] FILE
//	                                             import GraphML, voicemap JSON, 360Giving
//	                                             JSON or CSV, place data CSV or Kumu CSV
//	voicemap export -format graphml|gexf|csv [-place ID] [-as-of DATE] [-out FILE]
//	voicemap report -place ID [-as-of DATE] [-format md|csv] [-top N] [-weighted] [-out FILE]
//	voicemap keys new -id ID -role ROLE [-place ID ...] [-file FILE]
//	                                             create an API key (its entry: one JSON line)
//	voicemap audit verify | audit lookup -id ID  check the audit log, or find a person's records
//	voicemap healthcheck [-addr HOST:PORT | -url URL]
//	                                             exit 0 when the server is ready (containers)
//	voicemap help [command]
//
// Every command opens the same store as serve (-data, or NEO4J_*), logs to
// stderr (command-line work at warn by default), and exits 0 on success, 1
// on failure (printing "voicemap: ERROR" and each detail of the error, such
// as every problem of a refused import, on a line of its own) and 2 for a
// wrong command line. See package cli and "voicemap help COMMAND".
//
// The server's configuration comes from the environment; a flag overrides
// its variable:
//
//	flag           variable               default              meaning
//	-addr          VOICEMAP_ADDR          127.0.0.1:8080       listen address (127.0.0.1:0 picks a free port)
//	-data          VOICEMAP_DATA          ./data/voicemap.db   embedded store file
//	-demo          VOICEMAP_DEMO          false                load the demo network into an empty store
//	-dev           VOICEMAP_DEV           false                allow GraphQL introspection
//	-cors-origins  VOICEMAP_CORS_ORIGINS  (none)               comma-separated allowed origins; "*" is refused
//	-log-format    VOICEMAP_LOG_FORMAT    text                 text or json
//	-log-level     VOICEMAP_LOG_LEVEL     info                 debug, info, warn or error
//	-keys-file     VOICEMAP_KEYS_FILE     (none)               API keys (JSON Lines or array); needed off loopback
//	-audit-log     VOICEMAP_AUDIT_LOG     audit.log by -data   the audit log
//	-audit-key     VOICEMAP_AUDIT_KEY_FILE  audit log + .key   its key (ids recorded as keyed hashes)
//	               NEO4J_URI              (unset)              use Neo4j at this Bolt URI
//	               NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE  Neo4j credentials and database
//
// Once listening it prints one line, "voicemap listening on http://ADDR",
// to stdout; logs go to stderr. SIGINT or SIGTERM stops it gracefully.
//
// This package is only the wiring: main calls run, the testable entry
// point, which hands the command line to package cli; cli parses the
// configuration (an app.Config, data only) and, for serve, calls serve
// here, which opens the resources (app.Open: keyring, audit log, store),
// builds the handler (httpapi.NewServer) over a service.Service, serves it
// (httpapi.Serve) and closes the resources in reverse order.
package main
