package analysis

// BetweennessSamples returns the number of shortest paths ApproxBetweenness
// samples for ε = eps and δ = delta on a graph whose vertex diameter (the
// most nodes on a shortest path) is at most vertexDiameter >= 3:
// r = ⌈(0.5/ε²)(⌊log₂(VD−2)⌋ + 1 + ln(1/δ))⌉ (Riondato & Kornaropoulos
// 2016). It is an error wrapping ErrInvalid if r exceeds MaxApproxSamples.
// Callers use it to foresee the cost of an estimate.
func BetweennessSamples(eps, delta float64, vertexDiameter int) (int, error) {
	return approxSampleSize(eps, delta, max(vertexDiameter, 3))
}

// HarmonicSources returns the number of sources ApproxHarmonic searches
// for ε = eps and δ = delta on n >= 2 nodes: k = ⌈a·n/(n−1+a)⌉ + 1 with
// a = ln(2n/δ)/(2ε²), at most n (n means the exact values are computed).
// Callers use it to foresee the cost of an estimate.
func HarmonicSources(eps, delta float64, n int) int {
	if n < 2 {
		return n
	}
	return harmonicSampleSize(eps, delta, n)
}

// UniformStrength reports whether every tie of g has the same strength (and
// g has a tie): the weighted path measures then measure paths by
// breadth-first search, at the cost of the unweighted ones.
func (g *Graph) UniformStrength() bool { return g.uniform }
