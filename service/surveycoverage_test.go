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

// TestSurveyCoverage checks the coverage of a survey against a hand count.
// Ward (1000 residents: 100 carers, 300 parents, 50 young people); sixteen
// invited: p01–p10 parents (p01 also a young person), p11–p15 carers, p16
// a parent who withdrew; p01–p06, p11–p15 and p16 submitted.
//
//	everyone  I 15  R 11 (p16 left out)      rate 11/15
//	carer     I 5 (10 outside)  R 5 (0 not, 6 outside): published
//	parent    I 10 (5 outside)  R 6, but 4 did not answer: R withheld
//	young     I 1: withheld, and R with it
func TestSurveyCoverage(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	pop := 1000
	b := store.Batch{Places: []store.Place{{ID: "ward", Name: "Ward", Population: &pop, PopulationByGroup: map[string]int{"carer": 100, "parent": 300, "young person": 50}}}}
	day := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	sb := store.SurveyBatch{Surveys: []store.Survey{{ID: "sv", Name: "Ward survey", PlaceID: "ward", Groups: []string{"carer", "parent"}, CreatedOn: day}}}
	for i := 1; i <= 16; i++ {
		id := fmt.Sprintf("p%02d", i)
		p := store.Person{ID: id, Name: "Person " + id, PlaceID: "ward", Groups: []string{"parent"}, Consent: store.ConsentGiven}
		switch {
		case i == 1:
			p.Groups = []string{"parent", "young person"}
		case i >= 11 && i <= 15:
			p.Groups = []string{"carer"}
		case i == 16:
			p.Consent = store.ConsentWithdrawn
		}
		b.People = append(b.People, p)
		in := store.Invitation{ID: "inv-" + id, SurveyID: "sv", PersonID: id, TokenHash: fmt.Sprintf("sha256:%064x", i), InvitedAt: day, ExpiresAt: day.AddDate(0, 1, 0)}
		if i <= 6 || i >= 11 {
			in.Status, in.ConsentedAt, in.SubmittedAt, in.Felt = store.InvitationSubmitted, &day, &day, 3
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
	type row struct {
		group                      string
		invited, responded, pop    int // -1: null
		rate, reach, repr, invRepr float64
		suppressed                 bool
	}
	want := []row{
		{"", 15, 11, 1000, 11.0 / 15, 11.0 / 1000, 1, 1, false},
		{"carer", 5, 5, 100, 1, 5.0 / 100, (5.0 / 11) / 0.1, (5.0 / 15) / 0.1, false},
		{"parent", 10, -1, 300, -1, -1, -1, (10.0 / 15) / 0.3, true},
		{"young person", -1, -1, 50, -1, -1, -1, -1, true},
	}
	for _, role := range []auth.Role{auth.RoleAdmin, auth.RoleFunder} {
		c, err := svc.SurveyCoverage(as(t, role), "sv")
		got := append([]service.CoverageRow{c.All}, c.Groups...)
		if err != nil {
			t.Fatalf("SurveyCoverage as %s: %v", role, err)
		}
		if len(got) != len(want) {
			t.Fatalf("SurveyCoverage as %s: %d rows, want %d: %+v", role, len(got), len(want), got)
		}
		for i, w := range want {
			g := got[i]
			checks := []struct {
				name string
				got  any
				want float64
			}{{"invited", g.Invited, float64(w.invited)}, {"responded", g.Responded, float64(w.responded)}, {"population", g.Population, float64(w.pop)},
				{"responseRate", g.ResponseRate, w.rate}, {"reach", g.Reach, w.reach}, {"representation", g.Representation, w.repr},
				{"invitedRepresentation", g.InvitedRepresentation, w.invRepr}}
			for _, c := range checks {
				if v, ok := number(c.got); ok != (c.want != -1) || (ok && math.Abs(v-c.want) > 1e-12) {
					t.Errorf("SurveyCoverage as %s, group %q: %s = %v, want %v (-1: null)", role, w.group, c.name, show(c.got), c.want)
				}
			}
			if g.Group != w.group || g.Suppressed != w.suppressed {
				t.Errorf("SurveyCoverage as %s row %d = %q suppressed %v, want %q %v", role, i, g.Group, g.Suppressed, w.group, w.suppressed)
			}
		}
	}
	_, err := svc.SurveyCoverage(as(t, auth.RoleAnalyst, "elsewhere"), "sv")
	wantCode(t, "SurveyCoverage outside the key's places", err, store.ENOTFOUND)
}

// number returns the value of a *int or *float64, and false for nil.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case *int:
		if v != nil {
			return float64(*v), true
		}
	case *float64:
		if v != nil {
			return *v, true
		}
	}
	return 0, false
}

func show(v any) any {
	if n, ok := number(v); ok {
		return n
	}
	return nil
}
