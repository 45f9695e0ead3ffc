package survey_test

import (
	"testing"

	"github.com/voicemap/voicemap/analysis/survey"
)

// TestQuantile checks the quartiles against Python's
// statistics.quantiles(data, n=4, method="inclusive") (Hyndman and Fan's
// definition 7, as R's quantile(data) and numpy.percentile(data, ...)),
// e.g. quantiles([1, 2, 3, 4], n=4, method="inclusive") = [1.75, 2.5, 3.25].
func TestQuantile(t *testing.T) {
	tests := []struct {
		name      string
		xs        []float64
		q1, m, q3 float64
	}{
		{"1 2 3 4", []float64{1, 2, 3, 4}, 1.75, 2.5, 3.25},
		{"0 0 1 3 5", []float64{0, 0, 1, 3, 5}, 0, 1, 3},
		{"2 3 4 5 5", []float64{2, 3, 4, 5, 5}, 3, 4, 5},
		{"2 2 4 5", []float64{2, 2, 4, 5}, 2, 3, 4.25},
		{"1 1 2 2 3 4 5", []float64{1, 1, 2, 2, 3, 4, 5}, 1.5, 2, 3.5},
		{"0 5", []float64{0, 5}, 1.25, 2.5, 3.75},
		{"one value", []float64{7}, 7, 7, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct{ p, want float64 }{{0.25, tt.q1}, {0.5, tt.m}, {0.75, tt.q3}, {0, tt.xs[0]}, {1, tt.xs[len(tt.xs)-1]}} {
				if got := survey.Quantile(tt.xs, c.p); got != c.want {
					t.Errorf("Quantile(%v, %v) = %v, want %v", tt.xs, c.p, got, c.want)
				}
			}
		})
	}
}
