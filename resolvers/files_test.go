package resolvers_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
)

// readTestdata reads a file of another package's testdata: real published
// 360Giving records (interchange/giving/testdata/README.md gives their
// sources) and sample Kumu and place-data files.
func readTestdata(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile("../" + path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const importGrants = `mutation($f: GivingFormat!, $d: String!, $p: ID) {
	importGrants(format: $f, data: $d, placeId: $p) { places organisations grants }
}`

type grantCounts struct{ Places, Organisations, Grants int }

func TestImportGrantsReal(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	covid := readTestdata(t, "interchange/giving/testdata/covid19_tracker_grants.csv")

	// Without placeId the file's new funders and recipients have nowhere to
	// be: refused, nothing written.
	before := counts(t, e)
	errs := e.fail(t, importGrants, client.Var("f", "CSV"), client.Var("d", covid))
	if code(errs) != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, "placeId") {
		t.Errorf("importGrants(no placeId) = %q %q, want BAD_USER_INPUT naming placeId", code(errs), errs[0].Message)
	}
	if got := counts(t, e); got != before {
		t.Errorf("after a refused import the store holds %+v, want unchanged %+v", got, before)
	}

	var resp struct{ ImportGrants grantCounts }
	e.do(t, importGrants, &resp, client.Var("f", "CSV"), client.Var("d", covid), client.Var("p", "town"))
	if n := resp.ImportGrants; n.Grants != 12 || n.Organisations == 0 {
		t.Errorf("importGrants(covid19 tracker CSV) = %+v, want 12 grants and their organisations", n)
	}
	var g struct {
		Grant struct {
			Title, AmountMinor, Currency, AwardedOn string
			Amount                                  float64
			Funder, Recipient                       struct{ ID, Name, Kind string }
		}
	}
	e.do(t, `{ grant(id: "360G-woodward:WCT2962") { title amount amountMinor currency awardedOn
		funder { id name kind } recipient { id name kind } } }`, &g)
	want := "Emergency match funding appeal for those affect by COVID-19 virus"
	if got := g.Grant; got.Title != want || got.Amount != 10000 || got.AmountMinor != "1000000" ||
		got.Currency != "GBP" || got.AwardedOn != "2020-03-17" ||
		got.Funder.ID != "GB-CHC-299963" || got.Funder.Kind != "VOLUNTARY" || got.Funder.Name != "Woodward Charitable Trust" ||
		got.Recipient.ID != "GB-CHC-1136547" || got.Recipient.Name != "Big Give Trust, The" {
		t.Errorf("grant 360G-woodward:WCT2962 = %+v", got)
	}

	// The same file again replaces its grants: nothing is duplicated.
	e.do(t, importGrants, &resp, client.Var("f", "CSV"), client.Var("d", covid), client.Var("p", "town"))
	afterTwice := counts(t, e)

	// A real file with day-first award dates ("26/03/2001 00:00", as the
	// Indigo Trust published them in 2015) is refused whole, row and field
	// named, and writes nothing.
	indigo := readTestdata(t, "interchange/giving/testdata/indigo_trust_2015.csv")
	errs = e.fail(t, importGrants, client.Var("f", "CSV"), client.Var("d", indigo), client.Var("p", "town"))
	if code(errs) != "BAD_USER_INPUT" {
		t.Errorf("importGrants(indigo) code = %q, want BAD_USER_INPUT", code(errs))
	}
	if p := fmt.Sprint(errs[0].Extensions["problems"]); !strings.Contains(p, "line 2, Award Date") {
		t.Errorf("importGrants(indigo) problems = %s, want line 2, Award Date named", p)
	}
	var missing struct{ Grant *struct{ ID string } }
	e.do(t, `{ grant(id: "360G-indigotrust:IND1") { id } }`, &missing)
	if missing.Grant != nil || counts(t, e) != afterTwice {
		t.Errorf("after a refused import grant IND1 = %v, totals %+v, want none and %+v", missing.Grant, counts(t, e), afterTwice)
	}

	// The JSON package form of the same grants imports the same figures.
	e2 := newEnv(t, resolvers.Options{})
	e2.seed(t)
	e2.do(t, importGrants, &resp, client.Var("f", "JSON"),
		client.Var("d", readTestdata(t, "interchange/giving/testdata/covid19_tracker_grants.json")), client.Var("p", "town"))
	if resp.ImportGrants.Grants != 12 {
		t.Errorf("importGrants(JSON) = %+v, want 12 grants", resp.ImportGrants)
	}
}

func TestImportPlaces(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	const mutation = `mutation($d: String!) { importPlaces(data: $d) { places } }`
	var resp struct{ ImportPlaces struct{ Places int } }
	e.do(t, mutation, &resp, client.Var("d", readTestdata(t, "interchange/testdata/places_lambeth.csv")))
	if resp.ImportPlaces.Places != 4 {
		t.Errorf("importPlaces = %+v, want 4 places", resp.ImportPlaces)
	}
	var p struct {
		Place struct {
			Name, NeedScale   string
			Population        int
			NeedIndex         float64
			Parent            struct{ ID string }
			PopulationByGroup []struct {
				Group string
				Count int
			}
		}
	}
	e.do(t, `{ place(id: "E05000436") { name population needIndex needScale parent { id } populationByGroup { group count } } }`, &p)
	if got := p.Place; got.Name != "Vassall" || got.Population != 15200 || got.NeedIndex != 2 ||
		got.NeedScale != "IMD2019_DECILE" || got.Parent.ID != "E09000022" || len(got.PopulationByGroup) != 2 {
		t.Errorf("imported Vassall = %+v", got)
	}

	// A stored place is matched by its code (the seed's town has code
	// E06000001) and keeps its id.
	e.do(t, mutation, &resp, client.Var("d", "code,name,population\ne06000001,Millbrook Town,12500\n"))
	var town struct {
		Place struct {
			Name       string
			Population int
		}
	}
	e.do(t, `{ place(id: "town") { name population } }`, &town)
	if town.Place.Name != "Millbrook Town" || town.Place.Population != 12500 {
		t.Errorf("town after an import by code = %+v, want renamed with population 12500", town.Place)
	}

	before := counts(t, e)
	errs := e.fail(t, mutation, client.Var("d", "code,name,population\nX1,Good,10\nX2,Bad,12a\n"))
	if code(errs) != "BAD_USER_INPUT" || !strings.Contains(fmt.Sprint(errs[0].Extensions["problems"]), "line 3") {
		t.Errorf("importPlaces(bad population) = %q %v, want BAD_USER_INPUT naming line 3", code(errs), errs[0].Extensions["problems"])
	}
	if got := counts(t, e); got != before {
		t.Errorf("after a refused import the store holds %+v, want unchanged %+v", got, before)
	}
}

func TestImportKumu(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	e.do(t, `mutation($d: String!) { importPlaces(data: $d) { places } }`, new(map[string]any),
		client.Var("d", readTestdata(t, "interchange/testdata/places_lambeth.csv")))
	const mutation = `mutation($e: String!, $c: String, $p: ID) {
		importKumu(elements: $e, connections: $c, placeId: $p) { people organisations relationships }
	}`
	elements := readTestdata(t, "interchange/testdata/kumu_elements.csv")
	connections := readTestdata(t, "interchange/testdata/kumu_connections.csv")
	var resp struct {
		ImportKumu struct{ People, Organisations, Relationships int }
	}
	e.do(t, mutation, &resp, client.Var("e", elements), client.Var("c", connections), client.Var("p", "E05000436"))
	first := resp.ImportKumu
	if first.People == 0 || first.Organisations == 0 || first.Relationships == 0 {
		t.Fatalf("importKumu = %+v, want people, organisations and relationships", first)
	}
	afterFirst := counts(t, e)
	e.do(t, mutation, &resp, client.Var("e", elements), client.Var("c", connections), client.Var("p", "E05000436"))
	if got := counts(t, e); got != afterFirst {
		t.Errorf("re-importing the same Kumu files changed the totals from %+v to %+v", afterFirst, got)
	}

	errs := e.fail(t, mutation, client.Var("e", "Label,Type\nSomeone,Spaceship\n"), client.Var("p", "north"))
	if code(errs) != "BAD_USER_INPUT" || !strings.Contains(fmt.Sprint(errs[0].Extensions["problems"]), "line 2") {
		t.Errorf("importKumu(unknown type) = %q %v, want BAD_USER_INPUT naming line 2", code(errs), errs[0].Extensions["problems"])
	}
	if got := counts(t, e); got != afterFirst {
		t.Errorf("after a refused import the store holds %+v, want unchanged %+v", got, afterFirst)
	}
}
