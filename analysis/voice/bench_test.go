package voice_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/voice"
)

// baPlace is a Barabási–Albert place of n actors (analysis.BarabasiAlbert
// with m ties per new node, seed 1): nine in ten people, 1% of actors
// decision holders, and each other actor in 0..2 forums at random levels
// and stages (PCG seeded with 3, 3).
func baPlace(tb testing.TB, n, m int) voice.Input {
	tb.Helper()
	g, err := analysis.NewGraph(n, analysis.BarabasiAlbert(n, m, 1))
	if err != nil {
		tb.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(3, 3))
	in := voice.Input{Graph: g, IDs: make([]string, n), Person: make([]bool, n), Participations: make([][]voice.Participation, n)}
	for v := range n {
		in.IDs[v] = fmt.Sprintf("actor-%06d", v)
		in.Person[v] = rnd.IntN(10) > 0
		if rnd.IntN(100) == 0 {
			in.Participations[v] = []voice.Participation{{Level: ladder.Lead, Stage: ladder.Idea, DecisionMaking: true}}
			continue
		}
		for range rnd.IntN(3) {
			in.Participations[v] = append(in.Participations[v], voice.Participation{
				Level:          ladder.Level(rnd.IntN(int(ladder.CoProduce))),
				Stage:          ladder.Stage(rnd.IntN(int(ladder.Evaluation) + 1)),
				DecisionMaking: rnd.IntN(2) == 0,
			})
		}
	}
	return in
}

// BenchmarkUnheard times Unheard on a Barabási–Albert place of 10,000
// actors and 29,991 ties with 1% decision holders: "full" computes the
// harmonic centrality and core numbers itself, "cached" is given them (as
// the service does from its centrality cache), so it times the voice
// analysis alone.
func BenchmarkUnheard(b *testing.B) {
	in := baPlace(b, 10_000, 3)
	ctx := context.Background()
	b.Run("full/n=10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := voice.Unheard(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	})
	cached := in
	var err error
	if cached.Harmonic, err = analysis.Centrality(ctx, in.Graph, analysis.Harmonic, false); err != nil {
		b.Fatal(err)
	}
	if cached.Coreness, err = analysis.Centrality(ctx, in.Graph, analysis.Coreness, false); err != nil {
		b.Fatal(err)
	}
	b.Run("cached/n=10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := voice.Unheard(ctx, cached); err != nil {
				b.Fatal(err)
			}
		}
	})
	holders := voice.Holders(in.Participations)
	b.Run("Gatekeepers/n=10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := voice.Gatekeepers(in.Graph, holders); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, weighted := range []bool{false, true} {
		b.Run(fmt.Sprintf("PathToPower/weighted=%v/n=10000", weighted), func(b *testing.B) {
			for b.Loop() {
				if voice.PathToPower(in.Graph, holders, 9999, weighted) == nil {
					b.Fatal("no path to power")
				}
			}
		})
	}
}
