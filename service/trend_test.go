package service_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

func TestTrendDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		from, to string
		step     service.TrendStep
		want     []string // nil with code set: an error
		code     string
	}{
		{name: "quarters", from: "2024-06-01", to: "2025-06-01", step: service.StepQuarter,
			want: []string{"2024-06-01", "2024-09-01", "2024-12-01", "2025-03-01", "2025-06-01"}},
		{name: "month ends clamp, counted from from", from: "2024-01-31", to: "2024-05-31", step: service.StepMonth,
			want: []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"}},
		{name: "to between steps", from: "2020-02-29", to: "2023-01-01", step: service.StepYear,
			want: []string{"2020-02-29", "2021-02-28", "2022-02-28"}},
		{name: "one point", from: "2024-01-01", to: "2024-01-01", step: service.StepYear, want: []string{"2024-01-01"}},
		{name: "240 months", from: "2000-01-01", to: "2019-12-01", step: service.StepMonth, want: nil},
		{name: "241 months", from: "2000-01-01", to: "2020-01-01", step: service.StepMonth, code: store.EINVALID},
		{name: "to before from", from: "2024-01-02", to: "2024-01-01", step: service.StepMonth, code: store.EINVALID},
		{name: "unknown step", from: "2024-01-01", to: "2024-02-01", step: "WEEK", code: store.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dates, err := service.TrendDates(day(tt.from), day(tt.to), tt.step)
			if tt.code != "" {
				if got := store.ErrorCode(err); got != tt.code {
					t.Errorf("TrendDates(%s) code = %q, want %q", tt.name, got, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if len(dates) != 240 || !dates[239].Equal(day(tt.to)) {
					t.Errorf("TrendDates(%s) = %d dates ending %v, want 240 ending %s", tt.name, len(dates), dates[len(dates)-1], tt.to)
				}
				return
			}
			var got []string
			for _, d := range dates {
				got = append(got, d.Format(time.DateOnly))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("TrendDates(%s) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestPowerTrendHamlet follows the hamlet each quarter from 2024-06-01 to
// 2025-06-01. On 2025-01-01 iso ties to chair and officer: iso joins their
// triangle (core number 2, one step from power), so the unheard voices
// drop from 3 (iso, far, yp1) to 2, and the degrees become chair 7,
// officer 5, iso 2, so degree centralization rises from 38/72 to
// Σ (7 − d) / 72 = 44/72. Community members keep 2 of the 5 seats.
func TestPowerTrendHamlet(t *testing.T) {
	t.Parallel()
	svc, cs := hamlet(t)
	ctx := admin(context.Background())
	points, err := svc.PowerTrend(ctx, "hamlet", day("2024-06-01"), day("2025-06-01"), service.StepQuarter)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range points {
		got = append(got, fmt.Sprintf("%s %.6f %.2f %d", p.Date.Format(time.DateOnly), p.DegreeCentralization, p.CommunitySeatShare, p.UnheardVoices))
	}
	before, after := fmt.Sprintf("%.6f", 38.0/72), fmt.Sprintf("%.6f", 44.0/72)
	want := []string{
		"2024-06-01 " + before + " 0.40 3",
		"2024-09-01 " + before + " 0.40 3",
		"2024-12-01 " + before + " 0.40 3",
		"2025-03-01 " + after + " 0.40 2",
		"2025-06-01 " + after + " 0.40 2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("PowerTrend(hamlet) =\n%v\nwant\n%v", got, want)
	}
	// Each point reads the same per-date computations as powerConcentration:
	// the first point's betweenness figures are the report's.
	r, err := svc.PowerConcentration(ctx, hamletScope)
	if err != nil {
		t.Fatal(err)
	}
	if p := points[0]; p.BetweennessCentralization != r.BetweennessCentralization || p.BetweennessGini != r.BetweennessGini || p.PageRankGini != r.PageRankGini {
		t.Errorf("PowerTrend(hamlet)[0] = %+v, want the figures of PowerConcentration %+v", p, r)
	}
	// A second trend over the same dates is served from the cache.
	n := snapshots(cs)
	if _, err := svc.PowerTrend(ctx, "hamlet", day("2024-06-01"), day("2025-06-01"), service.StepQuarter); err != nil {
		t.Fatal(err)
	}
	if m := snapshots(cs); m != n {
		t.Errorf("repeated PowerTrend took %d more snapshots, want 0", m-n)
	}

	if _, err := svc.PowerTrend(ctx, "nowhere", day("2024-01-01"), day("2024-03-01"), service.StepMonth); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("PowerTrend(nowhere) error = %v, want ENOTFOUND", err)
	}
	if _, err := svc.PowerTrend(ctx, "hamlet", day("2024-03-01"), day("2024-01-01"), service.StepMonth); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("PowerTrend(to before from) error = %v, want EINVALID", err)
	}
}

// TestVoicePowerCacheInvalidation checks that a write changes the cached
// answers of the new analyses, and that without a write they are served
// from the cache.
func TestVoicePowerCacheInvalidation(t *testing.T) {
	t.Parallel()
	svc, cs := hamlet(t)
	ctx := admin(context.Background())
	type answers struct {
		unheard, excluded, ties int
		degree                  float64
		youthSeats              int
	}
	read := func() answers {
		t.Helper()
		vs, err := svc.UnheardVoices(ctx, hamletScope, service.VoiceFilter{First: 20})
		if err != nil {
			t.Fatal(err)
		}
		ex, err := svc.NothingAboutUsWithoutUs(ctx, hamletScope)
		if err != nil {
			t.Fatal(err)
		}
		q, err := svc.RelationshipQuality(ctx, hamletScope)
		if err != nil {
			t.Fatal(err)
		}
		r, err := svc.PowerConcentration(ctx, hamletScope)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := svc.Representation(ctx, hamletScope)
		if err != nil {
			t.Fatal(err)
		}
		a := answers{excluded: len(ex), ties: q.Ties, degree: r.DegreeCentralization}
		for _, v := range vs {
			if v.Unheard {
				a.unheard++
			}
		}
		for _, row := range rows {
			if row.Group == "young person" {
				a.youthSeats = row.Seats
			}
		}
		return a
	}
	first := read()
	n := snapshots(cs)
	if again := read(); again != first || snapshots(cs) != n {
		t.Errorf("second read = %+v with %d more snapshots, want %+v from the cache", again, snapshots(cs)-n, first)
	}
	if want := (answers{unheard: 3, excluded: 3, ties: 11, degree: 38.0 / 72}); first != want {
		t.Errorf("first read = %+v, want %+v", first, want)
	}

	// iso ties to late: no longer isolated, but in the outer shell (core 1),
	// gated by late (a non-holder) and two steps from chair: 1+7+6 = 14.
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-new", FromID: "iso", ToID: "late", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	afterTie := read()
	if afterTie.ties != 12 || afterTie.degree == first.degree {
		t.Errorf("after a new tie: %+v, want 12 ties and a new degree centralization", afterTie)
	}
	vs, err := svc.UnheardVoices(ctx, hamletScope, service.VoiceFilter{Group: "older person", First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Person.ID != "far" {
		t.Fatalf("after iso–late: most unheard older person = %v, want far", vs)
	}
	vs, err = svc.UnheardVoices(ctx, hamletScope, service.VoiceFilter{Group: "older person", First: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := voiceLine(vs[1]), "iso 0.70 [PERIPHERAL SINGLE_GATEKEEPER NEVER_INVOLVED] late 2 [iso late chair] true"; got != want {
		t.Errorf("after iso–late: iso = %s, want %s", got, want)
	}

	// yp1 takes a seat on the panel: young people hold a seat, and the
	// panel no longer decides about them without them.
	if _, err := svc.RecordParticipation(ctx, store.Participation{ID: "x-new", ActorID: "yp1", ForumID: "panel", Level: store.LevelCoProduce, JoinedAtStage: store.StageIdea}); err != nil {
		t.Fatal(err)
	}
	afterSeat := read()
	if afterSeat.youthSeats != 1 || afterSeat.excluded != 2 {
		t.Errorf("after yp1's seat: %+v, want 1 young person's seat and 2 exclusions", afterSeat)
	}
}

// TestPowerTrendLongCached asks a monthly trend over three years: its
// points' computations (about ten a date) outnumber the analysis cache's
// entries, yet a second ask is answered from the cache with no snapshot
// taken, and a write is seen at once (a tie with no dates counts at every
// date, so every point's degree centralization moves).
func TestPowerTrendLongCached(t *testing.T) {
	t.Parallel()
	svc, cs := hamlet(t)
	ctx := admin(context.Background())
	trend := func() []service.PowerPoint {
		t.Helper()
		points, err := svc.PowerTrend(ctx, "hamlet", day("2022-07-01"), day("2025-06-01"), service.StepMonth)
		if err != nil {
			t.Fatal(err)
		}
		return points
	}
	first := trend()
	if len(first) != 36 || 10*len(first) <= service.DefaultCacheEntries {
		t.Fatalf("%d points: want 36, whose computations outnumber the %d cache entries", len(first), service.DefaultCacheEntries)
	}
	n := snapshots(cs)
	if again := trend(); !slices.Equal(again, first) || snapshots(cs) != n {
		t.Errorf("second trend took %d more snapshots (equal: %v), want none and the same points", snapshots(cs)-n, slices.Equal(again, first))
	}
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-new", FromID: "iso", ToID: "late", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	after := trend()
	for i := range after {
		if after[i].DegreeCentralization == first[i].DegreeCentralization {
			t.Fatalf("after a new tie, point %s keeps degree centralization %v", after[i].Date.Format(time.DateOnly), after[i].DegreeCentralization)
		}
	}
}
