package boltstore

import (
	"fmt"

	"github.com/voicemap/voicemap/store"
)

// problem is one reason a write is refused; its message names the element.
type problem = store.Error

func newProblem(code string, kind store.EntityKind, id, format string, args ...any) *problem {
	return &problem{Code: code, Message: fmt.Sprintf("%s %q: ", kind, id) + fmt.Sprintf(format, args...)}
}

// element is one entity of a batch, with what it refers to.
type element struct {
	kind store.EntityKind
	id   string
	refs []ref
}

// ref is a reference from an element to an entity of one of the kinds.
type ref struct {
	what  string // "place", "parent place", "actor", "forum"
	id    string
	kinds []store.EntityKind
}

var (
	placeKinds = []store.EntityKind{store.KindPlace}
	actorKinds = []store.EntityKind{store.KindPerson, store.KindOrganisation}
	forumKinds = []store.EntityKind{store.KindForum}
)

// prepared is a batch after validation.
type prepared struct {
	batch store.Batch // the valid elements, canonical
	elems []element   // the valid elements with their references
	// declared holds the kind of every id the batch names, valid or not, so
	// that a reference to an invalid element is not reported as missing.
	declared map[string]store.EntityKind
	probs    []*problem
}

// prepare normalises every element of b, finding one EINVALID problem per
// invalid element or repeated id (ECONFLICT for a place that is its own
// parent).
func prepare(b store.Batch) prepared {
	var out store.Batch
	var elems []element
	var probs []*problem
	seen := map[string]store.EntityKind{}
	count := map[store.EntityKind]int{}
	add := func(kind store.EntityKind, id string, err error, refs ...ref) bool {
		count[kind]++
		prev, dup := seen[id]
		if !dup && id != "" {
			seen[id] = kind
		}
		switch {
		case err != nil && id == "":
			probs = append(probs, &problem{Code: store.ErrorCode(err),
				Message: fmt.Sprintf("%s number %d (no id): %s", kind, count[kind], store.ErrorMessage(err))})
		case err != nil:
			probs = append(probs, newProblem(store.ErrorCode(err), kind, id, "%s", store.ErrorMessage(err)))
		case dup:
			probs = append(probs, newProblem(store.EINVALID, kind, id, "id appears more than once in the batch (also as a %s)", prev))
		default:
			elems = append(elems, element{kind: kind, id: id, refs: refs})
			return true
		}
		return false
	}
	for _, p := range b.Places {
		p, err := store.NormalizePlace(p)
		var refs []ref
		if p.ParentID != "" {
			refs = append(refs, ref{"parent place", p.ParentID, placeKinds})
		}
		if add(store.KindPlace, p.ID, err, refs...) {
			out.Places = append(out.Places, p)
		}
	}
	for _, p := range b.People {
		p, err := store.NormalizePerson(p)
		if add(store.KindPerson, p.ID, err, ref{"place", p.PlaceID, placeKinds}) {
			out.People = append(out.People, p)
		}
	}
	for _, o := range b.Organisations {
		o, err := store.NormalizeOrganisation(o)
		if add(store.KindOrganisation, o.ID, err, ref{"place", o.PlaceID, placeKinds}) {
			out.Organisations = append(out.Organisations, o)
		}
	}
	for _, r := range b.Relationships {
		r, err := store.NormalizeRelationship(r)
		if add(store.KindRelationship, r.ID, err, ref{"actor", r.FromID, actorKinds}, ref{"actor", r.ToID, actorKinds}) {
			out.Relationships = append(out.Relationships, r)
		}
	}
	for _, f := range b.Forums {
		f, err := store.NormalizeForum(f)
		if add(store.KindForum, f.ID, err, ref{"place", f.PlaceID, placeKinds}) {
			out.Forums = append(out.Forums, f)
		}
	}
	for _, p := range b.Participations {
		p, err := store.NormalizeParticipation(p)
		if add(store.KindParticipation, p.ID, err, ref{"actor", p.ActorID, actorKinds}, ref{"forum", p.ForumID, forumKinds}) {
			out.Participations = append(out.Participations, p)
		}
	}
	return prepared{batch: out, elems: elems, declared: seen, probs: probs}
}

// check finds, inside the transaction, every id clash with another kind
// (ECONFLICT), every reference to nothing of the right kind in the batch or
// the store (ENOTFOUND), and every place that would become its own
// ancestor (ECONFLICT).
func check(t txn, pb prepared) ([]*problem, error) {
	var probs []*problem
	b, elems := pb.batch, pb.elems
	kindOf := func(id string) (store.EntityKind, bool) {
		if k, ok := pb.declared[id]; ok {
			return k, true
		}
		return t.kind(id)
	}
	for _, e := range elems {
		if k, ok := t.kind(e.id); ok && k != e.kind {
			probs = append(probs, newProblem(store.ECONFLICT, e.kind, e.id, "id is already used by a %s", k))
		}
		for _, r := range e.refs {
			if k, ok := kindOf(r.id); !ok || !containsKind(r.kinds, k) {
				probs = append(probs, newProblem(store.ENOTFOUND, e.kind, e.id, "%s %q not found", r.what, r.id))
			}
		}
	}
	parents := make(map[string]string, len(b.Places))
	for _, p := range b.Places {
		parents[p.ID] = p.ParentID
	}
	parentOf := func(id string) (string, error) {
		if p, ok := parents[id]; ok {
			return p, nil
		}
		p, _, err := t.place(id)
		return p.ParentID, err
	}
	for _, p := range b.Places {
		seen := map[string]bool{}
		for cur := p.ParentID; cur != "" && !seen[cur]; {
			if cur == p.ID {
				probs = append(probs, newProblem(store.ECONFLICT, store.KindPlace, p.ID, "parent %q would make the place its own ancestor", p.ParentID))
				break
			}
			seen[cur] = true
			next, err := parentOf(cur)
			if err != nil {
				return nil, err
			}
			cur = next
		}
	}
	return probs, nil
}

func containsKind(ks []store.EntityKind, k store.EntityKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// worst picks the code a refused write reports: EINVALID before ECONFLICT
// before ENOTFOUND.
func worst(probs []*problem) string {
	rank := map[string]int{store.EINVALID: 3, store.ECONFLICT: 2, store.ENOTFOUND: 1}
	code := probs[0].Code
	for _, p := range probs[1:] {
		if rank[p.Code] > rank[code] {
			code = p.Code
		}
	}
	return code
}

// first returns the first problem with the code worst reports.
func first(probs []*problem) *problem {
	code := worst(probs)
	for _, p := range probs {
		if p.Code == code {
			return p
		}
	}
	return probs[0]
}
