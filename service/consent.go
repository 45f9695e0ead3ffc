package service

import (
	"context"
	"iter"

	"github.com/voicemap/voicemap/store"
)

// Consent is a processing rule of the service, not of the store: a person
// whose consent is WITHDRAWN (store.ConsentWithdrawn) stays in the store,
// unchanged, and is excluded from everything the service reads out.
//
//   - Person-level reads answer as for a missing id: Person, Actor and
//     Kind (node(id)) are ENOTFOUND ("person %q not found"); ActorsByID
//     (the dataloaders behind every nested from, to and actor field) leaves
//     the person out; a relationship with the person at either end and a
//     participation of the person are ENOTFOUND too. The lists (People,
//     Relationships, Participations, with their totalCount) leave them
//     out; a list narrowed to the person is empty, or ENOTFOUND for a
//     scoped principal, exactly as for a missing actor. PathToPower of the
//     person is ENOTFOUND.
//   - Analyses and exports: loadNetwork drops the person, their
//     relationships and their participations from the snapshot before the
//     graph is built (withoutWithdrawn). Every analysis (centrality,
//     communities, summary, unheard voices and their group counts, path to
//     power, power concentration, representation, nothing-about-us,
//     recommendations, relationship quality, funding reach, the power
//     trend) and every export goes through that network, so none names
//     the person and no figure depends on them or their ties: every result
//     equals the one computed on the network without them.
//
// Aggregates therefore undercount: actors, ties, density, group counts and
// the like are those of the community without the people who withdrew.
// This is preferred over keeping their ties anonymously in the aggregates
// (which the issue allows if documented) because an anonymous node still
// shapes every person-level figure around it: a withdrawn person who
// bridges two groups would still give their neighbours betweenness, a path
// to power or a gatekeeper through them, and a difference of two
// aggregates (before and after a write, or a place and its parent) could
// single out their ties. Dropping them has one simple, testable meaning:
// the service behaves as if they had never been recorded, while the store
// keeps the record so that consent can be given again.
//
// Consent has no history: it is the person's current state and applies to
// analyses as of past dates too.
//
// Writes: upsertPerson and deleteActor (and disconnect, for their ties)
// still act on a withdrawn person, so an administrator or an editor of
// their place who knows the id can set consent back to GIVEN, which brings
// the person back everywhere at once (the write advances the versions of
// the cached networks and results as any write does), or delete them. A write returns
// what it wrote, so whoever restores or withdraws consent sees the record
// they sent (its relationships and participations answer empty in the
// GraphQL layer, never NOT_FOUND). connect and recordParticipation refuse a
// withdrawn person as a missing actor (ENOTFOUND), for every role, before
// anything is written: a new tie or seat would be data about them, and its
// answer would have to name them.

// withdrawnKey caches the set of withdrawn people. It is global, so it is
// recomputed after every write (versions.go).
var withdrawnKey = cacheKey{op: "consent/withdrawn"}

// withdrawnSet is the ids of the people whose consent is withdrawn.
type withdrawnSet map[string]struct{}

func (w withdrawnSet) has(id string) bool {
	_, ok := w[id]
	return ok
}

// withdrawnAmong returns the set of the withdrawn people among people.
func withdrawnAmong(people []store.Person) withdrawnSet {
	w := withdrawnSet{}
	for _, p := range people {
		if isWithdrawn(p) {
			w[p.ID] = struct{}{}
		}
	}
	return w
}

// peopleBut returns people without those in w.
func peopleBut(people []store.Person, w withdrawnSet) []store.Person {
	out := make([]store.Person, 0, len(people)-len(w))
	for _, p := range people {
		if !w.has(p.ID) {
			out = append(out, p)
		}
	}
	return out
}

// participationsBut returns the participations of actors not in w.
func participationsBut(parts []store.Participation, w withdrawnSet) []store.Participation {
	out := make([]store.Participation, 0, len(parts))
	for _, p := range parts {
		if !w.has(p.ActorID) {
			out = append(out, p)
		}
	}
	return out
}

// withdrawn returns the ids of the withdrawn people in the whole store,
// read once (every person, a page of store.MaxPageSize at a time) and then
// cached until the next write. The lists use it to pass straight through
// to the store while nobody has withdrawn. Callers must not modify it.
func (s *Service) withdrawn(ctx context.Context) (withdrawnSet, error) {
	v, err := s.cache.get(ctx, withdrawnKey, func(ctx context.Context) (computed, error) {
		set := withdrawnSet{}
		pg := store.Page{First: store.MaxPageSize}
		for {
			c, err := s.st.People(ctx, store.PeopleFilter{}, pg)
			if err != nil {
				return computed{}, err
			}
			for _, p := range c.Items {
				if isWithdrawn(p) {
					set[p.ID] = struct{}{}
				}
			}
			if !c.HasNextPage || c.EndCursor == "" {
				return computed{value: set}, nil
			}
			pg.After = c.EndCursor
		}
	})
	if err != nil {
		return nil, err
	}
	return v.(withdrawnSet), nil
}

// isWithdrawn reports whether the person's consent is withdrawn.
func isWithdrawn(p store.Person) bool { return p.Consent == store.ConsentWithdrawn }

// actorWithdrawn reports whether the actor is a person whose consent is
// withdrawn.
func actorWithdrawn(a store.Actor) bool { return a.Person != nil && isWithdrawn(*a.Person) }

// hideWithdrawn returns notFound(what, id) when any of the actors is a
// withdrawn person (missing actors are not checked here).
func (s *Service) hideWithdrawn(ctx context.Context, what, id string, actorIDs ...string) error {
	m, err := s.st.ActorsByID(ctx, actorIDs)
	if err != nil {
		return err
	}
	for _, act := range m {
		if actorWithdrawn(act) {
			return notFound(what, id)
		}
	}
	return nil
}

// hideWithdrawnEntity returns notFound(what, id) when the entity of the
// kind is a withdrawn person, or a relationship or participation of one.
func (s *Service) hideWithdrawnEntity(ctx context.Context, kind store.EntityKind, what, id string) error {
	switch kind {
	case store.KindPerson:
		return s.hideWithdrawn(ctx, what, id, id)
	case store.KindRelationship:
		r, err := s.st.Relationship(ctx, id)
		if err != nil {
			return err
		}
		return s.hideWithdrawn(ctx, what, id, r.FromID, r.ToID)
	case store.KindParticipation:
		p, err := s.st.Participation(ctx, id)
		if err != nil {
			return err
		}
		return s.hideWithdrawn(ctx, what, id, p.ActorID)
	}
	return nil
}

// withoutWithdrawn returns the network without its withdrawn people, the
// ties with one of them at either end and their participations; n itself
// when nobody in it has withdrawn. n is not modified.
func withoutWithdrawn(n *store.Network) *store.Network {
	w := withdrawnAmong(n.People)
	if len(w) == 0 {
		return n
	}
	addOrphans(w, n.People, func(yield func(a, b string) bool) {
		for _, t := range n.Ties {
			if !yield(n.ActorID(int(t.From)), n.ActorID(int(t.To))) {
				return
			}
		}
	})
	out := &store.Network{Scope: n.Scope, Places: n.Places, Organisations: n.Organisations, Forums: n.Forums,
		People: peopleBut(n.People, w), Participations: participationsBut(n.Participations, w)}
	out.Index()
	// renumber maps an actor of n to its index in out, -1 when dropped.
	renumber := make([]int32, n.Actors())
	next := int32(0)
	for k := range renumber {
		if w.has(n.ActorID(k)) {
			renumber[k] = -1
			continue
		}
		renumber[k] = next
		next++
	}
	out.Ties = make([]store.Tie, 0, len(n.Ties))
	for _, t := range n.Ties {
		if from, to := renumber[t.From], renumber[t.To]; from >= 0 && to >= 0 {
			t.From, t.To = from, to
			out.Ties = append(out.Ties, t)
		}
	}
	return out
}

// withoutWithdrawnSnapshot is withoutWithdrawn for a snapshot, for the
// exports, which write every relationship whole.
func withoutWithdrawnSnapshot(snap *store.Snapshot) *store.Snapshot {
	w := withdrawnAmong(snap.People)
	if len(w) == 0 {
		return snap
	}
	addOrphans(w, snap.People, func(yield func(a, b string) bool) {
		for _, r := range snap.Relationships {
			if !yield(r.FromID, r.ToID) {
				return
			}
		}
	})
	out := *snap
	out.People = peopleBut(snap.People, w)
	out.Participations = participationsBut(snap.Participations, w)
	out.Relationships = make([]store.Relationship, 0, len(snap.Relationships))
	for _, r := range snap.Relationships {
		if !w.has(r.FromID) && !w.has(r.ToID) {
			out.Relationships = append(out.Relationships, r)
		}
	}
	return &out
}

// addOrphans adds to the withdrawn set w the placeholders (isPlaceholder)
// whose every tie among ties joins them to someone in w: people named only
// by respondents who have since withdrawn. What a withdrawn respondent said
// leaves the analyses with them: the ties they said have them at one end
// (a tie names its speaker among its ends), and a placeholder they alone
// named would otherwise stay behind as an isolated node, counted among
// the actors, the isolated and the unheard, although it exists only
// through the withdrawn person's words. Consenting again brings both back.
// A placeholder with no tie at all, or with a tie to someone who has not
// withdrawn (another respondent's, or one an editor typed), stays.
func addOrphans(w withdrawnSet, people []store.Person, ties iter.Seq2[string, string]) {
	tied, kept := map[string]bool{}, map[string]bool{}
	for a, b := range ties {
		for _, e := range [][2]string{{a, b}, {b, a}} {
			tied[e[0]] = true
			if !w.has(e[1]) {
				kept[e[0]] = true
			}
		}
	}
	for _, p := range people {
		if isPlaceholder(p) && tied[p.ID] && !kept[p.ID] {
			w[p.ID] = struct{}{}
		}
	}
}
