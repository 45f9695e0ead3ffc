package service_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// feltWard is the ward of the felt-voice tests: the chair leads its board
// (a decision holder); t1–t5 are tied to the chair and answer 1, 1, 4, 5, 5;
// i1–i5 answer 1, 2, 2, 5 and nothing, and are isolated but for a tie to the
// chair from the day lateTie gives them (if any). Everyone is a parent and
// submitted on 2025-03-01 but for those submittedOn names.
func feltWard(t *testing.T, lateTie map[string]*time.Time, submittedOn map[string]time.Time) *service.Service {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	b := store.Batch{Places: []store.Place{{ID: "ward", Name: "Ward"}},
		People:         []store.Person{{ID: "chair", Name: "Chair", PlaceID: "ward", Capacity: store.CapacityProfessional, Consent: store.ConsentGiven}},
		Forums:         []store.Forum{{ID: "board", Name: "Board", PlaceID: "ward", DecisionMaking: true}},
		Participations: []store.Participation{{ID: "p-chair", ActorID: "chair", ForumID: "board", Level: store.LevelLead, JoinedAtStage: store.StageIdea}}}
	day := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	sb := store.SurveyBatch{Surveys: []store.Survey{{ID: "sv", Name: "Ward survey", PlaceID: "ward", Groups: []string{"parent"}, CreatedOn: day}}}
	felt := map[string]int{"t1": 1, "t2": 1, "t3": 4, "t4": 5, "t5": 5, "i1": 1, "i2": 2, "i3": 2, "i4": 5, "i5": 0}
	for i, id := range []string{"t1", "t2", "t3", "t4", "t5", "i1", "i2", "i3", "i4", "i5"} {
		b.People = append(b.People, store.Person{ID: id, Name: "Person " + id, PlaceID: "ward", Groups: []string{"parent"},
			Capacity: store.CapacityCommunity, Consent: store.ConsentGiven})
		if since, late := lateTie[id]; id[0] == 't' || late {
			b.Relationships = append(b.Relationships, store.Relationship{ID: "r-" + id, FromID: id, ToID: "chair", Kind: store.RelKnows, Weight: 1, Since: since})
		}
		submitted, ok := submittedOn[id]
		if !ok {
			submitted = day
		}
		sb.Invitations = append(sb.Invitations, store.Invitation{ID: "inv-" + id, SurveyID: "sv", PersonID: id, TokenHash: fmt.Sprintf("sha256:%064x", i),
			InvitedAt: day, ExpiresAt: day.AddDate(0, 1, 0), Status: store.InvitationSubmitted, ConsentedAt: &day, SubmittedAt: &submitted, Felt: felt[id]})
	}
	if _, err := st.Import(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteSurvey(t.Context(), sb); err != nil {
		t.Fatal(err)
	}
	return service.New(st, nil)
}

// TestSurveyFeltVoice checks felt against structural voice on a hand
// count. The chair leads the ward's board (a decision holder); t1–t5 are
// tied to the chair (not flagged) and answer 1, 1, 4, 5, 5; i1–i5 are
// isolated (flagged ISOLATED) and answer 1, 2, 2, 5 and nothing. Feeling
// unheard is 1 or 2, so of the 9 who answered: both 3 (i1 i2 i3), felt
// only 2 (t1 t2), flagged only 1 (i4), neither 3 (t3 t4 t5); the median
// answer of 1 1 1 2 2 4 5 5 5 is 2; Cohen's kappa is (6/9 − 40/81) /
// (1 − 40/81) = 14/41. Everyone is a parent: the parent row, with cells
// of 1 to 4, is withheld whole.
func TestSurveyFeltVoice(t *testing.T) {
	svc := feltWard(t, nil, nil)
	for _, role := range []auth.Role{auth.RoleAnalyst, auth.RoleFunder} {
		rows := must[[]service.FeltRow](t, "SurveyFeltVoice as "+string(role))(svc.SurveyFeltVoice(as(t, role), "sv", nil))
		if len(rows) != 2 || rows[0].Group != "" || rows[1].Group != "parent" {
			t.Fatalf("SurveyFeltVoice as %s = %+v, want everyone and parent", role, rows)
		}
		all := rows[0]
		got := []*int{all.Answered, all.Unanswered, all.Both, all.FeltOnly, all.FlaggedOnly, all.Neither}
		for i, want := range []int{9, 1, 3, 2, 1, 3} {
			if got[i] == nil || *got[i] != want {
				t.Errorf("everyone as %s: count %d = %v, want %d", role, i, got[i], want)
			}
		}
		if all.MedianFelt == nil || *all.MedianFelt != 2 || all.Kappa == nil || math.Abs(*all.Kappa-14.0/41) > 1e-12 {
			t.Errorf("everyone as %s: median %v, kappa %v; want 2 and 14/41", role, all.MedianFelt, all.Kappa)
		}
		wantFelt, wantFlagged := []string{"t1", "t2"}, []string{"i4"}
		if role == auth.RoleFunder {
			wantFelt, wantFlagged = []string{}, []string{}
		}
		if !slices.Equal(all.FeltOnlyIDs, wantFelt) || !slices.Equal(all.FlaggedOnlyIDs, wantFlagged) {
			t.Errorf("everyone as %s: felt only %v, flagged only %v; want %v, %v", role, all.FeltOnlyIDs, all.FlaggedOnlyIDs, wantFelt, wantFlagged)
		}
		if p := rows[1]; !p.Suppressed || p.Answered != nil || p.Both != nil || p.MedianFelt != nil || p.Kappa != nil {
			t.Errorf("parent row as %s = %+v, want withheld whole", role, p)
		}
	}
}

// TestSurveyFeltVoiceAsOfSubmission checks that each respondent is set
// against the network as of the day they submitted, not today's. The setup
// of TestSurveyFeltVoice, then ties recorded after the survey: i1–i3 (who
// submitted on day d) are tied to the chair from d+10, and i4 (who
// submitted on d+15) from d+10 too. As of each one's submission: i1–i3
// flagged (both 3), i4 tied before submitting (neither), t1 t2 felt only:
// both 3, felt only 2, flagged only 0, neither 4. As of d for everyone:
// the counts of TestSurveyFeltVoice (3, 2, 1, 3). As of d+20 (the network
// as it is now): nobody who answered is flagged: both 0, felt only 5
// (t1 t2 i1 i2 i3), flagged only 0, neither 4.
func TestSurveyFeltVoiceAsOfSubmission(t *testing.T) {
	day := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	later := func(days int) *time.Time { d := store.Day(day).AddDate(0, 0, days); return &d }
	svc := feltWard(t, map[string]*time.Time{"i1": later(10), "i2": later(10), "i3": later(10), "i4": later(10)},
		map[string]time.Time{"i4": day.AddDate(0, 0, 15)})
	for _, c := range []struct {
		name string
		asOf *time.Time
		want []int // answered, unanswered, both, felt only, flagged only, neither
	}{
		{"each as of their submission", nil, []int{9, 1, 3, 2, 0, 4}},
		{"everyone as of the first day", later(0), []int{9, 1, 3, 2, 1, 3}},
		{"everyone as of today", later(20), []int{9, 1, 0, 5, 0, 4}},
	} {
		rows := must[[]service.FeltRow](t, "SurveyFeltVoice "+c.name)(svc.SurveyFeltVoice(as(t, auth.RoleAnalyst), "sv", c.asOf))
		all := rows[0]
		got := []*int{all.Answered, all.Unanswered, all.Both, all.FeltOnly, all.FlaggedOnly, all.Neither}
		for i, want := range c.want {
			if got[i] == nil || *got[i] != want {
				t.Errorf("SurveyFeltVoice(%s): count %d = %v, want %d", c.name, i, got[i], want)
			}
		}
	}
}
