#!/usr/bin/python3
"""Peer timings for scripts/bench/storeperf.sh: what igraph and graph-tool
take for the same user paths as voicemap.

    python_storeperf.py load igraph|graph-tool FILE.graphml
        one process: the wall time of reading the GraphML file
        (igraph Graph.Read_GraphML, graph-tool load_graph) and the
        process's peak resident memory
    python_storeperf.py analyse FILE.graphml
        one igraph process: read the file, then an analysis set like the
        one voicemap's first-call benchmark runs (PageRank, Louvain
        communities, harmonic centrality from 200 sampled sources,
        coreness; betweenness is left out: igraph has no sampling
        estimate, and with a path-length cutoff of 2 it ran for over 25
        minutes at 100k), the time of each and the peak resident memory
        of the whole process

Prints "key value" lines. Debian's python3-igraph 0.10 and
python3-graph-tool 2.45 at /usr/bin/python3.
"""
import random
import resource
import sys
import time


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load(lib, path):
    # The library is imported before the clock starts.
    if lib == "igraph":
        import igraph
        read = igraph.Graph.Read_GraphML
    else:
        import graph_tool.all as gt
        def read(p):
            return gt.load_graph(p, fmt="graphml")
    c0 = cpu_s()
    t = time.perf_counter()
    g = read(path)
    if lib == "igraph":
        n, m = g.vcount(), g.ecount()
    else:
        n, m = g.num_vertices(), g.num_edges()
    print(f"load_s {time.perf_counter() - t:.3f}")
    print(f"cpu_s {cpu_s() - c0:.3f}")
    print(f"nodes {n}\nedges {m}")
    print(f"peak_rss_mib {peak_mib():.0f}")


def analyse(path):
    import igraph
    c0 = cpu_s()
    start = time.perf_counter()
    g = igraph.Graph.Read_GraphML(path)
    g.to_undirected(mode="collapse")
    print(f"load_s {time.perf_counter() - start:.3f}")
    steps = [
        ("pagerank", lambda: g.pagerank()),
        ("communities", lambda: g.community_multilevel()),
        ("harmonic", lambda: g.harmonic_centrality(vertices=random.Random(1).sample(range(g.vcount()), 200))),
        ("coreness", lambda: g.coreness()),
    ]
    for name, fn in steps:
        t = time.perf_counter()
        fn()
        print(f"{name}_s {time.perf_counter() - t:.3f}")
    print(f"full_set_s {time.perf_counter() - start:.3f}")
    print(f"cpu_s {cpu_s() - c0:.3f}")
    print(f"peak_rss_mib {peak_mib():.0f}")


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "analyse":
        analyse(sys.argv[2])
    else:
        sys.exit("usage: python_storeperf.py load igraph|graph-tool FILE | analyse FILE")
