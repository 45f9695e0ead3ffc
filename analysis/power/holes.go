package power

import (
	"math"

	"github.com/voicemap/voicemap/analysis"
)

// Constraint returns Burt's constraint of every node of g (Burt 1992,
// "Structural Holes", Harvard University Press; Burt 2004, "Structural
// holes and good ideas", AJS 110:349), the extent to which a node's
// contacts are invested in each other:
//
//	c(u) = Σ_{v ∈ N(u)} (p_uv + Σ_{w ∈ N(u)} p_uw p_wv)²,
//	p_uv = (a_uv + a_vu) / Σ_{k ∈ N(u)} (a_uk + a_ku)
//
// where a_uv is the weight of the tie (1 when weighted is false). For an
// undirected graph the mutual weight a_uv + a_vu is twice the tie weight
// and the factor cancels: p_uv = w_uv / Σ_k w_uk. Low constraint marks a
// broker spanning structural holes; a leaf has constraint 1, the centre of
// a star with k leaves 1/k. It matches NetworkX's nx.constraint(G,
// weight=None) when weighted is false and nx.constraint(G, weight="weight")
// when it is true.
//
// An isolated node has no contacts, and constraint is undefined for it:
// as in NetworkX its value is NaN, which callers must skip (a GraphQL
// Float cannot carry it). The cost is O(Σ_w deg(w)²) time and O(n) extra
// memory.
func Constraint(g *analysis.Graph, weighted bool) []float64 {
	n := g.Order()
	strength := strengths(g, weighted)
	out := make([]float64, n)
	p := make([]float64, n)        // p_u· for the current u, valid where mark == u+1
	indirect := make([]float64, n) // Σ_w p_uw p_wv for v ∈ N(u)
	mark := make([]int32, n)
	for u := range n {
		nbU, wU := g.Neighbours(u)
		if len(nbU) == 0 {
			out[u] = math.NaN()
			continue
		}
		stamp := int32(u + 1)
		for i, v := range nbU {
			p[v] = weight(wU, i, weighted) / strength[u]
			mark[v] = stamp
			indirect[v] = 0
		}
		for _, w := range nbU {
			puw := p[w]
			nbW, wW := g.Neighbours(int(w))
			for j, v := range nbW {
				if mark[v] == stamp {
					indirect[v] += puw * weight(wW, j, weighted) / strength[w]
				}
			}
		}
		var c float64
		for _, v := range nbU {
			l := p[v] + indirect[v]
			c += l * l
		}
		out[u] = c
	}
	return out
}

// EffectiveSize returns Burt's effective size of every node's ego network
// (Burt 1992), the number of its contacts less their redundancy:
//
//	e(u) = Σ_{v ∈ N(u)} (1 − Σ_{w ∈ N(u)} p_uw m_vw),
//	m_vw = (a_vw + a_wv) / max_{k ∈ N(v)} (a_vk + a_kv)
//
// with p as in Constraint. With every weight 1 this is Borgatti's simplified
// form e(u) = n − 2t/n, where n is the degree of u and t the number of ties
// among its contacts (Borgatti 1997, "Structural holes: unpacking Burt's
// redundancy measures", Connections 20:35), which NetworkX uses in the
// unweighted undirected case. It matches NetworkX's nx.effective_size(G,
// weight=None) when weighted is false and nx.effective_size(G,
// weight="weight") when it is true. Efficiency is e(u)/deg(u).
//
// An isolated node has NaN, as in NetworkX; a leaf has 1, the centre of a
// star with k leaves k. The cost is O(Σ_v deg(v)²) time and O(n) extra
// memory.
func EffectiveSize(g *analysis.Graph, weighted bool) []float64 {
	n := g.Order()
	strength := strengths(g, weighted)
	strongest := make([]float64, n)
	for v := range n {
		nb, w := g.Neighbours(v)
		for i := range nb {
			strongest[v] = max(strongest[v], weight(w, i, weighted))
		}
	}
	out := make([]float64, n)
	p := make([]float64, n)
	mark := make([]int32, n)
	for u := range n {
		nbU, wU := g.Neighbours(u)
		if len(nbU) == 0 {
			out[u] = math.NaN()
			continue
		}
		stamp := int32(u + 1)
		for i, v := range nbU {
			p[v] = weight(wU, i, weighted) / strength[u]
			mark[v] = stamp
		}
		var e float64
		for _, v := range nbU {
			nbV, wV := g.Neighbours(int(v))
			var r float64
			for j, w := range nbV {
				if mark[w] == stamp {
					r += p[w] * weight(wV, j, weighted) / strongest[v]
				}
			}
			e += 1 - r
		}
		out[u] = e
	}
	return out
}

// strengths returns the sum of tie weights at each node, or its degree
// when weighted is false.
func strengths(g *analysis.Graph, weighted bool) []float64 {
	s := make([]float64, g.Order())
	for u := range s {
		nb, w := g.Neighbours(u)
		for i := range nb {
			s[u] += weight(w, i, weighted)
		}
	}
	return s
}

func weight(w []float64, i int, weighted bool) float64 {
	if weighted {
		return w[i]
	}
	return 1
}
