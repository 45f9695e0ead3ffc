package power

import (
	"cmp"
	"math"
	"slices"
)

// Gini returns the Gini coefficient of the values (Gini 1912, "Variabilità
// e mutabilità"), in its mean-absolute-difference form with the population
// (n, not n−1) convention:
//
//	G = Σ_i Σ_j |x_i − x_j| / (2 n² μ),  μ = Σ x / n
//
// computed in O(n log n) from the values sorted ascending, x_(1) ≤ … ≤ x_(n):
//
//	G = Σ_i (2i − n − 1) x_(i) / (n Σ x).
//
// G is 0 when every value is equal and (n−1)/n when one actor holds
// everything (so it approaches but does not reach 1 in a small network;
// multiplying by n/(n−1) gives the sample convention, which reaches 1). It is
// the formula of numpy-based implementations such as
// np.sum((2*np.arange(1, n+1) - n - 1) * np.sort(x)) / (n * np.sum(x)) and
// of R ineq::Gini(x, corr=FALSE). No values, or values that are all zero,
// give 0. The values must be finite and non-negative (centralities,
// counts); otherwise Gini returns NaN.
func Gini(values []float64) float64 {
	if !nonNegative(values) {
		return math.NaN()
	}
	n := len(values)
	if n == 0 {
		return 0
	}
	x := slices.Clone(values)
	slices.Sort(x)
	var total, weighted float64
	for i, v := range x {
		total += v
		weighted += float64(2*(i+1)-n-1) * v
	}
	if total == 0 {
		return 0
	}
	return weighted / (float64(n) * total)
}

// TopShare returns the share of the total of the values held by the top
// k = ceil(fraction·n) of them, at least one and at most n:
//
//	TopShare = Σ_{i ∈ top k} x_i / Σ_i x_i.
//
// fraction·n is rounded up after removing a floating-point excess below
// 1e-9, so that 0.07·100 (= 7.000000000000001 in binary) counts 7 actors, not
// 8. A fraction ≤ 0 (or NaN) still takes one actor; a fraction ≥ 1 takes
// all, giving 1. The result does not depend on how ties are broken; Top
// names the actors. No values, or a total of 0, give 0. The values must be
// finite and non-negative; otherwise TopShare returns NaN.
func TopShare(values []float64, fraction float64) float64 {
	if !nonNegative(values) {
		return math.NaN()
	}
	top := Top(values, TopCount(len(values), fraction))
	var total, held float64
	for _, v := range values {
		total += v
	}
	if total == 0 {
		return 0
	}
	for _, i := range top {
		held += values[i]
	}
	return held / total
}

// TopCount returns how many of n actors make up the top fraction:
// ceil(fraction·n − 1e-9), at least 1 and at most n (0 when n is 0). It is
// the k that TopShare uses.
func TopCount(n int, fraction float64) int {
	if n <= 0 {
		return 0
	}
	if !(fraction > 0) {
		return 1
	}
	if fraction >= 1 {
		return n
	}
	k := int(math.Ceil(fraction*float64(n) - 1e-9))
	return min(max(k, 1), n)
}

// Top returns the indices of the k largest values, largest first, ties
// broken by the smaller index (the deterministic order voicemap uses
// everywhere). k is clamped to 0..len(values). NaN values sort last.
func Top(values []float64, k int) []int {
	k = min(max(k, 0), len(values))
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		va, vb := values[a], values[b]
		switch {
		case math.IsNaN(va) && !math.IsNaN(vb):
			return 1
		case !math.IsNaN(va) && math.IsNaN(vb):
			return -1
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return cmp.Compare(a, b)
	})
	return idx[:k:k]
}

// HHI returns the Herfindahl–Hirschman index of the counts (Hirschman 1945;
// Herfindahl 1950), computed on shares so that it lies in (0, 1]:
//
//	HHI = Σ_i s_i²,  s_i = c_i / Σ_j c_j.
//
// It is 1 when one holder has everything and 1/k when k holders have equal
// shares (1/HHI is the "effective number" of holders); holders with a zero
// count do not change it. Multiply by 10 000 for the antitrust scale. No
// counts, or a total of 0, give 0. The counts must be finite and
// non-negative; otherwise HHI returns NaN.
func HHI(counts []float64) float64 {
	if !nonNegative(counts) {
		return math.NaN()
	}
	// Σ c² / (Σ c)² rather than Σ (c/S)²: on whole-number counts (seats)
	// both sums are exact, so equal counts give exactly 1/k and every
	// caller gets the same bits for the same seats.
	var total, sq float64
	for _, c := range counts {
		total += c
		sq += c * c
	}
	if total == 0 {
		return 0
	}
	return sq / (total * total)
}

// MinHolders returns the smallest number of holders whose counts together
// reach at least the given share of the total: the smallest k such that
// the k largest counts sum to ≥ share·Σ c (with a relative slack of 1e-12 for
// rounding). MinHolders(seats, 0.5) is the number of actors who hold half
// of all decision seats. A share ≤ 0, no counts or a total of 0 give 0; a
// share > 1 is taken as 1 (every holder with a non-zero count). The counts
// must be finite and non-negative; otherwise MinHolders returns −1.
func MinHolders(counts []float64, share float64) int {
	if !nonNegative(counts) || math.IsNaN(share) {
		return -1
	}
	var total float64
	for _, c := range counts {
		total += c
	}
	if total == 0 || share <= 0 {
		return 0
	}
	share = min(share, 1)
	need := share*total - 1e-12*total
	var held float64
	for k, i := range Top(counts, len(counts)) {
		held += counts[i]
		if held >= need {
			return k + 1
		}
	}
	return len(counts)
}

// nonNegative reports whether every value is finite and ≥ 0.
func nonNegative(values []float64) bool {
	for _, v := range values {
		if !(v >= 0) || math.IsInf(v, 1) {
			return false
		}
	}
	return true
}
