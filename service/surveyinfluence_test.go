package service_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// TestSurveyInfluence checks the influence figures against a hand count.
// r01–r05 (parents) rate the club 1, 2, 3, 4, 5; r06–r10 (carers) 4, 4,
// 5, 5, 5; r01 also rates cat, a person, 2; r11, a parent who withdrew,
// rates the club 0 and is left out. Quartiles are Hyndman and Fan's
// definition 7: for the ten ratings of the club, sorted 1 2 3 4 4 4 5 5 5
// 5, the median is 4, Q1 = 3 + 0.25 × (4 − 3) = 3.25, Q3 = 5, IQR 1.75.
// Parents 1..5: median 3, Q1 2, Q3 4; carers 4 4 5 5 5: median 5, Q1 4,
// Q3 5. Each group has 5 raters and 5 outside it: published.
func TestSurveyInfluence(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	b := store.Batch{Places: []store.Place{{ID: "ward", Name: "Ward"}},
		People:        []store.Person{{ID: "cat", Name: "Cat", PlaceID: "ward", Consent: store.ConsentGiven}},
		Organisations: []store.Organisation{{ID: "club", Name: "Club", PlaceID: "ward", Kind: store.OrgCommunityGroup}}}
	day := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	sb := store.SurveyBatch{Surveys: []store.Survey{{ID: "sv", Name: "Ward survey", PlaceID: "ward", InfluenceIDs: []string{"cat", "club"}, InfluenceOver: "youth services", CreatedOn: day}}}
	values := []int{1, 2, 3, 4, 5, 4, 4, 5, 5, 5, 0}
	for i, v := range values {
		id := fmt.Sprintf("r%02d", i+1)
		p := store.Person{ID: id, Name: "Rater " + id, PlaceID: "ward", Groups: []string{"parent"}, Consent: store.ConsentGiven}
		if i >= 5 && i < 10 {
			p.Groups = []string{"carer"}
		}
		if i == 10 {
			p.Consent = store.ConsentWithdrawn
		}
		b.People = append(b.People, p)
		in := store.Invitation{ID: "inv-" + id, SurveyID: "sv", PersonID: id, TokenHash: fmt.Sprintf("sha256:%064x", i), InvitedAt: day, ExpiresAt: day.AddDate(0, 1, 0),
			Status: store.InvitationSubmitted, ConsentedAt: &day, SubmittedAt: &day, Ratings: []store.Rating{{ActorID: "club", Value: v}}}
		if i == 0 {
			in.Ratings = append(in.Ratings, store.Rating{ActorID: "cat", Value: 2})
		}
		sb.Invitations = append(sb.Invitations, in)
	}
	if _, err := st.Import(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteSurvey(t.Context(), sb); err != nil {
		t.Fatal(err)
	}
	svc := service.New(st, nil)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

	admin := must[service.Influence](t, "SurveyInfluence as admin")(svc.SurveyInfluence(as(t, auth.RoleAdmin), "sv"))
	if len(admin.Items) != 2 || admin.Items[0].ActorID != "cat" || admin.Items[1].ActorID != "club" {
		t.Fatalf("items as admin = %+v, want cat and club", admin.Items)
	}
	club := admin.Items[1]
	if a := club.All; a.Ratings != 10 || a.Counts != [6]int{0, 1, 1, 1, 3, 4} || !near(a.Median, 4) || !near(a.Q1, 3.25) || !near(a.Q3, 5) || !near(a.IQR, 1.75) || club.Over != "youth services" {
		t.Errorf("club, all raters = %+v over %q, want 10 ratings, counts 0 1 1 1 3 4, median 4, Q1 3.25, Q3 5, IQR 1.75", a, club.Over)
	}
	want := map[string][3]float64{"carer": {5, 4, 5}, "parent": {3, 2, 4}}
	if len(club.ByGroup) != 2 {
		t.Fatalf("club by group = %+v, want carer and parent", club.ByGroup)
	}
	for _, g := range club.ByGroup {
		w := want[g.Group]
		if g.Suppressed || g.Summary == nil || g.Summary.Ratings != 5 || !near(g.Summary.Median, w[0]) || !near(g.Summary.Q1, w[1]) || !near(g.Summary.Q3, w[2]) {
			t.Errorf("club by %s = %+v, want 5 ratings, median %v, Q1 %v, Q3 %v", g.Group, g.Summary, w[0], w[1], w[2])
		}
	}
	cat := admin.Items[0]
	if cat.All.Ratings != 1 || len(cat.ByGroup) != 1 || !cat.ByGroup[0].Suppressed || cat.ByGroup[0].Summary != nil {
		t.Errorf("cat = %+v, want 1 rating, its parent row withheld", cat)
	}
	if len(admin.Agreement) != 3 {
		t.Fatalf("agreement = %+v, want everyone, carer and parent", admin.Agreement)
	}
	for _, ag := range admin.Agreement {
		if ag.Suppressed || ag.Raters == nil || *ag.Raters != map[string]int{"": 10, "carer": 5, "parent": 5}[ag.Group] {
			t.Errorf("agreement %q = %+v, want published with its raters", ag.Group, ag)
		}
	}
	funder := must[service.Influence](t, "SurveyInfluence as funder")(svc.SurveyInfluence(as(t, auth.RoleFunder), "sv"))
	if len(funder.Items) != 1 || funder.Items[0].ActorID != "club" {
		t.Errorf("items as funder = %+v, want the club only", funder.Items)
	}
}
