package interchange_test

import (
	"bytes"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/exports")

func exportDay(s string) *time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// tinySnapshot is a five-actor network touching every exported field: a
// person without groups, an open-ended tie, a tie with both dates, two
// ties joining the same pair, and a name that needs escaping.
func tinySnapshot() *store.Snapshot {
	return &store.Snapshot{
		Scope:  store.Scope{PlaceID: "town", AsOf: exportDay("2024-06-30")},
		Places: []store.Place{{ID: "north", Name: "Northgate", ParentID: "town"}, {ID: "town", Name: "Millbrook"}},
		People: []store.Person{
			{ID: "p-ana", Name: "Ana <\"Nan\"> & Co", PlaceID: "town", Groups: []string{"parent", "young person"}, Roles: []string{"chair"}, LivedExperience: []string{"care experienced"}, Capacity: store.CapacityCommunity, Consent: store.ConsentGiven},
			{ID: "p-bo", Name: "Bo Ødegård", PlaceID: "town", Capacity: store.CapacityProfessional, Consent: store.ConsentUnknown},
			{ID: "p-cy", Name: "Cy", PlaceID: "north", Groups: []string{"carer"}, Capacity: store.CapacityCommunity, Consent: store.ConsentWithdrawn},
		},
		Organisations: []store.Organisation{
			{ID: "o-fund", Name: "Millbrook Trust", Kind: store.OrgFunder, PlaceID: "town"},
			{ID: "o-hub", Name: "Family Hub", Kind: store.OrgVoluntary, PlaceID: "north"},
		},
		Relationships: []store.Relationship{
			{ID: "r1", FromID: "p-ana", ToID: "p-bo", Kind: store.RelKnows, Weight: 1},
			{ID: "r2", FromID: "p-bo", ToID: "o-hub", Kind: store.RelEmployedBy, Weight: 2.5, Since: exportDay("2020-01-15")},
			{ID: "r3", FromID: "o-fund", ToID: "o-hub", Kind: store.RelFunds, Weight: 0.125, Since: exportDay("2021-04-01"), Until: exportDay("2025-03-31")},
			{ID: "r4", FromID: "p-cy", ToID: "o-hub", Kind: store.RelMemberOf, Weight: 1, Until: exportDay("2024-12-31")},
			{ID: "r5", FromID: "o-hub", ToID: "p-cy", Kind: store.RelAdvises, Weight: 3},
		},
	}
}

// tinyMeasures holds one measure of each type, with an actor left out of
// pagerank to check that a missing value stays missing.
func tinyMeasures() interchange.Measures {
	return interchange.Measures{
		Float: map[string]map[string]float64{
			"betweenness": {"p-ana": 0, "p-bo": 0.5, "p-cy": 0, "o-fund": 0, "o-hub": 2.0 / 3},
			"pagerank":    {"p-ana": 0.1, "p-bo": 0.2, "p-cy": 1e-7, "o-hub": 0.35},
		},
		Int:  map[string]map[string]int64{"coreness": {"p-ana": 1, "p-bo": 1, "p-cy": 2, "o-fund": 1, "o-hub": 2}},
		Bool: map[string]map[string]bool{"gatekeeper": {"p-ana": false, "p-bo": true, "p-cy": false, "o-fund": false, "o-hub": true}},
	}
}

// demoSnapshot builds the snapshot a store would hold of the whole demo
// network: every entity in normal form, every slice sorted by id.
func demoSnapshot(tb testing.TB) *store.Snapshot {
	tb.Helper()
	b := demo.Network()
	s := &store.Snapshot{}
	for _, p := range b.People {
		p, err := store.NormalizePerson(p)
		if err != nil {
			tb.Fatal(err)
		}
		s.People = append(s.People, p)
	}
	for _, o := range b.Organisations {
		o, err := store.NormalizeOrganisation(o)
		if err != nil {
			tb.Fatal(err)
		}
		s.Organisations = append(s.Organisations, o)
	}
	for _, r := range b.Relationships {
		r, err := store.NormalizeRelationship(r)
		if err != nil {
			tb.Fatal(err)
		}
		s.Relationships = append(s.Relationships, r)
	}
	s.Places = b.Places
	slices.SortFunc(s.People, func(a, b store.Person) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Organisations, func(a, b store.Organisation) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Relationships, func(a, b store.Relationship) int { return cmp.Compare(a.ID, b.ID) })
	return s
}

// demoMeasures gives every demo actor its degree (an int), its share of
// the relationships (a float) and whether it has more than five ties.
func demoMeasures(s *store.Snapshot) interchange.Measures {
	deg := map[string]int64{}
	for _, p := range s.People {
		deg[p.ID] = 0
	}
	for _, o := range s.Organisations {
		deg[o.ID] = 0
	}
	for _, r := range s.Relationships {
		deg[r.FromID]++
		deg[r.ToID]++
	}
	m := interchange.Measures{
		Float: map[string]map[string]float64{"share": {}},
		Int:   map[string]map[string]int64{"degree": deg},
		Bool:  map[string]map[string]bool{"hub": {}},
	}
	for id, d := range deg {
		m.Float["share"][id] = float64(d) / float64(2*len(s.Relationships))
		m.Bool["hub"][id] = d > 5
	}
	return m
}

// exports holds the four files of one network.
type exports struct {
	graphml, gexf, nodes, edges []byte
}

func encodeAll(tb testing.TB, s *store.Snapshot, m interchange.Measures) exports {
	tb.Helper()
	var g, x, n, e bytes.Buffer
	if err := interchange.EncodeGraphML(&g, s, m); err != nil {
		tb.Fatalf("EncodeGraphML: %v", err)
	}
	if err := interchange.EncodeGEXF(&x, s, m); err != nil {
		tb.Fatalf("EncodeGEXF: %v", err)
	}
	if err := interchange.EncodeCSV(&n, &e, s, m); err != nil {
		tb.Fatalf("EncodeCSV: %v", err)
	}
	return exports{g.Bytes(), x.Bytes(), n.Bytes(), e.Bytes()}
}

// TestExportGolden compares the exports of the tiny network with the
// files under testdata/exports; go test -run TestExportGolden -update
// rewrites them.
func TestExportGolden(t *testing.T) {
	got := encodeAll(t, tinySnapshot(), tinyMeasures())
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"tiny.graphml", got.graphml},
		{"tiny.gexf", got.gexf},
		{"tiny_nodes.csv", got.nodes},
		{"tiny_edges.csv", got.edges},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join("testdata", "exports", tt.name)
			if *updateGolden {
				if err := os.WriteFile(path, tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(tt.data, want) {
				t.Errorf("export differs from %s (run with -update if the change is intended):\n%s", path, tt.data)
			}
		})
	}
}

// TestExportDeterministic checks that the bytes depend on the network only:
// not on the order of the snapshot's slices nor on map iteration.
func TestExportDeterministic(t *testing.T) {
	t.Parallel()
	want := encodeAll(t, tinySnapshot(), tinyMeasures())
	for i := range 5 {
		s := tinySnapshot()
		slices.Reverse(s.People)
		slices.Reverse(s.Organisations)
		slices.Reverse(s.Relationships)
		got := encodeAll(t, s, tinyMeasures())
		if !bytes.Equal(got.graphml, want.graphml) || !bytes.Equal(got.gexf, want.gexf) ||
			!bytes.Equal(got.nodes, want.nodes) || !bytes.Equal(got.edges, want.edges) {
			t.Fatalf("run %d: exports of the same network differ", i)
		}
	}
}

// TestExportInvalid checks that what cannot be exported is refused with
// EINVALID and nothing is written.
func TestExportInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    func() *store.Snapshot
		m    interchange.Measures
		want string
	}{
		{"nil snapshot", func() *store.Snapshot { return nil }, interchange.Measures{}, "no snapshot"},
		{"reserved measure name", tinySnapshot, interchange.Measures{Float: map[string]map[string]float64{"Weight": {"p-ana": 1}}}, "attribute the export writes itself"},
		{"measure name with a space", tinySnapshot, interchange.Measures{Int: map[string]map[string]int64{"core number": {}}}, "ASCII letters"},
		{"measure name starting with a digit", tinySnapshot, interchange.Measures{Int: map[string]map[string]int64{"2core": {}}}, "ASCII letters"},
		{"empty measure name", tinySnapshot, interchange.Measures{Bool: map[string]map[string]bool{"": {}}}, "1 to 64"},
		{"measure given twice", tinySnapshot, interchange.Measures{
			Float: map[string]map[string]float64{"rank": {}},
			Int:   map[string]map[string]int64{"rank": {}},
		}, "two types"},
		{"unknown actor", tinySnapshot, interchange.Measures{Float: map[string]map[string]float64{"pagerank": {"p-zed": 0.1}}}, `"p-zed", not an actor`},
		{"first unknown actor by id", tinySnapshot, interchange.Measures{Float: map[string]map[string]float64{"pagerank": {"p-zed": 1, "p-ana": 1, "p-yak": 1, "p-xi": 1}}}, `"p-xi", not an actor`},
		{"first non-finite value by actor id", tinySnapshot, interchange.Measures{Float: map[string]map[string]float64{"pagerank": {"p-cy": math.Inf(1), "p-bo": math.NaN(), "p-ana": 1}}}, `actor "p-bo" is NaN`},
		{"first bad name in order", tinySnapshot, interchange.Measures{Float: map[string]map[string]float64{"label": {}, "Weight": {}, "zz z": {}}}, `"Weight" is an attribute`},
		{"NaN", tinySnapshot, interchange.Measures{Float: map[string]map[string]float64{"pagerank": {"p-ana": math.NaN()}}}, "not a finite number"},
		{"int beyond 32 bits", tinySnapshot, interchange.Measures{Int: map[string]map[string]int64{"community": {"p-ana": 1 << 31}}}, "32-bit"},
		{"dangling relationship", func() *store.Snapshot {
			s := tinySnapshot()
			s.Relationships[0].ToID = "p-zed"
			return s
		}, interchange.Measures{}, `ends at "p-zed"`},
		{"duplicate actor", func() *store.Snapshot {
			s := tinySnapshot()
			s.Organisations[0].ID = "p-ana"
			return s
		}, interchange.Measures{}, "appears twice"},
		{"relationship id of an actor", func() *store.Snapshot {
			s := tinySnapshot()
			s.Relationships[0].ID = "p-cy"
			return s
		}, interchange.Measures{}, "used twice"},
		{"control character in an id", func() *store.Snapshot {
			s := tinySnapshot()
			s.People[0].ID = "p\x01"
			return s
		}, interchange.Measures{}, "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			encoders := map[string]func(w *bytes.Buffer) error{
				"GraphML": func(w *bytes.Buffer) error { return interchange.EncodeGraphML(w, tt.s(), tt.m) },
				"GEXF":    func(w *bytes.Buffer) error { return interchange.EncodeGEXF(w, tt.s(), tt.m) },
				"CSV":     func(w *bytes.Buffer) error { return interchange.EncodeCSV(w, w, tt.s(), tt.m) },
			}
			for _, format := range []string{"GraphML", "GEXF", "CSV"} {
				var buf bytes.Buffer
				err := encoders[format](&buf)
				if store.ErrorCode(err) != store.EINVALID || !strings.Contains(store.ErrorMessage(err), tt.want) {
					t.Errorf("Encode%s error = %v, want EINVALID containing %q", format, err, tt.want)
				}
				if buf.Len() != 0 {
					t.Errorf("Encode%s wrote %d bytes before refusing, want none", format, buf.Len())
				}
			}
		})
	}
}

// failingWriter accepts n bytes, then fails.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errDiskFull
	}
	f.n -= len(p)
	return len(p), nil
}

// TestExportWriteError checks that a failing writer's error comes back
// wrapped, and is not mistaken for invalid input.
func TestExportWriteError(t *testing.T) {
	t.Parallel()
	s, m := demoSnapshot(t), interchange.Measures{}
	for _, limit := range []int{0, 10, 5000} {
		var ok bytes.Buffer
		checks := map[string]error{
			"GraphML":   interchange.EncodeGraphML(&failingWriter{n: limit}, s, m),
			"GEXF":      interchange.EncodeGEXF(&failingWriter{n: limit}, s, m),
			"CSV nodes": interchange.EncodeCSV(&failingWriter{n: limit}, &ok, s, m),
			"CSV edges": interchange.EncodeCSV(&ok, &failingWriter{n: limit}, s, m),
		}
		for name, err := range checks {
			if !errors.Is(err, errDiskFull) || store.ErrorCode(err) != store.EINTERNAL {
				t.Errorf("%s after %d bytes: error = %v, want one wrapping %v", name, limit, err, errDiskFull)
			}
		}
	}
}

// largeSnapshot is a generated network of n people and 5n relationships,
// each person with one group, for the benchmarks.
func largeSnapshot(n int) (*store.Snapshot, interchange.Measures) {
	s := &store.Snapshot{}
	m := interchange.Measures{Float: map[string]map[string]float64{"betweenness": {}}, Int: map[string]map[string]int64{"coreness": {}}}
	id := func(i int) string { return fmt.Sprintf("p%07d", i) }
	for i := range n {
		s.People = append(s.People, store.Person{ID: id(i), Name: fmt.Sprintf("Person %d", i), PlaceID: "town", Groups: []string{"parent"}, Capacity: store.CapacityCommunity})
		m.Float["betweenness"][id(i)] = float64(i) / float64(n)
		m.Int["coreness"][id(i)] = int64(i % 7)
	}
	for k := range 5 * n {
		u, v := k%n, (k*7919+1)%n
		if u == v {
			v = (v + 1) % n
		}
		s.Relationships = append(s.Relationships, store.Relationship{ID: fmt.Sprintf("r%08d", k), FromID: id(u), ToID: id(v), Kind: store.RelKnows, Weight: 1, Since: exportDay("2020-01-01")})
	}
	return s, m
}

// BenchmarkEncodeGraphML times the GraphML export of 10,000 actors and
// 50,000 relationships.
func BenchmarkEncodeGraphML(b *testing.B) {
	s, m := largeSnapshot(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := interchange.EncodeGraphML(io.Discard, s, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeGEXF times the GEXF export of the same network.
func BenchmarkEncodeGEXF(b *testing.B) {
	s, m := largeSnapshot(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := interchange.EncodeGEXF(io.Discard, s, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeCSV times the CSV export of the same network.
func BenchmarkEncodeCSV(b *testing.B) {
	s, m := largeSnapshot(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := interchange.EncodeCSV(io.Discard, io.Discard, s, m); err != nil {
			b.Fatal(err)
		}
	}
}
