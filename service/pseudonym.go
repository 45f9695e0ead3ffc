package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"reflect"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/store"
)

// Pseudonymous placeholders are a processing rule of the service, as
// consent is (consent.go): a person named by a respondent who was not
// recorded (isPlaceholder: source SURVEY, consent UNKNOWN) is held with the
// label the respondent typed, and that label is shown only to those who
// run the survey: an administrator, and an editor whose places hold the
// placeholder's place (the survey's place, where the placeholder is
// created). A respondent sees the label of a placeholder they named
// themselves (a tie they said joins them) and their own. Everyone else (an
// analyst, an editor of another place, another respondent) is given the
// placeholder with its label replaced by its pseudonym (Pseudonym): the
// same id, the same ties and seats, every figure unchanged, never the
// label.
//
// The rule is applied in one place, the policy layer: run (gate.go) passes
// the answer of every person-level operation through pseudonymise before
// it leaves the service, and the exports, which write their answer rather
// than return it, pass their snapshot through it. Whatever the path to a
// person (person, node, actors, ties' other ends, participations,
// centrality and community members, unheard voices, recommendations, path
// to power, exports), it is a store.Person in the answer, and every one is
// found by type wherever it sits, as the audit log's subjects are
// (activity.go). Nothing is changed in place: the answer shares values with
// the caches, so a changed value is copied along its path.
//
// A placeholder stops being one when its consent changes (the person was
// invited and consented: GIVEN, or WITHDRAWN, which then hides them
// altogether) or when an editor records them (upsertPerson writes a typed
// record): from then on they are an ordinary person and their recorded
// name is shown by the ordinary rules.

// Pseudonym returns the name under which the placeholder p is shown to
// those who may not see its label: "Person named in survey S #h", where h
// is the first 6 hex digits of SHA-256 of its id. The id is random
// (newID), so the pseudonym tells nothing of the label; it is stable
// (the same in every answer, export and run), and distinct within a survey
// in practice (a collision would only merge two display names, never two
// people: the id stays distinct).
func Pseudonym(p store.Person) string {
	sum := sha256.Sum256([]byte(p.ID))
	return "Person named in survey " + p.Source.SurveyID + " #" + hex.EncodeToString(sum[:3])
}

// labelShown reports whether the principal may be given the label of the
// person p (true for anyone who is not a placeholder).
func (a *access) labelShown(ctx context.Context, p store.Person) (bool, error) {
	if !isPlaceholder(p) {
		return true, nil
	}
	switch a.p.Role {
	case auth.RoleAdmin:
		return true, nil
	case auth.RoleEditor:
		return a.visible(ctx, p.PlaceID)
	case auth.RoleRespondent:
		return a.namedBySelf(ctx, p.ID)
	}
	return false, nil
}

// namedBySelf reports whether the respondent is the person id, or said a
// tie to them.
func (a *access) namedBySelf(ctx context.Context, id string) (bool, error) {
	if a.p.Invitation == "" {
		return false, nil
	}
	in, err := a.s.st.Invitation(ctx, a.p.Invitation)
	if store.ErrorCode(err) == store.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if in.PersonID == id {
		return true, nil
	}
	rels, err := collect(func(pg store.Page) (store.Connection[store.Relationship], error) {
		return a.s.st.Relationships(ctx, store.RelationshipFilter{ActorID: id}, pg)
	})
	if err != nil {
		return false, err
	}
	for _, r := range rels {
		if r.Source.By == in.PersonID && (r.FromID == in.PersonID || r.ToID == in.PersonID) {
			return true, nil
		}
	}
	return false, nil
}

// pseudonymise returns v with the label of every placeholder the principal
// may not see replaced by its pseudonym (see above); v itself, untouched,
// when there is none. Values are copied along the path to a change, never
// changed in place.
func pseudonymise[T any](ctx context.Context, a *access, v T) (T, error) {
	if a.p.Role == auth.RoleAdmin {
		return v, nil
	}
	shown := map[string]bool{}
	var failed error
	mask := func(p store.Person) (store.Person, bool) {
		if failed != nil || !isPlaceholder(p) {
			return p, false
		}
		ok, seen := shown[p.ID]
		if !seen {
			var err error
			if ok, err = a.labelShown(ctx, p); err != nil {
				failed = err
				return p, false
			}
			shown[p.ID] = ok
		}
		if ok {
			return p, false
		}
		p.Name = Pseudonym(p)
		return p, true
	}
	out, changed := masked(reflect.ValueOf(&v).Elem(), mask)
	if failed != nil {
		var zero T
		return zero, failed
	}
	if !changed {
		return v, nil
	}
	return out.Interface().(T), nil
}

// masked returns v with f applied to every store.Person in it (found as
// Subjects finds them), and whether anything changed; when something did,
// the returned value is a copy along the path to each change (new
// pointers, slices, maps and structs), so v and whatever it shares are
// never written.
func masked(v reflect.Value, f func(store.Person) (store.Person, bool)) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		inner, changed := masked(v.Elem(), f)
		if !changed {
			return v, false
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(inner)
		return p, true
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		inner, changed := masked(v.Elem(), f)
		if !changed {
			return v, false
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(inner)
		return out, true
	case reflect.Slice, reflect.Array:
		var out reflect.Value
		for i := range v.Len() {
			e, changed := masked(v.Index(i), f)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = copyList(v)
			}
			out.Index(i).Set(e)
		}
		if !out.IsValid() {
			return v, false
		}
		return out, true
	case reflect.Map:
		var out reflect.Value
		for it := v.MapRange(); it.Next(); {
			e, changed := masked(it.Value(), f)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeMapWithSize(v.Type(), v.Len())
				for c := v.MapRange(); c.Next(); {
					out.SetMapIndex(c.Key(), c.Value())
				}
			}
			out.SetMapIndex(it.Key(), e)
		}
		if !out.IsValid() {
			return v, false
		}
		return out, true
	case reflect.Struct:
		if v.Type() == personType {
			p, changed := f(v.Interface().(store.Person))
			return reflect.ValueOf(p), changed
		}
		var out reflect.Value
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			e, changed := masked(v.Field(i), f)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			out.Field(i).Set(e)
		}
		if !out.IsValid() {
			return v, false
		}
		return out, true
	}
	return v, false
}

// copyList returns a settable copy of the slice or array v.
func copyList(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Array {
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		return out
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	reflect.Copy(out, v)
	return out
}
