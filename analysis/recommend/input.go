package recommend

import (
	"fmt"
	"slices"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/voice"
)

// Forum is a forum in scope, as the recommendations need it.
type Forum struct {
	// ID is the forum id, used to break ties and to name the forum.
	ID string
	// DecisionMaking marks the forums where decisions are made: only these
	// receive invitations, and only their seats count.
	DecisionMaking bool
	// AffectsGroups lists the group tags the forum's work affects.
	AffectsGroups []string
	// Seated lists the nodes that hold a seat on the forum: a
	// participation at CO_PRODUCE or LEAD. A node listed twice holds one
	// seat.
	Seated []int
	// Stage is the stage the forum's work has reached: an invited person
	// joins at it. It does not change any figure.
	Stage ladder.Stage
}

// Input is a place snapshot: the voice analysis input plus what the
// recommendations need about community members, groups and forums. Every
// per-node slice has one entry per node of Voice.Graph.
type Input struct {
	// Voice is the input of voice.Unheard. Its Harmonic and Coreness may be
	// given (from a cache) or nil.
	Voice voice.Input
	// Community marks the community members (people taking part as
	// COMMUNITY_MEMBER): only they are proposed for introductions and
	// invitations, and only they count in WithinTwoStepsOfPower.
	Community []bool
	// Groups lists each node's group tags (nil: none).
	Groups [][]string
	// Forums are the forums in scope. An actor holds decision power in
	// Voice.Participations (voice.Holders) exactly when it holds at least
	// one seat on a decision-making forum here; otherwise the input is
	// invalid.
	Forums []Forum
}

// Kind is the kind of a recommendation. Its values are the names of the
// GraphQL enum RecommendationKind.
type Kind string

// The kinds of recommendation.
const (
	// Introduction is a new tie between two actors not yet tied.
	Introduction Kind = "INTRODUCTION"
	// Invitation is a person joining a decision-making forum at
	// CO_PRODUCE, so that they hold a decision seat.
	Invitation Kind = "INVITATION"
)

// Figures are the three components of the objective for one state of the
// place.
type Figures struct {
	// UnheardVoices is voice.Count of voice.Unheard: people holding no
	// decision power who are ISOLATED, PERIPHERAL, SINGLE_GATEKEEPER or
	// FAR_FROM_POWER.
	UnheardVoices int
	// WithinTwoStepsOfPower is the number of community members whose hop
	// distance to the nearest decision holder is at most 2 (0 for a
	// holder).
	WithinTwoStepsOfPower int
	// SeatHHI is power.HHI of the number of decision seats of each holder.
	SeatHHI float64
}

// Recommendation is one proposed change with its effect on the figures.
type Recommendation struct {
	Kind Kind
	// A and B are the two actors to introduce (Introduction): A is the
	// unheard community member the introduction is for, B the actor near
	// power. Both are -1 for an invitation.
	A, B int
	// Person is the community member to invite and Forum the index in
	// Input.Forums of the forum (Invitation); both are -1 for an
	// introduction.
	Person, Forum int
	// Groups lists the person's group tags that the forum affects, sorted
	// (Invitation; empty when it affects none of them).
	Groups []string
	// Before and After are the figures of the place without and with the
	// change.
	Before, After Figures
	// Gain is the improvement of the objective, Gain(Before, After).
	Gain float64
	// Alternatives lists, in rank order, the other people for whom the same
	// change (an introduction to the same B, an invitation to the same
	// forum for the same groups) has exactly the same effect: people of
	// exactly the same groups, for whom it gives the same figures and
	// hears the same people (see fold). They are folded into this
	// recommendation rather than listed one by one.
	Alternatives []int
	// effect fingerprints the people the change affects (see effect).
	effect effect
}

// Weights of the objective (see Gain).
const (
	// WeightUnheard is the gain of one unheard voice fewer.
	WeightUnheard = 1.0
	// WeightWithinTwo is the gain of one more community member within two
	// steps of power.
	WeightWithinTwo = 0.5
	// WeightSeatHHI is the gain of a fall of 1 in the seat HHI (so a fall
	// of 0.1 weighs as one unheard voice).
	WeightSeatHHI = 10.0
)

// Gain returns the improvement from before to after:
//
//	gain = 1·(U_before − U_after) + 0.5·(W_after − W_before)
//	     + 10·(HHI_before − HHI_after)
//
// where U is UnheardVoices, W is WithinTwoStepsOfPower and HHI is SeatHHI.
// A voice heard weighs most, as the purpose of voicemap; bringing a community
// member within two steps of power weighs half as much, since it is a
// step towards being heard that voice.Count may not yet see (the person may
// still be peripheral or gated). Seat concentration is on a 0..1 scale: in
// a place with k holders of one seat each an invitation lowers it from 1/k
// to 1/(k+1), worth 10/(k(k+1)): 1.67 with 2 holders, under 0.1 with 10, so
// it separates candidates mostly where power sits with very few.
func Gain(before, after Figures) float64 {
	return WeightUnheard*float64(before.UnheardVoices-after.UnheardVoices) +
		WeightWithinTwo*float64(after.WithinTwoStepsOfPower-before.WithinTwoStepsOfPower) +
		WeightSeatHHI*(before.SeatHHI-after.SeatHHI)
}

// validate reports an error wrapping analysis.ErrInvalid unless every slice
// has one entry per node, every seat names a node, and the holders of
// Voice.Participations are exactly the seat holders.
func (in Input) validate() error {
	g := in.Voice.Graph
	if g == nil {
		return fmt.Errorf("%w: recommend: nil graph", analysis.ErrInvalid)
	}
	n := g.Order()
	if len(in.Community) != n || len(in.Groups) != n || len(in.Voice.Participations) != n {
		return fmt.Errorf("%w: recommend: Community, Groups and Participations have %d, %d and %d entries, want %d",
			analysis.ErrInvalid, len(in.Community), len(in.Groups), len(in.Voice.Participations), n)
	}
	for f, fo := range in.Forums {
		for _, v := range fo.Seated {
			if v < 0 || v >= n {
				return fmt.Errorf("%w: recommend: forum %d seats node %d outside 0..%d", analysis.ErrInvalid, f, v, n-1)
			}
		}
	}
	holders := voice.Holders(in.Voice.Participations)
	seats := in.seats()
	for v := range n {
		if holders[v] != (seats[v] > 0) {
			return fmt.Errorf("%w: recommend: node %d holds decision power %v but %d seats on the forums in scope",
				analysis.ErrInvalid, v, holders[v], seats[v])
		}
	}
	return nil
}

// seats returns the number of decision seats of every node: the
// decision-making forums that list it in Seated, each once.
func (in Input) seats() []int {
	seats := make([]int, in.Voice.Graph.Order())
	for _, f := range in.Forums {
		if !f.DecisionMaking {
			continue
		}
		seated := slices.Clone(f.Seated)
		slices.Sort(seated)
		for _, v := range slices.Compact(seated) {
			seats[v]++
		}
	}
	return seats
}
