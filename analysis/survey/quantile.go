package survey

import "math"

// Quantile returns the p-quantile of the sorted values xs (ascending, at
// least one) by linear interpolation between order statistics, Hyndman and
// Fan's definition 7 (1996, "Sample quantiles in statistical packages",
// Am. Stat. 50:361), the default of R's quantile, NumPy's percentile and
// Python's statistics.quantiles(method="inclusive"):
//
//	h = (n − 1)·p,   Q(p) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋)
//
// with x indexed from 0. Q(0.5) is the usual median (the mean of the two
// middle values when n is even), and Q(0) and Q(1) the smallest and
// largest values. p must be in [0, 1].
func Quantile(xs []float64, p float64) float64 {
	h := float64(len(xs)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-lo)*(xs[i+1]-xs[i])
}
