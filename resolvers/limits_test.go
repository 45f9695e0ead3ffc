package resolvers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// nest returns a query nesting place { children { edges { node { ... } } } }
// through named fragments, one fragment per level, so that no single
// selection set is deep: levels is the number of children hops.
func nestedThroughFragments(levels int) string {
	var b strings.Builder
	b.WriteString(`{ place(id: "town") { ...L0 } }` + "\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment L%d on Place { id children(first: 2) { edges { node { ... on Place { ...L%d } } } } }\n", i, i+1)
	}
	fmt.Fprintf(&b, "fragment L%d on Place { id }\n", levels)
	return b.String()
}

func TestQueryShapeLimits(t *testing.T) {
	t.Parallel()
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " a%d: place(id: \"town\") { id }", i)
		}
		b.WriteString(" }")
		return b.String()
	}
	// Aliases hidden in a fragment spread three times: 3 × 11 = 33.
	var frag strings.Builder
	frag.WriteString(`{ place(id: "town") { ...F children { edges { node { ...F } } } x: parent { ...F } } } fragment F on Place {`)
	for i := range 11 {
		fmt.Fprintf(&frag, " n%d: name", i)
	}
	frag.WriteString(" }")
	tokens := "{ place(id: \"town\") { " + strings.Repeat("id ", resolvers.MaxTokens) + "} }"

	tests := []struct {
		name     string
		query    string
		wantCode string
		wantMsg  string
	}{
		{name: "deep through fragments", query: nestedThroughFragments(4), wantCode: "GRAPHQL_VALIDATION_FAILED", wantMsg: "levels deep"},
		{name: "many aliases", query: aliases(resolvers.MaxAliases + 1), wantCode: "GRAPHQL_VALIDATION_FAILED", wantMsg: "aliased fields"},
		{name: "aliases through fragments", query: frag.String(), wantCode: "GRAPHQL_VALIDATION_FAILED", wantMsg: "aliased fields"},
		{name: "too many tokens", query: tokens, wantCode: "GRAPHQL_PARSE_FAILED", wantMsg: "token limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, resolvers.Options{})
			errs := e.fail(t, tt.query)
			if code(errs) != tt.wantCode || !strings.Contains(errs[0].Message, tt.wantMsg) {
				t.Errorf("errors = %+v, want %s mentioning %q", errs, tt.wantCode, tt.wantMsg)
			}
			if n := e.store.Total(); n != 0 {
				t.Errorf("refused query made %d store calls (%v), want none", n, e.store.Counts())
			}
		})
	}
}

func TestQueryShapeWithinLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	// place + 3 × (children, edges, node) hops + id = depth 11.
	var resp map[string]any
	e.do(t, nestedThroughFragments(3), &resp)
	var b strings.Builder
	b.WriteString("{")
	for i := range resolvers.MaxAliases {
		fmt.Fprintf(&b, " a%d: place(id: \"town\") { id }", i)
	}
	b.WriteString(" }")
	e.do(t, b.String(), &resp)
	if len(resp) != resolvers.MaxAliases {
		t.Errorf("%d aliases answered %d fields, want %d", resolvers.MaxAliases, len(resp), resolvers.MaxAliases)
	}
}

func TestSuggestionsOnlyInDev(t *testing.T) {
	t.Parallel()
	const q = `{ place(id: "town") { nmae } }`
	prod := newEnv(t, resolvers.Options{})
	if errs := prod.fail(t, q); strings.Contains(errs[0].Message, "Did you mean") || !strings.Contains(errs[0].Message, "nmae") {
		t.Errorf("misspelt field in production: %q, want the field named without a suggestion", errs[0].Message)
	}
	dev := newEnv(t, resolvers.Options{Dev: true})
	if errs := dev.fail(t, q); !strings.Contains(errs[0].Message, `Did you mean "name"`) {
		t.Errorf("misspelt field in dev: %q, want a suggestion", errs[0].Message)
	}
}

func TestIsImportOperation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, query, op string
		want            bool
	}{
		{name: "import network", query: `mutation($d: String!) { importNetwork(format: JSON, data: $d) { places } }`, want: true},
		{name: "aliased imports", query: `mutation { a: importGrants(format: CSV, data: "x") { grants } b: importKumu(elements: "x") { people } c: importPlaces(data: "x") { places } }`, want: true},
		{name: "named among others", query: `query Q { places { totalCount } } mutation M { importPlaces(data: "x") { places } }`, op: "M", want: true},
		{name: "other operation chosen", query: `query Q { places { totalCount } } mutation M { importPlaces(data: "x") { places } }`, op: "Q"},
		{name: "ambiguous without name", query: `mutation A { importPlaces(data: "x") { places } } mutation B { importPlaces(data: "x") { places } }`},
		{name: "mixed with an upsert", query: `mutation { importPlaces(data: "x") { places } upsertPlace(input: {id: "p", name: "P"}) { id } }`},
		{name: "query", query: `{ importNetwork }`},
		{name: "fragment at root", query: `mutation { ...F } fragment F on Mutation { importPlaces(data: "x") { places } }`},
		{name: "typename", query: `mutation { __typename }`},
		{name: "unparsable", query: `mutation { importPlaces(`},
		{name: "empty", query: ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolvers.IsImportOperation(tt.query, tt.op); got != tt.want {
				t.Errorf("IsImportOperation(%q, %q) = %v, want %v", tt.query, tt.op, got, tt.want)
			}
		})
	}
}

// blockingStore blocks every Places call until its context ends, and
// reports what it saw of that context.
type blockingStore struct {
	store.Store
	seen chan blockedCall
}

// blockedCall is what a blocked Places call saw: when it began, its
// context's deadline (if any) and the error that ended its wait.
type blockedCall struct {
	began       time.Time
	deadline    time.Time
	hasDeadline bool
	err         error
}

func (b *blockingStore) Places(ctx context.Context, _ store.PlaceFilter, _ store.Page) (store.Connection[store.Place], error) {
	c := blockedCall{began: time.Now()}
	c.deadline, c.hasDeadline = ctx.Deadline()
	<-ctx.Done()
	c.err = ctx.Err()
	select {
	case b.seen <- c:
	default:
	}
	return store.Connection[store.Place]{}, ctx.Err()
}

// TestRequestDeadline checks that the request's own deadline, no later
// than RequestTimeout after the store was called, is what ends a query the
// store cannot answer: the store sees a context with that deadline ended
// by context.DeadlineExceeded (not cancelled by the client or anything
// else), and the client gets UNAVAILABLE naming the deadline.
func TestRequestDeadline(t *testing.T) {
	t.Parallel()
	bs := &blockingStore{Store: servicetest.MustOpenStore(t), seen: make(chan blockedCall, 1)}
	const timeout = 100 * time.Millisecond
	e := newEnvOver(t, bs, resolvers.Options{RequestTimeout: timeout})
	start := time.Now()
	errs := e.fail(t, `{ places { totalCount } }`)
	t.Logf("request took %v with a deadline of %v", time.Since(start).Round(time.Millisecond), timeout)
	var call blockedCall
	select {
	case call = <-bs.seen:
	default:
		t.Fatal("the query never reached the store")
	}
	if code(errs) != resolvers.CodeUnavailable || !strings.Contains(errs[0].Message, "deadline of 100ms") {
		t.Errorf("errors = %+v, want UNAVAILABLE naming the deadline", errs)
	}
	if !errors.Is(call.err, context.DeadlineExceeded) {
		t.Errorf("the store's wait ended with %v, want the request's deadline (context.DeadlineExceeded)", call.err)
	}
	if !call.hasDeadline {
		t.Error("the store was called without a deadline")
	} else if call.deadline.After(call.began.Add(timeout)) {
		t.Errorf("the store's deadline was %v after it was called, want at most the %v request timeout", call.deadline.Sub(call.began), timeout)
	}
	if strings.Contains(e.logs.String(), "internal error") {
		t.Errorf("a deadline was logged as an internal error:\n%s", e.logs.String())
	}
}
