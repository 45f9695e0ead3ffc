#!/usr/bin/python3
"""Write analysis/power/testdata/power_reference.json: NetworkX and igraph
reference values for the analysis/power package's tests.

Run from anywhere with the Debian NetworkX, python-igraph and NumPy:

    /usr/bin/python3 scripts/reference/power_reference.py

For each network (Zachary's karate club, Padgett's Florentine families,
Les Miserables, and a small hand-built graph "bridged" with a bridge, a
pendant and an isolated node) it records the node names in G's own node
order (their index is the node id used by the Go tests), the edge list with
each edge's 'weight' (1 when absent), and the values below, each computed
with exactly the call written beside it.

Freeman centralization. python-igraph 0.10 (Debian) does not expose the C
functions igraph_centralization_degree / igraph_centralization_betweenness,
so this script applies igraph's own definition (igraph_centralization with
normalized=true, src/centrality/centralization.c) to igraph's node scores:

    centralization = (n * max(scores) - sum(scores)) / theoretical_max
    degree:      scores = g.degree(loops=False),
                 theoretical_max = (n-1)(n-2)          (degree_tmax, undirected, loops=false)
    betweenness: scores = g.betweenness(directed=False),
                 theoretical_max = (n-1)^2 (n-2) / 2   (betweenness_tmax, undirected)

and checks the same figure from NetworkX's normalized scores.

NaN (constraint and effective size of an isolated node) is written as null.
"""

import json
import math
import os
import platform
import sys

import igraph as ig
import networkx as nx
import numpy as np

TIGHT = dict(tol=1e-13, max_iter=100000)
TOP_FRACTION = 0.05


def bridged():
    """Two triangles 0-1-2 and 3-4-5 joined by the bridge 2-3, a pendant 6
    on 5 and an isolated node 7, with unequal weights."""
    G = nx.Graph()
    G.add_nodes_from(range(8))
    G.add_weighted_edges_from([(0, 1, 2), (0, 2, 1), (1, 2, 1), (2, 3, 3),
                               (3, 4, 1), (3, 5, 2), (4, 5, 1), (5, 6, 1)])
    return G


def graphs():
    yield "karate", "nx.karate_club_graph() (Zachary 1977; weights = number of contexts of interaction)", nx.karate_club_graph()
    yield "florentine", "nx.florentine_families_graph() (Padgett & Ansell 1993, marriage ties; no weights, so weight 1)", nx.florentine_families_graph()
    yield "lesmis", "nx.les_miserables_graph() (Knuth 1993, co-appearances as weights)", nx.les_miserables_graph()
    yield "bridged", "hand-built: triangles 0-1-2 and 3-4-5, bridge 2-3, pendant 5-6, isolated 7", bridged()


def freeman(scores, tmax):
    """igraph_centralization(scores, tmax, normalized=true)."""
    n = len(scores)
    return (n * max(scores) - sum(scores)) / tmax


def gini(x):
    """Gini, population convention, sorted form:
    np.sum((2*np.arange(1, n+1) - n - 1) * np.sort(x)) / (n * np.sum(x))."""
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    if x.sum() == 0:
        return 0.0
    g = float(np.sum((2 * np.arange(1, n + 1) - n - 1) * x) / (n * x.sum()))
    # The mean-absolute-difference definition gives the same number.
    mad = float(np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * x.mean()))
    assert abs(g - mad) < 1e-12, (g, mad)
    return g


def top(values, k):
    """Indices of the k largest values, ties by smaller index."""
    return sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]


def top_share(values, fraction):
    k = min(max(math.ceil(fraction * len(values) - 1e-9), 1), len(values))
    idx = top(values, k)
    return sum(values[i] for i in idx) / sum(values), idx


def hhi(counts):
    total = sum(counts)
    return sum((c / total) ** 2 for c in counts)


def min_holders(counts, share):
    total, held = sum(counts), 0.0
    for k, i in enumerate(top(counts, len(counts)), start=1):
        held += counts[i]
        if held >= share * total - 1e-12 * total:
            return k
    return len(counts)


def separation(G, nodes, sources, targets):
    """For each node v, the sources s != v that had a target in their
    component of G but have none in their component of G - v (a source that
    is a target always has one). Brute force: nx.node_connected_component."""
    src = {nodes[i] for i in sources}
    tgt = {nodes[i] for i in targets}

    def reaches(H, s):
        return bool(nx.node_connected_component(H, s) & tgt)

    before = {s: reaches(G, s) for s in src}
    out = []
    for v in nodes:
        H = G.copy()
        H.remove_node(v)
        out.append(sum(1 for s in src if s != v and before[s] and not reaches(H, s)))
    return out


def nan_to_none(xs):
    return [None if math.isnan(x) else float(x) for x in xs]


def measure(name, source, G):
    nodes = list(G.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    for u, v, d in G.edges(data=True):
        d.setdefault("weight", 1)
    edges = [[index[u], index[v], float(d["weight"])] for u, v, d in G.edges(data=True)]
    h = ig.Graph(n=n, edges=[(e[0], e[1]) for e in edges])
    assert h.is_simple()

    # igraph: centralization_degree(loops=False) and centralization_betweenness(directed=False).
    deg_c = freeman(h.degree(loops=False), (n - 1) * (n - 2))
    btw_c = freeman(h.betweenness(directed=False), (n - 1) ** 2 * (n - 2) / 2)
    # The same from NetworkX's normalized scores: denominators n-2 and n-1.
    dc = nx.degree_centrality(G)
    assert abs(deg_c - freeman([dc[v] for v in nodes], n - 2)) < 1e-12
    # betweenness: nx.betweenness_centrality(G, normalized=True, weight=None)
    bc = nx.betweenness_centrality(G, normalized=True, weight=None)
    btw = [float(bc[v]) for v in nodes]
    assert abs(btw_c - freeman(btw, n - 1)) < 1e-12

    # pagerank: nx.pagerank(G, alpha=0.85, weight=None, tol=1e-13, max_iter=100000)
    pr = nx.pagerank(G, alpha=0.85, weight=None, **TIGHT)
    pagerank = [float(pr[v]) for v in nodes]

    share, top_idx = top_share(btw, TOP_FRACTION)
    # "counts" for HHI and MinHolders: weighted degree, dict(G.degree(weight="weight"))
    wd = dict(G.degree(weight="weight"))
    strength = [float(wd[v]) for v in nodes]

    # nx.articulation_points(G), as sorted ids; igraph agrees.
    aps = sorted(index[v] for v in nx.articulation_points(G))
    assert aps == sorted(h.articulation_points()), (aps, h.articulation_points())

    # Separation: targets are the two nodes of highest degree (ties by
    # smaller id), sources every other node.
    degs = [G.degree(v) for v in nodes]
    targets = sorted(top(degs, 2))
    sources = [i for i in range(n) if i not in targets]

    def per_node(f, weight):
        d = f(G, weight=weight)
        return nan_to_none([d[v] for v in nodes])

    return {
        "name": name,
        "source": source,
        "nodes": [str(v) for v in nodes],
        "edges": edges,
        "centralization": {"degree": deg_c, "betweenness": btw_c},
        "betweenness": btw,
        "pagerank": pagerank,
        # gini(x) as defined above on the betweenness and pagerank lists
        "gini": {"betweenness": gini(btw), "pagerank": gini(pagerank)},
        "top_share": {"fraction": TOP_FRACTION, "betweenness": share, "top": top_idx},
        "strength": strength,
        "hhi": hhi(strength),
        "min_holders_half": min_holders(strength, 0.5),
        "articulation_points": aps,
        "separation": {"sources": sources, "targets": targets,
                       "separated": separation(G, nodes, sources, targets)},
        # nx.constraint(G, weight=None | "weight")
        "constraint": {"unweighted": per_node(nx.constraint, None),
                       "weighted": per_node(nx.constraint, "weight")},
        # nx.effective_size(G, weight=None | "weight")
        "effective_size": {"unweighted": per_node(nx.effective_size, None),
                           "weighted": per_node(nx.effective_size, "weight")},
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    doc = {
        "generator": "scripts/reference/power_reference.py",
        "networkx": nx.__version__,
        "igraph": ig.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "graphs": [measure(name, source, G) for name, source, G in graphs()],
    }
    path = os.path.join(root, "analysis", "power", "testdata", "power_reference.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
