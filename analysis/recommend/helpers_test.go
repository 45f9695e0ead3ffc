package recommend_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/recommend"
	"github.com/voicemap/voicemap/analysis/voice"
)

// mustGraph builds an unweighted graph on n nodes from pairs.
func mustGraph(t testing.TB, n int, pairs [][2]int) *analysis.Graph {
	t.Helper()
	edges := make([]analysis.Edge, len(pairs))
	for i, p := range pairs {
		edges[i] = analysis.Edge{U: p[0], V: p[1], Weight: 1}
	}
	g, err := analysis.NewGraph(n, edges)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// place returns an Input on g where every node is a community member with
// no group, no participation and no forum; tests then add what they need.
func place(g *analysis.Graph) recommend.Input {
	n := g.Order()
	in := recommend.Input{
		Voice: voice.Input{Graph: g, IDs: make([]string, n), Person: make([]bool, n),
			Participations: make([][]voice.Participation, n)},
		Community: make([]bool, n),
		Groups:    make([][]string, n),
	}
	for v := range n {
		in.Voice.IDs[v] = fmt.Sprintf("actor-%02d", v)
		in.Voice.Person[v] = true
		in.Community[v] = true
	}
	return in
}

// seat puts node v on forum f at the given level (CO_PRODUCE or LEAD).
func seat(in *recommend.Input, f, v int, level ladder.Level) {
	in.Forums[f].Seated = append(in.Forums[f].Seated, v)
	in.Voice.Participations[v] = append(in.Voice.Participations[v],
		voice.Participation{Level: level, Stage: ladder.Idea, DecisionMaking: true})
}

// baPlace is the benchmark place: a Barabási–Albert graph of n actors with
// three ties per new actor (analysis.BarabasiAlbert seed 1), nine in ten
// actors people, six in ten actors community members, 2% of actors holding
// seats on one or two of four decision-making forums, a fifth forum (a
// workshop) that decides nothing, group tags on a third of the people, and
// the other actors in 0..2 forums below CO_PRODUCE (PCG seeded with 9, 9).
func baPlace(tb testing.TB, n int) recommend.Input {
	tb.Helper()
	g, err := analysis.NewGraph(n, analysis.BarabasiAlbert(n, 3, 1))
	if err != nil {
		tb.Fatal(err)
	}
	in := place(g)
	rnd := rand.New(rand.NewPCG(9, 9))
	tags := []string{"young person", "parent", "carer", "older person"}
	for f := range 5 {
		in.Forums = append(in.Forums, recommend.Forum{ID: fmt.Sprintf("forum-%d", f), DecisionMaking: f < 4,
			AffectsGroups: []string{tags[f%4]}})
	}
	for v := range n {
		in.Voice.Person[v] = rnd.IntN(10) > 0
		in.Community[v] = in.Voice.Person[v] && rnd.IntN(3) > 0
		if in.Voice.Person[v] && rnd.IntN(3) == 0 {
			in.Groups[v] = []string{tags[rnd.IntN(4)]}
		}
		if rnd.IntN(50) == 0 {
			for _, f := range rnd.Perm(4)[:1+rnd.IntN(2)] {
				seat(&in, f, v, ladder.CoProduce+ladder.Level(rnd.IntN(2)))
			}
			continue
		}
		for range rnd.IntN(3) {
			f := rnd.IntN(5)
			in.Voice.Participations[v] = append(in.Voice.Participations[v], voice.Participation{
				Level: ladder.Level(rnd.IntN(int(ladder.CoProduce))), Stage: ladder.Stage(rnd.IntN(4)),
				DecisionMaking: in.Forums[f].DecisionMaking})
		}
	}
	return in
}
