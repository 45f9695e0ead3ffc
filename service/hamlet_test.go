package service_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// day parses a YYYY-MM-DD date.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dayPtr(s string) *time.Time {
	t := day(s)
	return &t
}

// hamletDay is the date on which the hamlet's answers are worked out.
var hamletDay = dayPtr("2024-06-01")

// hamletScope is the hamlet on hamletDay.
var hamletScope = store.Scope{PlaceID: "hamlet", AsOf: hamletDay}

// hamlet builds a small place network whose every answer is worked out by
// hand in the tests. Places: shire (population 99,999, its own figures
// {parent: 9,999}, which are never used as shire is not a leaf) with the
// leaves hamlet (1,000 residents: 250 parents, 100 young people) and
// village (500 residents: 50 parents, no actors).
//
// People of hamlet (community members unless marked P, professional), the
// organisation council, and their ties as of 2024-06-01:
//
//	       council                     iso (older person, no tie until 2025)
//	          |
//	ann* - chair* - worker(P) - yp1 - far
//	  \    /  |  \
//	 officer* |   late
//	     \    cons
//	      `---´
//
// chair (P, LEAD on the board), officer (P, CO_PRODUCE on the board), ann
// (parent, CO_PRODUCE on the board and the panel) and council (CO_PRODUCE
// on the panel) hold decision power (*). cons (parent) is consulted on the
// board from the IDEA stage; late (carer) co-designs the board from
// DELIVERY; far (older person) is consulted in the workshop, which makes no
// decisions; worker leads the workshop; yp1 (young person) and iso take
// part in nothing. The board affects parents, young people and carers; the
// panel young people.
//
// Ties, each KNOWS unless stated, with their kind, direction, strength and
// dates (they drive relationshipQuality):
//
//	chair→officer 2015-01-01          chair→ann (no since)
//	officer→ann WORKS_WITH weight 2, 2023-06-01; ann→officer ADVISES 2020-01-01
//	chair→council EMPLOYED_BY 2010-01-01
//	chair→cons REFERS_TO and cons→chair REFERS_TO, 2024-01-01 (summed weight 2)
//	officer→cons weight 4, 2024-01-01
//	late→chair 2019-01-01             late→officer ADVISES 2024-03-01
//	worker→chair WORKS_WITH 2018-01-01
//	worker→yp1 2024-01-01             yp1→far 2020-01-01
//	ann→cons 2010-01-01..2012-12-31 (ended: never in scope here)
//	iso→chair, iso→officer 2025-01-01 (not yet)
func hamlet(t *testing.T) (*service.Service, *servicetest.CountingStore) {
	t.Helper()
	pop := func(n int) *int { return &n }
	cs := servicetest.NewCountingStore(servicetest.MustOpenStore(t))
	person := func(id string, c store.Capacity, groups ...string) store.Person {
		return store.Person{ID: id, Name: id, PlaceID: "hamlet", Capacity: c, Groups: groups}
	}
	const community, professional = store.CapacityCommunity, store.CapacityProfessional
	rel := func(id, from, to string, kind store.RelKind, w float64, since, until string) store.Relationship {
		r := store.Relationship{ID: id, FromID: from, ToID: to, Kind: kind, Weight: w}
		if since != "" {
			r.Since = dayPtr(since)
		}
		if until != "" {
			r.Until = dayPtr(until)
		}
		return r
	}
	part := func(id, actor, forum string, l store.Level, s store.Stage) store.Participation {
		return store.Participation{ID: id, ActorID: actor, ForumID: forum, Level: l, JoinedAtStage: s}
	}
	_, err := cs.Import(admin(context.Background()), store.Batch{
		Places: []store.Place{
			{ID: "shire", Name: "Shire", Population: pop(99_999), PopulationByGroup: map[string]int{"parent": 9_999}},
			{ID: "hamlet", Name: "Hamlet", ParentID: "shire", Population: pop(1000), PopulationByGroup: map[string]int{"parent": 250, "young person": 100}},
			{ID: "village", Name: "Village", ParentID: "shire", Population: pop(500), PopulationByGroup: map[string]int{"parent": 50}},
		},
		People: []store.Person{
			person("ann", community, "parent"),
			person("chair", professional),
			person("cons", community, "parent"),
			person("far", community, "older person"),
			person("iso", community, "older person"),
			person("late", community, "carer"),
			person("officer", professional),
			person("worker", professional),
			person("yp1", community, "young person"),
		},
		Organisations: []store.Organisation{{ID: "council", Name: "Council", Kind: store.OrgPublicBody, PlaceID: "hamlet"}},
		Relationships: []store.Relationship{
			rel("r01", "chair", "officer", store.RelKnows, 1, "2015-01-01", ""),
			rel("r02", "chair", "ann", store.RelKnows, 1, "", ""),
			rel("r03", "officer", "ann", store.RelWorksWith, 2, "2023-06-01", ""),
			rel("r04", "ann", "officer", store.RelAdvises, 1, "2020-01-01", ""),
			rel("r05", "chair", "council", store.RelEmployedBy, 1, "2010-01-01", ""),
			rel("r06", "chair", "cons", store.RelRefersTo, 1, "2024-01-01", ""),
			rel("r07", "cons", "chair", store.RelRefersTo, 1, "2024-01-01", ""),
			rel("r08", "officer", "cons", store.RelKnows, 4, "2024-01-01", ""),
			rel("r09", "late", "chair", store.RelKnows, 1, "2019-01-01", ""),
			rel("r10", "late", "officer", store.RelAdvises, 1, "2024-03-01", ""),
			rel("r11", "worker", "chair", store.RelWorksWith, 1, "2018-01-01", ""),
			rel("r12", "worker", "yp1", store.RelKnows, 1, "2024-01-01", ""),
			rel("r13", "yp1", "far", store.RelKnows, 1, "2020-01-01", ""),
			rel("r14", "ann", "cons", store.RelKnows, 1, "2010-01-01", "2012-12-31"),
			rel("r15", "iso", "chair", store.RelKnows, 1, "2025-01-01", ""),
			rel("r16", "iso", "officer", store.RelKnows, 1, "2025-01-01", ""),
		},
		Forums: []store.Forum{
			{ID: "board", Name: "Board", PlaceID: "hamlet", DecisionMaking: true, AffectsGroups: []string{"parent", "young person", "carer"}},
			{ID: "panel", Name: "Panel", PlaceID: "hamlet", DecisionMaking: true, AffectsGroups: []string{"young person"}},
			{ID: "workshop", Name: "Workshop", PlaceID: "hamlet"},
		},
		Participations: []store.Participation{
			part("x01", "chair", "board", store.LevelLead, store.StageIdea),
			part("x02", "officer", "board", store.LevelCoProduce, store.StageIdea),
			part("x03", "ann", "board", store.LevelCoProduce, store.StageIdea),
			part("x04", "ann", "panel", store.LevelCoProduce, store.StageIdea),
			part("x05", "council", "panel", store.LevelCoProduce, store.StageDesign),
			part("x06", "cons", "board", store.LevelConsult, store.StageIdea),
			part("x07", "late", "board", store.LevelCoDesign, store.StageDelivery),
			part("x08", "worker", "workshop", store.LevelLead, store.StageIdea),
			part("x09", "far", "workshop", store.LevelConsult, store.StageDesign),
		},
	})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	cs.Reset()
	return service.New(cs, slog.New(slog.NewTextHandler(io.Discard, nil))), cs
}

// ids returns the ids of actors.
func ids(actors []store.Actor) []string {
	out := make([]string, len(actors))
	for i, a := range actors {
		out[i] = a.ID()
	}
	return out
}
