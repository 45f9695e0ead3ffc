package storetest

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voicemap/voicemap/store"
)

// Survey fixtures: a survey of place top asking one name generator, about
// forum f1 and the influence of o1; invitations of p1 and p2.
var (
	surveyDay = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	invitedAt = time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
)

func hashOf(c byte) string { return "sha256:" + strings.Repeat(string(c), 64) }

func fixtureSurvey() store.Survey {
	return store.Survey{ID: "s1", Name: "Who do you know?", PlaceID: "top",
		Questions: []store.NameQuestion{{ID: "advice", Prompt: "Who do you go to for advice or help?", Kind: store.RelAdvises, FromNamed: true},
			{ID: "work", Prompt: "Who do you work with on local issues?", Kind: store.RelWorksWith}},
		ForumIDs: []string{"f1"}, InfluenceIDs: []string{"o1"}, InfluenceOver: "youth services",
		Groups: []string{"carer", "parent"}, CreatedOn: surveyDay}
}

func fixtureInvitation(id, person string, c byte) store.Invitation {
	return store.Invitation{ID: id, SurveyID: "s1", PersonID: person, TokenHash: hashOf(c), Status: store.InvitationSent,
		InvitedAt: invitedAt, ExpiresAt: invitedAt.Add(30 * 24 * time.Hour)}
}

// seedSurvey stores seedBasic, forum f1 and the fixture survey with
// invitations i1 (p1) and i2 (p2), each at version 1.
func seedSurvey(t *testing.T, s store.Store) {
	t.Helper()
	seedBasic(t, s)
	mustForum(t, s, "f1", "top")
	_, err := s.WriteSurvey(t.Context(), store.SurveyBatch{Surveys: []store.Survey{fixtureSurvey()},
		Invitations: []store.Invitation{fixtureInvitation("i1", "p1", 'a'), fixtureInvitation("i2", "p2", 'b')}})
	noErr(t, err, "WriteSurvey(s1, i1, i2)")
}

// canonInvitation makes an invitation comparable: times as plain UTC
// instants, no ratings as nil.
func canonInvitation(in store.Invitation) store.Invitation {
	in.InvitedAt, in.ExpiresAt = *canonTime(&in.InvitedAt), *canonTime(&in.ExpiresAt)
	in.ConsentedAt, in.SubmittedAt = canonTime(in.ConsentedAt), canonTime(in.SubmittedAt)
	if len(in.Ratings) == 0 {
		in.Ratings = nil
	}
	return in
}

func canonSurvey(s store.Survey) store.Survey {
	s.CreatedOn = *canonTime(&s.CreatedOn)
	s.ClosesOn = canonTime(s.ClosesOn)
	return s
}

func canonSource(s store.Source) store.Source {
	s.On = canonTime(s.On)
	return s
}

func mustInvitation(t *testing.T, s store.Store, id string) store.Invitation {
	t.Helper()
	in, err := s.Invitation(t.Context(), id)
	noErr(t, err, "Invitation("+id+")")
	return canonInvitation(in)
}

// testSurveys checks the survey records of WriteSurvey and their readers.
func testSurveys(t *testing.T, open Opener) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		closes := surveyDay.AddDate(0, 1, 0)
		want := fixtureSurvey()
		want.ForumIDs, want.InfluenceIDs = []string{"f1"}, []string{"o1"}
		got, err := s.Survey(t.Context(), "s1")
		noErr(t, err, "Survey(s1)")
		same(t, "Survey(s1)", canonSurvey(got), canonSurvey(want))
		want.ClosesOn, want.Name = &closes, "  Renamed "
		_, err = s.WriteSurvey(t.Context(), store.SurveyBatch{Surveys: []store.Survey{want}})
		noErr(t, err, "WriteSurvey(s1 again)")
		got, err = s.Survey(t.Context(), "s1")
		noErr(t, err, "Survey(s1) after replace")
		want.Name = "Renamed"
		same(t, "Survey(s1) after replace", canonSurvey(got), canonSurvey(want))
		k, err := s.Kind(t.Context(), "s1")
		noErr(t, err, "Kind(s1)")
		same(t, "Kind(s1)", k, store.KindSurvey)
		list := all(t, "Surveys", 1, func(x store.Survey) string { return x.ID }, func(p store.Page) (store.Connection[store.Survey], error) {
			return s.Surveys(t.Context(), p)
		})
		same(t, "Surveys", ids(list, func(x store.Survey) string { return x.ID }), []string{"s1"})

		in := mustInvitation(t, s, "i1")
		wantIn := fixtureInvitation("i1", "p1", 'a')
		wantIn.Version = 1
		same(t, "Invitation(i1)", in, canonInvitation(wantIn))
		byToken, err := s.InvitationByToken(t.Context(), hashOf('b'))
		noErr(t, err, "InvitationByToken(b)")
		same(t, "InvitationByToken(b).ID", byToken.ID, "i2")
		_, err = s.InvitationByToken(t.Context(), hashOf('c'))
		wantRefusal(t, err, store.ENOTFOUND, "InvitationByToken(unknown)")
		_, err = s.Invitation(t.Context(), "nope")
		wantRefusal(t, err, store.ENOTFOUND, "Invitation(nope)")
		_, err = s.Survey(t.Context(), "nope")
		wantRefusal(t, err, store.ENOTFOUND, "Survey(nope)")
		for _, f := range []struct {
			name string
			f    store.InvitationFilter
			want []string
		}{{"all", store.InvitationFilter{}, []string{"i1", "i2"}}, {"survey", store.InvitationFilter{SurveyID: "s1"}, []string{"i1", "i2"}},
			{"person", store.InvitationFilter{PersonID: "p2"}, []string{"i2"}}, {"other survey", store.InvitationFilter{SurveyID: "s2"}, nil}} {
			got := all(t, "Invitations("+f.name+")", 1, func(x store.Invitation) string { return x.ID }, func(p store.Page) (store.Connection[store.Invitation], error) {
				return s.Invitations(t.Context(), f.f, p)
			})
			same(t, "Invitations("+f.name+")", ids(got, func(x store.Invitation) string { return x.ID }), f.want)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		before := dump(t, s)
		bad := func(mod func(*store.Survey)) store.Survey { x := fixtureSurvey(); x.ID = "s9"; mod(&x); return x }
		for _, c := range []struct {
			what string
			b    store.SurveyBatch
		}{
			{"survey without name", store.SurveyBatch{Surveys: []store.Survey{bad(func(x *store.Survey) { x.Name = " " })}}},
			{"survey asking nothing", store.SurveyBatch{Surveys: []store.Survey{bad(func(x *store.Survey) {
				x.Questions, x.ForumIDs, x.InfluenceIDs, x.Groups = nil, nil, nil, nil
			})}}},
			{"question of unknown kind", store.SurveyBatch{Surveys: []store.Survey{bad(func(x *store.Survey) { x.Questions[0].Kind = "LIKES" })}}},
			{"question id repeated", store.SurveyBatch{Surveys: []store.Survey{bad(func(x *store.Survey) { x.Questions[1].ID = "advice" })}}},
			{"question id with a space", store.SurveyBatch{Surveys: []store.Survey{bad(func(x *store.Survey) { x.Questions[0].ID = "a b" })}}},
			{"closes before created", store.SurveyBatch{Surveys: []store.Survey{bad(func(x *store.Survey) { x.ClosesOn = ptr(surveyDay.AddDate(0, 0, -1)) })}}},
			{"invitation with a bad hash", store.SurveyBatch{Invitations: []store.Invitation{func() store.Invitation {
				in := fixtureInvitation("i9", "p1", 'c')
				in.TokenHash = "secret"
				return in
			}()}}},
			{"draft before consent", store.SurveyBatch{Invitations: []store.Invitation{func() store.Invitation {
				in := fixtureInvitation("i9", "p1", 'c')
				in.Draft = "{}"
				return in
			}()}}},
			{"submitted without a time", store.SurveyBatch{Invitations: []store.Invitation{func() store.Invitation {
				in := fixtureInvitation("i9", "p1", 'c')
				in.Status, in.ConsentedAt = store.InvitationSubmitted, &invitedAt
				return in
			}()}}},
			{"rating out of range", store.SurveyBatch{Invitations: []store.Invitation{func() store.Invitation {
				in := fixtureInvitation("i9", "p1", 'c')
				in.Status, in.ConsentedAt, in.SubmittedAt, in.Ratings = store.InvitationSubmitted, &invitedAt, &invitedAt, []store.Rating{{ActorID: "o1", Value: 6}}
				return in
			}()}}},
			{"felt voice out of range", store.SurveyBatch{Invitations: []store.Invitation{func() store.Invitation {
				in := fixtureInvitation("i9", "p1", 'c')
				in.Status, in.ConsentedAt, in.SubmittedAt, in.Felt = store.InvitationSubmitted, &invitedAt, &invitedAt, 7
				return in
			}()}}},
			{"resolved dispute without a day", store.SurveyBatch{Disputes: []store.Dispute{{ID: "d9", RelationshipID: "r", PersonID: "p1",
				SurveyID: "s1", RaisedOn: surveyDay, Resolution: store.DisputeKept}}}},
			{"typed record naming a survey", store.SurveyBatch{Batch: store.Batch{People: []store.Person{{ID: "p9", Name: "N", PlaceID: "top",
				Source: store.Source{Kind: store.SourceTyped, SurveyID: "s1"}}}}}},
			{"said record without a day", store.SurveyBatch{Batch: store.Batch{People: []store.Person{{ID: "p9", Name: "N", PlaceID: "top",
				Source: store.Source{Kind: store.SourceSurvey, SurveyID: "s1"}}}}}},
			{"tie said by someone not at its ends", store.SurveyBatch{Batch: store.Batch{Relationships: []store.Relationship{{ID: "r9", FromID: "p1", ToID: "p2",
				Kind: store.RelKnows, Weight: 1, Source: store.SaidBy("s1", surveyDay, "p3")}}}}},
			{"person said by someone", store.SurveyBatch{Batch: store.Batch{People: []store.Person{{ID: "p9", Name: "N", PlaceID: "top",
				Source: store.SaidBy("s1", surveyDay, "p1")}}}}},
			{"removal written too", store.SurveyBatch{Batch: store.Batch{Relationships: []store.Relationship{{ID: "r9", FromID: "p1", ToID: "p2",
				Kind: store.RelKnows, Weight: 1}}}, Disconnect: []string{"r9"}}},
		} {
			_, err := s.WriteSurvey(t.Context(), c.b)
			wantRefusal(t, err, store.EINVALID, "WriteSurvey("+c.what+")")
			unchanged(t, s, before, "WriteSurvey("+c.what+")")
		}
	})

	t.Run("References", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		before := dump(t, s)
		other := fixtureSurvey()
		other.ID, other.PlaceID, other.ForumIDs, other.InfluenceIDs = "s2", "nowhere", []string{"f9"}, []string{"p9"}
		said := store.Said("s9", surveyDay)
		for _, c := range []struct {
			what, code string
			b          store.SurveyBatch
		}{
			{"survey of missing place, forum and actor", store.ENOTFOUND, store.SurveyBatch{Surveys: []store.Survey{other}}},
			{"invitation to a missing survey and person", store.ENOTFOUND, store.SurveyBatch{Invitations: []store.Invitation{func() store.Invitation {
				in := fixtureInvitation("i9", "p9", 'c')
				in.SurveyID = "s9"
				return in
			}()}}},
			{"invitation of an organisation", store.ENOTFOUND, store.SurveyBatch{Invitations: []store.Invitation{fixtureInvitation("i9", "o1", 'c')}}},
			{"dispute of a missing relationship", store.ENOTFOUND, store.SurveyBatch{Disputes: []store.Dispute{{ID: "d9", RelationshipID: "r9",
				PersonID: "p1", SurveyID: "s1", RaisedOn: surveyDay}}}},
			{"correction by a missing person", store.ENOTFOUND, store.SurveyBatch{Corrections: []store.Correction{{ID: "c9", PersonID: "p9",
				SurveyID: "s1", EntityID: "p9", Field: "name", At: invitedAt}}}},
			{"removal of a missing relationship", store.ENOTFOUND, store.SurveyBatch{Disconnect: []string{"r9"}}},
			{"removal of a person", store.ENOTFOUND, store.SurveyBatch{Disconnect: []string{"p1"}}},
			{"source survey missing", store.ENOTFOUND, store.SurveyBatch{Batch: store.Batch{People: []store.Person{{ID: "p9", Name: "N",
				PlaceID: "top", Source: said}}}}},
			{"survey over a person's id", store.ECONFLICT, store.SurveyBatch{Surveys: []store.Survey{func() store.Survey {
				x := fixtureSurvey()
				x.ID = "p1"
				return x
			}()}}},
			{"invitation over the survey's id", store.ECONFLICT, store.SurveyBatch{Invitations: []store.Invitation{fixtureInvitation("s1", "p1", 'c')}}},
			{"person over an invitation's id", store.ECONFLICT, store.SurveyBatch{Batch: store.Batch{People: []store.Person{{ID: "i1", Name: "N", PlaceID: "top"}}}}},
			{"two problems", store.ECONFLICT, store.SurveyBatch{Invitations: []store.Invitation{fixtureInvitation("s1", "p9", 'c')}, Disconnect: []string{"r9"}}},
		} {
			_, err := s.WriteSurvey(t.Context(), c.b)
			wantRefusal(t, err, c.code, "WriteSurvey("+c.what+")")
			unchanged(t, s, before, "WriteSurvey("+c.what+")")
		}
		// Upserting a person over an invitation's id is refused by the
		// ordinary writes too.
		_, err := s.UpsertPerson(t.Context(), store.Person{ID: "i1", Name: "N", PlaceID: "top"})
		wantRefusal(t, err, store.ECONFLICT, "UpsertPerson(i1)")
	})

	t.Run("Versions", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		in := mustInvitation(t, s, "i1")
		in.Status, in.ConsentedAt, in.Draft = store.InvitationConsented, ptr(invitedAt.Add(time.Hour)), `{"felt":3}`
		out, err := s.WriteSurvey(t.Context(), store.SurveyBatch{Invitations: []store.Invitation{in}})
		noErr(t, err, "WriteSurvey(i1 consented)")
		same(t, "written version", out.Invitations[0].Version, 2)
		same(t, "stored invitation", mustInvitation(t, s, "i1"), canonInvitation(out.Invitations[0]))
		stale := in // still version 1
		stale.Draft = `{"felt":1}`
		_, err = s.WriteSurvey(t.Context(), store.SurveyBatch{Invitations: []store.Invitation{stale}})
		wantRefusal(t, err, store.ECONFLICT, "WriteSurvey(i1 at a stale version)")
		fresh := fixtureInvitation("i1", "p1", 'a') // version 0 over a stored invitation
		_, err = s.WriteSurvey(t.Context(), store.SurveyBatch{Invitations: []store.Invitation{fresh}})
		wantRefusal(t, err, store.ECONFLICT, "WriteSurvey(i1 as new)")
		same(t, "Invitation(i1).Draft after refusals", mustInvitation(t, s, "i1").Draft, `{"felt":3}`)
	})

	t.Run("SubmitOnceConcurrently", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		in := mustInvitation(t, s, "i1")
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for k := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sub := in
				sub.Status, sub.ConsentedAt, sub.SubmittedAt, sub.Felt = store.InvitationSubmitted, &invitedAt, &invitedAt, 1+k%5
				rel := store.Relationship{ID: "r-sub-" + string(rune('a'+k)), FromID: "p1", ToID: "p2", Kind: store.RelKnows, Weight: 1,
					Source: store.SaidBy("s1", surveyDay, "p1")}
				_, errs[k] = s.WriteSurvey(t.Context(), store.SurveyBatch{Batch: store.Batch{Relationships: []store.Relationship{rel}},
					Invitations: []store.Invitation{sub}})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch store.ErrorCode(err) {
			case "":
				ok++
			case store.ECONFLICT:
			default:
				t.Fatalf("concurrent submission: %v, want success or CONFLICT", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d of %d concurrent submissions of one invitation succeeded, want exactly 1", ok, n)
		}
		same(t, "Invitation(i1).Version", mustInvitation(t, s, "i1").Version, 2)
		if got := len(dump(t, s).Relationships); got != 1 {
			t.Fatalf("%d relationships after the concurrent submissions, want the winner's 1", got)
		}
	})

	t.Run("Submission", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		said, saidByP1 := store.Said("s1", surveyDay), store.SaidBy("s1", surveyDay, "p1")
		in := mustInvitation(t, s, "i1")
		in.Status, in.ConsentedAt, in.SubmittedAt, in.Felt = store.InvitationSubmitted, &invitedAt, ptr(invitedAt.Add(time.Hour)), 2
		in.Ratings = []store.Rating{{ActorID: "o1", Value: 4}, {ActorID: "p3", Value: 0}}
		placeholder := store.Person{ID: "anon-1", Name: "Auntie Sue", PlaceID: "top", Source: said}
		p1, err := s.Person(t.Context(), "p1")
		noErr(t, err, "Person(p1)")
		p1.Groups, p1.Consent, p1.Source = []string{"carer", "parent"}, store.ConsentGiven, said
		b := store.SurveyBatch{
			Batch: store.Batch{People: []store.Person{placeholder, p1},
				Relationships:  []store.Relationship{{ID: "r-said", FromID: "anon-1", ToID: "p1", Kind: store.RelAdvises, Weight: 1, Source: saidByP1}},
				Participations: []store.Participation{{ID: "pa-said", ActorID: "p1", ForumID: "f1", Level: store.LevelCoDesign, JoinedAtStage: store.StageIdea, Source: said}}},
			Invitations: []store.Invitation{in},
			Corrections: []store.Correction{{ID: "c1", PersonID: "p1", SurveyID: "s1", EntityID: "p1", Field: "groups", Previous: "parent", Value: "carer, parent", At: invitedAt}},
		}
		// A batch with one bad reference writes nothing at all.
		before := dump(t, s)
		broken := b
		broken.Relationships = append(broken.Relationships[:1:1], store.Relationship{ID: "r-bad", FromID: "p1", ToID: "ghost", Kind: store.RelKnows, Weight: 1, Source: said})
		_, err = s.WriteSurvey(t.Context(), broken)
		wantRefusal(t, err, store.ENOTFOUND, "WriteSurvey(submission naming a missing actor)")
		unchanged(t, s, before, "WriteSurvey(submission naming a missing actor)")
		same(t, "Invitation(i1).Status after the refusal", mustInvitation(t, s, "i1").Status, store.InvitationSent)

		_, err = s.WriteSurvey(t.Context(), b)
		noErr(t, err, "WriteSurvey(submission)")
		got := mustInvitation(t, s, "i1")
		same(t, "submitted ratings", got.Ratings, []store.Rating{{ActorID: "o1", Value: 4}, {ActorID: "p3", Value: 0}})
		same(t, "submitted felt voice", got.Felt, 2)
		ph, err := s.Person(t.Context(), "anon-1")
		noErr(t, err, "Person(anon-1)")
		same(t, "placeholder source", canonSource(ph.Source), canonSource(said))
		same(t, "placeholder consent", ph.Consent, store.ConsentUnknown)
		r, err := s.Relationship(t.Context(), "r-said")
		noErr(t, err, "Relationship(r-said)")
		same(t, "tie source", canonSource(r.Source), canonSource(saidByP1))
		pa, err := s.Participation(t.Context(), "pa-said")
		noErr(t, err, "Participation(pa-said)")
		same(t, "participation source", canonSource(pa.Source), canonSource(said))
		snap := dump(t, s)
		for _, x := range snap.Relationships {
			if x.ID == "r-said" {
				same(t, "snapshot relationship r-said source", canonSource(x.Source), canonSource(saidByP1))
			}
		}
		cs := all(t, "Corrections(p1)", 5, func(x store.Correction) string { return x.ID }, func(p store.Page) (store.Connection[store.Correction], error) {
			return s.Corrections(t.Context(), "p1", p)
		})
		if len(cs) != 1 || cs[0].Previous != "parent" || cs[0].Value != "carer, parent" || !cs[0].At.Equal(invitedAt) {
			t.Fatalf("Corrections(p1) = %s, want c1 from parent to carer, parent", show(cs))
		}
	})

	t.Run("SourceFilter", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		mustRel(t, s, "r-typed", "p1", "p2", nil, nil)
		mustRel(t, s, "r-typed-2", "p2", "o1", nil, nil)
		saidBy := func(by string) store.Source { return store.SaidBy("s1", surveyDay, by) }
		_, err := s.WriteSurvey(t.Context(), store.SurveyBatch{Batch: store.Batch{
			People: []store.Person{{ID: "anon-1", Name: "Auntie Sue", PlaceID: "low", Source: store.Said("s1", surveyDay)}},
			Relationships: []store.Relationship{
				{ID: "r-said-1", FromID: "anon-1", ToID: "p1", Kind: store.RelAdvises, Weight: 1, Source: saidBy("p1")},
				{ID: "r-said-2", FromID: "p2", ToID: "p1", Kind: store.RelWorksWith, Weight: 2, Source: saidBy("p2"), Since: &surveyDay}}}})
		noErr(t, err, "WriteSurvey(said ties)")
		rels := func(f store.RelationshipFilter) []string {
			return ids(all(t, "Relationships", 1, relID, func(p store.Page) (store.Connection[store.Relationship], error) {
				return s.Relationships(t.Context(), f, p)
			}), relID)
		}
		for _, c := range []struct {
			name string
			f    store.RelationshipFilter
			want []string
		}{
			{"all", store.RelationshipFilter{}, []string{"r-said-1", "r-said-2", "r-typed", "r-typed-2"}},
			{"typed", store.RelationshipFilter{Source: store.SourceTyped}, []string{"r-typed", "r-typed-2"}},
			{"survey", store.RelationshipFilter{Source: store.SourceSurvey}, []string{"r-said-1", "r-said-2"}},
			{"survey s1", store.RelationshipFilter{SurveyID: "s1"}, []string{"r-said-1", "r-said-2"}},
			{"another survey", store.RelationshipFilter{SurveyID: "s9"}, nil},
			{"typed of s1", store.RelationshipFilter{Source: store.SourceTyped, SurveyID: "s1"}, nil},
			{"p2 typed", store.RelationshipFilter{ActorID: "p2", Source: store.SourceTyped}, []string{"r-typed", "r-typed-2"}},
			{"p2 said", store.RelationshipFilter{ActorID: "p2", Source: store.SourceSurvey}, []string{"r-said-2"}},
			{"said as of the day before", store.RelationshipFilter{Source: store.SourceSurvey, AsOf: ptr(surveyDay.AddDate(0, 0, -1))}, []string{"r-said-1"}},
		} {
			same(t, "Relationships("+c.name+")", rels(c.f), c.want)
		}
		for _, c := range []struct {
			name  string
			scope store.Scope
			want  []string
			pairs [][2]string
		}{
			{"everything", store.Scope{}, []string{"r-said-1", "r-said-2", "r-typed", "r-typed-2"},
				[][2]string{{"anon-1", "p1"}, {"p1", "p2"}, {"p2", "p1"}, {"p2", "o1"}}},
			{"typed", store.Scope{Source: store.SourceTyped}, []string{"r-typed", "r-typed-2"}, [][2]string{{"p1", "p2"}, {"p2", "o1"}}},
			{"said", store.Scope{Source: store.SourceSurvey}, []string{"r-said-1", "r-said-2"}, [][2]string{{"anon-1", "p1"}, {"p2", "p1"}}},
			{"said in mid", store.Scope{PlaceID: "mid", Source: store.SourceSurvey}, []string{"r-said-1", "r-said-2"}, [][2]string{{"anon-1", "p1"}, {"p2", "p1"}}},
			{"typed in mid", store.Scope{PlaceID: "mid", Source: store.SourceTyped}, []string{"r-typed"}, [][2]string{{"p1", "p2"}}},
			{"said before the survey", store.Scope{Source: store.SourceSurvey, AsOf: ptr(surveyDay.AddDate(0, 0, -1))}, []string{"r-said-1"}, [][2]string{{"anon-1", "p1"}}},
		} {
			snap, err := s.Snapshot(t.Context(), c.scope)
			noErr(t, err, "Snapshot("+c.name+")")
			got := ids(snap.Relationships, relID)
			slices.Sort(got)
			same(t, "Snapshot("+c.name+").Relationships", got, c.want)
			nw, err := s.Network(t.Context(), c.scope)
			noErr(t, err, "Network("+c.name+")")
			var pairs [][2]string
			for _, tie := range nw.Ties {
				pairs = append(pairs, [2]string{nw.ActorID(int(tie.From)), nw.ActorID(int(tie.To))})
			}
			same(t, "Network("+c.name+") ties", pairs, c.pairs)
			same(t, "Network("+c.name+") actors", nw.Actors(), len(snap.People)+len(snap.Organisations))
		}
	})

	t.Run("Disputes", func(t *testing.T) {
		s := open(t)
		seedSurvey(t, s)
		mustRel(t, s, "r12", "p1", "p2", nil, nil)
		mustRel(t, s, "r13", "p1", "p3", nil, nil)
		open1 := store.Dispute{ID: "d1", RelationshipID: "r12", PersonID: "p2", SurveyID: "s1", Reason: "We have never met", RaisedOn: surveyDay}
		open2 := store.Dispute{ID: "d2", RelationshipID: "r13", PersonID: "p1", SurveyID: "s1", RaisedOn: surveyDay}
		_, err := s.WriteSurvey(t.Context(), store.SurveyBatch{Disputes: []store.Dispute{open1, open2}})
		noErr(t, err, "WriteSurvey(d1, d2)")
		list := func(f store.DisputeFilter) []string {
			got := all(t, "Disputes", 1, func(x store.Dispute) string { return x.ID }, func(p store.Page) (store.Connection[store.Dispute], error) {
				return s.Disputes(t.Context(), f, p)
			})
			return ids(got, func(x store.Dispute) string { return x.ID })
		}
		same(t, "Disputes(all)", list(store.DisputeFilter{}), []string{"d1", "d2"})
		same(t, "Disputes(person p2)", list(store.DisputeFilter{PersonID: "p2"}), []string{"d1"})
		same(t, "Disputes(relationship r13)", list(store.DisputeFilter{RelationshipID: "r13"}), []string{"d2"})
		// Removing the tie and resolving its dispute go together.
		resolved := open1
		resolved.Resolution, resolved.ResolvedOn = store.DisputeRemoved, ptr(surveyDay.AddDate(0, 0, 2))
		_, err = s.WriteSurvey(t.Context(), store.SurveyBatch{Disputes: []store.Dispute{resolved}, Disconnect: []string{"r12"}})
		noErr(t, err, "WriteSurvey(resolve d1, remove r12)")
		_, err = s.Relationship(t.Context(), "r12")
		wantRefusal(t, err, store.ENOTFOUND, "Relationship(r12) after its removal")
		same(t, "Disputes(open)", list(store.DisputeFilter{Open: true}), []string{"d2"})
		same(t, "Disputes(survey s1)", list(store.DisputeFilter{SurveyID: "s1"}), []string{"d1", "d2"})
	})

	t.Run("DeletingPeople", func(t *testing.T) {
		for _, how := range []string{"DeleteActor", "ForgetPerson"} {
			t.Run(how, func(t *testing.T) {
				s := open(t)
				seedSurvey(t, s)
				mustRel(t, s, "r12", "p1", "p2", nil, nil)
				// p2 answered, rating o1 and p1; p1 disputed r12 and corrected a field.
				in := mustInvitation(t, s, "i2")
				in.Status, in.ConsentedAt, in.SubmittedAt = store.InvitationSubmitted, &invitedAt, &invitedAt
				in.Ratings = []store.Rating{{ActorID: "o1", Value: 3}, {ActorID: "p1", Value: 5}}
				_, err := s.WriteSurvey(t.Context(), store.SurveyBatch{Invitations: []store.Invitation{in},
					Disputes:    []store.Dispute{{ID: "d1", RelationshipID: "r12", PersonID: "p1", SurveyID: "s1", RaisedOn: surveyDay}},
					Corrections: []store.Correction{{ID: "c1", PersonID: "p1", SurveyID: "s1", EntityID: "p1", Field: "name", Previous: "Old", Value: "New", At: invitedAt}}})
				noErr(t, err, "WriteSurvey(answers)")
				if how == "DeleteActor" {
					noErr(t, s.DeleteActor(t.Context(), "p1"), "DeleteActor(p1)")
				} else {
					_, err := s.ForgetPerson(t.Context(), "p1")
					noErr(t, err, "ForgetPerson(p1)")
				}
				for _, id := range []string{"i1", "d1", "c1"} {
					_, err := s.Kind(t.Context(), id)
					wantRefusal(t, err, store.ENOTFOUND, "Kind("+id+") after "+how+"(p1)")
				}
				same(t, "ratings of i2 after "+how+"(p1)", mustInvitation(t, s, "i2").Ratings, []store.Rating{{ActorID: "o1", Value: 3}})
				noErr(t, s.DeleteActor(t.Context(), "o1"), "DeleteActor(o1)")
				same(t, "ratings of i2 after DeleteActor(o1)", mustInvitation(t, s, "i2").Ratings, []store.Rating(nil))
				c, err := s.Corrections(t.Context(), "p1", store.Page{})
				noErr(t, err, "Corrections(p1)")
				same(t, "corrections left of p1", c.TotalCount, 0)
				d, err := s.Disputes(t.Context(), store.DisputeFilter{}, store.Page{})
				noErr(t, err, "Disputes")
				same(t, "disputes left", d.TotalCount, 0)
			})
		}
	})
}
