package neo4jstore

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/voicemap/voicemap/store"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is the Bolt address, e.g. "neo4j://localhost:7687" or
	// "bolt://127.0.0.1:7687".
	URI string
	// User and Password authenticate with basic auth; with User empty no
	// authentication is sent.
	User     string
	Password string
	// Database selects the database; empty means the server's default.
	Database string
	// Logger receives internal errors (ids only, never personal data); nil
	// discards them.
	Logger *slog.Logger
}

// Store is a store.Store on Neo4j. It is safe for concurrent use.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	// where is the URI without credentials, for messages.
	where string
	log   *slog.Logger
}

var (
	_ store.Store      = (*Store)(nil)
	_ store.GrantStore = (*Store)(nil)
)

// constraints are created by Open, each idempotently, with the indexes by
// which survey records are looked up. Neo4j backs every uniqueness constraint with
// an index, which the MATCH/MERGE on id use.
var constraints = []string{
	`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT forum_id IF NOT EXISTS FOR (n:Forum) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT grant_id IF NOT EXISTS FOR (n:Grant) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT tie_id IF NOT EXISTS FOR ()-[r:TIE]-() REQUIRE r.id IS UNIQUE`,
	`CREATE CONSTRAINT participates_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.id IS UNIQUE`,
	`CREATE CONSTRAINT survey_id IF NOT EXISTS FOR (n:Survey) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT invitation_id IF NOT EXISTS FOR (n:Invitation) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT invitation_token IF NOT EXISTS FOR (n:Invitation) REQUIRE n.tokenHash IS UNIQUE`,
	`CREATE CONSTRAINT dispute_id IF NOT EXISTS FOR (n:Dispute) REQUIRE n.id IS UNIQUE`,
	`CREATE CONSTRAINT correction_id IF NOT EXISTS FOR (n:Correction) REQUIRE n.id IS UNIQUE`,
	`CREATE INDEX invitation_survey IF NOT EXISTS FOR (n:Invitation) ON (n.surveyId)`,
	`CREATE INDEX invitation_person IF NOT EXISTS FOR (n:Invitation) ON (n.personId)`,
	`CREATE INDEX dispute_person IF NOT EXISTS FOR (n:Dispute) ON (n.personId)`,
	`CREATE INDEX dispute_relationship IF NOT EXISTS FOR (n:Dispute) ON (n.relationshipId)`,
	`CREATE INDEX correction_person IF NOT EXISTS FOR (n:Correction) ON (n.personId)`,
	`CREATE CONSTRAINT cache_version_key IF NOT EXISTS FOR (n:CacheVersion) REQUIRE n.key IS UNIQUE`,
	`CREATE CONSTRAINT audit_line_key IF NOT EXISTS FOR (n:AuditLine) REQUIRE n.key IS UNIQUE`,
	`CREATE INDEX audit_line_log IF NOT EXISTS FOR (n:AuditLine) ON (n.log, n.seq)`,
}

// MaxRetryTime bounds how long the driver tries a transaction again after
// transient failures (the driver's default is 30 s). Every write sets the
// global cache version, so concurrent writes from several servers meet on
// it: Neo4j makes them wait for its lock, but a server that finds such
// conflicts only at commit (NornicDB) fails all but one and they are tried
// again, each after a growing pause; a longer bound lets every one of them
// through. A request's own deadline (-request-timeout) still ends it
// sooner.
const MaxRetryTime = 2 * time.Minute

// Open connects to Neo4j, verifies that it can be reached (EUNAVAILABLE
// naming the URI, never the password, when it cannot) and creates the
// uniqueness constraints the model relies on.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	where := redactURI(cfg.URI)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxTransactionRetryTime = MaxRetryTime
	})
	if err != nil {
		// The driver's message may quote the URI, password included: drop it.
		return nil, store.Errorf(store.EINVALID, "neo4jstore: bad Neo4j URI %q: want a bolt:// or neo4j:// URI (optionally +s or +ssc)", where)
	}
	s := &Store{driver: driver, db: cfg.Database, where: where, log: log}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		log.Error("neo4jstore: cannot reach Neo4j", "uri", where, "err", err)
		_ = driver.Close(context.WithoutCancel(ctx))
		msg := "cannot reach Neo4j at " + where
		if isSecurityError(err) {
			msg = "Neo4j at " + where + " rejected the credentials"
		}
		return nil, store.Errorf(store.EUNAVAILABLE, "neo4jstore: %s", msg)
	}
	for _, c := range constraints {
		if _, err := s.write(ctx, "create constraint", "", c, nil); err != nil {
			_ = driver.Close(context.WithoutCancel(ctx))
			return nil, err
		}
	}
	if err := s.seed(ctx); err != nil {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

// seed creates, each idempotently, the nodes that writes only match, so
// that concurrent first writes do not race to create them: the version
// nodes (versions.go) and the audit log's head (audit.go).
func (s *Store) seed(ctx context.Context) error {
	if _, err := s.write(ctx, "seed versions", "", initVersionsCypher, nil); err != nil {
		return err
	}
	return s.seedAuditHead(ctx)
}

// redactURI returns uri without any user information, for messages and logs.
func redactURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(unparsable URI)"
	}
	u.User = nil
	return u.String()
}

// Ping checks that Neo4j is reachable (EUNAVAILABLE when it is not).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return s.fail("ping", "", err)
	}
	return nil
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}
