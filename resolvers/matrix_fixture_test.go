package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
	"github.com/voicemap/voicemap/store/neo4jstore"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// matrixIDs are the ids (and place code) an operation of the matrix is
// built from: those of place A, of place B, or ids that exist nowhere.
type matrixIDs map[string]string

// matrixSide returns the ids of the side with prefix x ("a", "b" or "m"
// for missing).
func matrixSide(x string) matrixIDs {
	return matrixIDs{
		"place":   x + "-ward",
		"code":    strings.ToUpper(x) + "0001",
		"person":  x + "-person-1",
		"person2": x + "-person-2",
		"org":     x + "-org",
		"funder":  x + "-fund",
		"forum":   x + "-forum",
		"rel":     x + "-rel",
		"rel2":    x + "-rel-2",
		"part":    x + "-part",
		"part2":   x + "-part-2",
		"grant":   x + "-grant",
		"survey":  x + "-survey",
		"dispute": x + "-dispute",
		"x":       x,
	}
}

// matrixMarker is the word in every name of a side's fixture.
var matrixMarker = map[string]string{"a": "Alpha", "b": "Beta"}

// matrixNames returns the names given to the side's entities.
func matrixNames(x string) []string {
	m := matrixMarker[x]
	return []string{m + " Ward", m + " Person One", m + " Person Two", m + " Org", m + " Fund", m + " Forum", m + " Grant", m + " Survey"}
}

// placeholderLabel is the label the side's placeholder was named by.
func placeholderLabel(x string) string { return matrixMarker[x] + " Named Placeholder" }

// matrixTag returns the group tag the side's people carry.
func matrixTag(x string) string { return strings.ToLower(matrixMarker[x]) + "-kin" }

// matrixSeed returns the GraphQL mutation building one side of the
// fixture: a ward under the town with two people (one tied to the other,
// the second a member of an organisation), a community group, a funder, a
// decision-making forum led by the organisation and consulting the first
// person, and a third person, tied to the first and seated on the forum,
// whose consent is then withdrawn (matrixWithdraw): nothing of them may
// reach any answer.
func matrixSeed(x string) string {
	id, m, tag := matrixSide(x), matrixMarker[x], matrixTag(x)
	r := strings.NewReplacer("{X}", x, "{M}", m, "{TAG}", tag, "{CODE}", id["code"])
	return r.Replace(`
		{X}w: upsertPlace(input: {id: "{X}-ward", name: "{M} Ward", code: "{CODE}", parentId: "town", population: 1000, needIndex: 3, needScale: "IMD2019_DECILE", populationByGroup: [{group: "{TAG}", count: 40}]}) { id }
		{X}p1: upsertPerson(input: {id: "{X}-person-1", name: "{M} Person One", placeId: "{X}-ward", groups: ["{TAG}"], consent: GIVEN}) { id }
		{X}p2: upsertPerson(input: {id: "{X}-person-2", name: "{M} Person Two", placeId: "{X}-ward", groups: ["{TAG}"], roles: ["{TAG}-role"], livedExperience: ["{TAG}-lived"], consent: GIVEN}) { id }
		{X}o: upsertOrganisation(input: {id: "{X}-org", name: "{M} Org", kind: COMMUNITY_GROUP, placeId: "{X}-ward"}) { id }
		{X}f: upsertOrganisation(input: {id: "{X}-fund", name: "{M} Fund", kind: FUNDER, placeId: "{X}-ward"}) { id }
		{X}r1: connect(input: {id: "{X}-rel", fromId: "{X}-person-1", toId: "{X}-person-2", kind: KNOWS, since: "2020-01-01"}) { id }
		{X}r2: connect(input: {id: "{X}-rel-2", fromId: "{X}-person-2", toId: "{X}-org", kind: MEMBER_OF}) { id }
		{X}fo: upsertForum(input: {id: "{X}-forum", name: "{M} Forum", placeId: "{X}-ward", decisionMaking: true, affectsGroups: ["{TAG}"]}) { id }
		{X}pa: recordParticipation(input: {id: "{X}-part", actorId: "{X}-org", forumId: "{X}-forum", level: LEAD, joinedAtStage: IDEA}) { id }
		{X}pb: recordParticipation(input: {id: "{X}-part-2", actorId: "{X}-person-1", forumId: "{X}-forum", level: CONSULT, joinedAtStage: DELIVERY}) { id }
		{X}pw: upsertPerson(input: {id: "{X}-person-w", name: "{M} Withdrawn Person", placeId: "{X}-ward", groups: ["{TAG}"], consent: GIVEN}) { id }
		{X}rw: connect(input: {id: "{X}-rel-w", fromId: "{X}-person-1", toId: "{X}-person-w", kind: KNOWS}) { id }
		{X}aw: recordParticipation(input: {id: "{X}-part-w", actorId: "{X}-person-w", forumId: "{X}-forum", level: CO_PRODUCE, joinedAtStage: IDEA}) { id }
	`)
}

// matrixWithdraw returns the GraphQL mutation withdrawing the consent of
// the side's third person.
func matrixWithdraw(x string) string {
	return strings.NewReplacer("{X}", x, "{M}", matrixMarker[x], "{TAG}", matrixTag(x)).Replace(`
		{X}ww: upsertPerson(input: {id: "{X}-person-w", name: "{M} Withdrawn Person", placeId: "{X}-ward", groups: ["{TAG}"], consent: WITHDRAWN}) { id }`)
}

// seedMatrix builds the fixture in st: the town with wards A and B
// (matrixSeed), a tie across them between their first people, and one
// grant per ward from its funder to its organisation.
func seedMatrix(t *testing.T, st store.Store) {
	t.Helper()
	ctx := context.Background()
	e := newEnvOver(t, st, resolvers.Options{})
	q := `mutation { town: upsertPlace(input: {id: "town", name: "Townsville", code: "T0001"}) { id }` +
		matrixSeed("a") + matrixSeed("b") +
		`cross: connect(input: {id: "ab-rel", fromId: "a-person-1", toId: "b-person-1", kind: KNOWS}) { id } }`
	e.do(t, q, new(map[string]any))
	e.do(t, `mutation {`+matrixWithdraw("a")+matrixWithdraw("b")+` }`, new(map[string]any))
	gs, ok := st.(store.GrantStore)
	if !ok {
		t.Fatalf("%T has no grants", st)
	}
	for _, x := range []string{"a", "b"} {
		id := matrixSide(x)
		g := store.Grant{
			ID: id["grant"], Title: matrixMarker[x] + " Grant", Amount: 500000, Currency: "GBP",
			AwardedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			FunderID:  id["funder"], RecipientID: id["org"], PlaceIDs: []string{id["place"]},
		}
		if _, err := gs.UpsertGrant(auth.With(ctx, auth.LocalAdmin), g); err != nil {
			t.Fatal(err)
		}
	}
	seedMatrixSurveys(t, st)
}

// matrixLink is the invitation of the matrix's respondent: A's first
// person, to A's survey, consented.
const matrixLink = "a-inv"

// seedMatrixSurveys stores a survey of each ward asking who advises the
// respondent, about the ward's forum and the influence of its
// organisation, with an open dispute of the ward's first tie by its second
// person; and the invitation matrixLink.
func seedMatrixSurveys(t *testing.T, st store.Store) {
	t.Helper()
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var b store.SurveyBatch
	for _, x := range []string{"a", "b"} {
		id := matrixSide(x)
		b.Surveys = append(b.Surveys, store.Survey{ID: id["survey"], Name: matrixMarker[x] + " Survey", PlaceID: id["place"],
			Questions: []store.NameQuestion{{ID: "advice", Prompt: "Who do you go to for advice?", Kind: store.RelAdvises, FromNamed: true}},
			ForumIDs:  []string{id["forum"]}, InfluenceIDs: []string{id["org"]}, Groups: []string{matrixTag(x)}, CreatedOn: day})
		b.Disputes = append(b.Disputes, store.Dispute{ID: id["dispute"], RelationshipID: id["rel"], PersonID: id["person2"], SurveyID: id["survey"],
			Reason: "no such tie", RaisedOn: day})
		// A placeholder: someone the second person named in the survey who
		// is not recorded. Its label reaches only the survey's editors
		// (placeholderLeaks).
		b.People = append(b.People, store.Person{ID: x + "-named", Name: placeholderLabel(x), PlaceID: id["place"],
			Consent: store.ConsentUnknown, Source: store.Said(id["survey"], day)})
		b.Relationships = append(b.Relationships, store.Relationship{ID: x + "-rel-named", FromID: x + "-named", ToID: id["person2"],
			Kind: store.RelAdvises, Weight: 1, Since: &day, Source: store.SaidBy(id["survey"], day, id["person2"])})
	}
	// Fixed times, so that re-seeding gives the same fixture; a link that
	// does not expire before the year 2100.
	expires := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	b.Invitations = []store.Invitation{{ID: matrixLink, SurveyID: "a-survey", PersonID: "a-person-1", TokenHash: auth.Hash(auth.LinkPrefix + strings.Repeat("0", 64)),
		Status: store.InvitationConsented, InvitedAt: day, ExpiresAt: expires, ConsentedAt: &day}}
	if _, err := st.WriteSurvey(context.Background(), b); err != nil {
		t.Fatalf("WriteSurvey(matrix surveys): %v", err)
	}
}

// matrixFixture builds the fixture (seedMatrix) in a store file and
// returns its path. The store is closed, so that each test of a mutation
// can run on a fresh copy.
func matrixFixture(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fixture.db")
	st, err := boltstore.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	seedMatrix(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// matrixStores are the stores the matrix runs on: the embedded store
// always, and the Neo4j test server when NEO4J_TEST_URI is set.
type matrixStores struct {
	name string
	// open returns the store the read cells share; it holds the fixture.
	open func(t *testing.T) matrixBackend
}

// matrixBackend is one store holding the fixture, and how to get a store
// holding exactly the fixture again for each mutation cell.
type matrixBackend struct {
	shared store.Store
	fresh  func(t *testing.T) store.Store
	// faults are the operations ("connect existing") that a known fault
	// of the server keeps from succeeding, with the reason: their cells
	// that must succeed are logged, not failed, when they fail; every
	// other check of theirs (refusals, nothing written, no leak) stands.
	faults map[string]string
}

// nornicFaults are the operations NornicDB v1.2.0 cannot run as Neo4j 5
// does (the differences listed in store/neo4jstore/neo4jstore_test.go).
var nornicFaults = map[string]string{
	"connect existing": "NornicDB v1.2.0 difference 10: moving a relationship to other ends deletes and re-creates it with the same unique id in one transaction, which fails at commit",
}

// isNornic reports whether the server of cfg is NornicDB rather than Neo4j.
func isNornic(t *testing.T, cfg neo4jstore.Config) bool {
	t.Helper()
	authToken := neo4j.NoAuth()
	if cfg.User != "" {
		authToken = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, authToken)
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	info, err := driver.GetServerInfo(context.Background())
	if err != nil {
		t.Fatalf("server info of %s: %v", cfg.URI, err)
	}
	return strings.HasPrefix(info.Agent(), "NornicDB/")
}

var matrixStoreKinds = []matrixStores{
	{"bolt", func(t *testing.T) matrixBackend {
		fixture := matrixFixture(t)
		return matrixBackend{
			shared: openCopy(t, fixture),
			fresh:  func(t *testing.T) store.Store { return openCopy(t, fixture) },
		}
	}},
	{"neo4j", func(t *testing.T) matrixBackend {
		// neo4jtest.Open skips without NEO4J_TEST_URI, locks the server
		// for this test binary and wipes it. One database serves every
		// cell: before each mutation cell it is wiped and re-seeded unless
		// it still holds exactly the fixture (its dump is unchanged: the
		// previous cell was refused and wrote nothing), which keeps the
		// Neo4j matrix to about a tenth of the re-seeds.
		st := neo4jtest.Open(t)
		cfg := neo4jtest.Config(t)
		seedMatrix(t, st)
		seeded := dumpStore(t, st)
		var faults map[string]string
		if isNornic(t, cfg) {
			faults = nornicFaults
		}
		return matrixBackend{
			shared: st,
			faults: faults,
			fresh: func(t *testing.T) store.Store {
				t.Helper()
				if dumpStore(t, st) == seeded {
					return st
				}
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				if err := neo4jtest.Wipe(ctx, cfg); err != nil {
					t.Fatalf("wipe the Neo4j test database: %v", err)
				}
				seedMatrix(t, st)
				return st
			},
		}
	}},
}

// openCopy opens a fresh copy of the store file at path.
func openCopy(t *testing.T, path string) *boltstore.Store {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := boltstore.Open(context.Background(), cp)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// matrixAnswer is one answer of a matrix handler: the response body, the
// service operations the policy layer let begin while it ran (in order),
// and the audit records it appended.
type matrixAnswer struct {
	raw     string
	ops     []string
	records []audit.Record
	// key is the log's key: records name people by key.Subject(id).
	key audit.Key
}

// matrixHandler is the real GraphQL handler over st, each request running
// as p, or with no principal at all when p is nil (what the server's
// authentication middleware leaves when keys are configured and a request
// brings none: the service answers UNAUTHENTICATED), with an audit log of
// its own, and with a service.Activity per request.
func matrixHandler(t *testing.T, st store.Store, p *auth.Principal) func(query string) matrixAnswer {
	t.Helper()
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	path := filepath.Join(t.TempDir(), "audit.log")
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = log.Close() })
	var h = resolvers.NewHandler(service.New(st, logger), logger, resolvers.Options{Audit: log})
	if p != nil {
		h = as(*p, h)
	}
	seen := 0
	return func(query string) matrixAnswer {
		body, _ := json.Marshal(map[string]string{"query": query})
		ctx, act := service.WithActivity(context.Background())
		r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		c, err := audit.Read(path, store.Page{First: store.MaxPageSize, After: auditCursor(seen)})
		if err != nil {
			t.Fatalf("read the audit log: %v", err)
		}
		seen += len(c.Items)
		return matrixAnswer{raw: w.Body.String(), ops: act.Ops(), records: c.Items, key: log.Key()}
	}
}

// dumpStore returns everything the store holds, as JSON, to compare
// before and after an operation that must write nothing.
func dumpStore(t *testing.T, st store.Store) string {
	t.Helper()
	ctx := auth.With(context.Background(), auth.LocalAdmin)
	snap, err := st.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	gs, ok := st.(store.GrantStore)
	if !ok {
		t.Fatal("store has no grants")
	}
	grants, err := gs.Grants(ctx, store.GrantFilter{}, store.Page{First: 500})
	if err != nil {
		t.Fatal(err)
	}
	surveys, err := surveyRecords(ctx, st, snap.People)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]any{snap, grants, surveys})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// surveyRecords returns every survey record of the store: surveys,
// invitations, disputes and the corrections of the people.
func surveyRecords(ctx context.Context, st store.Store, people []store.Person) ([]any, error) {
	sv, err := st.Surveys(ctx, store.Page{First: store.MaxPageSize})
	if err != nil {
		return nil, err
	}
	in, err := st.Invitations(ctx, store.InvitationFilter{}, store.Page{First: store.MaxPageSize})
	if err != nil {
		return nil, err
	}
	ds, err := st.Disputes(ctx, store.DisputeFilter{}, store.Page{First: store.MaxPageSize})
	if err != nil {
		return nil, err
	}
	out := []any{sv.Items, in.Items, ds.Items}
	for _, p := range people {
		cs, err := st.Corrections(ctx, p.ID, store.Page{First: store.MaxPageSize})
		if err != nil {
			return nil, err
		}
		out = append(out, cs.Items)
	}
	return out, nil
}

// auditCursor is the cursor after the first n records of an audit log.
func auditCursor(n int) string {
	if n == 0 {
		return ""
	}
	return store.EncodeCursor(strconv.Itoa(n))
}
