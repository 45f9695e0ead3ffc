package neo4jstore_test

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/neo4jstore"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
	"github.com/voicemap/voicemap/store/storetest"
)

// The conformance suite runs when NEO4J_TEST_URI names a Neo4j 5 server
// (NEO4J_TEST_USER, NEO4J_TEST_PASSWORD and NEO4J_TEST_DATABASE optional).
// The database is wiped before every subtest. In CI the server is NornicDB,
// started by .ci/nornicdb.sh:
//
//	.ci/nornicdb.sh build
//	.ci/nornicdb.sh start /tmp/nornic 17687 17474
//	NEO4J_TEST_URI=bolt://127.0.0.1:17687 go test ./store/neo4jstore/
//	.ci/nornicdb.sh stop /tmp/nornic
//
// NornicDB v1.2.0 differs from Neo4j 5 as follows (Neo4j / NornicDB). The
// store keeps Cypher that is correct on Neo4j; where NornicDB mis-handles one
// of two equally correct forms, the store uses the other and says so; where
// no correct form works on NornicDB, the test is skipped on it (nornicSkips).
//
//  1. Strings compare lexicographically / strings that look like numbers
//     compare as numbers, in ORDER BY and in < and > ("9" < "10"). Paging
//     stays consistent (both use the same rule) but the order is not Go's:
//     TestIDOrder/numeric is skipped.
//  2. RETURN n ... ORDER BY n.id LIMIT k sorts / leaves rows unsorted when
//     a whole node is returned; ORDER BY a projected alias works, so every
//     list returns n.id AS id and orders by id. WITH n ORDER BY n.id LIMIT k
//     ignores both ORDER BY and LIMIT (not used). ORDER BY length(path) is
//     ignored; an alias works.
//  3. [n IN nodes(path) | n.id] and startNode(r).id give the ids / give the
//     node's Go text or the literal expression; Ancestors returns the path
//     and reads the ids in Go.
//  4. DATE: a Bolt Date parameter is stored as a DATE / as a map; date('…')
//     yields a DATE / the ISO string; date(null) is null / the string
//     "date(null)". The store passes ISO strings to date(), never evaluates
//     date(null) (dates are set by separate statements for the rows that
//     have them), and reads dbtype.Date or, from NornicDB, "YYYY-MM-DD".
//  5. r.since <= date($d) inside WHERE is evaluated correctly / wrongly
//     (true for a later since); binding WITH date($asOf) AS day first works.
//  6. $g IN n.groups (any list predicate) in the WHERE of a MATCH with a
//     relationship pattern filters / matches nothing; in a MATCH of the
//     node alone it works, so node predicates get a MATCH of their own.
//  7. MATCH (a)-[r:TIE]->(b), (a)-[:IN]->(pa) with two patterns returns the
//     rows / none; Snapshot filters ties by the ids of actors in scope.
//  8. UNWIND … MATCH … CREATE (a)-[r:T]->(b) SET r.x = … works / fails with
//     "SET r.kind requires a node or relationship"; properties in the
//     CREATE map work.
//  9. MERGE (a)-[r:T {id: $id}]->(b) matches only a T with that id / any T
//     between the two nodes; relationships are written by looking their id
//     up, then SET or CREATE.
//  10. Deleting a relationship and creating another with the same unique id
//     in one transaction commits / fails with a constraint violation, so
//     moving a relationship or participation to other ends fails:
//     */ReplaceAndIdempotent of Relationships and Participations skipped.
//  11. A uniqueness violation is Neo.ClientError.Schema.
//     ConstraintValidationFailed (ECONFLICT) / Neo.ClientError.Transaction.
//     TransactionCommitFailed (so EINTERNAL).
//  12. ($p IS NULL OR ((…) AND (…))) and (x IS NULL OR …) AND (y IS NULL OR …)
//     with date() are evaluated correctly / wrongly; the lists add only the
//     predicates of the filters that are set.
//  13. MERGE (n …) SET … WITH n MATCH (p …) MERGE (n)-[:R]->(p) creates the
//     relationship / silently does not; writes use separate statements.
//  14. (root)<-[:WITHIN*0..]-(p) RETURN p.id gives the ids / the literal
//     "p.id" for the zero-length match; the rightward form works.
//  15. UNWIND $rows AS row MATCH (g:Grant {id: row.id}) SET g.d = date(row.d)
//     stores the DATE / the literal text "date(row.d)" (and in the SET of a
//     MERGE, after a MERGE in the same transaction, nothing at all);
//     MATCH (g:Grant) WHERE g.id = row.id SET g.d = date(row.d) works, so
//     the award date is set by a statement of that form.
//  16. MATCH (g:Grant) MATCH (g)-[:FUNDED_BY]->(f) WHERE f.id = $x
//     MATCH (g)-[:AWARDED_TO]->(r) filters by f / ignores the WHERE of the
//     middle clause (and count(*) over it gives 0); the property-map form
//     (f:Organisation {id: $x}) works, so the grant lists use it.
//  17. Two transactions that MERGE the same new node on a unique key are
//     serialised on the constraint / all but one fail at commit (difference
//     11); Open creates the global and erasure version nodes, so that
//     writes only match them.
//  18. A transaction that SETs a node holds its write lock until it ends,
//     so a second one that SETs it first waits and then reads the first's
//     value / both go on and read the same value; an audit append (which
//     locks the log's head node, then reads it) finds the conflict by the
//     uniqueness of the line's key (log id and seq) at commit and tries
//     again.
//  19. MATCH … RETURN … UNION ALL MATCH … RETURN … gives the rows of both /
//     drops the connection; the versions are nodes of one label, read by
//     one MATCH.
//  20. MATCH (n) DETACH DELETE n deletes every node / leaves some audit
//     lines behind after concurrent appends, for good (no later DELETE
//     matches them); the audit head carries a log id drawn when it is
//     created and lines are read by it, so a wiped database starts a new,
//     empty log whatever was left.

// nornicSkips names the tests that no Neo4j-correct Cypher passes on
// NornicDB v1.2.0, with the reason (numbers refer to the list above).
var nornicSkips = map[string]string{
	"TestConformance/Relationships/ReplaceAndIdempotent":                         "difference 10: deleting a relationship and creating one with the same unique id in one transaction fails at commit",
	"TestConformance/Participations/ReplaceAndIdempotent":                        "difference 10: deleting a relationship and creating one with the same unique id in one transaction fails at commit",
	"TestConformance/Versions/relationship_replaced_by_one_between_other_actors": "difference 10: deleting a relationship and creating one with the same unique id in one transaction fails at commit",
	"TestConformance/Versions/participation_moved_to_another_actor":              "difference 10: deleting a relationship and creating one with the same unique id in one transaction fails at commit",
}

// testConfig returns the configuration from the environment, skipping the
// test when NEO4J_TEST_URI is unset.
func testConfig(t *testing.T) neo4jstore.Config {
	t.Helper()
	return neo4jtest.Config(t)
}

// mustOpen opens a store on an emptied database, closed when t ends.
func mustOpen(t *testing.T) *neo4jstore.Store {
	t.Helper()
	cfg := testConfig(t)
	neo4jtest.Lock(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open(%s) = %v", cfg.URI, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	if reason, ok := nornicSkips[t.Name()]; ok && isNornic(t, s) {
		t.Skip("NornicDB v1.2.0 fault, " + reason)
	}
	if err := neo4jstore.Wipe(ctx, s); err != nil {
		t.Fatalf("wipe the test database: %v", err)
	}
	return s
}

// isNornic reports whether s talks to NornicDB rather than Neo4j.
func isNornic(t *testing.T, s *neo4jstore.Store) bool {
	t.Helper()
	agent, err := neo4jstore.ServerAgent(t.Context(), s)
	if err != nil {
		t.Fatalf("server agent: %v", err)
	}
	return strings.HasPrefix(agent, "NornicDB/")
}

func TestConformance(t *testing.T) {
	testConfig(t)
	storetest.Run(t, func(t *testing.T) store.Store { return mustOpen(t) })
}

// closedPort returns a loopback port on which nothing listens.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatalf("close listener: %v", err)
	}
	return port
}

func TestOpenUnavailable(t *testing.T) {
	port := closedPort(t)
	tests := []struct {
		name string
		cfg  neo4jstore.Config
	}{
		{"bolt, basic auth", neo4jstore.Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", port), User: "neo4j", Password: "s3cret-pw"}},
		{"neo4j scheme, no auth", neo4jstore.Config{URI: fmt.Sprintf("neo4j://127.0.0.1:%d", port)}},
		{"credentials in the URI", neo4jstore.Config{URI: fmt.Sprintf("bolt://neo4j:s3cret-pw@127.0.0.1:%d", port)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			start := time.Now()
			s, err := neo4jstore.Open(ctx, tt.cfg)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded against a closed port", tt.cfg.URI)
			}
			t.Logf("Open(closed port) failed in %v", time.Since(start).Round(time.Millisecond))
			// A fast failure: Open gave up on the refused connection by
			// itself, not by waiting out its context.
			if ctx.Err() != nil {
				t.Errorf("Open(closed port) = %v after its context ended (%v), want it to fail on the refused connection first", err, ctx.Err())
			}
			if got := store.ErrorCode(err); got != store.EUNAVAILABLE {
				t.Errorf("Open(closed port) code = %q (%v), want %q", got, err, store.EUNAVAILABLE)
			}
			msg := err.Error()
			if want := fmt.Sprintf("127.0.0.1:%d", port); !strings.Contains(msg, want) {
				t.Errorf("Open(closed port) = %q, want the address %s named", msg, want)
			}
			if strings.Contains(msg, "s3cret-pw") {
				t.Errorf("Open(closed port) = %q shows the password", msg)
			}
		})
	}
}

func TestOpenBadURI(t *testing.T) {
	_, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: "http://127.0.0.1:1"})
	if got := store.ErrorCode(err); got != store.EINVALID {
		t.Fatalf("Open(http URI) code = %q (%v), want %q", got, err, store.EINVALID)
	}
}

// TestImportChunks imports more rows of each kind than one UNWIND statement
// carries (made small here: 16), checking that chunking writes them all in
// one transaction and that a refused batch writes no chunk.
func TestImportChunks(t *testing.T) {
	s := mustOpen(t)
	neo4jstore.SetChunkSize(t, 16)
	const n = 123
	b := store.Batch{Places: []store.Place{{ID: "root", Name: "Root"}}}
	for i := range n {
		b.People = append(b.People, store.Person{ID: fmt.Sprintf("p%05d", i), Name: "P", PlaceID: "root"})
		if i > 0 {
			b.Relationships = append(b.Relationships, store.Relationship{ID: fmt.Sprintf("r%05d", i),
				FromID: fmt.Sprintf("p%05d", i-1), ToID: fmt.Sprintf("p%05d", i), Kind: store.RelKnows, Weight: 1})
		}
	}
	counts, err := s.Import(t.Context(), b)
	if err != nil {
		t.Fatalf("Import(%d people) = %v", n, err)
	}
	if counts.People != n || counts.Relationships != n-1 {
		t.Fatalf("Import counts = %+v, want %d people and %d relationships", counts, n, n-1)
	}
	snap, err := s.Snapshot(t.Context(), store.Scope{PlaceID: "root"})
	if err != nil {
		t.Fatalf("Snapshot = %v", err)
	}
	if len(snap.People) != n || len(snap.Relationships) != n-1 {
		t.Fatalf("Snapshot holds %d people and %d relationships, want %d and %d",
			len(snap.People), len(snap.Relationships), n, n-1)
	}
	// A second import with one bad reference at the end writes nothing.
	b2 := store.Batch{}
	for i := range n {
		b2.People = append(b2.People, store.Person{ID: fmt.Sprintf("q%05d", i), Name: "Q", PlaceID: "root"})
	}
	b2.People[n-1].PlaceID = "nowhere"
	if _, err := s.Import(t.Context(), b2); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("Import(bad last row) = %v, want %s", err, store.ENOTFOUND)
	}
	c, err := s.People(t.Context(), store.PeopleFilter{}, store.Page{First: 1})
	if err != nil {
		t.Fatalf("People = %v", err)
	}
	if c.TotalCount != n {
		t.Fatalf("after a refused import People.TotalCount = %d, want %d", c.TotalCount, n)
	}
}

// TestIDOrder checks that Neo4j orders ids as Go compares strings (byte-wise
// UTF-8), for ASCII, for characters of the Basic Multilingual Plane and for
// ids that look like numbers.
func TestIDOrder(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
	}{
		{"ascii and BMP", []string{"a", "B", "b", "a-1", "a_1", "a1", "Z", "~", "é", "ŵ", "ab", "a b", "Ω", "中", "\uffee", "x0"}},
		{"numeric", []string{"0", "10", "9", "1.5", "-3", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t)
			if tt.name == "numeric" && isNornic(t, s) {
				t.Skip("NornicDB v1.2.0 fault, difference 1: it compares strings that look like numbers as numbers")
			}
			for _, id := range tt.ids {
				if _, err := s.UpsertPlace(t.Context(), store.Place{ID: id, Name: "x"}); err != nil {
					t.Fatalf("UpsertPlace(%q) = %v", id, err)
				}
			}
			want := slices.Clone(tt.ids)
			slices.Sort(want)
			var got []string
			after := ""
			for page := 0; page < 100; page++ {
				c, err := s.Places(t.Context(), store.PlaceFilter{}, store.Page{First: 4, After: after})
				if err != nil {
					t.Fatalf("Places = %v", err)
				}
				for _, p := range c.Items {
					got = append(got, p.ID)
				}
				if !c.HasNextPage {
					break
				}
				after = c.EndCursor
			}
			if !slices.Equal(got, want) {
				t.Fatalf("Places ids = %q, want %q (Go byte order)", got, want)
			}
		})
	}
}
