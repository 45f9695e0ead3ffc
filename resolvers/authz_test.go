package resolvers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
)

// rawPost runs query on e and returns the response body.
func (e *env) rawPost(t *testing.T, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, r)
	return w.Body.String()
}

// TestAuthzScopedAnalyst checks that an analyst of north gets, for an
// entity in south, exactly the answer for an id that does not exist, on
// every path: node, the typed lookups and nested fields.
func TestAuthzScopedAnalyst(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	newEnvOver(t, st, resolvers.Options{}).seed(t)
	e := newEnvAs(t, st, resolvers.Options{}, auth.Principal{KeyID: "ana", Role: auth.RoleAnalyst, Places: []string{"north"}})

	probes := []struct{ name, query string }{
		{"node", `{ node(id: "ID") { id } }`},
		{"person", `{ person(id: "ID") { id name } }`},
		{"organisation", `{ organisation(id: "ID") { id name } }`},
		{"forum", `{ forum(id: "ID") { id name } }`},
		{"place", `{ place(id: "ID") { id name } }`},
		{"people in place", `{ people(placeId: "ID") { totalCount } }`},
		{"summary", `{ networkSummary(placeId: "ID") { actors } }`},
	}
	outside := map[string]string{"node": "cat", "person": "cat", "organisation": "council", "forum": "board", "place": "south", "people in place": "south", "summary": "south"}
	for _, p := range probes {
		t.Run(p.name, func(t *testing.T) {
			out := e.rawPost(t, strings.ReplaceAll(p.query, "ID", outside[p.name]))
			missing := e.rawPost(t, strings.ReplaceAll(p.query, "ID", "zz-missing"))
			if strings.ReplaceAll(out, outside[p.name], "X") != strings.ReplaceAll(missing, "zz-missing", "X") {
				t.Fatalf("outside %s = %s\nmissing = %s\nwant the same answer", outside[p.name], out, missing)
			}
		})
	}

	in := e.rawPost(t, `{ person(id: "ann") { name relationships { edges { node { id from { name } to { name } } } } } people { totalCount } }`)
	if !strings.Contains(in, `"Ann"`) || strings.Contains(in, `"Cat"`) || strings.Contains(in, "council") {
		t.Fatalf("ann's view as north analyst leaks south: %s", in)
	}
	var resp struct {
		Data struct {
			People struct{ TotalCount int }
		}
	}
	if err := json.Unmarshal([]byte(in), &resp); err != nil || resp.Data.People.TotalCount != 2 {
		t.Fatalf("people as north analyst = %s, want totalCount 2 (ann, bob)", in)
	}
}

// TestAuthzFunderGraphQL checks that a funder gets aggregates and
// group-level figures but no person.
func TestAuthzFunderGraphQL(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	newEnvOver(t, st, resolvers.Options{}).seed(t)
	e := newEnvAs(t, st, resolvers.Options{}, auth.Principal{KeyID: "fund", Role: auth.RoleFunder})

	var sum struct{ NetworkSummary struct{ Actors int } }
	e.do(t, `{ networkSummary(placeId: "town") { actors } }`, &sum)
	if sum.NetworkSummary.Actors != 5 {
		t.Fatalf("networkSummary.actors = %d, want 5", sum.NetworkSummary.Actors)
	}
	var groups struct {
		UnheardVoiceGroups []struct {
			Group      string
			People     *int
			Unheard    *int
			Suppressed bool
		}
	}
	e.do(t, `{ unheardVoiceGroups(placeId: "town") { group people unheard suppressed } }`, &groups)
	if len(groups.UnheardVoiceGroups) == 0 {
		t.Fatal("unheardVoiceGroups is empty")
	}
	for _, g := range groups.UnheardVoiceGroups {
		if g.People != nil || g.Unheard != nil || !g.Suppressed {
			t.Fatalf("group %+v of fewer than 5 people is not suppressed", g)
		}
	}
	for _, q := range []string{
		`{ person(id: "ann") { name } }`,
		`{ people { totalCount } }`,
		`{ unheardVoices { person { name } } }`,
		`{ centrality(measure: DEGREE) { score } }`,
	} {
		errs := e.fail(t, q)
		if code(errs) != "FORBIDDEN" {
			t.Fatalf("%s as funder: %+v, want FORBIDDEN", q, errs)
		}
	}
	body := e.rawPost(t, `{ node(id: "ann") { id } communities(placeId: "town") { communities { size members { id name } } } organisation(id: "youth-club") { name relationships { edges { node { from { name } } } } } }`)
	for _, name := range []string{"Ann", "Bob", "Cat"} {
		if strings.Contains(body, `"`+name+`"`) {
			t.Fatalf("funder's answer names %s: %s", name, body)
		}
	}
}
