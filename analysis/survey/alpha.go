package survey

import (
	"slices"
)

// Metric is the level of measurement of the values Alpha compares, which
// fixes the difference δ²(c, k) between two values c and k.
type Metric int

// The metrics of Krippendorff (2004, ch. 11).
const (
	// Nominal: δ² = 0 when c = k, else 1.
	Nominal Metric = iota
	// Ordinal: δ² = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)², with n_g the number
	// of pairable values equal to g: a difference counts the values that
	// lie between c and k, not their distance, as ranks do.
	Ordinal
	// Interval: δ² = (c − k)².
	Interval
	// Ratio: δ² = ((c − k)/(c + k))², 0 when c = k = 0.
	Ratio
)

// Alpha returns Krippendorff's alpha, the agreement of several raters
// (coders) on the same units, from the values each unit received: units[u]
// lists the values given to unit u, one per rater who rated it, in any
// order (a rater who did not rate the unit is simply absent). Only units
// with at least two values are pairable; the others are left out.
//
// From the coincidences of values within units (Krippendorff 2004,
// "Content Analysis: An Introduction to Its Methodology", 2nd ed., Sage,
// ch. 11; Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability",
// Annenberg School for Communication, University of Pennsylvania):
//
//	o_ck = Σ_u (number of ordered pairs (c, k) of values of u from
//	       different raters) / (m_u − 1)           m_u: values of unit u
//	n_c  = Σ_k o_ck,   n = Σ_c n_c                 (the pairable values)
//	α    = 1 − (n − 1) · Σ_{c,k} o_ck δ²(c, k) / Σ_{c,k} n_c n_k δ²(c, k)
//
// α is 1 for perfect agreement and 0 for agreement no better than chance;
// it can be negative. It is undefined (ok false) when no unit is pairable
// or the expected disagreement is 0: every pairable value is the same, so
// there is nothing to agree or disagree about, and for an unknown metric.
func Alpha(units [][]int, m Metric) (alpha float64, ok bool) {
	if m < Nominal || m > Ratio {
		return 0, false
	}
	// The value domain: the distinct values of pairable units, ascending.
	var domain []int
	for _, u := range units {
		if len(u) >= 2 {
			domain = append(domain, u...)
		}
	}
	slices.Sort(domain)
	domain = slices.Compact(domain)
	v := len(domain)
	if v == 0 {
		return 0, false
	}
	index := func(x int) int { i, _ := slices.BinarySearch(domain, x); return i }
	o := make([]float64, v*v)
	counts := make([]int, v)
	for _, u := range units {
		mu := len(u)
		if mu < 2 {
			continue
		}
		clear(counts)
		for _, x := range u {
			counts[index(x)]++
		}
		w := 1 / float64(mu-1)
		for c, nc := range counts {
			if nc == 0 {
				continue
			}
			for k, nk := range counts {
				pairs := nc * nk // ordered pairs of distinct values from different raters
				if c == k {
					pairs = nc * (nc - 1)
				}
				o[c*v+k] += float64(pairs) * w
			}
		}
	}
	n := make([]float64, v)
	total := 0.0
	for c := range v {
		for k := range v {
			n[c] += o[c*v+k]
		}
		total += n[c]
	}
	delta := func(c, k int) float64 {
		switch m {
		case Nominal:
			if c == k {
				return 0
			}
			return 1
		case Ordinal:
			lo, hi := min(c, k), max(c, k)
			s := 0.0
			for g := lo; g <= hi; g++ {
				s += n[g]
			}
			d := s - (n[c]+n[k])/2
			return d * d
		case Interval:
			d := float64(domain[c] - domain[k])
			return d * d
		default: // Ratio
			sum := float64(domain[c] + domain[k])
			if sum == 0 {
				return 0
			}
			d := float64(domain[c]-domain[k]) / sum
			return d * d
		}
	}
	var observed, expected float64
	for c := range v {
		for k := range v {
			if c == k {
				continue // δ²(c, c) = 0 in every metric
			}
			d := delta(c, k)
			observed += o[c*v+k] * d
			expected += n[c] * n[k] * d
		}
	}
	if expected == 0 {
		return 0, false
	}
	return 1 - (total-1)*observed/expected, true
}
