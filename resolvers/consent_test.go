package resolvers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/resolvers"
)

// consentQuery reads every kind of person-level output at once: direct
// reads and node(id), lists with nested ends, nested fields, analyses and
// an export.
const consentQuery = `{
	person(id: "ann") { id name }
	node(id: "ann") { id }
	relNode: node(id: "r1") { id }
	partNode: node(id: "p2") { id }
	people(first: 100) { totalCount edges { node { id name } } }
	relationships(first: 100) { totalCount edges { node { id from { id name } to { id name } } } }
	bob: person(id: "bob") { relationships { totalCount edges { node { id from { id } to { id } } } } }
	forum(id: "board") { participations { totalCount edges { node { id actor { id name } } } } }
	centrality(measure: DEGREE, first: 100) { actor { id name } score }
	communities { communities { size members { id name } } }
	unheardVoices(first: 100) { person { id name } }
	pathToPower(personId: "bob") { id name }
	networkSummary { actors relationships ties }
	exportNetwork(format: GRAPHML)
}`

// TestConsentWithdrawnGraphQL withdraws ann's consent through the API and
// checks that she, her relationships r1 and r4 and her participation p2
// vanish from every output of consentQuery, that pathToPower(ann) is
// NOT_FOUND like a missing id, and that consent given again brings back
// exactly the answer of before.
func TestConsentWithdrawnGraphQL(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	run := func() string {
		t.Helper()
		var resp map[string]any
		e.do(t, consentQuery, &resp)
		b, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	markers := []string{`"ann"`, `\"ann\"`, "Ann", `"r1"`, `"r4"`, `"p2"`}
	found := func(s string) []string {
		var out []string
		for _, m := range markers {
			if strings.Contains(s, m) {
				out = append(out, m)
			}
		}
		return out
	}

	before := run()
	if got := found(before); len(got) != len(markers) {
		t.Fatalf("with consent given the answer holds %v, want all of %v", got, markers)
	}

	var resp map[string]any
	e.do(t, `mutation { upsertPerson(input: {id: "ann", name: "Ann", placeId: "north", groups: ["parent"], consent: WITHDRAWN}) { id consent } }`, &resp)
	after := run()
	if got := found(after); len(got) > 0 {
		t.Errorf("with ann's consent withdrawn the answer still holds %v:\n%s", got, after)
	}
	var counts struct {
		People        struct{ TotalCount int }
		Relationships struct{ TotalCount int }
	}
	e.do(t, `{ people { totalCount } relationships { totalCount } }`, &counts)
	if counts.People.TotalCount != 2 || counts.Relationships.TotalCount != 2 {
		t.Errorf("totals with ann withdrawn = %d people, %d relationships; want 2 (bob, cat) and 2 (r2, r3)", counts.People.TotalCount, counts.Relationships.TotalCount)
	}
	if c := code(e.fail(t, `{ pathToPower(personId: "ann") { id } }`)); c != "NOT_FOUND" {
		t.Errorf("pathToPower(ann) withdrawn: code %q, want NOT_FOUND", c)
	}

	e.do(t, `mutation { upsertPerson(input: {id: "ann", name: "Ann", placeId: "north", groups: ["parent"], consent: GIVEN}) { id } }`, &resp)
	if restored := run(); restored != before {
		t.Errorf("with ann's consent given again the answer differs from before:\n got %s\nwant %s", restored, before)
	}
}
