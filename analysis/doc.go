// Package analysis computes network measures on a snapshot of the place
// network: centrality with NetworkX 3 conventions, Louvain communities and a
// network summary. It is pure: it imports only gonum and the standard
// library, knows nothing of GraphQL or storage, and is deterministic.
//
// A snapshot is an undirected weighted simple Graph on nodes 0..n-1 built
// with NewGraph; callers keep their own mapping from actor ids to node
// indices. Several ties between the same two actors add up to one stronger
// tie. Weighted path measures take the length of a tie to be 1/weight, so a
// strong tie is a short path.
//
// Every measure is checked against NetworkX on Zachary's karate club,
// Padgett's Florentine families and Les Misérables (testdata/reference.json,
// written by scripts/reference/networkx_reference.py) and against gonum's
// network package on random graphs. The all-pairs kernels run over a
// compressed sparse row adjacency on parallel workers: betweenness as
// Brandes-style searches; closeness and harmonic centrality measured in
// edges as a bit-parallel breadth-first search from 256 sources at once
// (Then et al. 2014, allpairs.go), weighted as Dijkstra searches on a radix
// heap (search_radix.go); PageRank and eigenvector centrality as power
// iterations in node blocks (spectral.go, blocks.go). Results are the same
// bit for bit whatever GOMAXPROCS is. Long computations report their
// progress to a function carried by the context (WithProgress) and stop
// when it is cancelled. BENCHMARKS.md at the repository root compares them
// with igraph and graph-tool (scripts/bench/kernels.sh).
//
// For large graphs the package also estimates, with stated error bounds:
// ApproxBetweenness (Riondato & Kornaropoulos 2016 path sampling, each path
// drawn by a balanced bidirectional search) and ApproxHarmonic (source
// sampling, Eppstein & Wang 2004, with a Serfling bound, over a bit-parallel
// multi-source search). Communities runs the package's own Louvain kernel
// over the same CSR adjacency at every size (louvain.go); gonum's Louvain
// is its test reference. The sub-packages voice, power,
// participation, recommend and funding build the voice-and-power and
// funding analyses on top of Graph.
package analysis
