package service

import (
	"context"
	"fmt"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/recommend"
	"github.com/voicemap/voicemap/store"
)

// MaxRecommendations is the most recommendations one call returns.
const MaxRecommendations = 100

// Recommendation is a change that would help the voices of a scope be
// heard (recommend.Recommendation), mapped to actors and forums.
type Recommendation struct {
	Kind recommend.Kind
	// From and To are the two actors to introduce (INTRODUCTION): From is
	// the unheard community member the introduction is for, To the actor
	// near power. Nil for an invitation.
	From, To *store.Actor
	// Person is the community member to invite into Forum, a
	// decision-making forum, at CO_PRODUCE (INVITATION); Stage is the stage
	// they would join at (see Recommendations). Nil for an introduction.
	Person *store.Person
	Forum  *store.Forum
	Stage  *store.Stage
	// Groups are the person's group tags that Forum affects, sorted; empty
	// for an introduction or a forum that affects none of them.
	Groups []string
	// Gain is recommend.Gain(Before, After).
	Gain          float64
	Before, After recommend.Figures
	// Alternatives are the other people for whom the same change has
	// exactly the same effect (recommend.Recommendation.Alternatives), in
	// rank order; never nil.
	Alternatives []store.Person
}

// Recommendations returns the first changes that would most help the
// voices of the scope be heard, as recommend.Recommend ranks them: first
// introductions and invitations into forums that affect one of the
// person's groups or name none, then invitations into forums that affect
// only other groups; within each, gain descending, then invitations that
// answer "nothing about us without us", introductions before invitations,
// then by ids. The objective is
//
//	gain = 1·(fewer unheard voices) + 0.5·(more community members within
//	       two steps of power) + 10·(fall in the decision-seat HHI)
//
// where the unheard voices are counted as powerTrend counts them (community
// members with UnheardVoice.Unheard), "within two steps of power" means a
// community member at most two ties from an actor holding a decision seat
// (holders included), and a seat is a CO_PRODUCE or LEAD participation in a
// decision-making forum in scope. Only changes with a positive gain are
// returned.
//
// Introductions pair an unheard community member with an actor near power
// (a holder, or one tie from one) that bypasses every gatekeeper they have,
// so that no single intermediary stands between them and power afterwards;
// invitations seat an unheard or consulted-only community member on one
// decision-making forum in scope, preferring one that affects a group of
// theirs without a member of it on a seat. An invited person joins at the
// latest stage at which anyone active on the forum joined (IDEA when no
// one is); taking the seat does not make them JOINED_LATE, which is a
// reason of people without a seat. Both use only the forums in scope, as
// UnheardVoices does. Alternatives are people of the same groups for whom
// the change has the same figures and hears the same people.
//
// The harmonic centralities and core numbers are read from the centrality
// cache, and results are cached per scope, date and first, checked
// against the store's versions as every analysis.
//
// Errors: ENOTFOUND for an unknown place, EINVALID for first outside 1 to
// MaxRecommendations or a scope above the caps.
func (s *Service) Recommendations(ctx context.Context, scope store.Scope, first int) ([]Recommendation, error) {
	return run(ctx, s, "Recommendations", func(a *access) ([]Recommendation, error) {
		var err error
		if scope, err = a.scope(ctx, scope); err != nil {
			return nil, err
		}
		if first < 1 || first > MaxRecommendations {
			return nil, store.Errorf(store.EINVALID, "first must be between 1 and %d, got %d", MaxRecommendations, first)
		}
		v, err := s.cache.get(ctx, scopeKey(scope, fmt.Sprintf("recommend/%d", first)), func(ctx context.Context) (computed, error) {
			harmonic, nw, err := s.scoresByNode(ctx, scope, analysis.Harmonic, Accuracy{})
			if err != nil {
				return computed{}, err
			}
			coreness, nwCore, err := s.scoresByNode(ctx, scope, analysis.Coreness, Accuracy{})
			if err != nil {
				return computed{}, err
			}
			if nwCore != nw {
				coreness = nodeScores{} // a write came between the two reads: recommend computes it on nw
			}
			forums, stages := decisionForums(nw)
			in := recommendInput(nw, forums)
			in.Voice.Harmonic, in.Voice.Coreness = harmonic.scores, coreness.scores
			recs, err := recommend.Recommend(ctx, in, first)
			if err != nil {
				return computed{}, fmt.Errorf("service: recommendations: %w", err)
			}
			out := make([]Recommendation, len(recs))
			for i, r := range recs {
				out[i] = recommendation(nw, forums, stages, r)
			}
			return nw.computed(out), nil
		})
		if err != nil {
			return nil, err
		}
		return v.([]Recommendation), nil
	})
}

// decisionForums returns the forums of the scope with, for each, the stage
// an invited person would join at: the latest stage at which an actor with
// a participation active on the date joined it, IDEA when none has one.
func decisionForums(nw *network) ([]store.Forum, []store.Stage) {
	forums := nw.net.Forums
	stages := make([]store.Stage, len(forums))
	at := make(map[string]int, len(forums))
	for i, f := range forums {
		at[f.ID] = i
		stages[i] = store.StageIdea
	}
	for _, p := range nw.net.Participations {
		if i, ok := at[p.ForumID]; ok && p.JoinedAtStage.Rank() > stages[i].Rank() {
			stages[i] = p.JoinedAtStage
		}
	}
	return forums, stages
}

// recommendInput adapts a network to recommend.Input. Its voice input is
// voiceInput's with Person marking the community members only, so that
// recommend's UnheardVoices counts them as powerTrend does (every actor
// still counts in the network reasons; scoring fewer people changes no
// one's verdict). Forum f is forums[f]; its Seated are the actors with a
// participation at CO_PRODUCE or LEAD active on the date, which on a
// decision-making forum is exactly what voice.Participation.HoldsPower
// counts, as the Input contract requires.
func recommendInput(nw *network, forums []store.Forum) recommend.Input {
	vin := voiceInput(nw)
	n := len(nw.actors)
	community := make([]bool, n)
	groups := make([][]string, n)
	for i, a := range nw.actors {
		if p := a.Person; p != nil {
			community[i] = p.Capacity == store.CapacityCommunity
			groups[i] = p.Groups
		}
	}
	vin.Person = community
	at := make(map[string]int, len(forums))
	out := make([]recommend.Forum, len(forums))
	for i, f := range forums {
		at[f.ID] = i
		out[i] = recommend.Forum{ID: f.ID, DecisionMaking: f.DecisionMaking, AffectsGroups: f.AffectsGroups}
	}
	for _, p := range nw.net.Participations {
		f, okF := at[p.ForumID]
		v, okV := nw.index[p.ActorID]
		if !okF || !okV || p.Level.Rank() < int(ladder.CoProduce) || p.JoinedAtStage.Rank() < 0 {
			continue // below a seat, or skipped by voiceInput (the store validated both enums)
		}
		out[f].Seated = append(out[f].Seated, v)
	}
	return recommend.Input{Voice: vin, Community: community, Groups: groups, Forums: out}
}

// recommendation maps a recommend.Recommendation to actors and forums.
func recommendation(nw *network, forums []store.Forum, stages []store.Stage, r recommend.Recommendation) Recommendation {
	out := Recommendation{Kind: r.Kind, Groups: r.Groups, Gain: r.Gain, Before: r.Before, After: r.After,
		Alternatives: make([]store.Person, 0, len(r.Alternatives))}
	if out.Groups == nil {
		out.Groups = []string{}
	}
	for _, a := range r.Alternatives {
		if p := nw.actors[a].Person; p != nil {
			out.Alternatives = append(out.Alternatives, *p)
		}
	}
	switch r.Kind {
	case recommend.Introduction:
		from, to := nw.actors[r.A], nw.actors[r.B]
		out.From, out.To = &from, &to
	case recommend.Invitation:
		p := *nw.actors[r.Person].Person
		out.Person = &p
		f, st := forums[r.Forum], stages[r.Forum]
		out.Forum, out.Stage = &f, &st
	}
	return out
}
