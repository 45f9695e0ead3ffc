package funding_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/funding"
)

// TestUnderservedHandWorked is the hand-worked example the issue asks for.
//
// Places (IMD 2019 deciles; need = (11 − d)/5.5):
//
//	A  pop 1000  decile 1   need 10/5.5 = 20/11   pop×need = 20000/11
//	B  pop 2000  decile 5   need  6/5.5 = 12/11   pop×need = 24000/11
//	C  pop 1000  decile 10  need  1/5.5 =  2/11   pop×need =  2000/11
//	D  pop  500  no index   need 1 (flagged)      pop×need =  5500/11
//	E  no population, decile 3 (need 8/5.5 = 16/11): unranked
//	                                        Σ pop×need = 51500/11
//
// Grants counted (GBP, 2023-04-01..2024-03-31, all funders):
//
//	g1 £6,000 → A, on 2023-04-01 (first day of the window)
//	g2 £40,000 → B and C, split equally: £20,000 each, on the last day
//	g3 £5,500 → D
//	g4 £3,000 → E (unranked)
//	g7 £2,000 → Z, not in scope (out of scope)
//	g8 £700 → no place (unplaced)
//
// Left out: g5 $9,999 → A (other currency, reported) and g6 £1,000,000 → A
// on 2023-03-31 (the day before the window).
//
// Pot T = 6,000 + 40,000 + 5,500 = £51,500 (ranked places only), so
// fairShare = 51,500 × pop×need / (51,500/11) = 11 × pop×need:
//
//	     awarded  per head  fair    gap      gap/head
//	A    6,000    6         20,000  14,000   14
//	B   20,000   10         24,000   4,000    2
//	D    5,500   11          5,500       0    0
//	C   20,000   20          2,000  −18,000 −18
//
// Ranked by gap per head: A, B, D, C. Σ fair = 51,500 = T, Σ gap = 0.
// Totals: 6 grants, £57,200 = 51,500 ranked + 3,000 unranked + 2,000 out of
// scope + 700 unplaced; population 4,500.
func TestUnderservedHandWorked(t *testing.T) {
	places := []funding.Place{
		decile("E", -1, 3),
		decile("C", 1000, 10),
		decile("A", 1000, 1),
		place("D", 500, 0, ""),
		decile("B", 2000, 5),
	}
	usd := gbp(t, "g5", 9999, "2023-06-01", "f1", "r1", "A")
	usd.Currency = "USD"
	grants := []funding.Grant{
		gbp(t, "g2", 40000, "2024-03-31", "f1", "r2", "B", "C"),
		gbp(t, "g1", 6000, "2023-04-01", "f1", "r1", "A"),
		gbp(t, "g3", 5500, "2023-09-01", "f2", "r3", "D"),
		gbp(t, "g4", 3000, "2023-10-01", "f1", "r1", "E"),
		usd,
		gbp(t, "g6", 1e6, "2023-03-31", "f1", "r1", "A"),
		gbp(t, "g7", 2000, "2023-11-01", "f2", "r4", "Z"),
		gbp(t, "g8", 700, "2023-12-01", "f2", "r4"),
	}
	rep, err := funding.Underserved(places, grants, funding.Options{From: day(t, "2023-04-01"), To: day(t, "2024-03-31")})
	if err != nil {
		t.Fatalf("Underserved: %v", err)
	}
	checkRanked(t, rep, []want{
		{id: "A", awarded: 6000, perHead: 6, weight: 20.0 / 11, fair: 20000, gap: 14000, gph: 14, known: true, grants: 1},
		{id: "B", awarded: 20000, perHead: 10, weight: 12.0 / 11, fair: 24000, gap: 4000, gph: 2, known: true, grants: 1},
		{id: "D", awarded: 5500, perHead: 11, weight: 1, fair: 5500, gap: 0, gph: 0, known: false, grants: 1},
		{id: "C", awarded: 20000, perHead: 20, weight: 2.0 / 11, fair: 2000, gap: -18000, gph: -18, known: true, grants: 1},
	})
	if len(rep.Unranked) != 1 {
		t.Fatalf("Underserved: unranked %v, want [E]", ids(rep.Unranked))
	}
	e := rep.Unranked[0]
	if e.PlaceID != "E" || e.Awarded != 3000 || e.Grants != 1 || e.Rank != 0 || !near(e.NeedWeight, 16.0/11) || !e.NeedKnown ||
		e.PerHead != nil || e.FairShare != nil || e.Gap != nil || e.GapPerHead != nil {
		t.Errorf("Underserved: unranked E = %+v, want awarded 3000, 1 grant, need 16/11, no per-head figures", e)
	}
	tot := rep.Totals
	if tot.Currency != "GBP" || tot.Grants != 6 || !near(tot.Awarded, 57200) || !near(tot.Ranked, 51500) ||
		!near(tot.Unranked, 3000) || !near(tot.OutOfScope, 2000) || !near(tot.Unplaced, 700) || tot.Population != 4500 {
		t.Errorf("Underserved: totals %+v, want GBP, 6 grants, 57200 = 51500 + 3000 + 2000 + 700, population 4500", tot)
	}
	if want := []funding.CurrencyTotal{{Currency: "USD", Grants: 1, Amount: 9999}}; !slices.Equal(rep.OtherCurrencies, want) {
		t.Errorf("Underserved: other currencies %+v, want %+v", rep.OtherCurrencies, want)
	}
}

// TestUnderservedPerHead shows why the rank is by gap per head. X, Y and Z
// have the same need; Σ pop = 10,200 and T = 10,200, so the fair share is
// £1 a head: X 10,000, Y 100, Z 100.
//
//	X  pop 10,000  awarded 5,000  gap  5,000  per head  0.5
//	Y  pop    100  awarded     0  gap    100  per head  1
//	Z  pop    100  awarded 5,200  gap −5,100  per head −51
//
// By absolute gap X would come first; Y, which received nothing, does.
func TestUnderservedPerHead(t *testing.T) {
	places := []funding.Place{decile("X", 10000, 4), decile("Y", 100, 4), decile("Z", 100, 4)}
	grants := []funding.Grant{
		gbp(t, "x", 5000, "2024-01-01", "f", "r", "X"),
		gbp(t, "z", 5200, "2024-01-01", "f", "r", "Z"),
	}
	rep, err := funding.Underserved(places, grants, funding.Options{})
	if err != nil {
		t.Fatalf("Underserved: %v", err)
	}
	w := funding.DecileWeight(4)
	checkRanked(t, rep, []want{
		{id: "Y", awarded: 0, perHead: 0, weight: w, fair: 100, gap: 100, gph: 1, known: true},
		{id: "X", awarded: 5000, perHead: 0.5, weight: w, fair: 10000, gap: 5000, gph: 0.5, known: true, grants: 1},
		{id: "Z", awarded: 5200, perHead: 52, weight: w, fair: 100, gap: -5100, gph: -51, known: true, grants: 1},
	})
}

// TestUnderservedFunder: A and B are alike (same population and decile).
// f1 gave A £100; f2 gave B £300. For f1 alone T = 100, fair 50 each: B is
// under-served by 50 (0.5 a head). For all funders T = 400, fair 200
// each: A is under-served by 100 (1 a head).
func TestUnderservedFunder(t *testing.T) {
	places := []funding.Place{decile("A", 100, 2), decile("B", 100, 2)}
	grants := []funding.Grant{
		gbp(t, "g1", 100, "2024-01-01", "f1", "r", "A"),
		gbp(t, "g2", 300, "2024-01-01", "f2", "r", "B"),
	}
	w := funding.DecileWeight(2)
	tests := []struct {
		name   string
		funder string
		want   []want
	}{
		{name: "f1", funder: "f1", want: []want{
			{id: "B", weight: w, fair: 50, gap: 50, gph: 0.5, known: true},
			{id: "A", awarded: 100, perHead: 1, weight: w, fair: 50, gap: -50, gph: -0.5, known: true, grants: 1},
		}},
		{name: "all funders", want: []want{
			{id: "A", awarded: 100, perHead: 1, weight: w, fair: 200, gap: 100, gph: 1, known: true, grants: 1},
			{id: "B", awarded: 300, perHead: 3, weight: w, fair: 200, gap: -100, gph: -1, known: true, grants: 1},
		}},
		{name: "unknown funder", funder: "nobody", want: []want{
			{id: "A", weight: w, known: true},
			{id: "B", weight: w, known: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := funding.Underserved(places, grants, funding.Options{FunderID: tt.funder})
			if err != nil {
				t.Fatalf("Underserved: %v", err)
			}
			checkRanked(t, rep, tt.want)
		})
	}
}

// TestUnderservedEdges covers the degenerate inputs.
func TestUnderservedEdges(t *testing.T) {
	t.Run("no grants", func(t *testing.T) {
		// Nothing awarded: every fair share and gap is 0, ranked by id.
		rep, err := funding.Underserved([]funding.Place{decile("b", 10, 1), decile("a", 20, 9), decile("c", 5, 5)}, nil, funding.Options{})
		if err != nil {
			t.Fatalf("Underserved: %v", err)
		}
		checkRanked(t, rep, []want{
			{id: "a", weight: 2.0 / 5.5, known: true},
			{id: "b", weight: 10 / 5.5, known: true},
			{id: "c", weight: 6 / 5.5, known: true},
		})
		if rep.Totals != (funding.Totals{Currency: "GBP", Population: 35}) {
			t.Errorf("Underserved: totals %+v, want only GBP and population 35", rep.Totals)
		}
		if rep.Unranked == nil || len(rep.Unranked) != 0 || rep.OtherCurrencies == nil || len(rep.OtherCurrencies) != 0 {
			t.Errorf("Underserved: unranked %v, other %v, want empty, non-nil", rep.Unranked, rep.OtherCurrencies)
		}
	})
	t.Run("no population anywhere", func(t *testing.T) {
		// nil and 0 populations are both unranked; their money is reported.
		places := []funding.Place{place("q", 0, 0, ""), place("p", -1, 0, "")}
		grants := []funding.Grant{gbp(t, "g", 90, "2024-01-01", "f", "r", "p", "q", "x")}
		rep, err := funding.Underserved(places, grants, funding.Options{})
		if err != nil {
			t.Fatalf("Underserved: %v", err)
		}
		if rep.Places == nil || len(rep.Places) != 0 {
			t.Errorf("Underserved: ranked %v, want empty, non-nil", ids(rep.Places))
		}
		if got := ids(rep.Unranked); !slices.Equal(got, []string{"p", "q"}) {
			t.Fatalf("Underserved: unranked %v, want [p q]", got)
		}
		for _, p := range rep.Unranked {
			if p.Awarded != 30 || p.Grants != 1 || p.NeedWeight != 1 || p.NeedKnown || p.FairShare != nil {
				t.Errorf("Underserved: unranked %+v, want 30 from 1 grant, need 1 unknown, no fair share", p)
			}
		}
		if tot := rep.Totals; tot.Ranked != 0 || tot.Unranked != 60 || tot.OutOfScope != 30 || tot.Population != 0 {
			t.Errorf("Underserved: totals %+v, want ranked 0, unranked 60, out of scope 30", tot)
		}
	})
	t.Run("one place", func(t *testing.T) {
		// A single ranked place's fair share is what it received.
		rep, err := funding.Underserved([]funding.Place{decile("only", 400, 3)},
			[]funding.Grant{gbp(t, "g", 1000, "2024-01-01", "f", "r", "only")}, funding.Options{})
		if err != nil {
			t.Fatalf("Underserved: %v", err)
		}
		checkRanked(t, rep, []want{{id: "only", awarded: 1000, perHead: 2.5, weight: 8 / 5.5, fair: 1000, known: true, grants: 1}})
	})
	t.Run("no places", func(t *testing.T) {
		rep, err := funding.Underserved(nil, []funding.Grant{gbp(t, "g", 10, "2024-01-01", "f", "r", "x")}, funding.Options{})
		if err != nil {
			t.Fatalf("Underserved: %v", err)
		}
		if len(rep.Places)+len(rep.Unranked) != 0 || rep.Totals.OutOfScope != 10 || rep.Totals.Grants != 1 {
			t.Errorf("Underserved: %+v, want no places and 10 out of scope", rep)
		}
	})
	t.Run("split grant", func(t *testing.T) {
		// £900 to A, B, Z, A again and an empty id: three distinct places,
		// £300 each; Z is out of scope. A (pop 100) and B (pop 200), same
		// need: T = 600, fair A 200, B 400.
		rep, err := funding.Underserved([]funding.Place{decile("A", 100, 1), decile("B", 200, 1)},
			[]funding.Grant{gbp(t, "g", 900, "2024-01-01", "f", "r", "A", "B", "Z", "A", "")}, funding.Options{})
		if err != nil {
			t.Fatalf("Underserved: %v", err)
		}
		w := funding.DecileWeight(1)
		checkRanked(t, rep, []want{
			{id: "B", awarded: 300, perHead: 1.5, weight: w, fair: 400, gap: 100, gph: 0.5, known: true, grants: 1},
			{id: "A", awarded: 300, perHead: 3, weight: w, fair: 200, gap: -100, gph: -1, known: true, grants: 1},
		})
		if rep.Totals.OutOfScope != 300 || rep.Totals.Awarded != 900 {
			t.Errorf("Underserved: totals %+v, want 900 awarded, 300 out of scope", rep.Totals)
		}
	})
	t.Run("ties by id", func(t *testing.T) {
		// Equal places, equal money: every gap is 0, order is by id.
		places := []funding.Place{decile("m", 50, 5), decile("k", 50, 5), decile("z", 50, 5)}
		grants := []funding.Grant{
			gbp(t, "1", 10, "2024-01-01", "f", "r", "z"),
			gbp(t, "2", 10, "2024-01-01", "f", "r", "m"),
			gbp(t, "3", 10, "2024-01-01", "f", "r", "k"),
		}
		rep, err := funding.Underserved(places, grants, funding.Options{})
		if err != nil {
			t.Fatalf("Underserved: %v", err)
		}
		if got := ids(rep.Places); !slices.Equal(got, []string{"k", "m", "z"}) {
			t.Errorf("Underserved: order %v, want [k m z]", got)
		}
	})
}

// TestUnderservedInvalid checks that unusable input is refused with
// analysis.ErrInvalid rather than analysed.
func TestUnderservedInvalid(t *testing.T) {
	ok := []funding.Place{decile("A", 10, 1)}
	minus := -1
	good := gbp(t, "g", 1, "2024-01-01", "f", "r", "A")
	with := func(f func(*funding.Grant)) []funding.Grant {
		g := good
		f(&g)
		return []funding.Grant{g}
	}
	tests := []struct {
		name   string
		places []funding.Place
		grants []funding.Grant
		opts   funding.Options
	}{
		{name: "place without id", places: []funding.Place{decile("", 10, 1)}},
		{name: "place twice", places: []funding.Place{decile("A", 10, 1), decile("A", 20, 2)}},
		{name: "negative population", places: []funding.Place{{ID: "A", Population: &minus}}},
		{name: "decile 0", places: []funding.Place{decile("A", 10, 0)}},
		{name: "decile 11", places: []funding.Place{decile("A", 10, 11)}},
		{name: "negative score", places: []funding.Place{place("A", 10, -1, "IMD2019_SCORE")}},
		{name: "NaN need on an unknown scale", places: []funding.Place{place("A", 10, math.NaN(), "RANK")}},
		{name: "negative amount", places: ok, grants: with(func(g *funding.Grant) { g.Amount = -1 })},
		{name: "NaN amount", places: ok, grants: with(func(g *funding.Grant) { g.Amount = math.NaN() })},
		{name: "infinite amount", places: ok, grants: with(func(g *funding.Grant) { g.Amount = math.Inf(1) })},
		{name: "no currency", places: ok, grants: with(func(g *funding.Grant) { g.Currency = " " })},
		{name: "grant without id", places: ok, grants: with(func(g *funding.Grant) { g.ID = "" })},
		{name: "grant twice", places: ok, grants: []funding.Grant{good, good}},
		{name: "window reversed", places: ok, opts: funding.Options{From: day(t, "2024-02-01"), To: day(t, "2024-01-31")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := funding.Underserved(tt.places, tt.grants, tt.opts)
			if !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Underserved(%s) error = %v, want analysis.ErrInvalid", tt.name, err)
			}
		})
	}
}
