#!/usr/bin/python3
"""Time unweighted betweenness centrality with igraph and graph-tool on an
edge list written by scripts/bench/baedges, and check that both agree with
each other (normalised as NetworkX does).

    /usr/bin/python3 scripts/bench/python_betweenness.py EDGES N REPEATS

Prints one line per library: "<library> <version> <best seconds> <mean seconds>".
"""

import sys
import time

import graph_tool
import graph_tool.centrality as gtc
import igraph


def best_of(repeats, fn):
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), sum(times) / len(times), result


def main():
    path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    edges = [tuple(map(int, line.split())) for line in open(path) if line.strip()]

    ig = igraph.Graph(n=n, edges=edges, directed=False)
    best, mean, ig_bc = best_of(repeats, lambda: ig.betweenness(directed=False))
    print(f"igraph {igraph.__version__} {best:.4f} {mean:.4f}")

    gt = graph_tool.Graph(directed=False)
    gt.add_vertex(n)
    gt.add_edge_list(edges)
    best, mean, (vb, _) = best_of(repeats, lambda: gtc.betweenness(gt, norm=True))
    threads = graph_tool.openmp_get_num_threads() if graph_tool.openmp_enabled() else 1
    print(f"graph-tool {graph_tool.__version__.split()[0]} {best:.4f} {mean:.4f} openmp_threads={threads}")

    # igraph counts each unordered pair once; graph-tool with norm=True
    # divides by (n-1)(n-2)/2, which is NetworkX's normalisation.
    scale = 2 / ((n - 1) * (n - 2))
    worst = max(abs(a * scale - b) for a, b in zip(ig_bc, vb.a))
    if worst > 1e-9:
        sys.exit(f"igraph and graph-tool disagree by {worst}")


if __name__ == "__main__":
    main()
