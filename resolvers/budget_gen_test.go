package resolvers

import (
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/voicemap/voicemap/auth"
)

// generatedDocs returns n documents from a seeded source: random queries
// over the schema (up to a few hundred fields, fragments spread again
// elsewhere), hostile families at random sizes up to beyond the token
// limit, and the two mixed in one document.
func generatedDocs(schema *ast.Schema, seed int64, n int) []string {
	rnd := rand.New(rand.NewSource(seed))
	hostile := func() string {
		f := adversarialFamilies[rnd.Intn(len(adversarialFamilies))]
		size := int(math.Exp(rnd.Float64() * math.Log(12_000)))
		return f.doc(size)
	}
	docs := make([]string, 0, n)
	for i := range n {
		switch i % 3 {
		case 0:
			docs = append(docs, newQueryGen(rnd.Int63(), schema).query(1+rnd.Intn(300)))
		case 1:
			docs = append(docs, hostile())
		default:
			docs = append(docs, newQueryGen(rnd.Int63(), schema).query(1+rnd.Intn(50))+"\n"+hostile())
		}
	}
	return docs
}

// TestGeneratedDocumentsBounded sends random and hostile documents through
// the budget, validation and the cost walker, and through the whole
// handler as a funder and as an administrator. Each must be answered or
// refused; the bounds asserted are counts, not times: the meter stops
// within one node of its limit, validation visits no more nodes than the
// meter counted, the cost walker no more selections than the document
// holds, and a refused document makes no store call and gets the budget's
// refusal alone (validation never ran on it). No clock is asserted: the
// slowest document's times are logged (BENCHMARKS.md has the figures).
func TestGeneratedDocumentsBounded(t *testing.T) {
	n := 240
	if testing.Short() {
		n = 60
	}
	schema := testSchema(t)
	h, cs := countingHandler(t)
	funder := auth.Principal{KeyID: "fund", Role: auth.RoleFunder}
	var slowestCheck, slowestHandler time.Duration
	refused := 0
	for i, q := range generatedDocs(schema, 9, n) {
		var vars map[string]any
		if i%7 == 3 {
			// A list variable, long or nested, whether the query uses it
			// or not.
			vars = map[string]any{"g": hostileList(rand.New(rand.NewSource(int64(i))))}
		}
		start := time.Now()
		refusal := checkBudget(t, schema, q)
		slowestCheck = max(slowestCheck, time.Since(start))
		p := funder
		if i%2 == 1 {
			p = auth.LocalAdmin
		}
		before := cs.Total()
		start = time.Now()
		status, errs := post(t, h, p, q, vars)
		slowestHandler = max(slowestHandler, time.Since(start))
		if status >= 500 {
			t.Errorf("document %d: HTTP %d %+v\n%.500s", i, status, errs, q)
		}
		for _, e := range errs {
			if e.Extensions["code"] == CodeInternal {
				t.Errorf("document %d: internal error %+v\n%.500s", i, e, q)
			}
		}
		if vars != nil && variableValues(vars, MaxVariableValues) > MaxVariableValues {
			refusal = fmt.Sprintf("variables hold more than %d values", MaxVariableValues)
		}
		switch {
		case strings.HasPrefix(refusal, "variables"), !strings.HasPrefix(refusal, "parse: ") && refusal != "":
			refused++
			if status != http.StatusUnprocessableEntity || len(errs) != 1 || errs[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" || errs[0].Message != refusal {
				t.Errorf("document %d: %d %+v, want 422 with the refusal %q alone", i, status, errs, refusal)
			}
			if got := cs.Total(); got != before {
				t.Errorf("document %d was refused after %d store calls", i, got-before)
			}
		case strings.HasPrefix(refusal, "parse: "):
			if status != http.StatusUnprocessableEntity || len(errs) != 1 || errs[0].Extensions["code"] != "GRAPHQL_PARSE_FAILED" {
				t.Errorf("document %d (%s): %d %+v, want the parse failure", i, refusal, status, errs)
			}
		}
	}
	t.Logf("%d documents, %d refused by the validation budget; slowest: %v measuring and validating, %v in the handler",
		n, refused, slowestCheck.Round(time.Millisecond), slowestHandler.Round(time.Millisecond))
	if refused == 0 || refused == n {
		t.Errorf("%d of %d documents refused: the generator does not exercise both outcomes", refused, n)
	}
}

// hostileList returns a list of up to 20,000 strings, or lists nested up
// to 2,000 deep.
func hostileList(rnd *rand.Rand) any {
	if rnd.Intn(2) == 0 {
		l := make([]any, rnd.Intn(20_000))
		for i := range l {
			l[i] = "g"
		}
		return l
	}
	var v any = []any{}
	for range rnd.Intn(2000) {
		v = []any{v}
	}
	return v
}

// FuzzDocumentBudget feeds arbitrary documents to the budget: it never
// panics, stops within one node of its limit, and never accepts a
// document whose validation visits more nodes than it counted.
func FuzzDocumentBudget(f *testing.F) {
	schema := testSchema(f)
	for _, q := range generatedDocs(schema, 1, 30) {
		if len(q) < 4<<10 {
			f.Add(q)
		}
	}
	f.Add(fragmentFan(23))
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q}, MaxTokens); err != nil {
			return
		}
		checkBudget(t, schema, q)
	})
}
