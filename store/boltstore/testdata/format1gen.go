//go:build ignore

// format1gen writes format1.db, a store file in bbolt layout format 1 (the
// layout before the relationships-by-actor index carried each tie's
// compact form), for TestOpenMigratesFormat1. It was run once at commit
// 02ffd21, whose code writes format 1:
//
//	git worktree add /tmp/f1 02ffd21 && cp format1gen.go /tmp/f1/ && cd /tmp/f1 && go run format1gen.go format1.db && gzip -9 format1.db
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func main() {
	ctx := context.Background()
	s, err := boltstore.Open(ctx, os.Args[1])
	if err != nil {
		panic(err)
	}
	defer s.Close()
	b := store.Batch{
		Places: []store.Place{{ID: "town", Name: "Town"}, {ID: "north", Name: "North", ParentID: "town"}, {ID: "south", Name: "South", ParentID: "town"}},
		People: []store.Person{
			{ID: "p1", Name: "Ann", PlaceID: "north", Groups: []string{"parent"}},
			{ID: "p2", Name: "Bo", PlaceID: "north"},
			{ID: "p3", Name: "Cy", PlaceID: "south", Consent: store.ConsentWithdrawn},
			{ID: "p4", Name: "Di", PlaceID: "south"},
		},
		Organisations: []store.Organisation{{ID: "o1", Name: "Club", PlaceID: "north", Kind: store.OrgCommunityGroup},
			{ID: "fund", Name: "Fund", PlaceID: "town", Kind: store.OrgFunder}},
		Relationships: []store.Relationship{
			{ID: "r1", FromID: "p1", ToID: "p2", Kind: store.RelKnows, Weight: 2},
			{ID: "r2", FromID: "p2", ToID: "o1", Kind: store.RelMemberOf, Weight: 1, Since: day(2020, 1, 1)},
			{ID: "r3", FromID: "o1", ToID: "p4", Kind: store.RelWorksWith, Weight: 0.5, Until: day(2021, 6, 30)},
			{ID: "r4", FromID: "p3", ToID: "p4", Kind: store.RelKnows, Weight: 3},
			{ID: "r5", FromID: "p4", ToID: "p1", Kind: store.RelAdvises, Weight: 1.25, Since: day(2019, 3, 1), Until: day(2022, 2, 28)},
			{ID: "r6", FromID: "p2", ToID: "p1", Kind: store.RelKnows, Weight: 1},
		},
		Forums:         []store.Forum{{ID: "board", Name: "Board", PlaceID: "town", DecisionMaking: true}},
		Participations: []store.Participation{{ID: "pa1", ActorID: "p1", ForumID: "board", Level: store.LevelConsult, JoinedAtStage: store.StageDesign}},
	}
	n, err := s.Import(ctx, b)
	if err != nil {
		panic(err)
	}
	fmt.Println(n)
}
