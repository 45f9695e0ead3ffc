package service_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/recommend"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// recLine renders a recommendation as "KIND who gain before -> after" for
// comparison, figures as {unheard within-two hhi}.
func recLine(r service.Recommendation) string {
	figs := func(f recommend.Figures) string {
		return fmt.Sprintf("{%d %d %.4f}", f.UnheardVoices, f.WithinTwoStepsOfPower, f.SeatHHI)
	}
	who := ""
	switch r.Kind {
	case recommend.Introduction:
		who = r.From.ID() + "–" + r.To.ID()
	case recommend.Invitation:
		who = fmt.Sprintf("%s@%s%v %s", r.Person.ID, r.Forum.ID, r.Groups, *r.Stage)
	}
	line := fmt.Sprintf("%s %s %.4f %s -> %s", r.Kind, who, r.Gain, figs(r.Before), figs(r.After))
	for i, a := range r.Alternatives {
		sep := ","
		if i == 0 {
			sep = " or "
		}
		line += sep + a.ID
	}
	return line
}

// TestRecommendationsHamlet checks the recommendations for the hamlet on
// 2024-06-01 (see hamlet) against figures worked out by hand. The objective
// is gain = 1·ΔU + 0.5·ΔW + 10·ΔHHI (recommend.Gain).
//
// Before: 9 actors have ties, so the harmonic decile threshold is the
// smallest value and PERIPHERAL comes from core number 1 only.
//   - U = 3 unheard community members: iso, far, yp1 (worker, a
//     professional, is peripheral too but is not counted, as in
//     powerTrend).
//   - W = 4 community members within two steps of a holder: ann (0), cons
//     (1), late (1), yp1 (2); far is 3 steps away, iso unreachable.
//   - HHI: seats chair 1, officer 1, ann 2 (board, panel), council 1, of 5:
//     0.2² + 0.2² + 0.4² + 0.2² = 0.28.
//
// Introductions (unheard people, most unheard first; targets holders or
// their neighbours, not tied already, and not a separator between the
// person and power; for someone who reaches no holder, holders only):
//   - far–ann, far–chair, far–officer bypass the gatekeepers yp1 and
//     worker: far ties straight to a holder, closing a cycle far–yp1–
//     worker–chair(–…)–far, so far and yp1 reach core 2, are no longer
//     gated, and far is one step from power. U 3→1 (only iso), W 4→5
//     (far): gain 2 + 0.5 = 2.5.
//   - far–worker is not proposed: worker is the last of far's gatekeepers
//     (yp1, worker), so far would stay behind it.
//   - yp1–ann, yp1–chair, yp1–council: yp1 is heard (core 2, one step from
//     power), far is still gated by yp1 and in the outer shell but now two
//     steps away: U 2, W 5, gain 1.5.
//   - iso–chair, iso–officer: iso gets one tie (core 1, PERIPHERAL), but
//     to a holder, so it is heard: U 2, W 5, gain 1.5. iso and yp1 are of
//     different groups and each change hears someone else: no fold.
//
// Invitations (one forum each: one affecting a group of theirs with no
// member of it seated first, then fewest seats; the panel has 2, the board
// 3):
//   - yp1 into the panel (young person, no young person seated): yp1 holds
//     power, and far, in the outer shell, is tied to it: heard. U 1 (iso),
//     W 5 (far), HHI with 6 seats: (1+1+4+1+1)/36 = 2/9: gain 2 + 0.5 +
//     10·(0.28 − 2/9) = 3.0778.
//   - cons into the board (parent, already seated by ann): cons was already
//     one step from power and heard, so only the HHI falls: gain 0.5778.
//   - far and iso are older people, and no forum affects older people: far
//     into the panel hears far and yp1 (gain 3.0778), iso into the panel
//     hears iso (U 2, W 5, gain 2.0778). Seats on decisions about other
//     groups' lives, they come after everything else.
//
// The invited join at DESIGN on the panel (council joined at DESIGN) and at
// DELIVERY on the board (late).
func TestRecommendationsHamlet(t *testing.T) {
	svc, _ := hamlet(t)
	const (
		before = "{3 4 0.2800}"
		hhi6   = "0.2222"
	)
	all := []string{
		"INVITATION yp1@panel[young person] DESIGN 3.0778 " + before + " -> {1 5 " + hhi6 + "}",
		"INTRODUCTION far–ann 2.5000 " + before + " -> {1 5 0.2800}",
		"INTRODUCTION far–chair 2.5000 " + before + " -> {1 5 0.2800}",
		"INTRODUCTION far–officer 2.5000 " + before + " -> {1 5 0.2800}",
		"INTRODUCTION iso–chair 1.5000 " + before + " -> {2 5 0.2800}",
		"INTRODUCTION iso–officer 1.5000 " + before + " -> {2 5 0.2800}",
		"INTRODUCTION yp1–ann 1.5000 " + before + " -> {2 5 0.2800}",
		"INTRODUCTION yp1–chair 1.5000 " + before + " -> {2 5 0.2800}",
		"INTRODUCTION yp1–council 1.5000 " + before + " -> {2 5 0.2800}",
		"INVITATION cons@board[parent] DELIVERY 0.5778 " + before + " -> {3 4 " + hhi6 + "}",
		"INVITATION far@panel[] DESIGN 3.0778 " + before + " -> {1 5 " + hhi6 + "}",
		"INVITATION iso@panel[] DESIGN 2.0778 " + before + " -> {2 5 " + hhi6 + "}",
	}
	tests := []struct {
		name  string
		first int
		want  []string
	}{
		{name: "all", first: 20, want: all},
		{name: "first four", first: 4, want: all[:4]},
		{name: "first one", first: 1, want: all[:1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := svc.Recommendations(admin(context.Background()), hamletScope, tt.first)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, recLine(r))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Recommendations(hamlet, %d) =\n%q\nwant\n%q", tt.first, got, tt.want)
			}
		})
	}
}

// TestRecommendationsApplied makes recommended changes in the store and
// checks that the figures then found are the After figures promised, and
// that each write changes the cached answer. After far–chair the figures
// are {U 1 (iso), W 5, HHI 0.28}; yp1 is heard now and no longer a
// candidate, while iso, still isolated, is invited onto the panel: iso
// holds power and is heard (U 0), within two steps (W 6), and the 6 seats
// give HHI 2/9: gain 1 + 0.5 + 10·(0.28 − 2/9) = 2.0778.
func TestRecommendationsApplied(t *testing.T) {
	svc, cs := hamlet(t)
	ctx := admin(context.Background())
	read := func() []service.Recommendation {
		t.Helper()
		recs, err := svc.Recommendations(ctx, hamletScope, 20)
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	first := read()
	n := snapshots(cs)
	if again := read(); !slices.EqualFunc(again, first, func(a, b service.Recommendation) bool { return recLine(a) == recLine(b) }) || snapshots(cs) != n {
		t.Errorf("second Recommendations took %d more snapshots, want the cached answer", snapshots(cs)-n)
	}

	intro := first[slices.IndexFunc(first, func(r service.Recommendation) bool {
		return r.Kind == recommend.Introduction && r.From.ID() == "far" && r.To.ID() == "chair"
	})]
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-rec", FromID: "far", ToID: "chair", Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	afterTie := read()
	if len(afterTie) == 0 || afterTie[0].Before != intro.After {
		t.Fatalf("after far–chair: Recommendations = %v, want Before = %+v", afterTie, intro.After)
	}
	points, err := svc.PowerTrend(ctx, "hamlet", *hamletDay, *hamletDay, service.StepMonth)
	if err != nil {
		t.Fatal(err)
	}
	if points[0].UnheardVoices != intro.After.UnheardVoices {
		t.Errorf("after far–chair: powerTrend unheardVoices = %d, want the recommendation's %d", points[0].UnheardVoices, intro.After.UnheardVoices)
	}

	if slices.ContainsFunc(afterTie, func(r service.Recommendation) bool { return r.Kind == recommend.Invitation && r.Person.ID == "yp1" }) {
		t.Errorf("after far–chair: Recommendations = %q, want no invitation of yp1 (heard)", lines(afterTie))
	}
	i := slices.IndexFunc(afterTie, func(r service.Recommendation) bool { return r.Kind == recommend.Invitation && r.Person.ID == "iso" })
	if i < 0 {
		t.Fatalf("after far–chair: no invitation of iso in %q", lines(afterTie))
	}
	inv := afterTie[i]
	if got, want := recLine(inv), "INVITATION iso@panel[] DESIGN 2.0778 {1 5 0.2800} -> {0 6 0.2222}"; got != want {
		t.Errorf("after far–chair: %s, want %s", got, want)
	}
	if _, err := svc.RecordParticipation(ctx, store.Participation{ID: "x-rec", ActorID: "iso", ForumID: inv.Forum.ID, Level: store.LevelCoProduce, JoinedAtStage: *inv.Stage}); err != nil {
		t.Fatal(err)
	}
	r, err := svc.PowerConcentration(ctx, hamletScope)
	if err != nil {
		t.Fatal(err)
	}
	afterSeat := read()
	if !closeTo(r.Seats.HHI, inv.After.SeatHHI) || len(afterSeat) == 0 || afterSeat[0].Before != inv.After {
		t.Errorf("after iso on the panel: seat HHI %v, Recommendations %v; want Before = %+v", r.Seats.HHI, afterSeat, inv.After)
	}
}

// TestRecommendationsErrors checks the codes of bad input and unknown
// places.
func TestRecommendationsErrors(t *testing.T) {
	svc, _ := hamlet(t)
	tests := []struct {
		name  string
		scope store.Scope
		first int
		code  string
	}{
		{name: "first 0", scope: hamletScope, first: 0, code: store.EINVALID},
		{name: "first negative", scope: hamletScope, first: -1, code: store.EINVALID},
		{name: "first above the cap", scope: hamletScope, first: service.MaxRecommendations + 1, code: store.EINVALID},
		{name: "unknown place", scope: store.Scope{PlaceID: "nowhere"}, first: 5, code: store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.Recommendations(admin(context.Background()), tt.scope, tt.first)
			if got := store.ErrorCode(err); got != tt.code {
				t.Errorf("Recommendations(%s) code = %q (%v), want %q", tt.name, got, err, tt.code)
			}
		})
	}
	if _, err := svc.Recommendations(admin(context.Background()), hamletScope, service.MaxRecommendations); err != nil {
		t.Errorf("Recommendations(first = %d) = %v, want no error", service.MaxRecommendations, err)
	}
}

// TestRecommendationsDemo checks the recommendations for Millbrook on
// 2024-06-01 against the demo's story (demo/doc.go): the eighteen young
// people reach power only through the youth worker, and the Youth Services
// Commissioning Panel decides about them without them. Inviting any one of
// them onto the panel, or introducing one to someone near power other than
// the youth worker, gives all eighteen (who know each other) a second way
// to power: 18 unheard voices fewer. Parents are consulted only: inviting
// Grace Mensah to decide is among the first ten too.
func TestRecommendationsDemo(t *testing.T) {
	svc := demoService(t)
	ctx := admin(context.Background())
	town := store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}
	start := time.Now()
	top, err := svc.Recommendations(ctx, town, 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Recommendations(millbrook, 2024-06-01, 10) took %v (cold: snapshot, centralities, recommendations)", time.Since(start))
	if len(top) != 10 {
		t.Fatalf("Recommendations(first 10) = %d items, want 10", len(top))
	}
	young := func(p *store.Person) bool { return p != nil && slices.Contains(p.Groups, "young person") }
	if !slices.ContainsFunc(top, func(r service.Recommendation) bool {
		return r.Kind == recommend.Invitation && young(r.Person) && r.Forum.ID == demo.YouthCommissioning &&
			slices.Equal(r.Groups, []string{"young person"}) && r.After.UnheardVoices == r.Before.UnheardVoices-18
	}) {
		t.Errorf("Recommendations(first 10) = %v, want a young person invited onto the youth commissioning panel, 18 unheard fewer", lines(top))
	}
	if !slices.ContainsFunc(top, func(r service.Recommendation) bool {
		return r.Kind == recommend.Invitation && r.Person.ID == "p-grace-mensah" && slices.Equal(r.Groups, []string{"parent"})
	}) {
		t.Errorf("Recommendations(first 10) = %v, want Grace Mensah invited to decide for parents", lines(top))
	}

	// The figures before are those of the other analyses.
	points, err := svc.PowerTrend(ctx, demo.Town, *town.AsOf, *town.AsOf, service.StepMonth)
	if err != nil {
		t.Fatal(err)
	}
	power, err := svc.PowerConcentration(ctx, town)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range top {
		if r.Before.UnheardVoices != points[0].UnheardVoices || !closeTo(r.Before.SeatHHI, power.Seats.HHI) {
			t.Errorf("%s: before %+v, want powerTrend's %d unheard voices and the seat HHI %v", recLine(r), r.Before, points[0].UnheardVoices, power.Seats.HHI)
		}
	}

	all, err := svc.Recommendations(ctx, town, service.MaxRecommendations)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(lines(all[:10]), lines(top)) {
		t.Errorf("Recommendations(first 100)[:10] = %v, want Recommendations(first 10) %v", lines(all[:10]), lines(top))
	}
	for i, r := range all {
		if r.Gain <= 0 || r.Gain != recommend.Gain(r.Before, r.After) || (i > 0 && r.Gain > all[i-1].Gain) {
			t.Errorf("Recommendations[%d] = %s, want a positive gain recommend.Gain(before, after), descending", i, recLine(r))
		}
		if r.Kind == recommend.Introduction && young(r.From.Person) && r.To.ID() == demo.YouthWorker {
			t.Errorf("Recommendations[%d] = %s, want no introduction to the gatekeeper %s", i, recLine(r), demo.YouthWorker)
		}
	}
	i := slices.IndexFunc(all, func(r service.Recommendation) bool {
		return r.Kind == recommend.Introduction && young(r.From.Person) && r.After.UnheardVoices == r.Before.UnheardVoices-18
	})
	if i < 0 {
		t.Fatalf("Recommendations(first 100) = %v, want an introduction of a young person hearing all 18", lines(all))
	}

	// Making that introduction hears the eighteen young people.
	intro := all[i]
	if _, err := svc.Connect(ctx, store.Relationship{ID: "r-rec", FromID: intro.From.ID(), ToID: intro.To.ID(), Kind: store.RelKnows, Weight: 1}); err != nil {
		t.Fatal(err)
	}
	vs, err := svc.UnheardVoices(ctx, town, service.VoiceFilter{Group: "young person", First: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Unheard {
			t.Errorf("after %s: %s is still unheard (%v)", recLine(intro), v.Person.ID, v.Reasons)
		}
	}
	after, err := svc.Recommendations(ctx, town, 10)
	if err != nil {
		t.Fatal(err)
	}
	if after[0].Before != intro.After {
		t.Errorf("after %s: before = %+v, want %+v", recLine(intro), after[0].Before, intro.After)
	}
}

// closeTo reports whether two seat HHIs agree to 1e-12: powerConcentration
// and the recommendations sum the squared shares in different orders.
func closeTo(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }

// lines renders recommendations with recLine.
func lines(recs []service.Recommendation) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = recLine(r)
	}
	return out
}

// largePlace returns a generated place of n actors (see largeBatch) in an
// embedded store.
func largePlace(tb testing.TB, n int) *servicetest.CountingStore {
	tb.Helper()
	cs := servicetest.NewCountingStore(servicetest.MustOpenStore(tb))
	if _, err := cs.Import(admin(context.Background()), largeBatch(n)); err != nil {
		tb.Fatalf("Import(large place): %v", err)
	}
	return cs
}

// largeBatch generates a place "big" of n actors from a seeded source: 5%
// organisations, 10% professionals, the rest community members with one or
// two group tags. Ties grow by preferential attachment (each new actor ties
// to one or two actors chosen in proportion to their ties), except that 3%
// of community members have no tie. Eight decision-making forums each seat
// five professionals or organisations and one community member; four
// workshops consult 40 community members each.
func largeBatch(n int) store.Batch {
	rng := rand.New(rand.NewPCG(2024, 6))
	groups := []string{"parent", "young person", "carer", "older person", "disabled person"}
	b := store.Batch{Places: []store.Place{{ID: "big", Name: "Big"}}}
	nOrg, nPro := n/20, n/10
	idOf := make([]string, n)
	community := make([]int, 0, n)
	for i := range n {
		switch {
		case i < nOrg:
			idOf[i] = fmt.Sprintf("o-%05d", i)
			b.Organisations = append(b.Organisations, store.Organisation{ID: idOf[i], Name: idOf[i], Kind: store.OrgVoluntary, PlaceID: "big"})
		case i < nOrg+nPro:
			idOf[i] = fmt.Sprintf("p-pro-%05d", i)
			b.People = append(b.People, store.Person{ID: idOf[i], Name: idOf[i], PlaceID: "big", Capacity: store.CapacityProfessional})
		default:
			idOf[i] = fmt.Sprintf("p-%05d", i)
			gs := []string{groups[rng.IntN(len(groups))]}
			if g := groups[rng.IntN(len(groups))]; rng.IntN(3) == 0 && g != gs[0] {
				gs = append(gs, g)
			}
			b.People = append(b.People, store.Person{ID: idOf[i], Name: idOf[i], PlaceID: "big", Capacity: store.CapacityCommunity, Groups: gs})
			community = append(community, i)
		}
	}
	// ends lists every tie end, so a uniform pick is proportional to ties.
	ends := []int{0, 1}
	b.Relationships = append(b.Relationships, store.Relationship{ID: "r-0", FromID: idOf[0], ToID: idOf[1], Kind: store.RelKnows, Weight: 1})
	for v := 2; v < n; v++ {
		if v >= nOrg+nPro && rng.IntN(100) < 3 {
			continue
		}
		m := 1 + rng.IntN(2)
		var tied []int
		for len(tied) < m {
			u := ends[rng.IntN(len(ends))]
			if !slices.Contains(tied, u) {
				tied = append(tied, u)
			}
		}
		for _, u := range tied {
			b.Relationships = append(b.Relationships, store.Relationship{ID: fmt.Sprintf("r-%d", len(b.Relationships)), FromID: idOf[v], ToID: idOf[u], Kind: store.RelKnows, Weight: 1})
			ends = append(ends, u, v)
		}
	}
	for f := range 12 {
		fo := store.Forum{ID: fmt.Sprintf("f-%02d", f), Name: "forum", PlaceID: "big", DecisionMaking: f < 8, AffectsGroups: []string{groups[f%len(groups)]}}
		b.Forums = append(b.Forums, fo)
		add := func(actor int, l store.Level) {
			b.Participations = append(b.Participations, store.Participation{ID: fmt.Sprintf("x-%d", len(b.Participations)), ActorID: idOf[actor], ForumID: fo.ID, Level: l, JoinedAtStage: store.StageDesign})
		}
		if fo.DecisionMaking {
			for range 5 {
				add(rng.IntN(nOrg+nPro), store.LevelCoProduce)
			}
			add(community[rng.IntN(len(community))], store.LevelCoProduce)
			continue
		}
		for range 40 {
			add(community[rng.IntN(len(community))], store.LevelConsult)
		}
	}
	return b
}

// TestRecommendationsLargePlace times the recommendations for a generated
// place of 2,000 actors, cold (snapshot, harmonic centrality and core
// numbers, recommendations) and from the cache, and checks the answer is
// consistent with the other analyses. Its speed is measured by
// BenchmarkRecommendations, never asserted here.
func TestRecommendationsLargePlace(t *testing.T) {
	if testing.Short() {
		t.Skip("large place: skipped in -short")
	}
	cs := largePlace(t, 2000)
	svc := service.New(cs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := admin(context.Background())
	scope := store.Scope{PlaceID: "big", AsOf: dayPtr("2024-06-01")}
	start := time.Now()
	recs, err := svc.Recommendations(ctx, scope, 10)
	if err != nil {
		t.Fatal(err)
	}
	cold := time.Since(start)
	start = time.Now()
	if _, err := svc.Recommendations(ctx, scope, 10); err != nil {
		t.Fatal(err)
	}
	t.Logf("Recommendations(2,000 actors, first 10): cold %v, cached %v", cold, time.Since(start))
	start = time.Now()
	all, err := svc.Recommendations(ctx, scope, service.MaxRecommendations)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Recommendations(2,000 actors, first 100), centralities cached: %v; %d returned", time.Since(start), len(all))
	if len(recs) != 10 || !slices.Equal(lines(all[:10]), lines(recs)) {
		t.Errorf("Recommendations(big) = %v and first 100 = %d items, want 10 that begin the longer list", lines(recs), len(all))
	}
	points, err := svc.PowerTrend(ctx, "big", *scope.AsOf, *scope.AsOf, service.StepMonth)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("before: %+v; top: %s", recs[0].Before, recLine(recs[0]))
	if recs[0].Before.UnheardVoices != points[0].UnheardVoices {
		t.Errorf("Recommendations(big) before %+v, want powerTrend's %d unheard voices", recs[0].Before, points[0].UnheardVoices)
	}
}

// BenchmarkRecommendations times a cold Recommendations call (a new
// service each time: snapshot, centralities and recommendations) on a
// generated place of 2,000 actors.
func BenchmarkRecommendations(b *testing.B) {
	cs := largePlace(b, 2000)
	ctx := admin(context.Background())
	for b.Loop() {
		svc := service.New(cs, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if _, err := svc.Recommendations(ctx, store.Scope{PlaceID: "big"}, 10); err != nil {
			b.Fatal(err)
		}
	}
}
