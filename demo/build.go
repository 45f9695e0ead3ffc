package demo

import (
	"fmt"
	"time"

	"github.com/voicemap/voicemap/store"
)

// builder accumulates the demo batch, numbering relationships and
// participations in the order they are added.
type builder struct {
	b     store.Batch
	pairs map[string]bool // "a|b|KIND" with a < b, to avoid repeating a tie
}

// date parses a YYYY-MM-DD literal; "" is nil (open-ended).
func date(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("demo: bad date literal %q", s))
	}
	return &t
}

func (d *builder) place(id, name, code string, population int, decile float64, parent string, byGroup map[string]int) {
	p := store.Place{ID: id, Name: name, Code: code, Population: &population, ParentID: parent, PopulationByGroup: byGroup}
	if decile > 0 {
		p.NeedIndex = &decile
		p.NeedScale = NeedScale
	}
	d.b.Places = append(d.b.Places, p)
}

// person adds a person who consented to being mapped.
func (d *builder) person(id, name, place string, capacity store.Capacity, groups, roles, lived []string) {
	d.b.People = append(d.b.People, store.Person{
		ID: id, Name: name, PlaceID: place, Capacity: capacity, Consent: store.ConsentGiven,
		Groups: groups, Roles: roles, LivedExperience: lived,
	})
}

func (d *builder) org(id, name string, kind store.OrgKind, place string) {
	d.b.Organisations = append(d.b.Organisations, store.Organisation{ID: id, Name: name, Kind: kind, PlaceID: place})
}

// tie adds a relationship unless the pair is already joined by that kind;
// it reports whether it added one.
func (d *builder) tie(from, to string, kind store.RelKind, weight float64, since, until string) bool {
	a, b := from, to
	if b < a {
		a, b = b, a
	}
	key := a + "|" + b + "|" + string(kind)
	if from == to || d.pairs[key] {
		return false
	}
	d.pairs[key] = true
	d.b.Relationships = append(d.b.Relationships, store.Relationship{
		ID:     fmt.Sprintf("r-%03d", len(d.b.Relationships)+1),
		FromID: from, ToID: to, Kind: kind, Weight: weight,
		Since: date(since), Until: date(until),
	})
	return true
}

func (d *builder) forum(id, name, place string, deciding bool, affects ...string) {
	d.b.Forums = append(d.b.Forums, store.Forum{ID: id, Name: name, PlaceID: place, DecisionMaking: deciding, AffectsGroups: affects})
}

func (d *builder) seat(actor, forum string, level store.Level, stage store.Stage, since, until string) {
	d.b.Participations = append(d.b.Participations, store.Participation{
		ID:      fmt.Sprintf("x-%03d", len(d.b.Participations)+1),
		ActorID: actor, ForumID: forum, Level: level, JoinedAtStage: stage,
		Since: date(since), Until: date(until),
	})
}
