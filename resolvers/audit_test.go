package resolvers_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// auditNames are the personal field values of auditEnv's people, which
// must never reach the audit log.
var auditNames = []string{"Zephyrine Quillfeather", "Bartholomew Nightjar", "secret-group-marker", "secret-role-marker"}

// auditEnv is an env over a store holding a place and two people, with an
// audit log at the returned path, every request running as p.
func auditEnv(t *testing.T, p auth.Principal) (*env, string) {
	t.Helper()
	ctx := context.Background()
	st := servicetest.MustOpenStore(t)
	if _, err := st.UpsertPlace(ctx, store.Place{ID: "ward", Name: "Ward"}); err != nil {
		t.Fatal(err)
	}
	for _, person := range []store.Person{
		{ID: "zq", Name: auditNames[0], PlaceID: "ward", Groups: []string{auditNames[2]}, Roles: []string{auditNames[3]}},
		{ID: "bn", Name: auditNames[1], PlaceID: "ward", Groups: []string{auditNames[2]}},
	} {
		if _, err := st.UpsertPerson(ctx, person); err != nil {
			t.Fatal(err)
		}
	}
	// bn leads the board and knows zq.
	if _, err := st.UpsertForum(ctx, store.Forum{ID: "board", Name: "Board", PlaceID: "ward", DecisionMaking: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordParticipation(ctx, store.Participation{ID: "p-bn", ActorID: "bn", ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Connect(ctx, store.Relationship{ID: "r-zq-bn", FromID: "zq", ToID: "bn", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "audit.log")
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = log.Close() })
	return newEnvAs(t, st, resolvers.Options{Audit: log}, p), path
}

// hashed returns the comma-separated ids as the log at path records them:
// their keyed hashes under its key, sorted and joined by commas.
func hashed(t *testing.T, path, ids string) string {
	t.Helper()
	key, err := audit.LoadKey(path + audit.KeySuffix)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for id := range strings.SplitSeq(ids, ",") {
		out = append(out, key.Subject(id))
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

// auditRecords reads the whole log at path, checking its chain and that
// it holds none of auditNames.
func auditRecords(t *testing.T, path string) []audit.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range auditNames {
		if strings.Contains(string(data), name) {
			t.Errorf("audit log holds the field value %q:\n%s", name, data)
		}
	}
	if _, err := audit.VerifyFile(path); err != nil {
		t.Errorf("VerifyFile: %v", err)
	}
	c, err := audit.Read(path, store.Page{First: store.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	return c.Items
}

func TestAuditRecordsPersonReads(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		query    string
		wantOp   string
		subjects string
	}{
		{name: "people connection", query: `{ people { edges { node { id name groups roles } } } }`, wantOp: "query people", subjects: "bn,zq"},
		{name: "names only", query: `{ people { edges { node { name } } } }`, wantOp: "query people", subjects: "bn,zq"},
		{name: "node interface and person", query: `{ node(id: "zq") { ... on Person { name } } person(id: "bn") { groups } }`, wantOp: "query node,person", subjects: "bn,zq"},
		{name: "nested under place", query: `{ places { edges { node { id } } } p: person(id: "zq") { place { id } } }`, wantOp: "query places,person", subjects: "zq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, path := auditEnv(t, auth.Principal{KeyID: "ana", Role: auth.RoleAdmin})
			var resp map[string]any
			e.do(t, tt.query, &resp)
			recs := auditRecords(t, path)
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1: %+v", len(recs), recs)
			}
			r := recs[0]
			if got := strings.Join(r.Subjects, ","); got != hashed(t, path, tt.subjects) {
				t.Errorf("subjects = %q, want the keyed hashes of %q", got, tt.subjects)
			}
			if r.Operation != tt.wantOp || r.KeyID != "ana" || r.Role != "admin" || r.Failed {
				t.Errorf("record = %+v, want operation %q by ana (admin)", r, tt.wantOp)
			}
			if r.Time.IsZero() || r.Time.Location().String() != "UTC" {
				t.Errorf("time = %v, want a UTC time", r.Time)
			}
		})
	}
}

// TestAuditRecordsEveryPersonLevelAnswer checks the answers that carry
// person-level data without a Person object in them: exports, the
// members of communities, a path to power (even when only its length is
// asked), cursors, relationships and participations without a person's
// field, and an import.
func TestAuditRecordsEveryPersonLevelAnswer(t *testing.T) {
	t.Parallel()
	gml := `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="n" for="node" attr.name="name" attr.type="string"/>` +
		`<graph edgedefault="undirected"><node id="nq"><data key="n">New Q</data></node></graph></graphml>`
	tests := []struct {
		name, query, wantOp, subjects string
	}{
		{"exportNetwork", `{ exportNetwork(format: GRAPHML) }`, "query exportNetwork", "bn,zq"},
		{"exportNetworkCSV", `{ exportNetworkCSV { edges } }`, "query exportNetworkCSV", "bn,zq"},
		{"community members", `{ communities { communities { members { ... on Person { name } } } } }`, "query communities", "bn,zq"},
		{"pathToPower length only", `{ pathToPower(personId: "zq") { __typename } }`, "query pathToPower", "zq"},
		{"pathToPower", `{ pathToPower(personId: "zq") { id } }`, "query pathToPower", "bn,zq"},
		{"people cursors", `{ people { edges { cursor } } }`, "query people", "bn,zq"},
		{"people endCursor", `{ people(first: 1) { pageInfo { endCursor } } }`, "query people", "bn"},
		{"relationships without person fields", `{ relationships { edges { node { kind since } } } }`, "query relationships", "bn,zq"},
		{"a person's relationship count", `{ relationships(actorId: "zq") { totalCount } }`, "query relationships", "zq"},
		{"participations of a forum", `{ forum(id: "board") { participations { edges { node { level } } } } }`, "query forum", "bn"},
		{"import", `mutation($d: String!) { importNetwork(format: GRAPHML, data: $d, placeId: "ward") { people } }`, "mutation importNetwork", "nq"},
		{"disconnect", `mutation { disconnect(id: "r-zq-bn") }`, "mutation disconnect", "bn,zq"},
		{"layout node ids", `{ networkLayout { nodes { id x y } } }`, "query networkLayout", "bn,zq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, path := auditEnv(t, auth.Principal{KeyID: "ana", Role: auth.RoleAdmin})
			var resp map[string]any
			e.do(t, tt.query, &resp, client.Var("d", gml))
			recs := auditRecords(t, path)
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1: %+v", len(recs), recs)
			}
			if r := recs[0]; r.Operation != tt.wantOp || strings.Join(r.Subjects, ",") != hashed(t, path, tt.subjects) || r.Failed {
				t.Errorf("record = %+v, want %s of the keyed hashes of %s", r, tt.wantOp, tt.subjects)
			}
		})
	}
}

func TestAuditSkipsOperationsWithoutPeople(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, query string }{
		{name: "places", query: `{ places { edges { node { id name } } } }`},
		{name: "no person matches", query: `{ people(group: "nobody") { totalCount edges { node { name } } } }`},
		{name: "place mutation", query: `mutation { upsertPlace(input: {id: "w2", name: "Ward 2"}) { id } }`},
		{name: "counts only", query: `{ people { totalCount } relationships { totalCount pageInfo { hasNextPage } } networkSummary { actors } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, path := auditEnv(t, auth.LocalAdmin)
			var resp map[string]any
			e.do(t, tt.query, &resp)
			if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
				t.Errorf("audit log after %s: %v, %v; want empty", tt.name, fi.Size(), err)
			}
		})
	}
}

func TestAuditRecordsMutationArguments(t *testing.T) {
	t.Parallel()
	e, path := auditEnv(t, auth.LocalAdmin)
	var resp map[string]any
	e.do(t, `mutation { upsertPerson(input: {id: "new", name: "Zephyrine Quillfeather", placeId: "ward", groups: ["secret-group-marker"]}) { id } }`, &resp)
	e.do(t, `mutation($id: ID!) { forgetPerson(id: $id) { id } }`, &resp, client.Var("id", "bn"))
	e.fail(t, `mutation { forgetPerson(id: "ghost") { id } }`)
	recs := auditRecords(t, path)
	want := []struct {
		op, subjects string
		failed       bool
	}{
		{"mutation upsertPerson", "new", false},
		{"mutation forgetPerson", "bn", false},
		{"mutation forgetPerson", "ghost", true},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		r := recs[i]
		if r.Operation != w.op || strings.Join(r.Subjects, ",") != hashed(t, path, w.subjects) || r.Failed != w.failed || r.KeyID != auth.LocalAdminID {
			t.Errorf("record %d = %+v, want %s of %s (failed %v) by %s", i+1, r, w.op, w.subjects, w.failed, auth.LocalAdminID)
		}
	}
}

func TestAuditConcurrentRequests(t *testing.T) {
	t.Parallel()
	e, path := auditEnv(t, auth.LocalAdmin)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				var resp map[string]any
				if err := e.client.Post(`{ people { edges { node { id name } } } }`, &resp); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	recs := auditRecords(t, path)
	if len(recs) != workers*each {
		t.Fatalf("%d records, want %d", len(recs), workers*each)
	}
	for i, r := range recs {
		if r.Seq != i+1 || strings.Join(r.Subjects, ",") != hashed(t, path, "bn,zq") {
			t.Errorf("record %d = %+v, want seq %d with subjects bn,zq", i+1, r, i+1)
		}
	}
}

func TestAuditLogQuery(t *testing.T) {
	t.Parallel()
	t.Run("admin", func(t *testing.T) {
		e, path := auditEnv(t, auth.LocalAdmin)
		var people map[string]any
		e.do(t, `{ people { edges { node { id } } } }`, &people)
		e.do(t, `{ person(id: "zq") { id } }`, &people)
		var resp struct {
			AuditLog struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Seq       int
						KeyID     string
						Role      string
						Operation string
						Subjects  []string
						PrevHash  string
					}
				}
				PageInfo struct{ HasNextPage bool }
			}
		}
		e.do(t, `{ auditLog(first: 1) { totalCount edges { node { seq keyId role operation subjects prevHash } } pageInfo { hasNextPage } } }`, &resp)
		l := resp.AuditLog
		if l.TotalCount != 2 || len(l.Edges) != 1 || !l.PageInfo.HasNextPage {
			t.Fatalf("auditLog(first: 1) = %+v, want 1 of 2 records", l)
		}
		n := l.Edges[0].Node
		if n.Seq != 1 || n.Operation != "query people" || strings.Join(n.Subjects, ",") != hashed(t, path, "bn,zq") || n.PrevHash != audit.Genesis || n.KeyID != auth.LocalAdminID {
			t.Errorf("first record = %+v", n)
		}
	})
	for _, role := range []auth.Role{auth.RoleEditor, auth.RoleAnalyst, auth.RoleFunder} {
		t.Run(string(role), func(t *testing.T) {
			e, _ := auditEnv(t, auth.Principal{KeyID: "k", Role: role})
			errs := e.fail(t, `{ auditLog { totalCount edges { node { subjects } } } }`)
			if code(errs) != "FORBIDDEN" {
				t.Errorf("auditLog as %s: code %q, want FORBIDDEN", role, code(errs))
			}
		})
	}
	t.Run("no log", func(t *testing.T) {
		e := newEnv(t, resolvers.Options{})
		if errs := e.fail(t, `{ auditLog { totalCount } }`); code(errs) != "UNAVAILABLE" {
			t.Errorf("auditLog without a log: code %q, want UNAVAILABLE", code(errs))
		}
	})
}
