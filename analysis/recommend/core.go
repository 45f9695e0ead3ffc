package recommend

// coreAfter finds the nodes whose core number rises when the tie u–v is
// added, by the subcore rule of Sariyüce, Gedik, Jacques-Silva, Wu and
// Çatalyürek (2013, "Streaming algorithms for k-core decomposition", PVLDB
// 6:433, Theorems 1–3): with K = min(core(u), core(v)), only nodes of core
// number K that are connected to an endpoint of core K through nodes of core
// K (the subcore) can change, and each rises by at most 1. Every node of
// the subcore starts with its count of neighbours of core ≥ K, after the
// change; nodes whose count is at most K are evicted one by one, lowering
// the counts of their subcore neighbours, and the nodes that remain rise
// to K + 1.
//
// PERIPHERAL only asks whether a core number is 1, and a node of core ≥ 2
// never falls, so nothing is done when K ≥ 2; the subcore search is then
// O(size of the subcore and its ties).
func (e *evaluator) coreAfter(u, v int32) {
	b := e.b
	k := min(b.core[u], b.core[v])
	if k >= 2 {
		return
	}
	e.sub = e.sub[:0]
	for _, r := range []int32{u, v} {
		if b.core[r] == k && !e.inSub[r] {
			e.inSub[r] = true
			e.sub = append(e.sub, r)
		}
	}
	for head := 0; head < len(e.sub); head++ {
		w := e.sub[head]
		adj, extra := e.o.neighbours(w)
		count := int32(0)
		visit := func(z int32) {
			if b.core[z] >= k {
				count++
			}
			if b.core[z] == k && !e.inSub[z] {
				e.inSub[z] = true
				e.sub = append(e.sub, z)
			}
		}
		for _, z := range adj {
			visit(z)
		}
		if extra >= 0 {
			visit(extra)
		}
		e.cd[w] = count
	}
	kk := int32(k)
	var stack []int32
	for _, w := range e.sub {
		if e.cd[w] <= kk {
			e.evicted[w] = true
			stack = append(stack, w)
		}
	}
	for len(stack) > 0 {
		w := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		adj, extra := e.o.neighbours(w)
		drop := func(z int32) {
			if !e.inSub[z] || e.evicted[z] {
				return
			}
			e.cd[z]--
			if e.cd[z] <= kk {
				e.evicted[z] = true
				stack = append(stack, z)
			}
		}
		for _, z := range adj {
			drop(z)
		}
		if extra >= 0 {
			drop(extra)
		}
	}
	for _, w := range e.sub {
		if !e.evicted[w] {
			e.promoted[w] = true
			e.promList = append(e.promList, w)
		}
		e.inSub[w], e.evicted[w], e.cd[w] = false, false, 0
	}
}
