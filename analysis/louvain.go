package analysis

import (
	"context"
	"math/rand/v2"
	"slices"
)

// louvainMinGain is the smallest rise in modularity over a pass of local
// moving that keeps a level going.
const louvainMinGain = 1e-7

// louvainLevel is one level of the Louvain hierarchy: a weighted undirected
// graph in CSR form whose nodes are the communities of the level below.
// self[u] is the total weight of the ties folded inside node u (each
// undirected tie counted once); it adds 2·self[u] to the strength of u, as a
// self loop of weight w adds 2w to a node's degree in NetworkX.
type louvainLevel struct {
	off  []int
	adj  []int32
	w    []float64
	self []float64
	k    []float64 // strength: Σ w over neighbours + 2·self
}

func (l *louvainLevel) order() int { return len(l.self) }

// louvainPartition partitions g by the Louvain method (Blondel, Guillaume,
// Lambiotte & Lefebvre 2008, "Fast unfolding of communities in large
// networks", J. Stat. Mech. P10008) at resolution 1 on the tie strengths,
// and returns the community of each node of g, numbered 0..k-1 in order of
// first appearance by node id.
//
// Phase 1 (local moving) visits the nodes of a level in an order shuffled
// by rand.NewPCG(uint64(seed), uint64(seed)) from math/rand/v2, once per
// level, and moves each node i to the neighbouring community c with the
// largest gain
//
//	g_c = k_i,c − Σ_tot(c)·k_i / 2m
//
// (k_i,c the weight of i's ties into c, Σ_tot(c) the strength of c without
// i, k_i the strength of i, m the total weight), the smallest id among
// equal gains, and only if that gain is strictly greater than that of
// staying in its community a; the move raises Q by exactly 2(g_c − g_a)/2m,
// and these rises are summed over the pass. The first pass visits every
// node; each later pass visits, in the same order, only the nodes with a
// neighbour that moved in the pass before (the pruning of Ozaki, Tezuka &
// Inaba 2016, "A simple acceleration method for the Louvain algorithm",
// Int. J. Comput. Electr. Eng. 8:207: for a node none of whose neighbours
// moved only the totals Σ_tot can have changed, which seldom makes a
// move worth it; it cuts the work several times over on the
// Barabási–Albert graphs of BENCHMARKS.md at the same Q). Passes repeat until one
// moves nothing or raises Q by less than 1e-7. Phase 2 folds each community
// into one node whose internal weight becomes a self loop. The levels
// repeat until local moving merges nothing. The result depends only on g
// and seed. ctx is checked between passes.
func louvainPartition(ctx context.Context, g *Graph, seed int64) ([]int32, error) {
	n := g.n
	membership := make([]int32, n)
	for v := range membership {
		membership[v] = int32(v)
	}
	if n == 0 || g.m == 0 {
		return membership, nil
	}
	lvl := &louvainLevel{off: g.off, adj: g.adj, w: g.w, self: make([]float64, n), k: make([]float64, n)}
	var twoM float64
	for u := range n {
		var s float64
		for _, w := range g.w[g.off[u]:g.off[u+1]] {
			s += w
		}
		lvl.k[u] = s
		twoM += s
	}
	rnd := rand.New(rand.NewPCG(uint64(seed), uint64(seed)))
	progress := newTracker(ctx, 0) // passes; how many is not known ahead
	for {
		comm, moved, err := louvainMove(ctx, lvl, twoM, rnd, progress)
		if err != nil {
			return nil, err
		}
		k := renumber(comm)
		for v, c := range membership {
			membership[v] = comm[c]
		}
		if !moved || k == lvl.order() {
			progress.finish()
			return membership, nil
		}
		lvl = louvainAggregate(lvl, comm, k)
	}
}

// louvainMove runs phase 1 on lvl and returns the community of each node
// (an id of some node of lvl) and whether any node moved. It counts each
// pass to progress.
func louvainMove(ctx context.Context, lvl *louvainLevel, twoM float64, rnd *rand.Rand, progress *tracker) ([]int32, bool, error) {
	n := lvl.order()
	comm := make([]int32, n)
	tot := make([]float64, n) // Σ_tot: strength of each community
	for u := range n {
		comm[u] = int32(u)
		tot[u] = lvl.k[u]
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	rnd.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })

	acc := make([]float64, n) // k_i,c for the node being moved
	seen := make([]bool, n)   // whether c is in touched
	touched := make([]int32, 0, 64)
	visit := make([]bool, n) // visit in this pass
	again := make([]bool, n) // visit in the next pass
	for i := range visit {
		visit[i] = true
	}
	anyMove := false
	for {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		progress.add(1)
		moves := 0
		// gain2m is 2m times the rise in Q over the pass: each move of i
		// from a to b raises Q by 2(g_b − g_a)/2m, g_c = k_i,c − Σ_tot(c)·k_i/2m.
		var gain2m float64
		for _, i := range order {
			if !visit[i] {
				continue
			}
			ci := comm[i]
			ki := lvl.k[i]
			lo, hi := lvl.off[i], lvl.off[i+1]
			touched = touched[:0]
			for j := lo; j < hi; j++ {
				c := comm[lvl.adj[j]]
				if !seen[c] {
					seen[c] = true
					touched = append(touched, c)
				}
				acc[c] += lvl.w[j]
			}
			tot[ci] -= ki
			scale := ki / twoM
			stay := acc[ci] - tot[ci]*scale
			best, bestGain := ci, stay
			for _, c := range touched {
				if c == ci {
					continue
				}
				// A move needs a gain strictly above staying's; among
				// equal gains the smallest community id wins.
				gain := acc[c] - tot[c]*scale
				if gain > bestGain || gain == bestGain && best != ci && c < best {
					best, bestGain = c, gain
				}
			}
			tot[best] += ki
			if best != ci {
				comm[i] = best
				moves++
				gain2m += 2 * (bestGain - stay)
				for _, v := range lvl.adj[lo:hi] {
					again[v] = true
				}
			}
			for _, c := range touched {
				acc[c] = 0
				seen[c] = false
			}
		}
		if moves == 0 {
			return comm, anyMove, nil
		}
		anyMove = true
		visit, again = again, visit
		clear(again)
		if gain2m/twoM < louvainMinGain {
			return comm, anyMove, nil
		}
	}
}

// renumber rewrites comm in place to ids 0..k-1, in order of first
// appearance, and returns k.
func renumber(comm []int32) int {
	id := make([]int32, len(comm))
	for i := range id {
		id[i] = -1
	}
	k := int32(0)
	for u, c := range comm {
		if id[c] < 0 {
			id[c] = k
			k++
		}
		comm[u] = id[c]
	}
	return int(k)
}

// louvainAggregate is phase 2: it returns the level whose node c is the
// community c of comm (ids 0..k-1) on lvl. Ties between communities are
// summed; ties inside one, and the self loops of its members, become its
// self loop. Neighbours are in ascending order.
func louvainAggregate(lvl *louvainLevel, comm []int32, k int) *louvainLevel {
	n := lvl.order()
	// Counting sort of the nodes by community.
	start := make([]int, k+1)
	for _, c := range comm {
		start[c+1]++
	}
	for c := range k {
		start[c+1] += start[c]
	}
	members := make([]int32, n)
	fill := slices.Clone(start[:k])
	for u, c := range comm {
		members[fill[c]] = int32(u)
		fill[c]++
	}

	next := &louvainLevel{
		off:  make([]int, k+1),
		adj:  make([]int32, 0, len(lvl.adj)/2),
		w:    make([]float64, 0, len(lvl.adj)/2),
		self: make([]float64, k),
		k:    make([]float64, k),
	}
	acc := make([]float64, k)
	seen := make([]bool, k)
	touched := make([]int32, 0, 64)
	for c := range k {
		var self float64
		touched = touched[:0]
		for _, u := range members[start[c]:start[c+1]] {
			self += lvl.self[u]
			next.k[c] += lvl.k[u]
			for j := lvl.off[u]; j < lvl.off[u+1]; j++ {
				v := lvl.adj[j]
				cv := comm[v]
				if int(cv) == c {
					if u < v {
						self += lvl.w[j]
					}
					continue
				}
				if !seen[cv] {
					seen[cv] = true
					touched = append(touched, cv)
				}
				acc[cv] += lvl.w[j]
			}
		}
		slices.Sort(touched)
		for _, cv := range touched {
			next.adj = append(next.adj, cv)
			next.w = append(next.w, acc[cv])
			acc[cv] = 0
			seen[cv] = false
		}
		next.self[c] = self
		next.off[c+1] = len(next.adj)
	}
	return next
}
