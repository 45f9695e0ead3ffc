package service_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// repLine renders a representation row for comparison.
func repLine(r service.GroupRepresentation) string {
	ratio := "-"
	if r.Ratio != nil {
		ratio = fmt.Sprintf("%.4f", *r.Ratio)
	}
	var reps []string
	for _, p := range r.RepresentativePeople {
		reps = append(reps, p.ID)
	}
	return fmt.Sprintf("%s members %d/%d share %.4f %s seats %d %.2f ratio %s reps %d %v top %d token %v start %v",
		r.Group, r.Members, r.CommunityMembers, r.CommunityShare, r.ShareSource, r.Seats, r.SeatShare, ratio,
		r.Representatives, reps, r.TopSeats, r.Token, r.InvolvedFromStart)
}

// TestRepresentationHamlet checks the groups of the hamlet on 2024-06-01
// (see hamlet). Six community members: ann and cons (parent), yp1 (young
// person), late (carer), far and iso (older person). Five seats, two of
// them ann's, so parents hold 2/5 = 0.4 of the seats with one
// representative: a token.
//
//   - In hamlet, the leaf's own figures give parents 250/1000 = 0.25
//     (ratio 0.4/0.25 = 1.6) and young people 100/1000 = 0.1; carers and
//     older people have no figures, so their shares are of community
//     members, 1/6 and 2/6.
//   - In shire, the leaves hamlet and village are summed, shire's own
//     figures ignored: parents (250+50)/(1000+500) = 0.2 (ratio 2), young
//     people 100/1500.
//
// ann joined the board and panel at IDEA: parents were involved from the
// start; late joined at DELIVERY, far at DESIGN, yp1 nowhere.
func TestRepresentationHamlet(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	tests := []struct {
		name  string
		place string
		want  []string
	}{
		{
			name:  "leaf figures",
			place: "hamlet",
			want: []string{
				"carer members 1/1 share 0.1667 MEMBERS seats 0 0.00 ratio 0.0000 reps 0 [] top 0 token false start false",
				"older person members 2/2 share 0.3333 MEMBERS seats 0 0.00 ratio 0.0000 reps 0 [] top 0 token false start false",
				"parent members 2/2 share 0.2500 POPULATION seats 2 0.40 ratio 1.6000 reps 1 [ann] top 2 token true start true",
				"young person members 1/1 share 0.1000 POPULATION seats 0 0.00 ratio 0.0000 reps 0 [] top 0 token false start false",
			},
		},
		{
			name:  "leaves summed",
			place: "shire",
			want: []string{
				"carer members 1/1 share 0.1667 MEMBERS seats 0 0.00 ratio 0.0000 reps 0 [] top 0 token false start false",
				"older person members 2/2 share 0.3333 MEMBERS seats 0 0.00 ratio 0.0000 reps 0 [] top 0 token false start false",
				"parent members 2/2 share 0.2000 POPULATION seats 2 0.40 ratio 2.0000 reps 1 [ann] top 2 token true start true",
				"young person members 1/1 share 0.0667 POPULATION seats 0 0.00 ratio 0.0000 reps 0 [] top 0 token false start false",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := svc.Representation(admin(context.Background()), store.Scope{PlaceID: tt.place, AsOf: hamletDay})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, repLine(r))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Representation(%s) =\n%s\nwant\n%s", tt.place, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	if _, err := svc.Representation(admin(context.Background()), store.Scope{PlaceID: "nowhere"}); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Representation(nowhere) error = %v, want ENOTFOUND", err)
	}
}

// TestNothingAboutUsWithoutUsHamlet: the board affects parents (ann holds
// a seat on it), young people (none takes part) and carers (late only
// co-designs it); the panel affects young people (none takes part). So the
// board is listed for carers, with late present, and for young people, and
// the panel for young people; the workshop decides nothing.
func TestNothingAboutUsWithoutUsHamlet(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	ex, err := svc.NothingAboutUsWithoutUs(admin(context.Background()), hamletScope)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ex {
		got = append(got, fmt.Sprintf("%s/%s %v", e.Forum.ID, e.Group, ids(e.Present)))
	}
	want := []string{"board/carer [late]", "board/young person []", "panel/young person []"}
	if !slices.Equal(got, want) {
		t.Errorf("NothingAboutUsWithoutUs(hamlet) = %v, want %v", got, want)
	}
	if _, err := svc.NothingAboutUsWithoutUs(admin(context.Background()), store.Scope{PlaceID: "nowhere"}); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("NothingAboutUsWithoutUs(nowhere) error = %v, want ENOTFOUND", err)
	}
}

// TestRelationshipQualityHamlet counts the hamlet's 11 tied pairs (13
// records) active on 2024-06-01; the ended ann–cons tie (2010–2012) and
// iso's ties from 2025 are out of scope.
//
//	pair             kinds                  reciprocal       duration            multiplex
//	chair–officer    KNOWS                  mutual kind      2015: long          no
//	chair–ann        KNOWS                  mutual kind      no since: unknown   no
//	officer–ann      WORKS_WITH, ADVISES    both ways+mutual 2020: long          yes
//	chair–council    EMPLOYED_BY            one-way          2010: long          no
//	chair–cons       REFERS_TO ×2           both ways        2024-01: 152 days   no
//	officer–cons     KNOWS                  mutual kind      2024-01: short      no
//	late–chair       KNOWS                  mutual kind      2019: long          no
//	late–officer     ADVISES                one-way          2024-03: short      no
//	worker–chair     WORKS_WITH             mutual kind      2018: long          no
//	worker–yp1       KNOWS                  mutual kind      2024-01: short      no
//	yp1–far          KNOWS                  mutual kind      2020: long          no
//
// Reciprocal 9 (both ways 2, mutual kind 8), one-way 2; long 6, short 4,
// unknown 1; multiplex 1, single-kind 10.
func TestRelationshipQualityHamlet(t *testing.T) {
	t.Parallel()
	svc, _ := hamlet(t)
	q, err := svc.RelationshipQuality(admin(context.Background()), hamletScope)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("ties %d records %d | %d %d %d %d | %d %d %d | %d %d | days %d asOf %s",
		q.Ties, q.Records, q.Reciprocal, q.OneWay, q.BothWays, q.MutualKind,
		q.LongLived, q.ShortLived, q.UnknownDuration, q.Multiplex, q.SingleKind, q.LongLivedDays, q.AsOf.Format("2006-01-02"))
	if want := "ties 11 records 13 | 9 2 2 8 | 6 4 1 | 1 10 | days 365 asOf 2024-06-01"; got != want {
		t.Errorf("RelationshipQuality(hamlet) = %s, want %s", got, want)
	}
	shares := []struct {
		name      string
		got, want float64
	}{
		{"reciprocalShare", q.ReciprocalShare, 9.0 / 11},
		{"oneWayShare", q.OneWayShare, 2.0 / 11},
		{"longLivedShare", q.LongLivedShare, 6.0 / 11},
		{"shortLivedShare", q.ShortLivedShare, 4.0 / 11},
		{"unknownDurationShare", q.UnknownDurationShare, 1.0 / 11},
		{"multiplexShare", q.MultiplexShare, 1.0 / 11},
		{"singleKindShare", q.SingleKindShare, 10.0 / 11},
	}
	for _, s := range shares {
		if !nearTol(s.got, s.want, 1e-12) {
			t.Errorf("RelationshipQuality(hamlet).%s = %v, want %v", s.name, s.got, s.want)
		}
	}
	// With no date every record is in scope, the ended and future ones too:
	// 16 records, 14 pairs (the 11, ann–cons, iso–chair, iso–officer), and
	// durations run to today.
	all, err := svc.RelationshipQuality(admin(context.Background()), store.Scope{PlaceID: "hamlet"})
	if err != nil {
		t.Fatal(err)
	}
	if all.Records != 16 || all.Ties != 14 || !all.AsOf.Equal(store.Day(all.AsOf)) {
		t.Errorf("RelationshipQuality(hamlet, no date) = %d records %d ties as of %v, want 16, 14, a day", all.Records, all.Ties, all.AsOf)
	}
}
