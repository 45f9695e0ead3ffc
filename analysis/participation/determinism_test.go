package participation_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/participation"
)

// TestOrderIndependent shuffles every input list with a seeded source and
// checks that each function gives the same answer as on the input in its
// original order.
func TestOrderIndependent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := village()
	base.Population = participation.Population{ByGroup: map[string]int{"parent": 30, "older person": 20}, Total: 100}
	rels := []participation.Relationship{
		{ID: "1", From: "p1", To: "p2", Kind: "KNOWS", Since: dayp(t, "2020-01-01")},
		{ID: "2", From: "p2", To: "p1", Kind: "ADVISES"},
		{ID: "3", From: "org1", To: "p3", Kind: "FUNDS", Since: dayp(t, "2023-05-01")},
		{ID: "4", From: "p4", To: "p3", Kind: "REFERS_TO"},
		{ID: "5", From: "p3", To: "p4", Kind: "REFERS_TO", Since: dayp(t, "2021-05-01")},
	}
	asOf := day(t, "2024-01-01")
	wantSeats := participation.Seats(base)
	wantRep := participation.Representation(base)
	wantNA := participation.NothingAboutUsWithoutUs(base)
	wantTies := participation.Ties(rels, asOf)
	for i := range 20 {
		s := base
		s.People = shuffled(rng, base.People)
		s.Forums = shuffled(rng, base.Forums)
		s.Participations = shuffled(rng, base.Participations)
		r := shuffled(rng, rels)
		if got := participation.Seats(s); !reflect.DeepEqual(got, wantSeats) {
			t.Errorf("shuffle %d: Seats = %+v, want %+v", i, got, wantSeats)
		}
		if got := participation.Representation(s); !reflect.DeepEqual(got, wantRep) {
			t.Errorf("shuffle %d: Representation = %s, want %s", i, rows(got), rows(wantRep))
		}
		if got := participation.NothingAboutUsWithoutUs(s); !slices.Equal(got, wantNA) {
			t.Errorf("shuffle %d: NothingAboutUsWithoutUs = %+v, want %+v", i, got, wantNA)
		}
		if got := participation.Ties(r, asOf); !reflect.DeepEqual(got, wantTies) {
			t.Errorf("shuffle %d: Ties = %+v, want %+v", i, got, wantTies)
		}
	}
}

func shuffled[T any](rng *rand.Rand, xs []T) []T {
	out := slices.Clone(xs)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
