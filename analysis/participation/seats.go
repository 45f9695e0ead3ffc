package participation

import (
	"cmp"
	"slices"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/power"
)

// HolderKind classifies the holder of a decision seat.
type HolderKind string

// Holder kinds. Unclassified is an actor that is in neither Scope.People
// nor Scope.Organisations, or a person whose Capacity is neither ladder.Community
// nor ladder.Professional.
const (
	HolderCommunity    HolderKind = "COMMUNITY_MEMBER"
	HolderProfessional HolderKind = "PROFESSIONAL"
	HolderOrganisation HolderKind = "ORGANISATION"
	HolderUnclassified HolderKind = "UNCLASSIFIED"
)

// Holder is one actor holding decision seats.
type Holder struct {
	ActorID string
	Kind    HolderKind
	// Seats is the number of decision-making forums on which the actor sits
	// at CO_PRODUCE or LEAD.
	Seats int
}

// SeatReport describes how concentrated the decision seats of a scope are.
type SeatReport struct {
	// Seats is the number of seats: distinct (actor, forum) pairs with the
	// actor at CO_PRODUCE or LEAD in a decision-making forum.
	Seats int
	// Holders lists the distinct seat holders, most seats first, then by
	// actor id; len(Holders) is the number of holders.
	Holders []Holder
	// HHI is the Herfindahl–Hirschman index of seat shares, in (0, 1];
	// 0 when there are no seats.
	HHI float64
	// Majority is the smallest number of holders that together hold at
	// least half of all seats; 0 when there are no seats.
	Majority int
	// CommunityShare, ProfessionalShare, OrganisationShare and
	// UnclassifiedShare are the shares of all seats held by each kind of
	// holder; they sum to 1 when there are seats and are all 0 otherwise.
	CommunityShare    float64
	ProfessionalShare float64
	OrganisationShare float64
	UnclassifiedShare float64
}

// Seats reports on the decision seats of the scope. A seat is one actor
// taking part in one decision-making forum at CO_PRODUCE or LEAD; an actor
// on several such forums holds one seat on each, and several participations
// of the same actor in the same forum are one seat. With n_i the seats of
// holder i and S = Σ n_i:
//
//	HHI      = Σ_i (n_i / S)²            (Herfindahl 1950; Hirschman 1945)
//	Majority = min k such that the k largest n_i sum to at least S/2
//
// HHI is 1/h when h holders hold equal numbers of seats and 1 when one
// holder holds them all; competition authorities quote it ×10,000 (U.S.
// DOJ/FTC Merger Guidelines 2023), here it stays on the 0..1 scale.
// The shares by kind divide each kind's seats by S: a person counts as a
// community member or a professional by Capacity, an id in
// Scope.Organisations as an organisation, and anything else as
// unclassified. With no seats every figure is 0 and Holders is empty.
func Seats(s Scope) SeatReport {
	return newIndex(s).seatReport()
}

func (ix *index) seatReport() SeatReport {
	r := SeatReport{Seats: len(ix.seats)}
	if r.Seats == 0 {
		r.Holders = []Holder{}
		return r
	}
	per := make(map[string]int)
	for _, st := range ix.seats {
		per[st.actor]++
	}
	r.Holders = make([]Holder, 0, len(per))
	byKind := make(map[HolderKind]int)
	for id, n := range per {
		k := ix.kindOf(id)
		r.Holders = append(r.Holders, Holder{ActorID: id, Kind: k, Seats: n})
		byKind[k] += n
	}
	slices.SortFunc(r.Holders, func(a, b Holder) int {
		return cmp.Or(cmp.Compare(b.Seats, a.Seats), cmp.Compare(a.ActorID, b.ActorID))
	})
	counts := make([]float64, len(r.Holders))
	for i, h := range r.Holders {
		counts[i] = float64(h.Seats)
	}
	r.HHI = power.HHI(counts)
	r.Majority = power.MinHolders(counts, 0.5)
	r.CommunityShare = share(byKind[HolderCommunity], r.Seats)
	r.ProfessionalShare = share(byKind[HolderProfessional], r.Seats)
	r.OrganisationShare = share(byKind[HolderOrganisation], r.Seats)
	r.UnclassifiedShare = share(byKind[HolderUnclassified], r.Seats)
	return r
}

// kindOf classifies an actor id; a person wins over an organisation should
// an id be listed as both.
func (ix *index) kindOf(id string) HolderKind {
	if p, ok := ix.people[id]; ok {
		switch p.Capacity {
		case ladder.Community:
			return HolderCommunity
		case ladder.Professional:
			return HolderProfessional
		}
		return HolderUnclassified
	}
	if ix.orgs[id] {
		return HolderOrganisation
	}
	return HolderUnclassified
}
