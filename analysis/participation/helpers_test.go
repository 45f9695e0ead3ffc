package participation_test

import (
	"math"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/ladder"
	"github.com/voicemap/voicemap/analysis/participation"
)

// near reports whether a and b agree to 1e-12.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }

// day parses a YYYY-MM-DD date as midnight UTC.
func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatalf("day(%q): %v", s, err)
	}
	return t
}

// dayp is day returning a pointer, for Since and Until.
func dayp(tb testing.TB, s string) *time.Time {
	tb.Helper()
	t := day(tb, s)
	return &t
}

// community and professional build people.
func community(id string, groups ...string) participation.Person {
	return participation.Person{ID: id, Capacity: ladder.Community, Groups: groups}
}

func professional(id string, groups ...string) participation.Person {
	return participation.Person{ID: id, Capacity: ladder.Professional, Groups: groups}
}

// part builds a participation.
func part(actor, forum string, l ladder.Level, s ladder.Stage) participation.Participation {
	return participation.Participation{ActorID: actor, ForumID: forum, Level: l, Stage: s}
}

// decides builds a decision-making forum, talks one that decides nothing.
func decides(id string, affects ...string) participation.Forum {
	return participation.Forum{ID: id, DecisionMaking: true, AffectsGroups: affects}
}

func talks(id string, affects ...string) participation.Forum {
	return participation.Forum{ID: id, AffectsGroups: affects}
}

// ratio returns a pointer to r, for GroupRepresentation.Ratio.
func ratio(r float64) *float64 { return &r }
