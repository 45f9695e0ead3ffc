package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/store/neo4jstore"
	"github.com/voicemap/voicemap/store/neo4jstore/neo4jtest"
)

// TestTwoReplicas runs two real servers (run, on loopback ports) over one
// Neo4j database (NEO4J_TEST_URI; NornicDB in CI), as two API replicas
// behind a load balancer: a write acknowledged by A is in B's centrality,
// unheard voices and audit log at B's next request, although B had those
// analyses cached; 2×100 writes through both at once all land; and the
// one audit trail both append to verifies.
func TestTwoReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("two servers over a Neo4j test server")
	}
	cfg := neo4jtest.Config(t)
	neo4jtest.Lock(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := neo4jtest.Wipe(ctx, cfg); err != nil {
		t.Fatalf("wipe the Neo4j test database: %v", err)
	}
	shared := t.TempDir() // the audit key file both replicas are given
	vars := map[string]string{
		"NEO4J_URI": cfg.URI, "NEO4J_USER": cfg.User, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database,
		"VOICEMAP_AUDIT_KEY_FILE": filepath.Join(shared, "audit.key"),
	}
	replica := func() *server {
		own := t.TempDir()
		// A long request deadline: on NornicDB, which detects write
		// conflicts only at commit, concurrent writes (which all set the
		// global version) fail and are tried again by the driver, with a
		// growing pause (neo4jstore_test.go, differences 17 and 18); on
		// Neo4j they wait for the version's write lock instead.
		return startRun(t, []string{"-addr", "127.0.0.1:0", "-log-level", "error", "-request-timeout", "3m",
			"-audit-log", filepath.Join(own, "audit.log")}, vars)
	}
	a := replica()
	b := replica()

	a.graphql(t, `mutation {
		town: upsertPlace(input: {id: "town", name: "Town"}) { id }
		ward: upsertPlace(input: {id: "ward", name: "Ward", parentId: "town"}) { id }
	}`)
	for i := 1; i <= 4; i++ {
		a.graphql(t, fmt.Sprintf(`mutation { upsertPerson(input: {id: "p%d", name: "P%d", placeId: "ward"}) { id } }`, i, i))
	}
	a.graphql(t, `mutation {
		r12: connect(input: {id: "r12", fromId: "p1", toId: "p2", kind: KNOWS}) { id }
		r23: connect(input: {id: "r23", fromId: "p2", toId: "p3", kind: KNOWS}) { id }
	}`)

	// B computes, and caches, its analyses of the ward.
	const centrality = `{ centrality(placeId: "ward", measure: DEGREE, first: 50) { actor { id } score } }`
	const voices = `{ unheardVoices(placeId: "ward", first: 500) { person { id } reasons } }`
	degrees := func(s *server) map[string]float64 {
		t.Helper()
		out := map[string]float64{}
		for _, x := range s.graphql(t, centrality)["centrality"].([]any) {
			m := x.(map[string]any)
			out[m["actor"].(map[string]any)["id"].(string)] = m["score"].(float64)
		}
		return out
	}
	isolated := func(s *server) []string {
		t.Helper()
		var out []string
		for _, x := range s.graphql(t, voices)["unheardVoices"].([]any) {
			m := x.(map[string]any)
			if slices.Contains(m["reasons"].([]any), any("ISOLATED")) {
				out = append(out, m["person"].(map[string]any)["id"].(string))
			}
		}
		slices.Sort(out)
		return out
	}
	for range 2 {
		if d := degrees(b); d["p4"] != 0 || d["p2"] <= d["p3"] {
			t.Fatalf("B's degree centrality before = %v, want p4 at 0 and p2 above p3", d)
		}
		if got := isolated(b); !slices.Equal(got, []string{"p4"}) {
			t.Fatalf("B's isolated unheard voices before = %v, want [p4]", got)
		}
	}

	// A write through A; B's very next requests see it.
	a.graphql(t, `mutation { connect(input: {id: "r34", fromId: "p3", toId: "p4", kind: KNOWS}) { id } }`)
	a.graphql(t, `mutation { upsertPerson(input: {id: "p5", name: "P5", placeId: "ward"}) { id } }`)
	if d := degrees(b); d["p4"] == 0 || d["p3"] != d["p2"] {
		t.Errorf("B's degree centrality after A's connect = %v, want p4 above 0 and p3 level with p2", d)
	}
	if got := isolated(b); !slices.Equal(got, []string{"p5"}) {
		t.Errorf("B's isolated unheard voices after A's writes = %v, want [p5] (p4 connected, p5 new)", got)
	}
	const lastRecords = `{ auditLog(first: 500) { totalCount edges { node { seq operation } } } }`
	auditOps := func(s *server) (int, []string) {
		t.Helper()
		log := s.graphql(t, lastRecords)["auditLog"].(map[string]any)
		var ops []string
		for _, e := range log["edges"].([]any) {
			ops = append(ops, e.(map[string]any)["node"].(map[string]any)["operation"].(string))
		}
		return int(log["totalCount"].(float64)), ops
	}
	na, opsA := auditOps(a)
	nb, opsB := auditOps(b)
	if nb < na || !slices.Equal(opsB[:na], opsA) {
		t.Errorf("B's audit log (%d records) does not continue A's (%d):\nA %v\nB %v", nb, na, opsA, opsB)
	}
	if !slices.Contains(opsB, "mutation upsertPerson") || !slices.Contains(opsB, "query centrality") {
		t.Errorf("B's audit log %v lacks A's upsertPerson or its own centrality", opsB)
	}

	// 2×100 writes through both replicas at once.
	const each = 100
	started := time.Now()
	var wg sync.WaitGroup
	for r, s := range []*server{a, b} {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("c-%d-%d", r, i)
				if _, err := s.try(fmt.Sprintf(`mutation { upsertPerson(input: {id: "%s", name: "%s", placeId: "ward"}) { id } }`, id, id)); err != nil {
					t.Errorf("upsertPerson(%s) through replica %d: %v", id, r, err)
					return
				}
			}
		})
	}
	wg.Wait()
	writes := time.Since(started)
	for name, s := range map[string]*server{"A": a, "B": b} {
		people := s.graphql(t, `{ people(placeId: "ward") { totalCount } }`)["people"].(map[string]any)
		if n := int(people["totalCount"].(float64)); n != 5+2*each {
			t.Errorf("%s counts %d people after 2×%d concurrent writes, want %d", name, n, each, 5+2*each)
		}
		if got := len(isolated(s)); got != 1+2*each {
			t.Errorf("%s lists %d isolated unheard voices after the writes, want %d", name, got, 1+2*each)
		}
	}

	if t.Failed() {
		t.Logf("replica A's log:\n%s\nreplica B's log:\n%s", a.stderr, b.stderr)
	}

	// The one trail both appended to: every record there, the chain whole.
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := audit.VerifyLines(ctx, st.AuditLines())
	if err != nil {
		t.Fatalf("the audit chain the replicas appended to: %v", err)
	}
	found, err := audit.FindLines(ctx, st.AuditLines(), mustKey(t, vars["VOICEMAP_AUDIT_KEY_FILE"]), "c-0-0", "c-1-99")
	if err != nil || len(found) < 2 {
		t.Errorf("FindLines(a write through A, one through B) = %d records, %v; want both", len(found), err)
	}
	if total, _ := auditOps(b); total != n || n < na+2*each {
		t.Errorf("B's auditLog totalCount %d, the chain %d records; want equal and at least %d", total, n, na+2*each)
	}
	t.Logf("2×%d writes through both replicas at once in %v; audit chain of %d records verified", each, writes.Round(time.Millisecond), n)
}

func mustKey(t *testing.T, path string) audit.Key {
	t.Helper()
	k, err := audit.LoadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
