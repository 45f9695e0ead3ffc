package voice

import (
	"cmp"
	"context"
	"slices"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
)

// Voice is the verdict on one person.
type Voice struct {
	// Node is the person's node index, ID their actor id.
	Node int
	ID   string
	// Score combines Reasons in [0, 1] (see Score); 0 means no reason.
	Score float64
	// Reasons hold, in the order of the Reasons list.
	Reasons []Reason
	// Holder reports whether the person holds decision power. A holder
	// is never SINGLE_GATEKEEPER or FAR_FROM_POWER.
	Holder bool
	// Gatekeeper is the node that separates the person from every
	// decision holder (the one nearest the person), or -1.
	Gatekeeper int
	// Hops is the number of steps to the nearest decision holder, 0 for a
	// holder, -1 if none can be reached.
	Hops int
	// Harmonic is the person's unweighted harmonic centrality, the last
	// tie-breaker of the ranking.
	Harmonic float64
}

// Has reports whether v lists reason r.
func (v Voice) Has(r Reason) bool { return slices.Contains(v.Reasons, r) }

// Unheard reports whether v counts as an unheard voice: a person who holds
// no decision power and is cut off from it in the network, that is,
// ISOLATED, SINGLE_GATEKEEPER, FAR_FROM_POWER, or PERIPHERAL without a tie
// to a decision holder (Hops ≠ 1).
//
// A PERIPHERAL person tied directly to a decision holder is not counted:
// they sit at the edge of the network, but someone who decides hears them
// without an intermediary, which is the access that matters (the status of
// the contact reached, not the number of contacts: Lin, Ensel and Vaughn
// 1981, "Social resources and strength of ties", Am. Sociol. Rev. 46:393;
// "co-production is a bridge between the decision makers and the people in
// the community"). The same reasoning makes a person tied to a holder never
// gated (see Gatekeepers). So introducing an isolated resident to a
// decision holder makes them heard, though their one tie leaves them
// PERIPHERAL.
//
// The three participation reasons (CONSULTED_ONLY, NEVER_INVOLVED,
// JOINED_LATE) raise the score but do not on their own make a voice
// unheard: they describe the person's own forum history, which the
// decision-seat indices already measure, and counting them would make the
// count follow forum attendance rather than the network.
func (v Voice) Unheard() bool {
	return !v.Holder && (v.Has(Isolated) || v.Has(Peripheral) && v.Hops != 1 || v.Has(SingleGatekeeper) || v.Has(FarFromPower))
}

// Count returns the number of unheard voices among voices (see
// Voice.Unheard): the figure that powerTrend follows over time.
func Count(voices []Voice) int {
	c := 0
	for _, v := range voices {
		if v.Unheard() {
			c++
		}
	}
	return c
}

// Unheard scores every person of in, organisations being actors but not
// scored, and returns one Voice per person, most unheard first.
//
// Every person in scope is scored, community member or professional: the
// definitions do not depend on capacity, and a caller that wants community
// members only, or one group, filters the result. The network reasons use
// every actor in scope, people and organisations alike. Harmonic centrality
// and core number are unweighted (analysis.Centrality with weighted false):
// being at the edge of the network is a matter of who is tied to whom, not
// of how strong the ties are.
//
// The order is by Score descending; then by distance to power, descending,
// those who reach no holder first; then by harmonic centrality, ascending;
// then by id and node index. It is the same on every run.
//
// Unheard checks ctx between phases and returns ctx.Err() once it is
// cancelled. Input slices of the wrong length, or a level or stage out of
// range, give an error wrapping analysis.ErrInvalid.
func Unheard(ctx context.Context, in Input) ([]Voice, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	g := in.Graph
	var err error
	coreness := in.Coreness
	if coreness == nil {
		if coreness, err = analysis.Centrality(ctx, g, analysis.Coreness, false); err != nil {
			return nil, err
		}
	}
	harmonic := in.Harmonic
	if harmonic == nil {
		if harmonic, err = analysis.Centrality(ctx, g, analysis.Harmonic, false); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	holders := Holders(in.Participations)
	hops, err := Hops(g, holders)
	if err != nil {
		return nil, err
	}
	gate, err := Gatekeepers(g, holders)
	if err != nil {
		return nil, err
	}
	threshold := HarmonicThreshold(g, harmonic)

	var voices []Voice
	for v := range g.Order() {
		if !in.Person[v] {
			continue
		}
		adj, _ := g.Neighbours(v)
		f := facts{
			degree:    len(adj),
			coreness:  coreness[v],
			harmonic:  harmonic[v],
			threshold: threshold,
			holder:    holders[v],
			gate:      gate[v],
			hops:      hops[v],
			parts:     in.Participations[v],
		}
		reasons := f.reasons()
		voices = append(voices, Voice{
			Node:       v,
			ID:         in.IDs[v],
			Score:      Score(reasons),
			Reasons:    reasons,
			Holder:     holders[v],
			Gatekeeper: gate[v],
			Hops:       hops[v],
			Harmonic:   harmonic[v],
		})
	}
	slices.SortFunc(voices, compareVoices)
	return voices, nil
}

// facts are what the reasons of one person are read from.
type facts struct {
	degree    int
	coreness  float64
	harmonic  float64
	threshold float64
	holder    bool
	gate      int
	hops      int
	parts     []Participation
}

// reasons returns the reasons that hold, in the order of Reasons.
func (f facts) reasons() []Reason {
	var rs []Reason
	if f.degree == 0 {
		rs = append(rs, Isolated)
	} else if f.coreness == 1 || f.harmonic < f.threshold {
		rs = append(rs, Peripheral)
	}
	if !f.holder {
		if f.gate >= 0 {
			rs = append(rs, SingleGatekeeper)
		}
		if f.hops < 0 || f.hops > FarHops {
			rs = append(rs, FarFromPower)
		}
	}
	top, decisions, late := ladder.Inform, 0, 0
	for _, p := range f.parts {
		top = max(top, p.Level)
		if p.DecisionMaking {
			decisions++
			if p.Stage >= ladder.Delivery {
				late++
			}
		}
	}
	if len(f.parts) > 0 && top <= ladder.Consult {
		rs = append(rs, ConsultedOnly)
	}
	if len(f.parts) == 0 {
		rs = append(rs, NeverInvolved)
	}
	if !f.holder && decisions > 0 && late == decisions {
		rs = append(rs, JoinedLate)
	}
	return rs
}

// compareVoices orders the most unheard first (see Unheard).
func compareVoices(a, b Voice) int {
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	if c := cmp.Compare(remoteness(b.Hops), remoteness(a.Hops)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Harmonic, b.Harmonic); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Node, b.Node)
}

// remoteness ranks a distance to power, an unreachable holder being the
// most remote.
func remoteness(hops int) int {
	if hops < 0 {
		return int(^uint(0) >> 1)
	}
	return hops
}
