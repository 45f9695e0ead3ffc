package survey_test

import (
	"math"
	"testing"

	"github.com/voicemap/voicemap/analysis/survey"
)

// units turns a reliability data matrix (one row per rater, one column per
// unit, 0 for a missing value: the published examples use no 0) into the
// values of each unit.
func units(matrix [][]int) [][]int {
	out := make([][]int, len(matrix[0]))
	for _, row := range matrix {
		for u, x := range row {
			if x != 0 {
				out[u] = append(out[u], x)
			}
		}
	}
	return out
}

// krippendorff2011 is the reliability data of Krippendorff (2011,
// "Computing Krippendorff's Alpha-Reliability", section C): four observers,
// twelve units, values 1..5 with missing values; the same matrix as in
// Krippendorff (2004, 2019) "Content Analysis", ch. 11/12.
var krippendorff2011 = [][]int{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
	{0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0},
}

// wikipedia is the example of the English Wikipedia article
// "Krippendorff's alpha" (three coders, fifteen units, values 1..4).
var wikipedia = [][]int{
	{0, 0, 0, 0, 0, 3, 4, 1, 2, 1, 1, 3, 3, 0, 3},
	{1, 0, 2, 1, 3, 3, 4, 3, 0, 0, 0, 0, 0, 0, 0},
	{0, 0, 2, 1, 3, 4, 4, 0, 2, 1, 1, 3, 3, 0, 4},
}

// TestAlphaPublished checks Alpha against the published values, to the
// digits published. Krippendorff (2011) gives α = 0.743 (nominal), 0.815
// (ordinal), 0.849 (interval) and 0.797 (ratio) for his example; the
// Wikipedia example gives 0.691 (nominal, 0.691358 in the tests of the
// Python package krippendorff, pln-fing-udelar/fast-krippendorff, which
// also give 0.815 ordinal and 0.797 ratio for the first) and 0.811
// (interval, 0.810845 there).
func TestAlphaPublished(t *testing.T) {
	tests := []struct {
		name   string
		data   [][]int
		metric survey.Metric
		want   float64
		digits int
	}{
		{"Krippendorff 2011 nominal", krippendorff2011, survey.Nominal, 0.743, 3},
		{"Krippendorff 2011 ordinal", krippendorff2011, survey.Ordinal, 0.815, 3},
		{"Krippendorff 2011 interval", krippendorff2011, survey.Interval, 0.849, 3},
		{"Krippendorff 2011 ratio", krippendorff2011, survey.Ratio, 0.797, 3},
		{"Wikipedia nominal", wikipedia, survey.Nominal, 0.691358, 6},
		{"Wikipedia interval", wikipedia, survey.Interval, 0.810845, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := survey.Alpha(units(tt.data), tt.metric)
			scale := math.Pow(10, float64(tt.digits))
			if !ok || math.Round(got*scale)/scale != tt.want {
				t.Errorf("Alpha(%s) = %v, %v, want %v to %d digits", tt.name, got, ok, tt.want, tt.digits)
			}
		})
	}
}

// TestAlphaUndefined checks the cases where alpha is undefined and the
// plainest defined ones.
func TestAlphaUndefined(t *testing.T) {
	tests := []struct {
		name   string
		units  [][]int
		metric survey.Metric
		want   float64
		ok     bool
	}{
		{"no unit", nil, survey.Ordinal, 0, false},
		{"no pairable unit", [][]int{{1}, {2}, {}}, survey.Ordinal, 0, false},
		{"one value everywhere", [][]int{{3, 3}, {3, 3, 3}}, survey.Ordinal, 0, false},
		{"unknown metric", [][]int{{1, 2}, {2, 2}}, survey.Metric(9), 0, false},
		{"perfect agreement", [][]int{{1, 1}, {2, 2, 2}, {5, 5}}, survey.Ordinal, 1, true},
		// Two units, each split 0/1 by two raters: o(0,1) = o(1,0) = 2,
		// n_0 = n_1 = 2, n = 4; observed 4, expected 2·2·2 = 8:
		// α = 1 − 3·4/8 = −0.5 (nominal, and ordinal with two values).
		{"systematic disagreement", [][]int{{0, 1}, {1, 0}}, survey.Nominal, -0.5, true},
		{"systematic disagreement, ordinal", [][]int{{0, 1}, {1, 0}}, survey.Ordinal, -0.5, true},
	}
	for _, tt := range tests {
		got, ok := survey.Alpha(tt.units, tt.metric)
		if ok != tt.ok || ok && !near(got, tt.want) {
			t.Errorf("Alpha(%s) = %v, %v, want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
