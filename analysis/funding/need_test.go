package funding_test

import (
	"testing"

	"github.com/voicemap/voicemap/analysis/funding"
)

// TestDecileWeight checks (11 − d)/5.5 at its ends and that its mean over
// the ten deciles is 1.
func TestDecileWeight(t *testing.T) {
	var sum float64
	for d := 1; d <= 10; d++ {
		sum += funding.DecileWeight(float64(d))
	}
	if !near(sum/10, 1) {
		t.Errorf("mean DecileWeight(1..10) = %v, want 1", sum/10)
	}
	for _, tt := range []struct {
		d, want float64
	}{{1, 10 / 5.5}, {5, 6 / 5.5}, {10, 1 / 5.5}} {
		if got := funding.DecileWeight(tt.d); !near(got, tt.want) {
			t.Errorf("DecileWeight(%v) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

// TestNeedWeights checks the need weight of each kind of scale through
// Underserved, with no grants (so every place is ranked by id).
func TestNeedWeights(t *testing.T) {
	tests := []struct {
		name   string
		places []funding.Place
		// weights and known, by place id in id order, then unranked.
		weights []float64
		known   []bool
	}{
		{
			// IMD2019_SCORE mean over the ranked places P1, P2 is 20, so
			// need 10/20 and 30/20; P5 has no population: it is left out
			// of the mean but weighted by it, 1000/20. P3 is alone on its
			// scale (weight 1); P4 is a decile (20/11). Scale names compare
			// case-insensitively.
			name: "scores per scale, deciles beside them",
			places: []funding.Place{
				place("P1", 100, 10, "IMD2019_SCORE"),
				place("P2", 100, 30, "imd2019_score "),
				place("P3", 100, 50, "WIMD2019_SCORE"),
				decile("P4", 100, 1),
				place("P5", -1, 1000, "IMD2019_SCORE"),
			},
			weights: []float64{0.5, 1.5, 1, 20.0 / 11, 50},
			known:   []bool{true, true, true, true, true},
		},
		{
			// Every ranked score is 0: the mean is 0, so every weight is 1.
			name:    "all scores zero",
			places:  []funding.Place{place("a", 10, 0, "IMD_SCORE"), place("b", 10, 0, "IMD_SCORE")},
			weights: []float64{1, 1},
			known:   []bool{true, true},
		},
		{
			// Score 0 beside a positive score weighs 0.
			name:    "a zero score",
			places:  []funding.Place{place("a", 10, 0, "IMD_SCORE"), place("b", 10, 8, "IMD_SCORE")},
			weights: []float64{0, 2},
			known:   []bool{true, true},
		},
		{
			// A rank, a free label, or a decile scale without an index
			// give need 1, flagged unknown.
			name: "unknown need",
			places: []funding.Place{
				place("a", 10, 150, "IMD2019_RANK"),
				place("b", 10, 3, "high"),
				{ID: "c", Population: ptrInt(10), NeedScale: "IMD2019_DECILE"},
				place("d", 10, 0, ""),
			},
			weights: []float64{1, 1, 1, 1},
			known:   []bool{false, false, false, false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := funding.Underserved(tt.places, nil, funding.Options{})
			if err != nil {
				t.Fatalf("Underserved: %v", err)
			}
			all := append(append([]funding.PlaceFunding{}, rep.Places...), rep.Unranked...)
			if len(all) != len(tt.weights) {
				t.Fatalf("Underserved: %d places, want %d", len(all), len(tt.weights))
			}
			for i, p := range all {
				if !near(p.NeedWeight, tt.weights[i]) || p.NeedKnown != tt.known[i] {
					t.Errorf("Underserved(%s) need = %v (known %v), want %v (known %v)", p.PlaceID, p.NeedWeight, p.NeedKnown, tt.weights[i], tt.known[i])
				}
			}
		})
	}
}

// TestNeedMixedScales works a fair share across scales. P1 (score 10) and
// P2 (score 30) on one scale have need 0.5 and 1.5; Q has decile 1, need
// 20/11; U has no need index, need 1. Populations 110 each, so pop×need is
// 55, 165, 200 and 110: Σ 530. One grant of £530 to U: T = 530, fair =
// pop×need, so P1 55, P2 165, Q 200 (gap per head 200/110), U 110.
func TestNeedMixedScales(t *testing.T) {
	places := []funding.Place{
		place("P1", 110, 10, "IMD2019_SCORE"),
		place("P2", 110, 30, "IMD2019_SCORE"),
		decile("Q", 110, 1),
		place("U", 110, 0, ""),
	}
	rep, err := funding.Underserved(places, []funding.Grant{gbp(t, "g", 530, "2024-01-01", "f", "r", "U")}, funding.Options{})
	if err != nil {
		t.Fatalf("Underserved: %v", err)
	}
	checkRanked(t, rep, []want{
		{id: "Q", weight: 20.0 / 11, fair: 200, gap: 200, gph: 200.0 / 110, known: true},
		{id: "P2", weight: 1.5, fair: 165, gap: 165, gph: 1.5, known: true},
		{id: "P1", weight: 0.5, fair: 55, gap: 55, gph: 0.5, known: true},
		{id: "U", awarded: 530, perHead: 530.0 / 110, weight: 1, fair: 110, gap: -420, gph: -420.0 / 110, grants: 1},
	})
}

func ptrInt(v int) *int { return &v }
