package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/store"
)

// versionPlaces are the places of seedVersions, all of which each case
// reads the versions of.
var versionPlaces = []string{"top", "mid", "low", "side", "other"}

// seedVersions stores seedBasic's network (top > mid > low, and other;
// p1 in mid, p2 in low, p3 in other, the funder o1 in top) with the place
// side under top, the recipient o2 in side, the forum f1 in low, the
// relationships r12 (p1–p2) and r3o (p3–o1), the participation pa1 (p2 in
// f1) and the grant g1 (o1 to o2, for low).
func seedVersions(t *testing.T, s store.Store) {
	t.Helper()
	seedBasic(t, s)
	mustPlace(t, s, "side", "top")
	mustOrg(t, s, "o2", "side", store.OrgCommunityGroup)
	mustForum(t, s, "f1", "low")
	mustRel(t, s, "r12", "p1", "p2", nil, nil)
	mustRel(t, s, "r3o", "p3", "o1", nil, nil)
	mustPart(t, s, "pa1", "p2", "f1", nil, nil)
	mustGrant(t, s, grant("g1", "o1", "o2", date(2024, 4, 1), 100, "low"))
}

// testVersions checks that each write advances exactly the versions
// store.Versions says: the global one, those of the places it touches
// and their ancestors after the write, and the erasure version for
// ForgetPerson alone; and that a refused write or one that writes nothing
// advances none.
func testVersions(t *testing.T, open Opener) {
	ctx := context.Background()
	tests := []struct {
		name  string
		write func(s store.Store) error
		// places are the places whose version must change (every other of
		// versionPlaces must keep its own), global and erasures whether
		// those must change.
		places            []string
		global, erasures  bool
		refused, newPlace string
	}{
		{name: "new person", places: []string{"low", "mid", "top"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: "p9", Name: "p9", PlaceID: "low"})
			return err
		}},
		{name: "person rewritten in its place", places: []string{"mid", "top"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: "p1", Name: "renamed", PlaceID: "mid"})
			return err
		}},
		{name: "person moves to another tree", places: []string{"mid", "top", "other"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertPerson(ctx, store.Person{ID: "p1", Name: "p1", PlaceID: "other"})
			return err
		}},
		{name: "organisation at the top", places: []string{"top"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertOrganisation(ctx, store.Organisation{ID: "o1", Name: "renamed", PlaceID: "top", Kind: store.OrgFunder})
			return err
		}},
		{name: "forum moves to a sibling", places: []string{"low", "mid", "top", "side"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertForum(ctx, store.Forum{ID: "f1", Name: "f1", PlaceID: "side", DecisionMaking: true})
			return err
		}},
		{name: "new relationship across trees", places: []string{"low", "mid", "top", "other"}, global: true, write: func(s store.Store) error {
			_, err := s.Connect(ctx, store.Relationship{ID: "r23", FromID: "p2", ToID: "p3", Kind: store.RelKnows, Weight: 1})
			return err
		}},
		{name: "relationship replaced by one between other actors", places: []string{"mid", "low", "top", "other"}, global: true, write: func(s store.Store) error {
			_, err := s.Connect(ctx, store.Relationship{ID: "r12", FromID: "p3", ToID: "o1", Kind: store.RelKnows, Weight: 1})
			return err
		}},
		{name: "disconnect", places: []string{"other", "top"}, global: true, write: func(s store.Store) error {
			return s.Disconnect(ctx, "r3o")
		}},
		{name: "new participation", places: []string{"other", "low", "mid", "top"}, global: true, write: func(s store.Store) error {
			_, err := s.RecordParticipation(ctx, store.Participation{ID: "pa2", ActorID: "p3", ForumID: "f1", Level: store.LevelConsult, JoinedAtStage: store.StageIdea})
			return err
		}},
		{name: "participation moved to another actor", places: []string{"low", "mid", "top"}, global: true, write: func(s store.Store) error {
			_, err := s.RecordParticipation(ctx, store.Participation{ID: "pa1", ActorID: "p1", ForumID: "f1", Level: store.LevelLead, JoinedAtStage: store.StageIdea})
			return err
		}},
		{name: "delete actor", places: []string{"low", "mid", "top"}, global: true, write: func(s store.Store) error {
			return s.DeleteActor(ctx, "p2")
		}},
		{name: "place moves to a new parent", places: []string{"low", "mid", "side", "top"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertPlace(ctx, store.Place{ID: "low", Name: "low", ParentID: "side"})
			return err
		}},
		{name: "place rewritten in its place", places: []string{"other"}, global: true, write: func(s store.Store) error {
			_, err := s.UpsertPlace(ctx, store.Place{ID: "other", Name: "renamed"})
			return err
		}},
		{name: "new place", places: []string{"other"}, newPlace: "annex", global: true, write: func(s store.Store) error {
			_, err := s.UpsertPlace(ctx, store.Place{ID: "annex", Name: "annex", ParentID: "other"})
			return err
		}},
		{name: "import", places: []string{"side", "top", "other"}, newPlace: "annex", global: true, write: func(s store.Store) error {
			_, err := s.Import(ctx, store.Batch{
				Places:        []store.Place{{ID: "annex", Name: "annex", ParentID: "side"}},
				People:        []store.Person{{ID: "p9", Name: "p9", PlaceID: "annex"}},
				Relationships: []store.Relationship{{ID: "r93", FromID: "p9", ToID: "p3", Kind: store.RelKnows, Weight: 1}},
			})
			return err
		}},
		{name: "import moves a place and a person below it", places: []string{"low", "mid", "top", "other"}, global: true, write: func(s store.Store) error {
			_, err := s.Import(ctx, store.Batch{
				Places: []store.Place{{ID: "mid", Name: "mid", ParentID: "other"}},
				People: []store.Person{{ID: "p2", Name: "p2", PlaceID: "mid"}},
			})
			return err
		}},
		{name: "import grants", places: []string{"other"}, global: true, write: func(s store.Store) error {
			_, err := s.ImportGrants(ctx, store.GrantBatch{
				Organisations: []store.Organisation{{ID: "o3", Name: "o3", PlaceID: "other", Kind: store.OrgVoluntary}},
				Grants:        []store.Grant{grant("g2", "o1", "o3", date(2024, 5, 1), 100, "other")},
			})
			return err
		}},
		{name: "upsert grant", global: true, write: func(s store.Store) error {
			_, err := s.UpsertGrant(ctx, grant("g1", "o1", "o2", date(2024, 4, 1), 200, "low", "other"))
			return err
		}},
		{name: "delete grant", global: true, write: func(s store.Store) error {
			return s.DeleteGrant(ctx, "g1")
		}},
		{name: "survey records", global: true, write: func(s store.Store) error {
			_, err := s.WriteSurvey(ctx, store.SurveyBatch{Surveys: []store.Survey{fixtureSurvey()},
				Invitations: []store.Invitation{fixtureInvitation("i1", "p1", 'a')}})
			return err
		}},
		{name: "survey answer with a new relationship", places: []string{"low", "mid", "top", "other"}, global: true, write: func(s store.Store) error {
			_, err := s.WriteSurvey(ctx, store.SurveyBatch{Batch: store.Batch{Relationships: []store.Relationship{
				{ID: "r23", FromID: "p2", ToID: "p3", Kind: store.RelKnows, Weight: 1}}}})
			return err
		}},
		{name: "survey removes a relationship", places: []string{"other", "top"}, global: true, write: func(s store.Store) error {
			_, err := s.WriteSurvey(ctx, store.SurveyBatch{Disconnect: []string{"r3o"}})
			return err
		}},
		{name: "forget person", places: []string{"other"}, global: true, erasures: true, write: func(s store.Store) error {
			_, err := s.ForgetPerson(ctx, "p3")
			return err
		}},
		{name: "refused write", refused: store.ENOTFOUND, write: func(s store.Store) error {
			_, err := s.Connect(ctx, store.Relationship{ID: "r-ghost", FromID: "p1", ToID: "ghost", Kind: store.RelKnows, Weight: 1})
			return err
		}},
		{name: "refused removal", refused: store.ENOTFOUND, write: func(s store.Store) error {
			return s.DeleteActor(ctx, "ghost")
		}},
		{name: "refused forget", refused: store.EINVALID, write: func(s store.Store) error {
			_, err := s.ForgetPerson(ctx, "o1")
			return err
		}},
		{name: "empty import", write: func(s store.Store) error {
			_, err := s.Import(ctx, store.Batch{})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			seedVersions(t, s)
			asked := append(slices.Clone(versionPlaces), "ghost")
			if tt.newPlace != "" {
				asked = append(asked, tt.newPlace)
			}
			before, err := s.Versions(ctx, asked)
			noErr(t, err, "Versions before the write")
			if before.Global == 0 {
				t.Fatalf("Versions().Global = 0 after the seed's writes, want a version")
			}
			for _, p := range versionPlaces {
				if before.Of(p) == 0 {
					t.Fatalf("Versions(%s) = 0 after the seed's writes, want a version", p)
				}
			}
			if v := before.Of("ghost"); v != 0 {
				t.Fatalf("Versions(ghost) = %d, want 0 for a place that does not exist", v)
			}
			err = tt.write(s)
			if tt.refused != "" {
				wantRefusal(t, err, tt.refused, tt.name)
			} else {
				noErr(t, err, tt.name)
			}
			after, err := s.Versions(ctx, asked)
			noErr(t, err, "Versions after the write")
			var changed []string
			for _, p := range asked {
				if before.Of(p) != after.Of(p) {
					changed = append(changed, p)
				}
			}
			want := slices.Clone(tt.places)
			if tt.newPlace != "" {
				want = append(want, tt.newPlace)
				if after.Of(tt.newPlace) == 0 {
					t.Errorf("Versions(%s) = 0 after the write that created it", tt.newPlace)
				}
			}
			same(t, "places whose version changed", sortedIDs(changed...), sortedIDs(want...))
			if got := before.Global != after.Global; got != tt.global {
				t.Errorf("global version changed = %v, want %v", got, tt.global)
			}
			if got := before.Erasures != after.Erasures; got != tt.erasures {
				t.Errorf("erasure version changed = %v, want %v", got, tt.erasures)
			}
		})
	}
	t.Run("EveryWriteANewVersion", func(t *testing.T) {
		s := open(t)
		mustPlace(t, s, "top", "")
		seen := map[int64]bool{}
		for i := range 20 {
			mustPerson(t, s, "p1", "top")
			v, err := s.Versions(ctx, []string{"top"})
			noErr(t, err, "Versions")
			if seen[v.Global] {
				t.Fatalf("write %d gave the version of an earlier write", i)
			}
			if v.Global != v.Of("top") {
				t.Errorf("write %d: global %d and top %d, want the one version of the write", i, v.Global, v.Of("top"))
			}
			seen[v.Global] = true
		}
	})
}
