package resolvers_test

import (
	"regexp"
	"testing"

	"github.com/voicemap/voicemap/resolvers"
)

func TestForgetPerson(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp struct {
		ForgetPerson struct {
			ID                            string
			At                            string
			Relationships, Participations int
		}
	}
	e.do(t, `mutation { forgetPerson(id: "ann") { id at relationships participations } }`, &resp)
	f := resp.ForgetPerson
	// ann has r1 (to bob), r4 (to cat) and the participation p2.
	if f.ID != "erasure-000001" || f.Relationships != 2 || f.Participations != 1 {
		t.Errorf("forgetPerson(ann) = %+v, want erasure-000001 with 2 relationships and 1 participation", f)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(f.At) {
		t.Errorf("forgetPerson(ann).at = %q, want RFC 3339 UTC to the second", f.At)
	}

	var after struct {
		Person        *struct{ ID string }
		Relationships struct{ TotalCount int }
		Erasures      struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct {
					ID, At                        string
					Relationships, Participations int
				}
			}
			PageInfo struct{ HasNextPage bool }
		}
	}
	e.do(t, `{
		person(id: "ann") { id }
		relationships { totalCount }
		erasures(first: 10) { totalCount edges { cursor node { id at relationships participations } } pageInfo { hasNextPage } }
	}`, &after)
	if after.Person != nil {
		t.Errorf("person(ann) after forgetPerson = %+v, want null", after.Person)
	}
	if after.Relationships.TotalCount != 2 {
		t.Errorf("relationships after forgetPerson(ann) = %d, want 2 (r2, r3)", after.Relationships.TotalCount)
	}
	er := after.Erasures
	if er.TotalCount != 1 || len(er.Edges) != 1 || er.PageInfo.HasNextPage {
		t.Fatalf("erasures = %+v, want one", er)
	}
	if n := er.Edges[0].Node; n.ID != f.ID || n.At != f.At || n.Relationships != 2 || n.Participations != 1 {
		t.Errorf("erasures node = %+v, want %+v", n, f)
	}
}

func TestForgetPersonErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	var resp map[string]any
	e.do(t, `mutation { forgetPerson(id: "bob") { id } }`, &resp)
	tests := []struct {
		name, query, code string
	}{
		{"missing person", `mutation { forgetPerson(id: "nobody") { id } }`, "NOT_FOUND"},
		{"already forgotten", `mutation { forgetPerson(id: "bob") { id } }`, "NOT_FOUND"},
		{"place", `mutation { forgetPerson(id: "town") { id } }`, "NOT_FOUND"},
		{"organisation", `mutation { forgetPerson(id: "council") { id } }`, "BAD_USER_INPUT"},
		{"page too large", `{ erasures(first: 501) { totalCount } }`, "BAD_USER_INPUT"},
		{"bad cursor", `{ erasures(after: "nonsense!") { totalCount } }`, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if errs := e.fail(t, tt.query); code(errs) != tt.code {
				t.Errorf("code = %q (%v), want %s", code(errs), errs, tt.code)
			}
		})
	}
	// The refused requests erased nothing more.
	var after struct {
		Erasures     struct{ TotalCount int }
		Organisation *struct{ ID string }
	}
	e.do(t, `{ erasures { totalCount } organisation(id: "council") { id } }`, &after)
	if after.Erasures.TotalCount != 1 || after.Organisation == nil {
		t.Errorf("after refusals: %d erasures, council %+v; want 1 and council kept", after.Erasures.TotalCount, after.Organisation)
	}
}
