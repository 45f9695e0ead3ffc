package resolvers

import (
	"math"
	"testing"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/voicemap/voicemap/graph"
)

// validated parses and validates q as production does, failing the test
// when it is not valid.
func validated(t *testing.T, schema *ast.Schema, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, MaxTokens)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, q)
	}
	if errs := validator.ValidateWithRules(schema, doc, productionRules(nil)); len(errs) > 0 {
		t.Fatalf("validate: %v\n%s", errs, q)
	}
	return doc
}

// TestCostMatchesGqlgen checks that the memoised cost is the one gqlgen's
// complexity.Calculate computes, on random valid queries (fields with list
// sizes, aliases, interfaces with inline fragments, named fragments spread
// several times) and on fragment fans small enough for gqlgen.
func TestCostMatchesGqlgen(t *testing.T) {
	t.Parallel()
	es := graph.NewExecutableSchema(graph.Config{Resolvers: &Resolver{}, Complexity: complexity()})
	schema := es.Schema()
	check := func(t *testing.T, q string) {
		t.Helper()
		doc := validated(t, schema, q)
		op := doc.Operations[0]
		vars, err := validator.VariableValues(schema, op, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := gqlcomplexity.Calculate(t.Context(), es, op, vars)
		c := newCostWalker(t.Context(), es, doc.Fragments, vars)
		if got := c.selectionSet(op.SelectionSet); got != want {
			t.Errorf("cost = %d, gqlgen computes %d, of\n%s", got, want, q)
		}
	}
	checked := 0
	for seed := range int64(400) {
		q := newQueryGen(seed, schema).query(40)
		doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, MaxTokens)
		if err != nil {
			t.Fatalf("seed %d: parse: %v\n%s", seed, err, q)
		}
		if len(validator.ValidateWithRules(schema, doc, productionRules(nil))) > 0 {
			continue // e.g. two fields of one alias and different types
		}
		check(t, q)
		checked++
	}
	if checked < 200 {
		t.Errorf("only %d of 400 random queries were valid", checked)
	}
	for levels := range 13 {
		check(t, fragmentFan(levels))
	}
}

// TestCostLinearInFragments measures fans far beyond what gqlgen's walk
// could: each fragment is walked once, and the cost saturates instead of
// wrapping around.
func TestCostLinearInFragments(t *testing.T) {
	t.Parallel()
	es := graph.NewExecutableSchema(graph.Config{Resolvers: &Resolver{}, Complexity: complexity()})
	for _, levels := range []int{23, 80, 500} {
		doc := validated(t, es.Schema(), fragmentFan(levels))
		c := newCostWalker(t.Context(), es, doc.Fragments, nil)
		cost := c.selectionSet(doc.Operations[0].SelectionSet)
		if written := selectionsWritten(doc); c.visits > written {
			t.Errorf("%d levels: walked %d selections, the document has %d", levels, c.visits, written)
		}
		if cost <= MaxComplexity {
			t.Errorf("%d levels: cost %d, want above %d", levels, cost, MaxComplexity)
		}
		if levels >= 80 && cost != math.MaxInt {
			t.Errorf("%d levels: cost %d, want it saturated at %d", levels, cost, math.MaxInt)
		}
	}
}

func TestCostArithmeticSaturates(t *testing.T) {
	t.Parallel()
	first := 500
	tests := []struct {
		name      string
		got, want int
	}{
		{"perItem of a huge child", perItem(math.MaxInt/3, &first, 50), math.MaxInt},
		{"perItem that would wrap to a small number", perItem(1<<60+1, &first, 50), math.MaxInt},
		{"estimated of a saturated child", estimated(math.MaxInt, listItems), math.MaxInt},
		{"perItem of a leaf", perItem(0, nil, 50), 1},
		{"perItem of a small child", perItem(3, &first, 50), 1501},
		{"addSat ignores a negative", addSat(-5, 7), 7},
		{"addSat of two negatives", addSat(-5, -7), 1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}
