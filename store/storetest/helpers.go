package storetest

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// date returns a pointer to midnight UTC of the given day.
func date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func ptr[T any](v T) *T { return &v }

// show renders v for a failure message, following pointers.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// noErr fails on a non-nil error.
func noErr(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: unexpected error: %v", what, err)
	}
}

// canonTime strips location and monotonic data so that equal instants
// compare equal with reflect.DeepEqual.
func canonTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	c := time.Unix(t.Unix(), int64(t.Nanosecond())).UTC()
	return &c
}

// canonTags maps an empty slice to nil: backends may return either.
func canonTags(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	return tags
}

func canonPlace(p store.Place) store.Place { return p }

func canonPerson(p store.Person) store.Person {
	p.Groups, p.Roles, p.LivedExperience = canonTags(p.Groups), canonTags(p.Roles), canonTags(p.LivedExperience)
	return p
}

func canonOrg(o store.Organisation) store.Organisation { return o }

func canonRel(r store.Relationship) store.Relationship {
	r.Since, r.Until = canonTime(r.Since), canonTime(r.Until)
	return r
}

func canonForum(f store.Forum) store.Forum {
	f.AffectsGroups = canonTags(f.AffectsGroups)
	return f
}

func canonPart(p store.Participation) store.Participation {
	p.Since, p.Until = canonTime(p.Since), canonTime(p.Until)
	return p
}

func canonActor(a store.Actor) store.Actor {
	if a.Person != nil {
		p := canonPerson(*a.Person)
		a.Person = &p
	}
	return a
}

func mapSlice[T any](xs []T, f func(T) T) []T {
	if len(xs) == 0 {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// canonSnapshot returns the comparable content of a snapshot (its Scope
// left out).
func canonSnapshot(s *store.Snapshot) store.Snapshot {
	return store.Snapshot{
		Places:         mapSlice(s.Places, canonPlace),
		People:         mapSlice(s.People, canonPerson),
		Organisations:  mapSlice(s.Organisations, canonOrg),
		Relationships:  mapSlice(s.Relationships, canonRel),
		Forums:         mapSlice(s.Forums, canonForum),
		Participations: mapSlice(s.Participations, canonPart),
	}
}

// same fails unless got and want are deeply equal.
func same[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s = %s, want %s", what, show(got), show(want))
	}
}

// dump returns everything in the store, through a snapshot of everything.
func dump(t *testing.T, s store.Store) store.Snapshot {
	t.Helper()
	snap, err := s.Snapshot(t.Context(), store.Scope{})
	noErr(t, err, "Snapshot(everything)")
	return canonSnapshot(snap)
}

// unchanged fails unless the store holds exactly what it held in before.
func unchanged(t *testing.T, s store.Store, before store.Snapshot, what string) {
	t.Helper()
	if after := dump(t, s); !reflect.DeepEqual(after, before) {
		t.Fatalf("%s wrote something: store holds %s, want %s", what, show(after), show(before))
	}
}

func mustPlace(t *testing.T, s store.Store, id, parent string) store.Place {
	t.Helper()
	p, err := s.UpsertPlace(t.Context(), store.Place{ID: id, Name: "Place " + id, ParentID: parent})
	noErr(t, err, "UpsertPlace("+id+")")
	return p
}

func mustPerson(t *testing.T, s store.Store, id, place string, groups ...string) store.Person {
	t.Helper()
	p, err := s.UpsertPerson(t.Context(), store.Person{ID: id, Name: "Person " + id, PlaceID: place, Groups: groups})
	noErr(t, err, "UpsertPerson("+id+")")
	return p
}

func mustOrg(t *testing.T, s store.Store, id, place string, kind store.OrgKind) store.Organisation {
	t.Helper()
	o, err := s.UpsertOrganisation(t.Context(), store.Organisation{ID: id, Name: "Org " + id, PlaceID: place, Kind: kind})
	noErr(t, err, "UpsertOrganisation("+id+")")
	return o
}

func mustForum(t *testing.T, s store.Store, id, place string) store.Forum {
	t.Helper()
	f, err := s.UpsertForum(t.Context(), store.Forum{ID: id, Name: "Forum " + id, PlaceID: place, DecisionMaking: true})
	noErr(t, err, "UpsertForum("+id+")")
	return f
}

func mustRel(t *testing.T, s store.Store, id, from, to string, since, until *time.Time) store.Relationship {
	t.Helper()
	r, err := s.Connect(t.Context(), store.Relationship{ID: id, FromID: from, ToID: to, Kind: store.RelKnows, Weight: 1, Since: since, Until: until})
	noErr(t, err, "Connect("+id+")")
	return r
}

func mustPart(t *testing.T, s store.Store, id, actor, forum string, since, until *time.Time) store.Participation {
	t.Helper()
	p, err := s.RecordParticipation(t.Context(), store.Participation{ID: id, ActorID: actor, ForumID: forum,
		Level: store.LevelConsult, JoinedAtStage: store.StageDesign, Since: since, Until: until})
	noErr(t, err, "RecordParticipation("+id+")")
	return p
}

// seedBasic stores a small network: places top > mid > low and other;
// people p1 (mid), p2 (low), p3 (other); organisation o1 (top).
func seedBasic(t *testing.T, s store.Store) {
	t.Helper()
	mustPlace(t, s, "top", "")
	mustPlace(t, s, "mid", "top")
	mustPlace(t, s, "low", "mid")
	mustPlace(t, s, "other", "")
	mustPerson(t, s, "p1", "mid", "parent")
	mustPerson(t, s, "p2", "low", "young person", "carer")
	mustPerson(t, s, "p3", "other", "parent")
	mustOrg(t, s, "o1", "top", store.OrgFunder)
}

// ids returns the ids of items in order.
func ids[T any](items []T, id func(T) string) []string {
	var out []string
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func placeID(p store.Place) string        { return p.ID }
func personID(p store.Person) string      { return p.ID }
func orgID(o store.Organisation) string   { return o.ID }
func relID(r store.Relationship) string   { return r.ID }
func forumID(f store.Forum) string        { return f.ID }
func partID(p store.Participation) string { return p.ID }
func sortedIDs(xs ...string) []string     { xs = slices.Clone(xs); slices.Sort(xs); return xs }
func mentions(details []string, id string) bool {
	for _, d := range details {
		if strings.Contains(d, id) {
			return true
		}
	}
	return false
}

// all fetches every item of a list, one page of up to First items at a time,
// checking the pages' cursors and totals as it goes.
func all[T any](t *testing.T, what string, first int, id func(T) string,
	list func(p store.Page) (store.Connection[T], error)) []T {
	t.Helper()
	var out []T
	after := ""
	for page := 0; ; page++ {
		if page > 1000 {
			t.Fatalf("%s: pagination does not end", what)
		}
		c, err := list(store.Page{First: first, After: after})
		noErr(t, err, what)
		if len(c.Items) > first || len(c.Cursors) != len(c.Items) {
			t.Fatalf("%s: page of %d items with %d cursors, asked for at most %d", what, len(c.Items), len(c.Cursors), first)
		}
		for i, it := range c.Items {
			if c.Cursors[i] != store.EncodeCursor(id(it)) {
				t.Fatalf("%s: cursor %d = %q, want the cursor of %q", what, i, c.Cursors[i], id(it))
			}
		}
		if len(c.Items) > 0 && c.EndCursor != c.Cursors[len(c.Cursors)-1] {
			t.Fatalf("%s: EndCursor = %q, want the last item's cursor", what, c.EndCursor)
		}
		out = append(out, c.Items...)
		if c.TotalCount < len(out) {
			t.Fatalf("%s: TotalCount = %d but %d items seen", what, c.TotalCount, len(out))
		}
		if !c.HasNextPage {
			if c.TotalCount != len(out) {
				t.Fatalf("%s: TotalCount = %d, but the pages held %d items", what, c.TotalCount, len(out))
			}
			return out
		}
		if len(c.Items) == 0 {
			t.Fatalf("%s: empty page with HasNextPage", what)
		}
		after = c.EndCursor
	}
}

func nan() float64 { z := 0.0; return z / z }
