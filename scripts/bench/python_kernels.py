#!/usr/bin/python3
"""Time one row of the kernel benchmarks (scripts/bench/kernels.sh) with
igraph and graph-tool on the edge lists written by scripts/bench/kernelsdata.

    /usr/bin/python3 scripts/bench/python_kernels.py ROW DATA_DIR REPEATS

Prints one line per library:

    <library> <version> <best seconds> <mean seconds> <checksum or -> <note>

The checksum is sum over nodes v of (v+1)*score(v)/n on the scale of
voicemap's answer (NetworkX's), or Q for Louvain, to compare with the "sum"
metric of analysis.BenchmarkPeers; "-" where the library has no such
function. graph-tool runs with 2 OpenMP threads. The calls:

    louvain-*                 igraph Graph.community_multilevel(), random.seed(1)
                              (graph-tool has no Louvain)
    closeness-weighted-ba10k  igraph Graph.closeness(weights=lengths),
                              graph_tool.centrality.closeness(g, weight=lengths),
                              lengths = 1/strength
    pagerank-*                igraph Graph.pagerank() (PRPACK),
                              graph_tool.centrality.pagerank(g) (epsilon 1e-6), and again
                              at voicemap's tolerance (epsilon n·1e-14, "graph-tool-tol")
    eigenvector-*             igraph Graph.eigenvector_centrality(scale=False) (ARPACK),
                              graph_tool.centrality.eigenvector(g) (epsilon 1e-6), and again
                              at voicemap's tolerance (epsilon n·1e-14, "graph-tool-tol")
    closeness-ba100k          igraph Graph.closeness(vertices=S),
                              graph_tool.centrality.closeness(g, source=s) for s in S
    harmonic-ba100k           igraph Graph.harmonic_centrality(vertices=S),
                              graph_tool.centrality.closeness(g, source=s, harmonic=True)

The all-sources rows (closeness-ba100k, harmonic-ba100k) would take the
peers tens of minutes, so by default they are timed on SAMPLE (1,000)
sources S drawn with random.seed(1) and scaled to all n sources: igraph's
time x n/|S|; graph-tool's single-source calls run on one thread, so its
time x n/|S| is divided by its 2 threads (perfect scaling assumed, in its
favour). With FULL=1 in the environment they run on every source instead.
"""

import os
import random
import sys
import time

import graph_tool
import graph_tool.centrality as gtc
import igraph

THREADS = 2
SAMPLE = 1000


def load(path):
    n, edges, weights = 0, [], []
    for line in open(path):
        if line.startswith("# n "):
            n = int(line.split()[2])
            continue
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split()
        edges.append((int(f[0]), int(f[1])))
        weights.append(float(f[2]) if len(f) > 2 else 1.0)
    return n, edges, weights


def timed(repeats, fn):
    if repeats > 1:
        fn()  # warm up, where there is time to
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), sum(times) / len(times), result


def checksum(values):
    n = len(values)
    return sum((v + 1) * x for v, x in enumerate(values)) / n


def line(lib, version, best, mean, check, note=""):
    check = "-" if check is None else "%.10g" % check
    print(f"{lib} {version} {best:.6f} {mean:.6f} {check} {note}".rstrip())


def main():
    row, data, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    graph = {
        "louvain-powergrid": "powergrid",
        "louvain-ba10k": "ba10k",
        "closeness-weighted-ba10k": "ba10k-weighted",
        "pagerank-ba10k": "ba10k",
        "pagerank-ba100k": "ba100k",
        "eigenvector-ba10k": "ba10k",
        "eigenvector-ba100k": "ba100k",
        "closeness-ba100k": "ba100k",
        "harmonic-ba100k": "ba100k",
    }[row]
    n, edges, weights = load(os.path.join(data, graph + ".txt"))
    ig = igraph.Graph(n=n, edges=edges, directed=False)
    ig.es["length"] = [1 / w for w in weights]
    gt = graph_tool.Graph(directed=False)
    gt.add_vertex(n)
    gt.add_edge_list(edges)
    length = gt.new_edge_property("double")
    length.a = [1 / w for w in weights]
    graph_tool.openmp_set_num_threads(THREADS)
    igv = igraph.__version__
    gtv = graph_tool.__version__.split()[0]
    gtnote = f"openmp_threads={graph_tool.openmp_get_num_threads()}"

    if row.startswith("louvain-"):
        def louvain():
            random.seed(1)
            return ig.community_multilevel()
        best, mean, c = timed(repeats, louvain)
        line("igraph", igv, best, mean, c.modularity)
        return
    if row == "closeness-weighted-ba10k":
        best, mean, v = timed(repeats, lambda: ig.closeness(weights="length"))
        line("igraph", igv, best, mean, checksum(v))
        best, mean, v = timed(repeats, lambda: gtc.closeness(gt, weight=length))
        line("graph-tool", gtv, best, mean, checksum(v.a), gtnote)
        return
    if row.startswith("pagerank-"):
        best, mean, v = timed(repeats, lambda: ig.pagerank())
        line("igraph", igv, best, mean, checksum(v))
        best, mean, v = timed(repeats, lambda: gtc.pagerank(gt))
        line("graph-tool", gtv, best, mean, checksum(v.a), gtnote)
        eps = n * 1e-14
        best, mean, v = timed(repeats, lambda: gtc.pagerank(gt, epsilon=eps))
        line("graph-tool-tol", gtv, best, mean, checksum(v.a), f"epsilon={eps:g}")
        return
    if row.startswith("eigenvector-"):
        best, mean, v = timed(repeats, lambda: ig.eigenvector_centrality(scale=False))
        line("igraph", igv, best, mean, checksum(v))
        best, mean, (_, v) = timed(repeats, lambda: gtc.eigenvector(gt))
        line("graph-tool", gtv, best, mean, checksum(v.a), gtnote)
        eps = n * 1e-14
        best, mean, (_, v) = timed(repeats, lambda: gtc.eigenvector(gt, epsilon=eps))
        line("graph-tool-tol", gtv, best, mean, checksum(v.a), f"epsilon={eps:g}")
        return

    harmonic = row.startswith("harmonic-")
    if os.environ.get("FULL") == "1":
        if harmonic:
            fn = lambda: ig.harmonic_centrality(normalized=False)
        else:
            fn = lambda: ig.closeness()
        t0 = time.perf_counter()
        v = fn()
        t = time.perf_counter() - t0
        line("igraph", igv, t, t, checksum(v), "all sources")
        t0 = time.perf_counter()
        v = gtc.closeness(gt, harmonic=harmonic, norm=not harmonic)
        t = time.perf_counter() - t0
        line("graph-tool", gtv, t, t, checksum(v.a), gtnote + ",all-sources")
        return
    random.seed(1)
    sample = random.sample(range(n), SAMPLE)
    t0 = time.perf_counter()
    if harmonic:
        iv = ig.harmonic_centrality(vertices=sample, normalized=False)
    else:
        iv = ig.closeness(vertices=sample)
    t = (time.perf_counter() - t0) * n / SAMPLE
    line("igraph", igv, t, t, None, f"extrapolated from {SAMPLE} sources")
    t0 = time.perf_counter()
    gv = [gtc.closeness(gt, source=gt.vertex(s), harmonic=harmonic, norm=not harmonic) for s in sample]
    t = (time.perf_counter() - t0) * n / SAMPLE / THREADS
    line("graph-tool", gtv, t, t, None, f"extrapolated from {SAMPLE} single-source calls, divided by {THREADS} threads")
    worst = max(abs(a - b) for a, b in zip(iv, gv))
    if worst > 1e-9 * max(abs(x) for x in iv):
        sys.exit(f"igraph and graph-tool disagree on {row} by {worst}")


if __name__ == "__main__":
    main()
