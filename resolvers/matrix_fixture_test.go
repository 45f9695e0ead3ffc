package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/audit"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

// matrixIDs are the ids (and place code) an operation of the matrix is
// built from: those of place A, of place B, or ids that exist nowhere.
type matrixIDs map[string]string

// matrixSide returns the ids of the side with prefix x ("a", "b" or "m"
// for missing).
func matrixSide(x string) matrixIDs {
	return matrixIDs{
		"place":   x + "-ward",
		"code":    strings.ToUpper(x) + "0001",
		"person":  x + "-person-1",
		"person2": x + "-person-2",
		"org":     x + "-org",
		"funder":  x + "-fund",
		"forum":   x + "-forum",
		"rel":     x + "-rel",
		"rel2":    x + "-rel-2",
		"part":    x + "-part",
		"part2":   x + "-part-2",
		"grant":   x + "-grant",
		"x":       x,
	}
}

// matrixMarker is the word in every name of a side's fixture.
var matrixMarker = map[string]string{"a": "Alpha", "b": "Beta"}

// matrixNames returns the names given to the side's entities.
func matrixNames(x string) []string {
	m := matrixMarker[x]
	return []string{m + " Ward", m + " Person One", m + " Person Two", m + " Org", m + " Fund", m + " Forum", m + " Grant"}
}

// matrixTag returns the group tag the side's people carry.
func matrixTag(x string) string { return strings.ToLower(matrixMarker[x]) + "-kin" }

// matrixSeed returns the GraphQL mutation building one side of the
// fixture: a ward under the town with two people (one tied to the other,
// the second a member of an organisation), a community group, a funder, a
// decision-making forum led by the organisation and consulting the first
// person.
func matrixSeed(x string) string {
	id, m, tag := matrixSide(x), matrixMarker[x], matrixTag(x)
	r := strings.NewReplacer("{X}", x, "{M}", m, "{TAG}", tag, "{CODE}", id["code"])
	return r.Replace(`
		{X}w: upsertPlace(input: {id: "{X}-ward", name: "{M} Ward", code: "{CODE}", parentId: "town", population: 1000, needIndex: 3, needScale: "IMD2019_DECILE", populationByGroup: [{group: "{TAG}", count: 40}]}) { id }
		{X}p1: upsertPerson(input: {id: "{X}-person-1", name: "{M} Person One", placeId: "{X}-ward", groups: ["{TAG}"], consent: GIVEN}) { id }
		{X}p2: upsertPerson(input: {id: "{X}-person-2", name: "{M} Person Two", placeId: "{X}-ward", groups: ["{TAG}"], roles: ["{TAG}-role"], livedExperience: ["{TAG}-lived"], consent: GIVEN}) { id }
		{X}o: upsertOrganisation(input: {id: "{X}-org", name: "{M} Org", kind: COMMUNITY_GROUP, placeId: "{X}-ward"}) { id }
		{X}f: upsertOrganisation(input: {id: "{X}-fund", name: "{M} Fund", kind: FUNDER, placeId: "{X}-ward"}) { id }
		{X}r1: connect(input: {id: "{X}-rel", fromId: "{X}-person-1", toId: "{X}-person-2", kind: KNOWS, since: "2020-01-01"}) { id }
		{X}r2: connect(input: {id: "{X}-rel-2", fromId: "{X}-person-2", toId: "{X}-org", kind: MEMBER_OF}) { id }
		{X}fo: upsertForum(input: {id: "{X}-forum", name: "{M} Forum", placeId: "{X}-ward", decisionMaking: true, affectsGroups: ["{TAG}"]}) { id }
		{X}pa: recordParticipation(input: {id: "{X}-part", actorId: "{X}-org", forumId: "{X}-forum", level: LEAD, joinedAtStage: IDEA}) { id }
		{X}pb: recordParticipation(input: {id: "{X}-part-2", actorId: "{X}-person-1", forumId: "{X}-forum", level: CONSULT, joinedAtStage: DELIVERY}) { id }
	`)
}

// matrixFixture builds the fixture in a store file and returns its path:
// the town with wards A and B (matrixSeed), a tie across them between
// their first people, and one grant per ward from its funder to its
// organisation. The store is closed, so that each test of a mutation can
// run on a fresh copy.
func matrixFixture(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fixture.db")
	st, err := boltstore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvOver(t, st, resolvers.Options{})
	q := `mutation { town: upsertPlace(input: {id: "town", name: "Townsville", code: "T0001"}) { id }` +
		matrixSeed("a") + matrixSeed("b") +
		`cross: connect(input: {id: "ab-rel", fromId: "a-person-1", toId: "b-person-1", kind: KNOWS}) { id } }`
	e.do(t, q, new(map[string]any))
	for _, x := range []string{"a", "b"} {
		id := matrixSide(x)
		g := store.Grant{
			ID: id["grant"], Title: matrixMarker[x] + " Grant", Amount: 500000, Currency: "GBP",
			AwardedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
			FunderID:  id["funder"], RecipientID: id["org"], PlaceIDs: []string{id["place"]},
		}
		if _, err := st.UpsertGrant(auth.With(ctx, auth.LocalAdmin), g); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openCopy opens a fresh copy of the store file at path.
func openCopy(t *testing.T, path string) *boltstore.Store {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := boltstore.Open(context.Background(), cp)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// matrixHandler is the real GraphQL handler over st, each request running
// as p, or with no principal at all when p is nil (what the server's
// authentication middleware leaves when keys are configured and a request
// brings none: the service answers UNAUTHENTICATED), with an audit log of
// its own.
func matrixHandler(t *testing.T, st store.Store, p *auth.Principal) func(query string) string {
	t.Helper()
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	log, err := audit.Open(filepath.Join(t.TempDir(), "audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = log.Close() })
	var h = resolvers.NewHandler(service.New(st, logger), logger, resolvers.Options{Audit: log})
	if p != nil {
		h = as(*p, h)
	}
	return func(query string) string {
		body, _ := json.Marshal(map[string]string{"query": query})
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Body.String()
	}
}

// dumpStore returns everything the store holds, as JSON, to compare
// before and after an operation that must write nothing.
func dumpStore(t *testing.T, st store.Store) string {
	t.Helper()
	ctx := auth.With(context.Background(), auth.LocalAdmin)
	snap, err := st.Snapshot(ctx, store.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	gs, ok := st.(store.GrantStore)
	if !ok {
		t.Fatal("store has no grants")
	}
	grants, err := gs.Grants(ctx, store.GrantFilter{}, store.Page{First: 500})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]any{snap, grants})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
