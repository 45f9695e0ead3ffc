package resolvers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/graph"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

// maxBodyBytes is the request body cap of the server (main.MaxBodyBytes),
// which no document sent here may pass.
const maxBodyBytes = 1 << 20

func testSchema(t testing.TB) *ast.Schema {
	t.Helper()
	return graph.NewExecutableSchema(graph.Config{Resolvers: &Resolver{}, Complexity: complexity()}).Schema()
}

// productionRules are the validation rules gqlgen runs with suggestions
// off, as in production, plus one that counts what the walker visits into
// *visits: the nodes MaxValidationVisits bounds.
func productionRules(visits *int) *rules.Rules {
	r := rules.NewDefaultRules()
	r.RemoveRule("FieldsOnCorrectType")
	r.AddRule(rules.FieldsOnCorrectTypeRuleWithoutSuggestions.Name, rules.FieldsOnCorrectTypeRuleWithoutSuggestions.RuleFunc)
	r.RemoveRule("ScalarLeafs")
	r.AddRule(rules.ScalarLeafsRuleWithoutSuggestions.Name, rules.ScalarLeafsRuleWithoutSuggestions.RuleFunc)
	if visits != nil {
		r.AddRule("CountVisits", func(o *validator.Events, _ validator.AddErrFunc) {
			o.OnOperation(func(*validator.Walker, *ast.OperationDefinition) { *visits++ })
			o.OnFragment(func(*validator.Walker, *ast.FragmentDefinition) { *visits++ })
			o.OnField(func(*validator.Walker, *ast.Field) { *visits++ })
			o.OnFragmentSpread(func(*validator.Walker, *ast.FragmentSpread) { *visits++ })
			o.OnInlineFragment(func(*validator.Walker, *ast.InlineFragment) { *visits++ })
			o.OnDirective(func(*validator.Walker, *ast.Directive) { *visits++ })
			o.OnValue(func(*validator.Walker, *ast.Value) { *visits++ })
			o.OnVariable(func(*validator.Walker, *ast.VariableDefinition) { *visits++ })
		})
	}
	return r
}

// largest returns the largest n for which doc(n) parses within MaxTokens
// and the body cap (up to 1<<16), and that document.
func largest(doc func(int) string) (int, string) {
	fits := func(n int) bool {
		q := doc(n)
		if len(q) > maxBodyBytes {
			return false
		}
		_, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, MaxTokens)
		return err == nil
	}
	lo, hi := 1, 2
	for hi < 1<<16 && fits(hi) {
		lo, hi = hi, hi*2
	}
	if fits(hi) {
		return hi, doc(hi)
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, doc(lo)
}

// checkBudget measures doc and checks the deterministic bounds: the meter
// stops within one node of its limit; a document it accepts is validated
// visiting no more nodes than it counted, and its cost is computed walking
// each selection of the document at most once. It returns the refusal.
func checkBudget(t *testing.T, schema *ast.Schema, q string) string {
	t.Helper()
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, MaxTokens)
	if err != nil {
		return "parse: " + err.Error()
	}
	m := measureDocument(doc, defaultBudget)
	if bound := defaultBudget.visits + MaxTokens; m.visits > bound {
		t.Errorf("meter visited %d nodes, want at most %d", m.visits, bound)
	}
	if m.refusal != "" {
		return m.refusal
	}
	visits := 0
	errs := validator.ValidateWithRules(schema, doc, productionRules(&visits))
	if visits > m.visits {
		t.Errorf("validation visited %d nodes, the meter counted %d", visits, m.visits)
	}
	if len(errs) > 0 {
		return ""
	}
	written := selectionsWritten(doc)
	for _, op := range doc.Operations {
		c := newCostWalker(t.Context(), graph.NewExecutableSchema(graph.Config{Resolvers: &Resolver{}, Complexity: complexity()}), doc.Fragments, nil)
		c.selectionSet(op.SelectionSet)
		if c.visits > written {
			t.Errorf("cost walker visited %d selections of a document of %d", c.visits, written)
		}
	}
	return ""
}

// selectionsWritten counts the fields, fragment spreads and inline
// fragments written in doc.
func selectionsWritten(doc *ast.QueryDocument) int {
	n := 0
	var set func(ast.SelectionSet)
	set = func(s ast.SelectionSet) {
		for _, sel := range s {
			n++
			switch x := sel.(type) {
			case *ast.Field:
				set(x.SelectionSet)
			case *ast.InlineFragment:
				set(x.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		set(f.SelectionSet)
	}
	return n
}

func TestBudgetRefuses(t *testing.T) {
	t.Parallel()
	schema := testSchema(t)
	tests := []struct {
		name, query, want string
	}{
		{name: "fragments fanning out through fields", query: family(t, "fragment fan through fields")(14), want: "too large to validate"},
		{name: "__typename 9,990 times", query: typenames(9990), want: `selects "__typename" too many times`},
		{name: "__typename 142 times", query: typenames(142), want: `selects "__typename" too many times`},
		{name: "101 variables", query: family(t, "many variables, one used")(101), want: "defines 101 variables, more than the limit of 100"},
		{name: "101 directives", query: "{ __typename" + strings.Repeat(" @skip(if: false)", 101) + " }", want: "more than 100 directives"},
		{name: "a fragment spreading itself through fields", query: family(t, "fragment cycle through a field")(3), want: "nested more than 64 levels"},
		{name: "51 operations", query: strings.Repeat("{ __typename } ", 51), want: "holds 51 operations, more than the limit of 50"},
		{name: "142 unknown fragment spreads", query: family(t, "many unknown fragments")(142), want: "spreads too many fragments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkBudget(t, schema, tt.query)
			if tt.want == "" && got == "" || tt.want != "" && strings.Contains(got, tt.want) {
				return
			}
			t.Errorf("measureDocument = %q, want a refusal mentioning %q", got, tt.want)
		})
	}
}

func TestBudgetAllows(t *testing.T) {
	t.Parallel()
	schema := testSchema(t)
	tests := []struct{ name, query string }{
		{name: "__typename 141 times", query: typenames(141)},
		{name: "100 variables", query: family(t, "many variables, one used")(100)},
		{name: "50 operations", query: repeat(50, func(i int) string { return fmt.Sprintf("query Q%d { __typename } ", i) })},
		{name: "the issue's fragment fan (23 levels), left to the cost limit", query: fragmentFan(23)},
		{name: "dashboard-sized query", query: `query($place: ID) {
			places(first: 200) { totalCount edges { node { id name code population needIndex parent { id } } } }
			people(placeId: $place, first: 100) { edges { node { ...P } } }
			organisations(placeId: $place) { edges { node { id name kind place { id name } } } }
		} fragment P on Person { id name groups place { id name } relationships(first: 20) { totalCount } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkBudget(t, schema, tt.query); got != "" {
				t.Errorf("measureDocument = %q, want no refusal", got)
			}
		})
	}
}

// TestBudgetAdversarialFamilies measures every hostile family at the
// largest size that parses within the token limit and the body cap.
func TestBudgetAdversarialFamilies(t *testing.T) {
	t.Parallel()
	schema := testSchema(t)
	for _, fam := range adversarialFamilies {
		t.Run(fam.name, func(t *testing.T) {
			n, q := largest(fam.doc)
			got := checkBudget(t, schema, q)
			t.Logf("n=%d bytes=%d: %s", n, len(q), orAccepted(got))
		})
	}
}

func family(t testing.TB, name string) func(int) string {
	t.Helper()
	for _, f := range adversarialFamilies {
		if f.name == name {
			return f.doc
		}
	}
	t.Fatalf("no family %q", name)
	return nil
}

func orAccepted(refusal string) string {
	if refusal == "" {
		return "accepted"
	}
	return refusal
}

// post sends query with vars (when not nil) to h as p and returns the
// status and errors.
func post(t *testing.T, h http.Handler, p auth.Principal, query string, vars map[string]any) (int, []struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r = r.WithContext(auth.With(r.Context(), p))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var resp struct {
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatalf("decode response %d %.300s: %v", w.Code, w.Body, err)
	}
	return w.Code, resp.Errors
}

// countingHandler is the production handler over an empty store whose
// calls are counted.
func countingHandler(t testing.TB) (http.Handler, *servicetest.CountingStore) {
	t.Helper()
	cs := servicetest.NewCountingStore(servicetest.MustOpenStore(t))
	logger := slog.New(slog.DiscardHandler)
	return NewHandler(service.New(cs, logger), logger, Options{}), cs
}

// TestHandlerRefuses sends, as a funder and as an administrator, documents
// over the validation budget, each with an unknown field added, and the
// issue's 955-byte document (fragments that each spread the next twice, 23
// levels deep, whose validation is cheap because gqlparser memoises
// fragment comparisons). Each is refused with GRAPHQL_VALIDATION_FAILED,
// HTTP 422 and that one error: validation, which would name the unknown
// field, never ran on the first ones, and the fan's cost, computed with
// each fragment once, is over the limit. No store call is made.
func TestHandlerRefuses(t *testing.T) {
	t.Parallel()
	h, cs := countingHandler(t)
	tests := []struct{ name, query, want string }{
		{"__typename 9,990 times", strings.Replace(typenames(9990), "{", "{ nosuchfield", 1), `selects "__typename" too many times`},
		{"fragments fanning out through fields", strings.Replace(family(t, "fragment fan through fields")(14), "{ id }", "{ id nosuchfield }", 1), "too large to validate"},
		{"101 directives", "{ nosuchfield" + strings.Repeat(" @skip(if: false)", 101) + " }", "more than 100 directives"},
		{"the issue's fragment fan", fragmentFan(23), "exceeds the limit of 50000"},
	}
	for _, tt := range tests {
		for _, p := range []auth.Principal{{KeyID: "fund", Role: auth.RoleFunder}, auth.LocalAdmin} {
			status, errs := post(t, h, p, tt.query, nil)
			if status != http.StatusUnprocessableEntity || len(errs) != 1 || errs[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" ||
				!strings.Contains(errs[0].Message, tt.want) {
				t.Errorf("%s (%d bytes) as %s: %d %+v, want 422 with one GRAPHQL_VALIDATION_FAILED error mentioning %q", tt.name, len(tt.query), p.Role, status, errs, tt.want)
			}
		}
	}
	if n := cs.Total(); n != 0 {
		t.Errorf("refused queries made %d store calls (%v), want none", n, cs.Counts())
	}
}

// TestVariableValuesCapped sends a list variable of MaxVariableValues
// values (the list and its strings), which gqlgen coerces and the resolver
// then refuses to a funder, and one of a value more, refused before
// coercion with no store call.
func TestVariableValuesCapped(t *testing.T) {
	t.Parallel()
	h, cs := countingHandler(t)
	funder := auth.Principal{KeyID: "fund", Role: auth.RoleFunder}
	const upsert = `mutation($g: [String!]) { upsertPerson(input: {id: "a", name: "A", placeId: "p", groups: $g}) { id } }`
	list := func(values int) map[string]any {
		l := make([]any, values-1)
		for i := range l {
			l[i] = "g"
		}
		return map[string]any{"g": l}
	}
	if status, errs := post(t, h, funder, upsert, list(MaxVariableValues)); len(errs) != 1 || errs[0].Extensions["code"] != CodeForbidden {
		t.Errorf("%d values: %d %+v, want the funder refused the write", MaxVariableValues, status, errs)
	}
	status, errs := post(t, h, funder, upsert, list(MaxVariableValues+1))
	if status != http.StatusUnprocessableEntity || len(errs) != 1 || errs[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" ||
		!strings.Contains(errs[0].Message, "more than 10000 values") {
		t.Errorf("%d values: %d %+v, want 422 GRAPHQL_VALIDATION_FAILED", MaxVariableValues+1, status, errs)
	}
	if n := cs.Total(); n != 0 {
		t.Errorf("made %d store calls (%v), want none", n, cs.Counts())
	}
}
