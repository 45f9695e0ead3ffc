package service

import (
	"context"

	"github.com/voicemap/voicemap/store"
)

// located is what the policy layer needs to know of a record to decide who
// may see it: its kind, the places it lies in, whether any of them suffices
// (a grant, seen from any of its beneficiary places) or every one is needed
// (a relationship, seen when both its actors are; a participation, when
// its actor and its forum are), and whether it concerns a person whose
// consent is withdrawn (the person, or a relationship or participation of
// theirs).
type located struct {
	kind      store.EntityKind
	places    []string
	anyPlace  bool
	withdrawn bool
}

// personLevel reports whether the record is person-level data.
func (l located) personLevel() bool {
	return l.kind == store.KindPerson || l.kind == store.KindRelationship || l.kind == store.KindParticipation
}

func placeAt(p store.Place) located { return located{kind: store.KindPlace, places: []string{p.ID}} }

func forumAt(f store.Forum) located {
	return located{kind: store.KindForum, places: []string{f.PlaceID}}
}

func grantAt(g store.Grant) located {
	return located{kind: store.KindGrant, places: g.PlaceIDs, anyPlace: true}
}

func actorAt(a store.Actor) located {
	if a.Person != nil {
		return located{kind: store.KindPerson, places: []string{a.Person.PlaceID}, withdrawn: isWithdrawn(*a.Person)}
	}
	return located{kind: store.KindOrganisation, places: []string{a.PlaceID()}}
}

func personAt(p store.Person) located { return actorAt(store.Actor{Person: &p}) }

// linkAt locates a relationship or participation from its actors and forum
// (as found: a missing one is skipped).
func linkAt(kind store.EntityKind, actors []store.Actor, forums []store.Forum) located {
	l := located{kind: kind}
	for _, act := range actors {
		l.places = append(l.places, act.PlaceID())
		l.withdrawn = l.withdrawn || actorWithdrawn(act)
	}
	for _, f := range forums {
		l.places = append(l.places, f.PlaceID)
	}
	return l
}

// relationshipsAt locates relationships, reading their actors in one store
// round trip.
func (s *Service) relationshipsAt(ctx context.Context, rs []store.Relationship) ([]located, error) {
	ids := make([]string, 0, 2*len(rs))
	for _, r := range rs {
		ids = append(ids, r.FromID, r.ToID)
	}
	actors, err := s.st.ActorsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]located, len(rs))
	for i, r := range rs {
		out[i] = linkAt(store.KindRelationship, found(actors, r.FromID, r.ToID), nil)
	}
	return out, nil
}

// participationsAt locates participations, reading their actors and forums
// in one store round trip each.
func (s *Service) participationsAt(ctx context.Context, ps []store.Participation) ([]located, error) {
	actorIDs, forumIDs := make([]string, len(ps)), make([]string, len(ps))
	for i, p := range ps {
		actorIDs[i], forumIDs[i] = p.ActorID, p.ForumID
	}
	actors, err := s.st.ActorsByID(ctx, actorIDs)
	if err != nil {
		return nil, err
	}
	forums, err := s.st.ForumsByID(ctx, forumIDs)
	if err != nil {
		return nil, err
	}
	out := make([]located, len(ps))
	for i, p := range ps {
		out[i] = linkAt(store.KindParticipation, found(actors, p.ActorID), found(forums, p.ForumID))
	}
	return out, nil
}

// found returns the values of m at the ids that it holds, in order.
func found[T any](m map[string]T, ids ...string) []T {
	var out []T
	for _, id := range ids {
		if v, ok := m[id]; ok {
			out = append(out, v)
		}
	}
	return out
}

// locate locates the entity with the id, of whatever kind (ENOTFOUND when
// no entity has it).
func (s *Service) locate(ctx context.Context, id string) (located, error) {
	kind, err := s.st.Kind(ctx, id)
	if err != nil {
		return located{}, err
	}
	switch kind {
	case store.KindPlace:
		return located{kind: kind, places: []string{id}}, nil
	case store.KindPerson, store.KindOrganisation:
		act, err := s.st.Actor(ctx, id)
		return actorAt(act), err
	case store.KindForum:
		f, err := s.st.Forum(ctx, id)
		return forumAt(f), err
	case store.KindRelationship:
		r, err := s.st.Relationship(ctx, id)
		if err != nil {
			return located{}, err
		}
		ls, err := s.relationshipsAt(ctx, []store.Relationship{r})
		if err != nil {
			return located{}, err
		}
		return ls[0], nil
	case store.KindParticipation:
		p, err := s.st.Participation(ctx, id)
		if err != nil {
			return located{}, err
		}
		ls, err := s.participationsAt(ctx, []store.Participation{p})
		if err != nil {
			return located{}, err
		}
		return ls[0], nil
	case store.KindGrant:
		g, err := s.st.Grant(ctx, id)
		return grantAt(g), err
	case store.KindSurvey:
		sv, err := s.st.Survey(ctx, id)
		return surveyAt(sv), err
	}
	return located{kind: kind}, nil
}

// keeps reports whether the principal may see the record: not when it
// concerns a person whose consent is withdrawn, nor when it is
// person-level data and the principal may not read that, nor when it lies
// outside the principal's places.
func (a *access) keeps(ctx context.Context, l located) (bool, error) {
	if l.withdrawn || (l.personLevel() && !a.personLevel()) {
		return false, nil
	}
	if l.anyPlace {
		return a.anyVisible(ctx, l.places...)
	}
	return a.allVisible(ctx, l.places...)
}

// see applies the Entity rule: notFound(what, id) unless the principal may
// see the record (keeps).
func (a *access) see(ctx context.Context, l located, what, id string) error {
	if err := a.rule(Entity); err != nil {
		return err
	}
	ok, err := a.keeps(ctx, l)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(what, id)
	}
	return nil
}

// keepSeen applies the Entities rule: it deletes from m the entries the
// principal may not see.
func keepSeen[T any](ctx context.Context, a *access, m map[string]T, at func(T) located) (map[string]T, error) {
	if err := a.rule(Entities); err != nil {
		return nil, err
	}
	for id, v := range m {
		ok, err := a.keeps(ctx, at(v))
		if err != nil {
			return nil, err
		}
		if !ok {
			delete(m, id)
		}
	}
	return m, nil
}
