package cli

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// counts returns the numbers of places, people, organisations,
// relationships and grants in the store at path.
func counts(t *testing.T, path string) [5]int {
	t.Helper()
	var out [5]int
	withStore(t, path, func(st store.Store, _ *service.Service) {
		ctx, page := context.Background(), store.Page{First: 1}
		places, err := st.Places(ctx, store.PlaceFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		people, err := st.People(ctx, store.PeopleFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		orgs, err := st.Organisations(ctx, store.OrganisationFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		rels, err := st.Relationships(ctx, store.RelationshipFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		grants, err := st.Grants(ctx, store.GrantFilter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		out = [5]int{places.TotalCount, people.TotalCount, orgs.TotalCount, rels.TotalCount, grants.TotalCount}
	})
	return out
}

func TestCLIImportGiving(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	r := mustRunCLI(t, path, nil, "import", testdata("testdata", "millbrook.json"))
	if want := "imported places: 2 (2 created, 0 updated)\nimported people: 3 (3 created, 0 updated)\nimported organisations: 1 (1 created, 0 updated)\nimported relationships: 3 (3 created, 0 updated)\nimported forums: 1 (1 created, 0 updated)\nimported participations: 2 (2 created, 0 updated)\n"; r.stdout != want {
		t.Errorf("import millbrook.json printed %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "importing as json") {
		t.Errorf("import millbrook.json stderr %q, want the detected format", r.stderr)
	}

	// The real 360Giving JSON package creates its funders and recipients at -place.
	r = mustRunCLI(t, path, nil, "import", "-place", "millbrook", testdata("giving", "testdata", "covid19_tracker_grants.json"))
	// Its locations ("UK", "UK Whole", Lambeth E09000022) match nothing
	// stored: nothing is created, each is listed with its grants, money
	// and what would match it.
	if want := "imported grants: 12 (12 created, 0 updated)\nimported organisations: 14 (14 created, 0 renamed)\ntotal: GBP 4558500.00\n" +
		"beneficiary locations matched: none\ngrants naming no beneficiary location: 0 (none)\nunmatched beneficiary locations: 3\n" +
		"  \"UK\": 10 grants, GBP 4539000.00 (\"UK\" is United Kingdom (K02000001), not loaded (voicemap places load-uk -area K02000001))\n" +
		"  \"UK Whole\": 1 grant, GBP 10000.00 (\"UK Whole\" is United Kingdom (K02000001), not loaded (voicemap places load-uk -area K02000001))\n" +
		"  \"Lambeth (E09000022)\": 1 grant, GBP 9500.00 (Lambeth (E09000022) is not loaded (voicemap places load-uk -area E09000022))\n"; r.stdout != want {
		t.Errorf("import covid19_tracker_grants.json printed %q, want %q", r.stdout, want)
	}
	for _, want := range []string{"importing as 360giving-json", "reading: 100% (12 grants)\n", "write: 100% (14 of 14)\n", "grants: 100% (12 of 12)\n", "commit: 100%\n"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("import covid19_tracker_grants.json stderr %q, want %q", r.stderr, want)
		}
	}
	got := counts(t, path)
	if want := [5]int{2, 3, 1 + 14, 3, 12}; got != want {
		t.Errorf("after the JSON package: places, people, organisations, relationships, grants = %v, want %v", got, want)
	}

	// The same records in the flat CSV form, read from stdin, update the
	// same grants and organisations.
	csv, err := os.Open(testdata("giving", "testdata", "covid19_tracker_grants.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer csv.Close()
	r = mustRunCLI(t, path, csv, "import", "-place", "millbrook", "-")
	if want := "imported grants: 12 (0 created, 12 updated)\nimported organisations: 0 (0 created, 0 renamed)\n"; !strings.HasPrefix(r.stdout, want) {
		t.Errorf("import covid19_tracker_grants.csv from stdin printed %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "-: importing as 360giving-csv") {
		t.Errorf("import - stderr %q, want the detected format", r.stderr)
	}
	if got2 := counts(t, path); got2 != got {
		t.Errorf("after the CSV form: counts = %v, want %v unchanged", got2, got)
	}
}

func TestCLIImportRefused(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	mustRunCLI(t, path, nil, "import", testdata("testdata", "millbrook.json"))
	before := counts(t, path)
	export := func() store.Batch {
		t.Helper()
		r := mustRunCLI(t, path, nil, "export", "-format", "graphml")
		b, err := interchange.Parse(interchange.GraphML, []byte(r.stdout), "")
		if err != nil {
			t.Fatalf("parse the export: %v", err)
		}
		return b
	}
	exported := export()

	tests := []struct {
		name    string
		args    []string
		message string
		details []string
	}{
		{
			name:    "360Giving CSV with day-first dates",
			args:    []string{"import", "-place", "millbrook", testdata("giving", "testdata", "indigo_trust_2015.csv")},
			message: "360Giving CSV file refused: 9 problems found, nothing imported",
			details: []string{`  line 2, Award Date: "26/03/2001 00:00" is not an ISO 8601 date`, `  line 12, Award Date: "28/08/2002 00:00"`},
		},
		{
			name:    "GraphML without places",
			args:    []string{"import", testdata("testdata", "florentine_networkx.graphml")},
			message: "GRAPHML document refused: 15 problems found, nothing imported",
			details: []string{`  node "Acciaiuoli" (line 2): no place`, `  node "Lamberteschi" (line 16): no place`},
		},
		{
			name:    "360Giving JSON creating organisations without a place",
			args:    []string{"import", testdata("giving", "testdata", "covid19_tracker_grants.json")},
			message: "the file creates 14 organisations",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, path, nil, tt.args...)
			if r.code != ExitError || !strings.Contains(r.stderr, "voicemap: import ") || !strings.Contains(r.stderr, tt.message) {
				t.Fatalf("voicemap %q exit %d, stderr:\n%s\nwant exit 1 and %q", tt.args, r.code, r.stderr, tt.message)
			}
			lines := strings.Split(r.stderr, "\n")
			for _, want := range tt.details {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, want)
				}
				if !found {
					t.Errorf("stderr has no line starting %q:\n%s", want, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("a refused import printed %q to stdout, want nothing", r.stdout)
			}
			if got := counts(t, path); got != before {
				t.Errorf("after a refused import: counts = %v, want %v (nothing written)", got, before)
			}
			after := export()
			if len(after.People) != len(exported.People) || len(after.Organisations) != len(exported.Organisations) || len(after.Relationships) != len(exported.Relationships) {
				t.Errorf("export after a refused import: %d people, %d organisations, %d relationships; want %d, %d, %d",
					len(after.People), len(after.Organisations), len(after.Relationships), len(exported.People), len(exported.Organisations), len(exported.Relationships))
			}
		})
	}
	// A refused import's details list at most interchange.MaxProblems
	// problems; the indigo file's 9 are each on a line of their own.
	r := runCLI(t, path, nil, tests[0].args...)
	if n := strings.Count(r.stderr, "\n  line "); n != 9 {
		t.Errorf("refused 360Giving CSV printed %d detail lines, want 9:\n%s", n, r.stderr)
	}
}

func TestCLIImportGraphML(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	mustRunCLI(t, path, nil, "import", testdata("testdata", "millbrook.json"))
	r := mustRunCLI(t, path, nil, "import", "-place", "millbrook-east", testdata("testdata", "florentine_networkx.graphml"))
	// Padgett's Florentine families as NetworkX's florentine_families_graph
	// writes them: 15 families, 20 marriages.
	if want := "imported places: 0 (0 created, 0 updated)\nimported people: 15 (15 created, 0 updated)\nimported organisations: 0 (0 created, 0 updated)\nimported relationships: 20 (20 created, 0 updated)\nimported forums: 0 (0 created, 0 updated)\nimported participations: 0 (0 created, 0 updated)\n"; r.stdout != want {
		t.Errorf("import florentine_networkx.graphml printed %q, want %q", r.stdout, want)
	}
	// The same file again: every element replaces itself.
	r = mustRunCLI(t, path, nil, "import", "-place", "millbrook-east", testdata("testdata", "florentine_networkx.graphml"))
	if want := "imported places: 0 (0 created, 0 updated)\nimported people: 15 (0 created, 15 updated)\nimported organisations: 0 (0 created, 0 updated)\nimported relationships: 20 (0 created, 20 updated)\nimported forums: 0 (0 created, 0 updated)\nimported participations: 0 (0 created, 0 updated)\n"; r.stdout != want {
		t.Errorf("import florentine_networkx.graphml again printed %q, want %q", r.stdout, want)
	}
	for _, want := range []string{"importing as graphml", "parse: 100% (1511 bytes of 1511 bytes)", "check: 100%", "write: 100% (35 of 35)", "commit: 100%"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("import stderr %q, want %q", r.stderr, want)
		}
	}
	// -format overrides detection: the same file as JSON is refused.
	r = runCLI(t, path, nil, "import", "-format", "json", testdata("testdata", "florentine_networkx.graphml"))
	if r.code != ExitError || !strings.Contains(r.stderr, "JSON document refused") {
		t.Errorf("import -format json of a GraphML file exit %d, stderr %q; want 1 and a refusal", r.code, r.stderr)
	}
}

func TestCLIImportPlacesAndKumu(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	r := mustRunCLI(t, path, nil, "import", testdata("testdata", "places_lambeth.csv"))
	if !strings.HasPrefix(r.stdout, "imported places: 4 (4 created, 0 updated)\n") || !strings.Contains(r.stderr, "importing as places-csv") {
		t.Errorf("import places_lambeth.csv printed %q, stderr %q; want 4 places detected as places-csv", r.stdout, r.stderr)
	}
	// The real 360Giving records' one coded beneficiary location, Lambeth
	// (E09000022), matches the place the place data created.
	r = mustRunCLI(t, path, nil, "import", "-place", "E09000022", testdata("giving", "testdata", "covid19_tracker_grants.json"))
	if want := "imported grants: 12 (12 created, 0 updated)\nimported organisations: 14 (14 created, 0 renamed)\ntotal: GBP 4558500.00\nbeneficiary locations matched: 1 by code\n"; !strings.HasPrefix(r.stdout, want) {
		t.Errorf("import covid19_tracker_grants.json after the place data printed %q, want %q", r.stdout, want)
	}

	// A boundary for Lambeth from GeoJSON on stdin, its code in LAD23CD.
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD23CD":"E09000022"},` +
		`"geometry":{"type":"Polygon","coordinates":[[[-0.15,51.42],[-0.08,51.42],[-0.1,51.51],[-0.15,51.42]]]}}]}`
	r = mustRunCLI(t, path, strings.NewReader(geo), "import", "-format", "geojson", "-")
	if want := "places given a boundary: 1\n"; r.stdout != want {
		t.Errorf("import geojson printed %q, want %q", r.stdout, want)
	}
	r = runCLI(t, path, strings.NewReader(geo), "import", "-format", "geojson", "-code-property", "LAD24CD", "-")
	if r.code != ExitError || !strings.Contains(r.stderr, `features[0]: no code in "LAD24CD"`) {
		t.Errorf("import geojson with a missing -code-property: exit %d, stderr %q", r.code, r.stderr)
	}

	// Kumu, the connections sheet from stdin.
	conns, err := os.Open(testdata("testdata", "kumu_connections.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer conns.Close()
	r = mustRunCLI(t, path, conns, "import", "-place", "E05000436", "-connections", "-", testdata("testdata", "kumu_elements.csv"))
	if want := "imported places: 0 (0 created, 0 updated)\nimported people: 3 (3 created, 0 updated)\nimported organisations: 6 (6 created, 0 updated)\nimported relationships: 11 (11 created, 0 updated)\nimported forums: 0 (0 created, 0 updated)\nimported participations: 0 (0 created, 0 updated)\n"; r.stdout != want {
		t.Errorf("import kumu printed %q, want %q", r.stdout, want)
	}
	before := counts(t, path)

	tests := []struct {
		name    string
		args    []string
		stdin   string
		details []string
	}{
		{
			name:    "places CSV",
			args:    []string{"import", "-format", "places-csv", "-"},
			stdin:   "Code,Name,Parent Code,Population\nE1,A,,lots\nE2,,E1,5\n",
			details: []string{`  line 2, Population: "lots" is not a whole number`, "  line 3, Name: a name is required"},
		},
		{
			name:    "Kumu connection to nobody",
			args:    []string{"import", "-place", "E05000436", "-format", "kumu", "-connections", "-", testdata("testdata", "kumu_elements.csv")},
			stdin:   "From,To,Type\nNobody,Lambeth Council,Works with\n",
			details: []string{`  connections line 2, From: "Nobody" is not the ID or Label of an element`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, path, strings.NewReader(tt.stdin), tt.args...)
			if r.code != ExitError || r.stdout != "" {
				t.Fatalf("voicemap %q exit %d, stdout %q; want 1 and nothing", tt.args, r.code, r.stdout)
			}
			for _, want := range tt.details {
				if !strings.Contains(r.stderr, "\n"+want+"\n") {
					t.Errorf("stderr has no line %q:\n%s", want, r.stderr)
				}
			}
			if got := counts(t, path); got != before {
				t.Errorf("after a refused import: counts = %v, want %v (nothing written)", got, before)
			}
		})
	}
}
