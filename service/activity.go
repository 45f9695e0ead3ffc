package service

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"sync"

	"github.com/voicemap/voicemap/store"
)

// Activity records what the policy layer let through during one request or
// command: the operations that began, in order, and the people whose data
// the person-level operations (Policy.Audited) handed out. The audit log's
// subjects for answers the caller cannot inspect itself (an export, an
// import, a command's report) are read from it; tests read the operations.
//
// The people of a result are found by type, wherever they sit in it: every
// store.Person (also inside a store.Actor), both ends of every
// store.Relationship and the actor of every store.Participation (either
// may be an organisation: the record then over-records rather than
// misses). An operation returning only an error (an export, a deletion)
// reports its people itself. Activities nest: one attached inside another
// reports to both. It is safe for concurrent use.
type Activity struct {
	parent *Activity
	mu     sync.Mutex
	ops    []string
	people map[string]struct{}
}

type activityKey struct{}

// WithActivity returns ctx carrying a new Activity, nested in any that
// ctx carries already.
func WithActivity(ctx context.Context) (context.Context, *Activity) {
	act := &Activity{parent: activityFrom(ctx), people: map[string]struct{}{}}
	return context.WithValue(ctx, activityKey{}, act), act
}

// activityFrom returns the Activity ctx carries, or nil.
func activityFrom(ctx context.Context) *Activity {
	act, _ := ctx.Value(activityKey{}).(*Activity)
	return act
}

// Ops returns the operations that began, in order.
func (act *Activity) Ops() []string {
	act.mu.Lock()
	defer act.mu.Unlock()
	return slices.Clone(act.ops)
}

// People returns the ids of the people handed out, sorted.
func (act *Activity) People() []string {
	act.mu.Lock()
	defer act.mu.Unlock()
	return slices.Sorted(maps.Keys(act.people))
}

func (act *Activity) began(op string) {
	for ; act != nil; act = act.parent {
		act.mu.Lock()
		act.ops = append(act.ops, op)
		act.mu.Unlock()
	}
}

// add records people's ids.
func (act *Activity) add(ids ...string) {
	for ; act != nil; act = act.parent {
		act.mu.Lock()
		for _, id := range ids {
			if id != "" {
				act.people[id] = struct{}{}
			}
		}
		act.mu.Unlock()
	}
}

// disclose records the people of the result v (see Activity); it does
// nothing, and costs nothing, without an Activity.
func (act *Activity) disclose(v any) {
	if act == nil {
		return
	}
	act.add(Subjects(v)...)
}

// Subjects returns the ids of the people in v, found by type as Activity
// says (a person's id; both ends of a relationship; a participation's
// actor), in the order met, with repeats. It is the one rule of what names
// a person in an answer, for the audit log of every layer.
func Subjects(v any) []string {
	var ids []string
	peopleIn(reflect.ValueOf(v), &ids)
	return ids
}

var (
	personType        = reflect.TypeFor[store.Person]()
	relationshipType  = reflect.TypeFor[store.Relationship]()
	participationType = reflect.TypeFor[store.Participation]()
)

// peopleIn appends the ids of the people in v (see Activity).
func peopleIn(v reflect.Value, ids *[]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			peopleIn(v.Elem(), ids)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			peopleIn(v.Index(i), ids)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			peopleIn(it.Value(), ids)
		}
	case reflect.Struct:
		switch v.Type() {
		case personType:
			*ids = append(*ids, v.FieldByName("ID").String())
			return
		case relationshipType:
			*ids = append(*ids, v.FieldByName("FromID").String(), v.FieldByName("ToID").String())
			return
		case participationType:
			*ids = append(*ids, v.FieldByName("ActorID").String())
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				peopleIn(v.Field(i), ids)
			}
		}
	}
}

// disclosePeople records the people of an answer written to a writer (an
// export) or read from input (an import).
func (a *access) disclosePeople(people []store.Person) {
	if a.act == nil {
		return
	}
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	a.act.add(ids...)
}
