package resolvers_test

import (
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
)

func TestGetters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp struct {
		Place struct {
			ID, Name, Code, NeedScale string
			Population                int
			NeedIndex                 float64
			Parent                    struct{ ID string }
		}
		Town struct {
			Parent   *struct{ ID string }
			Children struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		Person struct {
			ID, Name, Capacity, Consent string
			Groups, Roles               []string
			LivedExperience             []string
			Place                       struct{ Name string }
			Relationships               struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						ID, Kind, Since string
						Until           *string
						Weight          float64
						From, To        struct{ ID string }
					}
				}
			}
			Participations struct {
				Edges []struct {
					Node struct {
						Level, JoinedAtStage, Since string
						Forum                       struct{ Name string }
					}
				}
			}
		}
		Organisation struct {
			Kind           string
			Place          struct{ ID string }
			Relationships  struct{ TotalCount int }
			Participations struct{ TotalCount int }
		}
		Forum struct {
			Name           string
			DecisionMaking bool
			AffectsGroups  []string
			Place          struct{ ID string }
			Participations struct {
				Edges []struct {
					Node struct {
						ID    string
						Actor struct {
							Typename string `json:"__typename"`
							Name     string
						}
					}
				}
			}
		}
		Missing *struct{ ID string }
	}
	e.do(t, `{
		place(id: "north") { id name code population needIndex needScale parent { id } }
		town: place(id: "town") { parent { id } children { totalCount edges { node { id } } } }
		person(id: "ann") {
			id name capacity consent groups roles livedExperience place { name }
			relationships { totalCount edges { node { id kind since until weight from { id } to { id } } } }
			participations { edges { node { level joinedAtStage since forum { name } } } }
		}
		organisation(id: "council") { kind place { id } relationships { totalCount } participations { totalCount } }
		forum(id: "board") {
			name decisionMaking affectsGroups place { id }
			participations { edges { node { id actor { __typename name } } } }
		}
		missing: person(id: "nobody") { id }
	}`, &resp)

	if p := resp.Place; p.ID != "north" || p.Name != "North Ward" || p.NeedIndex != 2 || p.NeedScale != "IMD2019_DECILE" || p.Parent.ID != "town" {
		t.Errorf("place(north) = %+v", p)
	}
	if resp.Town.Parent != nil || resp.Town.Children.TotalCount != 2 || resp.Town.Children.Edges[0].Node.ID != "north" {
		t.Errorf("place(town) = %+v, want no parent and children north, south", resp.Town)
	}
	ann := resp.Person
	if ann.Name != "Ann" || ann.Capacity != "COMMUNITY_MEMBER" || ann.Consent != "GIVEN" || !reflect.DeepEqual(ann.Groups, []string{"parent"}) || ann.Place.Name != "North Ward" {
		t.Errorf("person(ann) = %+v", ann)
	}
	if ann.Relationships.TotalCount != 2 {
		t.Fatalf("ann's relationships = %d, want 2", ann.Relationships.TotalCount)
	}
	r1 := ann.Relationships.Edges[0].Node
	if r1.ID != "r1" || r1.Kind != "KNOWS" || r1.Since != "2023-01-01" || r1.Until != nil || r1.Weight != 1 || r1.From.ID != "ann" || r1.To.ID != "bob" {
		t.Errorf("relationship r1 = %+v", r1)
	}
	if got := ann.Participations.Edges; len(got) != 1 || got[0].Node.Level != "CONSULT" || got[0].Node.Since != "2024-05-01" || got[0].Node.Forum.Name != "Board" {
		t.Errorf("ann's participations = %+v", got)
	}
	if o := resp.Organisation; o.Kind != "PUBLIC_BODY" || o.Place.ID != "south" || o.Relationships.TotalCount != 1 || o.Participations.TotalCount != 0 {
		t.Errorf("organisation(council) = %+v", o)
	}
	f := resp.Forum
	if f.Name != "Board" || !f.DecisionMaking || f.Place.ID != "south" || len(f.Participations.Edges) != 2 {
		t.Fatalf("forum(board) = %+v", f)
	}
	if a := f.Participations.Edges[0].Node.Actor; a.Typename != "Person" || a.Name != "Cat" {
		t.Errorf("board participation p1 actor = %+v, want Person Cat", a)
	}
	if resp.Missing != nil {
		t.Errorf("person(nobody) = %+v, want null", resp.Missing)
	}
}

func TestNode(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	tests := []struct {
		name, id, typename string
	}{
		{name: "place", id: "north", typename: "Place"},
		{name: "person", id: "ann", typename: "Person"},
		{name: "organisation", id: "council", typename: "Organisation"},
		{name: "relationship", id: "r2", typename: "Relationship"},
		{name: "forum", id: "board", typename: "Forum"},
		{name: "participation", id: "p1", typename: "Participation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct {
				Node struct {
					Typename string `json:"__typename"`
					ID       string
				}
			}
			e.do(t, `query($id: ID!) { node(id: $id) { __typename id } }`, &resp, client.Var("id", tt.id))
			if resp.Node.Typename != tt.typename || resp.Node.ID != tt.id {
				t.Errorf("node(%q) = %+v, want %s", tt.id, resp.Node, tt.typename)
			}
		})
	}
	var resp struct{ Node *struct{ ID string } }
	e.do(t, `{ node(id: "nothing") { id } }`, &resp)
	if resp.Node != nil {
		t.Errorf("node(nothing) = %+v, want null", resp.Node)
	}
}

// TestListFilters checks each list's filters.
func TestListFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	type conn struct {
		TotalCount int
		Edges      []struct{ Node struct{ ID string } }
	}
	ids := func(c conn) []string {
		out := []string{}
		for _, e := range c.Edges {
			out = append(out, e.Node.ID)
		}
		return out
	}
	var resp struct {
		Places, Children, People, Parents, Orgs, Groups, Forums, All, Cats, Active conn
	}
	e.do(t, `{
		places { totalCount edges { node { id } } }
		children: places(parentId: "town") { totalCount edges { node { id } } }
		people(placeId: "north") { totalCount edges { node { id } } }
		parents: people(group: "parent") { totalCount edges { node { id } } }
		orgs: organisations(placeId: "town", kind: PUBLIC_BODY) { totalCount edges { node { id } } }
		groups: organisations(placeId: "north") { totalCount edges { node { id } } }
		forums(placeId: "town") { totalCount edges { node { id } } }
		all: relationships { totalCount edges { node { id } } }
		cats: relationships(actorId: "cat") { totalCount edges { node { id } } }
		active: relationships(actorId: "cat", asOf: "2024-06-01T10:00:00Z") { totalCount edges { node { id } } }
	}`, &resp)
	tests := []struct {
		name string
		got  conn
		want []string
	}{
		{name: "places", got: resp.Places, want: []string{"north", "south", "town"}},
		{name: "places(parentId)", got: resp.Children, want: []string{"north", "south"}},
		{name: "people(placeId)", got: resp.People, want: []string{"ann", "bob"}},
		{name: "people(group)", got: resp.Parents, want: []string{"ann", "cat"}},
		{name: "organisations(placeId, kind)", got: resp.Orgs, want: []string{"council"}},
		{name: "organisations(placeId)", got: resp.Groups, want: []string{"youth-club"}},
		{name: "forums(placeId)", got: resp.Forums, want: []string{"board"}},
		{name: "relationships", got: resp.All, want: []string{"r1", "r2", "r3", "r4"}},
		{name: "relationships(actorId)", got: resp.Cats, want: []string{"r3", "r4"}},
		{name: "relationships(actorId, asOf)", got: resp.Active, want: []string{"r4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.got); !reflect.DeepEqual(got, tt.want) || tt.got.TotalCount != len(tt.want) {
				t.Errorf("%s = %v (totalCount %d), want %v", tt.name, got, tt.got.TotalCount, tt.want)
			}
		})
	}
}

func TestPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	var created map[string]any
	e.do(t, `mutation {
		a: upsertPlace(input: {id: "p1", name: "1"}) { id }
		b: upsertPlace(input: {id: "p2", name: "2"}) { id }
		c: upsertPlace(input: {id: "p3", name: "3"}) { id }
		d: upsertPlace(input: {id: "p4", name: "4"}) { id }
		e: upsertPlace(input: {id: "p5", name: "5"}) { id }
	}`, &created)
	var got []string
	after := ""
	for pages := 1; ; pages++ {
		var resp struct {
			Places struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   struct{ ID string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		opts := []client.Option{}
		if after != "" {
			opts = append(opts, client.Var("after", after))
		}
		e.do(t, `query($after: String) { places(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, &resp, opts...)
		c := resp.Places
		if c.TotalCount != 5 {
			t.Errorf("page %d totalCount = %d, want 5", pages, c.TotalCount)
		}
		for _, e := range c.Edges {
			got = append(got, e.Node.ID)
		}
		if len(c.Edges) > 0 && (c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor) {
			t.Errorf("page %d endCursor = %v, want the last edge's cursor", pages, c.PageInfo.EndCursor)
		}
		if !c.PageInfo.HasNextPage {
			if pages != 3 {
				t.Errorf("pages = %d, want 3", pages)
			}
			break
		}
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		after = *c.PageInfo.EndCursor
	}
	if want := []string{"p1", "p2", "p3", "p4", "p5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("paged places = %v, want %v", got, want)
	}
}
