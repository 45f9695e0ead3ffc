package resolvers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
)

const validGraphML = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="gina"><data key="n">Gina</data></node>
    <node id="hal"><data key="n">Hal</data><data key="k">person</data></node>
    <node id="food-bank"><data key="n">Food Bank</data><data key="k">organisation</data></node>
    <edge source="gina" target="hal"><data key="w">2.5</data></edge>
    <edge source="hal" target="food-bank"/>
  </graph>
</graphml>`

// invalidGraphML has a valid first node, then an edge to a node that does
// not exist and a non-numeric weight.
const invalidGraphML = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="ivy"/>
    <node id="jo"/>
    <edge source="ivy" target="nobody"/>
    <edge source="ivy" target="jo"><data key="w">heavy</data></edge>
  </graph>
</graphml>`

// clashingGraphML is well formed, but its second node's id belongs to a
// place already stored.
const clashingGraphML = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="undirected">
    <node id="kim"/>
    <node id="town"/>
    <edge source="kim" target="town"/>
  </graph>
</graphml>`

// validJSON holds one entity of each kind but organisations, tied to
// the seeded network.
const validJSON = `{
  "version": 1,
  "places": [{"id": "west", "name": "West Ward", "parentId": "town"}],
  "people": [{"id": "lee", "name": "Lee", "placeId": "west", "groups": ["carer"]}],
  "relationships": [{"id": "r-lee", "from": "lee", "to": "council", "kind": "ADVISES"}],
  "forums": [{"id": "carers", "name": "Carers' Forum", "placeId": "west"}],
  "participations": [{"id": "x-lee", "actorId": "lee", "forumId": "carers", "level": "CO_PRODUCE", "joinedAtStage": "DESIGN"}]
}`

// TestImportNetworkUpdated checks that importNetwork says which of the
// entities it wrote were created and which replaced stored ones.
func TestImportNetworkUpdated(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	const mutation = `mutation($d: String!) {
		importNetwork(format: GRAPHML, data: $d, placeId: "north") {
			places people organisations relationships forums participations
			updated { places people organisations relationships forums participations }
		}
	}`
	type counts struct{ Places, People, Organisations, Relationships, Forums, Participations int }
	written := counts{People: 2, Organisations: 1, Relationships: 2}
	for _, want := range []counts{{}, written} { // created, then (the same file again) all replaced
		var resp struct {
			ImportNetwork struct {
				Places, People, Organisations, Relationships, Forums, Participations int
				Updated                                                              counts
			}
		}
		e.do(t, mutation, &resp, client.Var("d", validGraphML))
		n := resp.ImportNetwork
		got := counts{n.Places, n.People, n.Organisations, n.Relationships, n.Forums, n.Participations}
		if got != written || n.Updated != want {
			t.Errorf("importNetwork = %+v, updated %+v; want %+v, updated %+v", got, n.Updated, written, want)
		}
	}
}

func TestImportNetwork(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	const mutation = `mutation($f: ImportFormat!, $d: String!) {
		importNetwork(format: $f, data: $d, placeId: "north") { places people organisations relationships forums participations }
	}`
	var resp struct {
		ImportNetwork struct{ Places, People, Organisations, Relationships, Forums, Participations int }
	}
	e.do(t, mutation, &resp, client.Var("f", "GRAPHML"), client.Var("d", validGraphML))
	if n := resp.ImportNetwork; n.People != 2 || n.Organisations != 1 || n.Relationships != 2 || n.Places != 0 {
		t.Errorf("importNetwork(valid) = %+v, want 2 people, 1 organisation, 2 relationships", n)
	}
	var after struct {
		Person struct {
			Place         struct{ ID string }
			Relationships struct{ TotalCount int }
		}
	}
	e.do(t, `{ person(id: "hal") { place { id } relationships { totalCount } } }`, &after)
	if after.Person.Place.ID != "north" || after.Person.Relationships.TotalCount != 2 {
		t.Errorf("imported hal = %+v, want in north with 2 relationships", after.Person)
	}

	before := counts(t, e)
	errs := e.fail(t, mutation, client.Var("f", "GRAPHML"), client.Var("d", invalidGraphML))
	if code(errs) != "BAD_USER_INPUT" {
		t.Errorf("importNetwork(invalid) code = %q, want BAD_USER_INPUT", code(errs))
	}
	problems, _ := errs[0].Extensions["problems"].([]any)
	if len(problems) == 0 || !strings.Contains(fmt.Sprint(problems), "heavy") {
		t.Errorf("importNetwork(invalid) problems = %v, want the bad weight named", errs[0].Extensions["problems"])
	}
	if got := counts(t, e); got != before {
		t.Errorf("after an invalid import the store holds %+v, want unchanged %+v", got, before)
	}

	// A file that parses but clashes with the store (a node whose id is a
	// place's) is refused whole by the store: kim is not written either.
	errs = e.fail(t, mutation, client.Var("f", "GRAPHML"), client.Var("d", clashingGraphML))
	if c := code(errs); c != "CONFLICT" && c != "BAD_USER_INPUT" {
		t.Errorf("importNetwork(clashing) code = %q, want CONFLICT or BAD_USER_INPUT", c)
	}
	if got := counts(t, e); got != before {
		t.Errorf("after a clashing import the store holds %+v, want unchanged %+v", got, before)
	}

	e.do(t, mutation, &resp, client.Var("f", "JSON"), client.Var("d", validJSON))
	if n := resp.ImportNetwork; n != (struct{ Places, People, Organisations, Relationships, Forums, Participations int }{1, 1, 0, 1, 1, 1}) {
		t.Errorf("importNetwork(JSON) = %+v, want one of each but organisations", n)
	}

	errs = e.fail(t, mutation, client.Var("f", "JSON"), client.Var("d", "{not json"))
	if code(errs) != "BAD_USER_INPUT" {
		t.Errorf("importNetwork(bad JSON) code = %q, want BAD_USER_INPUT", code(errs))
	}
}

type totals struct{ Places, People, Organisations, Relationships, Forums int }

func counts(t *testing.T, e *env) totals {
	t.Helper()
	var resp struct {
		Places, People, Organisations, Relationships, Forums struct{ TotalCount int }
	}
	e.do(t, `{ places { totalCount } people { totalCount } organisations { totalCount } relationships { totalCount } forums { totalCount } }`, &resp)
	return totals{resp.Places.TotalCount, resp.People.TotalCount, resp.Organisations.TotalCount, resp.Relationships.TotalCount, resp.Forums.TotalCount}
}
