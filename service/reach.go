package service

import (
	"context"
	"time"

	"github.com/voicemap/voicemap/analysis/funding"
	"github.com/voicemap/voicemap/store"
)

// ReachBasis says which people FundingReach measured reach to.
type ReachBasis string

// Reach bases.
const (
	// ReachUnheard: the unheard voices of the scope (UnheardVoices with
	// Unheard true).
	ReachUnheard ReachBasis = "UNHEARD_VOICES"
	// ReachMembers: every community member of the scope, used when the
	// scope has no unheard voice.
	ReachMembers ReachBasis = "COMMUNITY_MEMBERS"
)

// RecipientReach is one organisation funded by the grants of FundingReach
// (funding.RecipientReach), its amount in major units.
type RecipientReach struct {
	OrganisationID string
	Grants         int
	Amount         float64
	// InNetwork is false when the organisation is not an actor of the
	// scope's snapshot; it then reaches nobody.
	InNetwork bool
	Reaches   int
	// Groups are the group tags of the target people it reaches that
	// stand for at least SuppressBelow of them (suppress.go); Suppressed
	// reports that some tag was withheld.
	Groups     []string
	Suppressed bool
}

// GroupReach is one group tag carried by target people
// (funding.GroupReach) under the suppression rule of suppress.go: People
// counts the targets carrying it, Reached those within reach of a funded
// organisation, Share = Reached / People; a withheld figure is nil and
// Suppressed is true.
type GroupReach struct {
	Group      string
	People     *int
	Reached    *int
	Share      *float64
	Suppressed bool
}

// FundingReach is the answer of FundingReach, amounts in major units of
// Currency.
type FundingReach struct {
	Currency       string
	Basis          ReachBasis
	Grants         int
	Total          float64
	ReachingAmount float64
	Share          float64
	// Targets counts the people of the basis, Reached those within two
	// steps of at least one funded recipient.
	Targets    int
	Reached    int
	Recipients []RecipientReach
	// HiddenGroups are the group tags carried by the target people, by
	// name.
	HiddenGroups    []GroupReach
	OtherCurrencies []funding.CurrencyTotal
}

// FundingReach asks whether a funder's money goes to organisations that
// reach hidden voices. It takes the grants of funderID awarded on or
// before asOf (every date when nil) in currency (funding.DefaultCurrency
// when empty): with a placeID, each counts with the share of its amount
// going to the leaf places under placeID (the leaf expansion and equal
// split of Underserved, as FundingConcentration counts it); without, every
// grant counts in full. The network is the snapshot of the scope (placeID
// with its descendants, every place when empty) as of asOf. An
// organisation reaches a person when a shortest path between them, counted
// in ties and ignoring strength, has at most funding.ReachHops (2) ties.
// The target people are the unheard voices of the scope (UnheardVoices
// with Unheard true) when there are any, otherwise every community member
// (capacity COMMUNITY_MEMBER) of the scope; Basis says which. Recipients
// not in the snapshot (located outside the scope, or not yet active on
// asOf) reach nobody and are flagged InNetwork false.
//
//	share = reachingAmount / total   (0 when total is 0)
//
// where reachingAmount sums the money of the recipients reaching at least
// one target person. HiddenGroups gives, for each group tag carried by
// target people, how many carry it and how many of them are reached.
//
// Errors: ENOTFOUND for an unknown funder (an organisation of any kind) or
// place, EINVALID when the scope is above the caps.
func (s *Service) FundingReach(ctx context.Context, funderID, placeID string, asOf *time.Time, currency string) (FundingReach, error) {
	return run(ctx, s, "FundingReach", func(a *access) (FundingReach, error) {
		var err error
		if placeID, err = a.place(ctx, placeID); err != nil {
			return FundingReach{}, err
		}
		// Funding is a role shown by grants, not a kind: any organisation
		// may be asked about (one that funds nothing reaches nobody).
		if _, err := s.st.Organisation(ctx, funderID); err != nil {
			return FundingReach{}, err
		}
		in, err := s.fundingInput(ctx, FundingFilter{FunderID: funderID, PlaceID: placeID, To: asOf, Currency: currency})
		if err != nil {
			return FundingReach{}, err
		}
		var money funding.ConcentrationReport
		if placeID == "" {
			money, err = funding.Concentration(in.grants, in.opts)
		} else {
			money, err = funding.ConcentrationIn(in.places, in.grants, in.opts)
		}
		if err != nil {
			return FundingReach{}, fundingError(err)
		}

		scope := store.Scope{PlaceID: placeID, AsOf: asOf}
		nw, err := s.network(ctx, scope)
		if err != nil {
			return FundingReach{}, err
		}
		targets, basis, err := s.reachTargets(ctx, scope, nw)
		if err != nil {
			return FundingReach{}, err
		}
		nodes := make(map[string]int, len(money.ByRecipient))
		for _, r := range money.ByRecipient {
			if v, ok := nw.index[r.RecipientID]; ok {
				nodes[r.RecipientID] = v
			}
		}
		rep, err := funding.Reach(ctx, funding.ReachInput{Graph: nw.graph, Recipients: money.ByRecipient, Nodes: nodes, Targets: targets})
		if err != nil {
			return FundingReach{}, fundingError(err)
		}

		groups, err := s.reachGroups(ctx, scope, basis, rep.Groups)
		if err != nil {
			return FundingReach{}, err
		}
		scale := minorScale(money.Currency)
		out := FundingReach{
			Currency: money.Currency, Basis: basis, Grants: money.Grants,
			Total: rep.Total / scale, ReachingAmount: rep.ReachingAmount / scale, Share: rep.Share,
			Targets: rep.Targets, Reached: rep.Reached,
			Recipients:   make([]RecipientReach, len(rep.Recipients)),
			HiddenGroups: groups, OtherCurrencies: majorTotals(money.OtherCurrencies),
		}
		for i, r := range rep.Recipients {
			out.Recipients[i] = RecipientReach{
				OrganisationID: r.RecipientID, Grants: r.Grants, Amount: r.Amount / scale,
				InNetwork: r.InNetwork, Reaches: r.Reaches,
			}
			out.Recipients[i].Groups, out.Recipients[i].Suppressed = recipientGroups(r, groups)
		}
		return out, nil
	})
}

// reachTargets returns the people FundingReach measures reach to, as nodes
// of nw with their group tags: the unheard voices of the scope, or every
// community member when there is none.
func (s *Service) reachTargets(ctx context.Context, scope store.Scope, nw *network) ([]funding.ReachTarget, ReachBasis, error) {
	rep, err := s.voices(ctx, scope, Accuracy{})
	if err != nil {
		return nil, "", err
	}
	var targets []funding.ReachTarget
	for _, v := range rep.voices {
		if v.Score <= 0 {
			break // most unheard first: the rest score 0
		}
		p := rep.nw.actors[v.Node].Person
		if p == nil || p.Capacity != store.CapacityCommunity || !v.Unheard() {
			continue
		}
		if n, ok := nw.index[p.ID]; ok { // else written after nw was taken
			targets = append(targets, funding.ReachTarget{Node: n, Groups: p.Groups})
		}
	}
	if len(targets) > 0 {
		return targets, ReachUnheard, nil
	}
	for i, a := range nw.actors {
		if p := a.Person; p != nil && p.Capacity == store.CapacityCommunity {
			targets = append(targets, funding.ReachTarget{Node: i, Groups: p.Groups})
		}
	}
	return targets, ReachMembers, nil
}

// reachGroups applies the suppression rule (suppress.go) to the group
// figures of FundingReach: the target people of a group are its members
// (COMMUNITY_MEMBERS: the pattern of member counts) or the unheard among
// them (UNHEARD_VOICES: a part of the members); the reached are a part of
// the target people; the share is withheld with the reached.
func (s *Service) reachGroups(ctx context.Context, scope store.Scope, basis ReachBasis, rows []funding.GroupReach) ([]GroupReach, error) {
	pattern, err := s.memberSuppression(ctx)
	if err != nil {
		return nil, err
	}
	rep, err := s.voices(ctx, scope, Accuracy{})
	if err != nil {
		return nil, err
	}
	counts := rep.groupCounts()
	out := make([]GroupReach, len(rows))
	for i, r := range rows {
		c := counts[r.Group]
		people := pattern.publishedCount(scope.PlaceID, r.Group, c.members)
		if basis == ReachUnheard {
			people = publishedPart(people, c.members, r.People)
		} else {
			people = people && c.members == r.People
		}
		reached := publishedPart(people, r.People, r.Reached)
		out[i] = GroupReach{Group: r.Group, People: shown(people, r.People), Reached: shown(reached, r.Reached), Suppressed: !reached}
		if reached {
			share := r.Share
			out[i].Share = &share
		}
	}
	return out, nil
}

// recipientGroups returns the group tags of a recipient that may be
// published: those whose group's reached figure is published and that
// stand for at least SuppressBelow of the people the recipient reaches
// (rules 1 and 4); and whether any was withheld.
func recipientGroups(r funding.RecipientReach, groups []GroupReach) ([]string, bool) {
	published := map[string]bool{}
	for _, g := range groups {
		published[g.Group] = g.Reached != nil
	}
	out := []string{}
	for _, g := range r.Groups {
		if n := r.GroupCounts[g]; published[g] && !small(n) {
			out = append(out, g)
		}
	}
	return out, len(out) < len(r.Groups)
}
