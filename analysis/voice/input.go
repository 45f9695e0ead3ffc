package voice

import (
	"fmt"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
)

// Participation is what the analysis needs of one active participation of
// an actor in a forum: the level on the ladder, the stage at which the actor
// joined, and whether the forum makes decisions.
type Participation struct {
	Level          ladder.Level
	Stage          ladder.Stage
	DecisionMaking bool
}

// HoldsPower reports whether p gives a share of decision power: a
// participation at CO_PRODUCE or LEAD in a decision-making forum.
func (p Participation) HoldsPower() bool { return p.DecisionMaking && p.Level.HoldsPower() }

// Input is a snapshot of the actors in scope, as the analysis needs it.
// Every slice has one entry per node of Graph (index = node).
type Input struct {
	// Graph holds the relationships between the actors 0..n-1 in scope.
	Graph *analysis.Graph
	// IDs are the actor ids, used to break ties between equal scores.
	IDs []string
	// Person marks the nodes that are people; only people are scored.
	// Organisations still count as actors: they carry paths, hold
	// decision seats and enter the harmonic-centrality decile.
	Person []bool
	// Participations lists the participations of each actor that are
	// active on the date of the snapshot (nil or empty: none).
	Participations [][]Participation
	// Harmonic optionally gives the unweighted harmonic centrality of
	// every node (analysis.Centrality(ctx, g, analysis.Harmonic, false)),
	// so that a caller with a cache need not compute it again. Nil means
	// Unheard computes it.
	Harmonic []float64
	// Coreness optionally gives the core number of every node, as
	// Harmonic. Nil means Unheard computes it.
	Coreness []float64
}

// Holders returns, for every node, whether it holds decision power: at
// least one of its participations HoldsPower.
func Holders(parts [][]Participation) []bool {
	h := make([]bool, len(parts))
	for v, ps := range parts {
		for _, p := range ps {
			if p.HoldsPower() {
				h[v] = true
				break
			}
		}
	}
	return h
}

// validate reports an error wrapping analysis.ErrInvalid unless every slice
// of in has one entry per node and every level and stage is known.
func (in Input) validate() error {
	if in.Graph == nil {
		return fmt.Errorf("%w: voice: nil graph", analysis.ErrInvalid)
	}
	n := in.Graph.Order()
	lengths := []struct {
		name     string
		n        int
		optional bool
	}{
		{"IDs", len(in.IDs), false},
		{"Person", len(in.Person), false},
		{"Participations", len(in.Participations), false},
		{"Harmonic", len(in.Harmonic), in.Harmonic == nil},
		{"Coreness", len(in.Coreness), in.Coreness == nil},
	}
	for _, l := range lengths {
		if !l.optional && l.n != n {
			return fmt.Errorf("%w: voice: %s has %d entries, want one per node (%d)", analysis.ErrInvalid, l.name, l.n, n)
		}
	}
	for v, ps := range in.Participations {
		for _, p := range ps {
			if !p.Level.Valid() || !p.Stage.Valid() {
				return fmt.Errorf("%w: voice: node %d has a participation at level %d, stage %d, want 0..4 and 0..3", analysis.ErrInvalid, v, p.Level, p.Stage)
			}
		}
	}
	return nil
}
