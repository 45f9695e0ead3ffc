package app

import (
	"log/slog"
	"time"
)

// Defaults of the configuration.
const (
	DefaultAddr = "127.0.0.1:8080"
	DefaultData = "./data/voicemap.db"
	// DefaultAuditName is the audit log's file name, beside the data file.
	DefaultAuditName = "audit.log"
	// DefaultRateLimit is the requests per second each client may make to
	// /graphql on average (-rate-limit, VOICEMAP_RATE_LIMIT; 0 turns
	// limiting off).
	DefaultRateLimit = 20
	// DefaultRateBurst is how many requests a client may make at once
	// (-rate-burst, VOICEMAP_RATE_BURST).
	DefaultRateBurst = 40
)

// Config is voicemap's configuration: data only, read from the environment
// and the command line by package cli (each field names its flag and
// variable). Nothing in it is open; Open opens the resources it names.
type Config struct {
	Addr        string   // -addr, VOICEMAP_ADDR
	DataPath    string   // -data, VOICEMAP_DATA: the embedded store's file
	Demo        bool     // -demo, VOICEMAP_DEMO: load the demo network into an empty store
	Dev         bool     // -dev, VOICEMAP_DEV: schema introspection
	CORSOrigins []string // -cors-origins, VOICEMAP_CORS_ORIGINS: comma-separated allowlist
	LogFormat   string   // -log-format, VOICEMAP_LOG_FORMAT: text or json
	LogLevel    slog.Level

	// RateLimit is the requests per second each client may make to
	// /graphql (-rate-limit, VOICEMAP_RATE_LIMIT; 0 is off), RateBurst how
	// many at once (-rate-burst, VOICEMAP_RATE_BURST).
	RateLimit float64
	RateBurst int
	// RequestTimeout is the deadline of a GraphQL request
	// (-request-timeout, VOICEMAP_REQUEST_TIMEOUT; zero means
	// resolvers.DefaultRequestTimeout).
	RequestTimeout time.Duration

	// KeysFile is the JSON file of API keys (-keys-file,
	// VOICEMAP_KEYS_FILE); KeysJSON the same JSON inline (VOICEMAP_KEYS,
	// used when KeysFile is empty). With neither set the server runs in
	// the development mode in which every request runs as auth.LocalAdmin
	// and it listens on loopback only (see LoadKeys).
	KeysFile string
	KeysJSON string

	// Neo4j is used instead of the embedded store when Neo4jURI is set
	// (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; environment only,
	// so that the password never appears in a process listing).
	Neo4jURI, Neo4jUser, Neo4jPassword, Neo4jDatabase string

	// AuditPath is the audit log (-audit-log, VOICEMAP_AUDIT_LOG); empty
	// in the flags means audit.log in DataPath's directory (with Neo4j
	// too: ./data/audit.log unless -data or -audit-log says otherwise).
	AuditPath string
	// AuditKeyPath is the file of the audit log's key, with which subject
	// ids are recorded as keyed hashes (-audit-key,
	// VOICEMAP_AUDIT_KEY_FILE); empty means AuditPath followed by
	// audit.KeySuffix. See package audit.
	AuditKeyPath string
}
