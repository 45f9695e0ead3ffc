package resolvers_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

func TestErrorCodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, resolvers.Options{})
	e.seed(t)
	tests := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{name: "reference to a missing place", query: `mutation { upsertPerson(input: {id: "x", name: "X", placeId: "atlantis"}) { id } }`, code: "NOT_FOUND"},
		{name: "relationship to a missing actor", query: `mutation { connect(input: {id: "rx", fromId: "ann", toId: "ghost", kind: KNOWS}) { id } }`, code: "NOT_FOUND"},
		{name: "id of another kind", query: `mutation { upsertPlace(input: {id: "ann", name: "Ann's place"}) { id } }`, code: "CONFLICT"},
		{name: "place its own ancestor", query: `mutation { upsertPlace(input: {id: "town", name: "Town", parentId: "north"}) { id } }`, code: "CONFLICT"},
		{name: "blank name", query: `mutation { upsertPlace(input: {id: "y", name: "  "}) { id } }`, code: "BAD_USER_INPUT"},
		{name: "self tie", query: `mutation { connect(input: {id: "rs", fromId: "ann", toId: "ann", kind: KNOWS}) { id } }`, code: "BAD_USER_INPUT"},
		{name: "zero weight", query: `mutation { connect(input: {id: "rw", fromId: "ann", toId: "bob", kind: KNOWS, weight: 0}) { id } }`, code: "BAD_USER_INPUT"},
		{name: "first above 500", query: `{ places(first: 501) { totalCount } }`, code: "BAD_USER_INPUT"},
		{name: "negative first", query: `{ people(first: -1) { totalCount } }`, code: "BAD_USER_INPUT"},
		{name: "nested first above 500", query: `{ person(id: "ann") { relationships(first: 1000) { totalCount } } }`, code: "BAD_USER_INPUT"},
		{name: "malformed cursor", query: `{ places(after: "!!") { totalCount } }`, code: "BAD_USER_INPUT"},
		{name: "invalid date literal", query: `{ relationships(asOf: "2024-13-45") { totalCount } }`, code: "BAD_USER_INPUT"},
		{name: "invalid date variable", query: `query($d: Date) { relationships(asOf: $d) { totalCount } }`, vars: map[string]any{"d": "yesterday"}, code: "BAD_USER_INPUT"},
		{name: "until before since", query: `mutation { connect(input: {id: "rd", fromId: "ann", toId: "bob", kind: KNOWS, since: "2024-02-01", until: "2024-01-01"}) { id } }`, code: "BAD_USER_INPUT"},
		{name: "centrality first 0", query: `{ centrality(measure: DEGREE, first: 0) { rank } }`, code: "BAD_USER_INPUT"},
		{name: "analysis of a missing place", query: `{ networkSummary(placeId: "atlantis") { actors } }`, code: "NOT_FOUND"},
		{name: "unknown field", query: `{ place(id: "town") { colour } }`, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "unknown enum value", query: `{ centrality(measure: FAME) { rank } }`, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "syntax error", query: `{ place(id: "town") { id }`, code: "GRAPHQL_PARSE_FAILED"},
		{name: "exact and epsilon", query: `{ centrality(measure: BETWEENNESS, exact: true, epsilon: 0.1) { rank } }`, code: "BAD_USER_INPUT"},
		{name: "epsilon above 1", query: `{ centrality(measure: HARMONIC, epsilon: 1.5) { rank } }`, code: "BAD_USER_INPUT"},
		{name: "epsilon 0", query: `{ powerConcentration(epsilon: 0) { approximate } }`, code: "BAD_USER_INPUT"},
		{name: "unheard voices, exact and epsilon", query: `{ unheardVoices(exact: true, epsilon: 0.2) { score } }`, code: "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []client.Option
			for k, v := range tt.vars {
				opts = append(opts, client.Var(k, v))
			}
			errs := e.fail(t, tt.query, opts...)
			if got := code(errs); got != tt.code {
				t.Errorf("code = %q (%+v), want %q", got, errs, tt.code)
			}
		})
	}
}

// failingStore fails every Place lookup with an error carrying internal
// detail that must never reach a client.
type failingStore struct{ store.Store }

func (failingStore) Place(context.Context, string) (store.Place, error) {
	return store.Place{}, errors.New("bolt: page 4711 checksum mismatch at /srv/secret/path")
}

func TestInternalErrorHidden(t *testing.T) {
	t.Parallel()
	e := newEnvOver(t, failingStore{servicetest.MustOpenStore(t)}, resolvers.Options{})
	errs := e.fail(t, `{ place(id: "town") { id } }`)
	if code(errs) != "INTERNAL" || errs[0].Message != "internal error" {
		t.Errorf("error = %+v, want INTERNAL with a generic message", errs[0])
	}
	id, _ := errs[0].Extensions["correlationId"].(string)
	if id == "" {
		t.Fatalf("error %+v has no correlationId", errs[0])
	}
	logs := e.logs.String()
	if !strings.Contains(logs, id) || !strings.Contains(logs, "checksum mismatch") {
		t.Errorf("log does not hold the original error under correlation id %s:\n%s", id, logs)
	}
	for _, err := range errs {
		if strings.Contains(err.Message, "secret") || strings.Contains(err.Message, "bolt") {
			t.Errorf("client saw internal detail: %q", err.Message)
		}
	}
}

// panickingStore panics on every Forum lookup.
type panickingStore struct{ store.Store }

func (panickingStore) Forum(context.Context, string) (store.Forum, error) {
	panic("forum index corrupted at /srv/secret")
}

func TestPanicRecovered(t *testing.T) {
	t.Parallel()
	e := newEnvOver(t, panickingStore{servicetest.MustOpenStore(t)}, resolvers.Options{})
	errs := e.fail(t, `{ forum(id: "board") { id } }`)
	id, _ := errs[0].Extensions["correlationId"].(string)
	if code(errs) != "INTERNAL" || errs[0].Message != "internal error" || id == "" {
		t.Fatalf("panic presented as %+v, want INTERNAL with a correlation id", errs[0])
	}
	logs := e.logs.String()
	if !strings.Contains(logs, id) || !strings.Contains(logs, `"panic_type":"string"`) {
		t.Errorf("log lacks the panic's type under correlation id %s:\n%s", id, logs)
	}
	// The panic value may carry personal data: only its type is logged.
	if strings.Contains(logs, "forum index corrupted") {
		t.Errorf("log holds the panic value:\n%s", logs)
	}
	// The server survives.
	var resp struct{ Place *struct{ ID string } }
	e.do(t, `{ place(id: "nowhere") { id } }`, &resp)
}
