package power_test

import (
	"math"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis/power"
)

func TestGini(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		want   float64
	}{
		{name: "none", values: nil, want: 0},
		{name: "all zero", values: []float64{0, 0, 0}, want: 0},
		{name: "equal", values: []float64{5, 5, 5}, want: 0},
		// One holder of four: (n-1)/n in the population convention.
		{name: "one holds all", values: []float64{0, 0, 0, 1}, want: 0.75},
		// Σ_ij |x_i-x_j| = 20 over 2·4²·2.5 = 80.
		{name: "1 2 3 4", values: []float64{1, 2, 3, 4}, want: 0.25},
		{name: "4 1 3 2 (order does not matter)", values: []float64{4, 1, 3, 2}, want: 0.25},
		// Σ_ij |x_i-x_j| = 2·(1+3+2) = 12 over 2·3²·(6/3) = 36.
		{name: "1 1 4", values: []float64{1, 1, 4}, want: 1.0 / 3},
		{name: "single", values: []float64{7}, want: 0},
		{name: "negative", values: []float64{1, -1}, want: math.NaN()},
		{name: "NaN", values: []float64{1, math.NaN()}, want: math.NaN()},
		{name: "infinite", values: []float64{1, math.Inf(1)}, want: math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.Gini(tc.values); !near(got, tc.want, 1e-12) {
				t.Errorf("Gini(%v) = %v, want %v", tc.values, got, tc.want)
			}
		})
	}
}

func TestTopShare(t *testing.T) {
	tests := []struct {
		name     string
		values   []float64
		fraction float64
		want     float64
	}{
		{name: "top quarter", values: []float64{1, 2, 3, 4}, fraction: 0.25, want: 0.4},
		// 5% of 4 actors is less than one: at least one actor counts.
		{name: "top 5% of 4", values: []float64{1, 2, 3, 4}, fraction: 0.05, want: 0.4},
		{name: "top half", values: []float64{4, 1, 3, 2}, fraction: 0.5, want: 0.7},
		// ceil(0.3·4) = 2.
		{name: "rounds up", values: []float64{1, 2, 3, 4}, fraction: 0.3, want: 0.7},
		{name: "everyone", values: []float64{1, 2, 3, 4}, fraction: 1, want: 1},
		{name: "above one", values: []float64{1, 2, 3, 4}, fraction: 2, want: 1},
		{name: "zero fraction", values: []float64{1, 2, 3, 4}, fraction: 0, want: 0.4},
		{name: "ties", values: []float64{2, 2, 2, 2}, fraction: 0.5, want: 0.5},
		{name: "all zero", values: []float64{0, 0}, fraction: 0.5, want: 0},
		{name: "none", values: nil, fraction: 0.5, want: 0},
		{name: "negative", values: []float64{-1, 2}, fraction: 0.5, want: math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.TopShare(tc.values, tc.fraction); !near(got, tc.want, 1e-12) {
				t.Errorf("TopShare(%v, %v) = %v, want %v", tc.values, tc.fraction, got, tc.want)
			}
		})
	}
}

func TestTopCount(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		fraction float64
		want     int
	}{
		{name: "5% of 100", n: 100, fraction: 0.05, want: 5},
		// 0.07·100 is 7.000000000000001 in binary; still 7 actors.
		{name: "7% of 100", n: 100, fraction: 0.07, want: 7},
		{name: "5% of 20", n: 20, fraction: 0.05, want: 1},
		{name: "5% of 21", n: 21, fraction: 0.05, want: 2},
		{name: "5% of 3", n: 3, fraction: 0.05, want: 1},
		{name: "NaN", n: 3, fraction: math.NaN(), want: 1},
		{name: "none", n: 0, fraction: 0.05, want: 0},
		{name: "all", n: 8, fraction: 1, want: 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.TopCount(tc.n, tc.fraction); got != tc.want {
				t.Errorf("TopCount(%d, %v) = %d, want %d", tc.n, tc.fraction, got, tc.want)
			}
		})
	}
}

func TestTop(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		k      int
		want   []int
	}{
		{name: "ties by index", values: []float64{3, 5, 5, 1}, k: 2, want: []int{1, 2}},
		{name: "three", values: []float64{3, 5, 5, 1}, k: 3, want: []int{1, 2, 0}},
		{name: "NaN last", values: []float64{math.NaN(), 1, 2}, k: 3, want: []int{2, 1, 0}},
		{name: "k above n", values: []float64{1, 2}, k: 5, want: []int{1, 0}},
		{name: "k negative", values: []float64{1, 2}, k: -1, want: []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.Top(tc.values, tc.k); !slices.Equal(got, tc.want) {
				t.Errorf("Top(%v, %d) = %v, want %v", tc.values, tc.k, got, tc.want)
			}
		})
	}
}

func TestHHI(t *testing.T) {
	tests := []struct {
		name   string
		counts []float64
		want   float64
	}{
		{name: "monopoly", counts: []float64{4}, want: 1},
		{name: "monopoly with empty holders", counts: []float64{3, 0, 0}, want: 1},
		{name: "four equal", counts: []float64{1, 1, 1, 1}, want: 0.25},
		// Shares 1/2, 1/4, 1/4: 1/4 + 1/16 + 1/16.
		{name: "2 1 1", counts: []float64{2, 1, 1}, want: 0.375},
		{name: "all zero", counts: []float64{0, 0}, want: 0},
		{name: "none", counts: nil, want: 0},
		{name: "negative", counts: []float64{2, -1}, want: math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.HHI(tc.counts); !near(got, tc.want, 1e-12) {
				t.Errorf("HHI(%v) = %v, want %v", tc.counts, got, tc.want)
			}
		})
	}
}

func TestMinHolders(t *testing.T) {
	tests := []struct {
		name   string
		counts []float64
		share  float64
		want   int
	}{
		// 5 of 10 seats is exactly half.
		{name: "one holds half", counts: []float64{5, 3, 1, 1}, share: 0.5, want: 1},
		{name: "sixty percent", counts: []float64{1, 3, 1, 5}, share: 0.6, want: 2},
		{name: "everything", counts: []float64{5, 3, 1, 1}, share: 1, want: 4},
		{name: "equal holders", counts: []float64{1, 1, 1, 1}, share: 0.5, want: 2},
		{name: "just over half", counts: []float64{1, 1, 1, 1}, share: 0.51, want: 3},
		{name: "zeros ignored", counts: []float64{2, 0, 0}, share: 1, want: 1},
		{name: "above one", counts: []float64{2, 1, 0}, share: 3, want: 2},
		{name: "fractional counts", counts: []float64{0.1, 0.2, 0.7}, share: 0.3, want: 1},
		{name: "fractional counts two", counts: []float64{0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, share: 0.3, want: 2},
		{name: "zero share", counts: []float64{1, 2}, share: 0, want: 0},
		{name: "all zero", counts: []float64{0, 0}, share: 0.5, want: 0},
		{name: "none", counts: nil, share: 0.5, want: 0},
		{name: "negative", counts: []float64{1, -1}, share: 0.5, want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := power.MinHolders(tc.counts, tc.share); got != tc.want {
				t.Errorf("MinHolders(%v, %v) = %d, want %d", tc.counts, tc.share, got, tc.want)
			}
		})
	}
}
