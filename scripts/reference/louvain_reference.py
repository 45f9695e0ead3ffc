#!/usr/bin/python3
"""Write analysis/testdata/louvain_reference.json: the modularity Q that
igraph's and NetworkX's Louvain implementations reach on the published
networks, the reference for analysis's own Louvain kernel
(analysis/louvain_test.go, TestLouvainPeers).

Run from the repository root with the Debian python3-igraph and
python3-networkx:

    /usr/bin/python3 scripts/reference/louvain_reference.py

Networks: Zachary's karate club, Padgett's Florentine families and Les
Miserables exactly as analysis/testdata/reference.json holds them (node
order and edge weights from that file, written by
scripts/reference/networkx_reference.py), each unweighted (every weight 1)
and, where the file has weights, weighted; and the Western States Power
Grid (Watts & Strogatz 1998) from analysis/testdata/powergrid.txt (written
by scripts/reference/powergrid.py), unweighted.

For seeds 1..10, with exactly these calls:

    random.seed(seed)   # python-igraph draws from Python's random module
    igraph.Graph.community_multilevel(weights=w).modularity       # igraph 0.10
    nx.community.modularity(G, nx.community.louvain_communities(
        G, weight="weight", resolution=1, seed=seed), weight="weight")

it records every Q, their mean, minimum and maximum. Q is Newman's
modularity on the weights used (Newman & Girvan 2004), the same value
analysis.Modularity computes.
"""

import json
import os
import random
import statistics

import igraph
import networkx as nx
from networkx.algorithms import community as nxc

SEEDS = list(range(1, 11))


def root():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def networks():
    ref = json.load(open(os.path.join(root(), "analysis", "testdata", "reference.json")))
    for g in ref["graphs"]:
        n = len(g["nodes"])
        edges = [(int(u), int(v), float(w)) for u, v, w in g["edges"]]
        yield g["name"] + " unweighted", g["name"], False, n, edges
        if any(w != 1 for _, _, w in edges):
            yield g["name"] + " weighted", g["name"], True, n, edges
    edges = []
    for line in open(os.path.join(root(), "analysis", "testdata", "powergrid.txt")):
        if line.strip() and not line.startswith("#"):
            u, v = map(int, line.split())
            edges.append((u, v, 1.0))
    n = 1 + max(max(u, v) for u, v, _ in edges)
    yield "powergrid unweighted", "powergrid", False, n, edges


def summary(qs):
    return {"q": qs, "mean": statistics.fmean(qs), "min": min(qs), "max": max(qs)}


def main():
    out = {
        "igraph": igraph.__version__,
        "networkx": nx.__version__,
        "seeds": SEEDS,
        "networks": [],
    }
    for name, graph, weighted, n, edges in networks():
        weights = [w if weighted else 1.0 for _, _, w in edges]
        ig = igraph.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=False)
        ig.es["weight"] = weights
        G = nx.Graph()
        G.add_nodes_from(range(n))
        for (u, v, _), w in zip(edges, weights):
            G.add_edge(u, v, weight=w)
        ig_q, nx_q = [], []
        for seed in SEEDS:
            random.seed(seed)
            ig_q.append(ig.community_multilevel(weights="weight").modularity)
            parts = nxc.louvain_communities(G, weight="weight", resolution=1, seed=seed)
            nx_q.append(nxc.modularity(G, parts, weight="weight"))
        out["networks"].append({
            "name": name,
            "graph": graph,
            "weighted": weighted,
            "nodes": n,
            "edges": len(edges),
            "igraph": summary(ig_q),
            "networkx": summary(nx_q),
        })
    path = os.path.join(root(), "analysis", "testdata", "louvain_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
