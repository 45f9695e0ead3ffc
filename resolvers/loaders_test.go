package resolvers_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/store"
)

// TestDataloaderRoundTrips lists n relationships with both actors and
// their places and counts the store round trips: they must not grow with n
// (without dataloaders 500 relationships would cost 2,001 calls).
func TestDataloaderRoundTrips(t *testing.T) {
	t.Parallel()
	// The ends' places are selected through fragments, as dashboards do.
	const query = `query($first: Int) { relationships(first: $first) { totalCount edges { node {
		id from { id name ... on Person { place { id name } } } to { id name ...ends }
	} } } }
	fragment ends on Actor { place { id name } }`
	e := newEnv(t, resolvers.Options{})
	importRing(t, e, 10, 500)
	// The first list after a write reads the set of people whose consent
	// is withdrawn (service/consent.go) once; it is cached until the next
	// write, so it is read here before counting.
	var warm map[string]any
	e.do(t, `{ relationships(first: 1) { totalCount } }`, &warm)
	for _, n := range []int{10, 100, 500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			e.store.Reset()
			var resp struct {
				Relationships struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID       string
							From, To struct {
								ID, Name string
								Place    struct{ ID, Name string }
							}
						}
					}
				}
			}
			e.do(t, query, &resp, client.Var("first", n))
			if got := len(resp.Relationships.Edges); got != n {
				t.Fatalf("got %d relationships, want %d", got, n)
			}
			for _, edge := range resp.Relationships.Edges {
				if edge.Node.From.Place.Name == "" || edge.Node.To.Place.Name == "" {
					t.Fatalf("relationship %s lacks an actor's place: %+v", edge.Node.ID, edge.Node)
				}
			}
			counts := e.store.Counts()
			// One list, one batch of actors, one batch of places, and one
			// read of the store's versions for the request (the cached set
			// of withdrawn people is checked against it).
			if counts["Relationships"] != 1 || counts["ActorsByID"] != 1 || counts["PlacesByID"] != 1 || counts["Versions"] != 1 || e.store.Total() != 4 {
				t.Errorf("listing %d relationships with actors and places took %v store calls, want a constant 4", n, counts)
			}
			t.Logf("n=%d store calls: %v", n, counts)
		})
	}
}

// importRing imports places places and n people, person i in place i mod
// places, tied in a ring of n relationships.
func importRing(t *testing.T, e *env, places, n int) {
	t.Helper()
	var b store.Batch
	for i := range places {
		b.Places = append(b.Places, store.Place{ID: fmt.Sprintf("pl%02d", i), Name: fmt.Sprintf("Place %d", i)})
	}
	for i := range n {
		b.People = append(b.People, store.Person{ID: fmt.Sprintf("pe%04d", i), Name: fmt.Sprintf("Person %d", i), PlaceID: fmt.Sprintf("pl%02d", i%places)})
		b.Relationships = append(b.Relationships, store.Relationship{
			ID: fmt.Sprintf("re%04d", i), FromID: fmt.Sprintf("pe%04d", i), ToID: fmt.Sprintf("pe%04d", (i+1)%n),
			Kind: store.RelKnows, Weight: 1,
		})
	}
	if _, err := e.store.Import(context.Background(), b); err != nil {
		t.Fatalf("Import: %v", err)
	}
}
