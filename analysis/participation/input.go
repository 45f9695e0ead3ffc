package participation

import (
	"time"

	"github.com/voicemap/voicemap/analysis/ladder"
)

// Person is a person in scope. Groups are the tags whose representation
// matters ("parent", "young person", ...), already normalised by the store;
// a tag repeated in one person's Groups counts once.
type Person struct {
	ID       string
	Capacity ladder.Capacity
	Groups   []string
}

// Forum is a forum in scope. AffectsGroups lists the group tags its work
// affects.
type Forum struct {
	ID             string
	DecisionMaking bool
	AffectsGroups  []string
}

// Participation is an actor (person or organisation) taking part in a forum
// on the as-of date, at a Level, having joined at a Stage.
type Participation struct {
	ActorID string
	ForumID string
	Level   ladder.Level
	Stage   ladder.Stage
}

// Population holds census-style figures for the places in scope: ByGroup
// maps a group tag to the number of residents in that group, summed over
// the places that record figures by group; Total is the number of residents
// of those same places (the sum of their populations), or 0 when unknown.
// Groups overlap (a parent may also be a carer), so Total, not the sum of
// ByGroup, is the right denominator of a group's share; when Total is 0 the
// sum of ByGroup is used instead. Negative counts are taken as 0. A nil or
// empty ByGroup means no figures are recorded.
type Population struct {
	ByGroup map[string]int
	Total   int
}

// Denominator returns the number of residents a group's share is taken
// over: Total, or the sum of ByGroup (negative counts as 0) when Total ≤ 0.
func (p Population) Denominator() int {
	if p.Total > 0 {
		return p.Total
	}
	d := 0
	for _, n := range p.ByGroup {
		d += max(n, 0)
	}
	return d
}

// Scope is everything Seats, Representation and NothingAboutUsWithoutUs
// need about one place scope on one date. People lists the people in scope,
// Organisations the ids of the organisations in scope, Forums the forums in
// scope and Participations the participations active on the date.
//
// A participation whose forum is not in Forums is ignored. A participation
// whose actor is in neither People nor Organisations (for example a person
// outside the scope sitting on a forum inside it) still counts as a seat,
// held by an unclassified actor. When an id appears twice in People,
// Organisations or Forums the first occurrence is used.
type Scope struct {
	People         []Person
	Organisations  []string
	Forums         []Forum
	Participations []Participation
	Population     Population
}

// Relationship is a tie recorded From one actor To another, of a Kind (the
// value of store.RelKind: "KNOWS", "WORKS_WITH", ...), active from Since to
// Until, both inclusive; a nil bound is open. Only the calendar date (UTC)
// of Since and Until matters.
type Relationship struct {
	ID    string
	From  string
	To    string
	Kind  string
	Since *time.Time
	Until *time.Time
}
