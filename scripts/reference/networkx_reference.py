#!/usr/bin/python3
"""Write analysis/testdata/reference.json: NetworkX reference values for the
analysis package's tests.

Run from the repository root with the Debian NetworkX:

    /usr/bin/python3 scripts/reference/networkx_reference.py

For each published network (Zachary's karate club, Padgett's Florentine
families, Les Miserables) it records the node names in G's own node order
(their index is the node id used by the Go tests), the edge list with each
edge's 'weight' attribute (1 when absent), and for every measure both the
unweighted and the weighted values, computed with exactly the calls written
beside each measure below. Weighted path measures use the length 1/weight,
stored as the edge attribute 'distance'.

The committed file was produced with the Debian NetworkX, 2.8.8 (the
version is recorded in the JSON). Every call used here has the same
signature, defaults and results in NetworkX 3: degree_centrality,
betweenness_centrality (normalised by 1/((n-1)(n-2)) over ordered pairs),
closeness_centrality (wf_improved=True), harmonic_centrality, pagerank
(alpha=0.85, SciPy power iteration), eigenvector_centrality (power iteration
on A+I), core_number, average_clustering, community.modularity and
community.louvain_communities.

PageRank and eigenvector centrality are iterated to a tolerance far below
NetworkX's default (1e-6 per node), so the values are the fixed point; the
values NetworkX gives at its default tolerance are recorded too
("nx_default") so the distance between the two can be seen.
"""

import json
import os
import platform
import sys

import networkx as nx
from networkx.algorithms import community as nxc

TIGHT = dict(tol=1e-13, max_iter=100000)
LOUVAIN_SEED = 42


def graphs():
    yield "karate", "nx.karate_club_graph() (Zachary 1977; weights = number of contexts of interaction)", nx.karate_club_graph()
    yield "florentine", "nx.florentine_families_graph() (Padgett & Ansell 1993, marriage ties; no weights, so weight 1)", nx.florentine_families_graph()
    yield "lesmis", "nx.les_miserables_graph() (Knuth 1993, co-appearances as weights)", nx.les_miserables_graph()


def as_list(G, nodes, values):
    return [float(values[v]) for v in nodes]


def measures(G, nodes):
    """Returns {measure: {"unweighted": [...], "weighted": [...]}}."""
    for u, v, d in G.edges(data=True):
        d.setdefault("weight", 1)
        d["distance"] = 1.0 / d["weight"]
    out = {}

    def both(name, unweighted, weighted):
        out[name] = {"unweighted": as_list(G, nodes, unweighted), "weighted": as_list(G, nodes, weighted)}

    # DEGREE ignores weights: nx.degree_centrality(G)
    dc = nx.degree_centrality(G)
    both("DEGREE", dc, dc)
    # WEIGHTED_DEGREE always uses weights: G.degree(weight="weight")
    wd = dict(G.degree(weight="weight"))
    both("WEIGHTED_DEGREE", wd, wd)
    # BETWEENNESS: nx.betweenness_centrality(G, normalized=True, weight=None | "distance")
    both("BETWEENNESS",
         nx.betweenness_centrality(G, normalized=True, weight=None),
         nx.betweenness_centrality(G, normalized=True, weight="distance"))
    # CLOSENESS: nx.closeness_centrality(G, distance=None | "distance", wf_improved=True)
    both("CLOSENESS",
         nx.closeness_centrality(G, distance=None, wf_improved=True),
         nx.closeness_centrality(G, distance="distance", wf_improved=True))
    # HARMONIC: nx.harmonic_centrality(G, distance=None | "distance")
    both("HARMONIC",
         nx.harmonic_centrality(G, distance=None),
         nx.harmonic_centrality(G, distance="distance"))
    # PAGERANK: nx.pagerank(G, alpha=0.85, weight=None | "weight", tol=1e-13, max_iter=100000)
    both("PAGERANK",
         nx.pagerank(G, alpha=0.85, weight=None, **TIGHT),
         nx.pagerank(G, alpha=0.85, weight="weight", **TIGHT))
    # EIGENVECTOR: nx.eigenvector_centrality(G, weight=None | "weight", tol=1e-13, max_iter=100000)
    both("EIGENVECTOR",
         nx.eigenvector_centrality(G, weight=None, **TIGHT),
         nx.eigenvector_centrality(G, weight="weight", **TIGHT))
    # CORENESS ignores weights: nx.core_number(G)
    cn = nx.core_number(G)
    both("CORENESS", cn, cn)

    nx_default = {
        # nx.pagerank(G, alpha=0.85, weight=None | "weight") at its default tol=1e-6
        "PAGERANK": {"unweighted": as_list(G, nodes, nx.pagerank(G, alpha=0.85, weight=None)),
                     "weighted": as_list(G, nodes, nx.pagerank(G, alpha=0.85, weight="weight"))},
        # nx.eigenvector_centrality(G, weight=None | "weight") at its default tol=1e-6
        "EIGENVECTOR": {"unweighted": as_list(G, nodes, nx.eigenvector_centrality(G, weight=None)),
                        "weighted": as_list(G, nodes, nx.eigenvector_centrality(G, weight="weight"))},
    }
    return out, nx_default


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    doc = {
        "generator": "scripts/reference/networkx_reference.py",
        "networkx": nx.__version__,
        "python": platform.python_version(),
        "graphs": [],
    }
    for name, source, G in graphs():
        nodes = list(G.nodes())
        index = {v: i for i, v in enumerate(nodes)}
        edges = [[index[u], index[v], float(d.get("weight", 1))] for u, v, d in G.edges(data=True)]
        values, nx_default = measures(G, nodes)
        # Partition: nx.community.louvain_communities(G, weight="weight", seed=42),
        # each community as sorted ids, largest first then smallest member.
        parts = nxc.louvain_communities(G, weight="weight", resolution=1, seed=LOUVAIN_SEED)
        partition = sorted((sorted(index[v] for v in c) for c in parts), key=lambda c: (-len(c), c[0]))
        named = [[nodes[i] for i in c] for c in partition]
        doc["graphs"].append({
            "name": name,
            "source": source,
            "nodes": [str(v) for v in nodes],
            "edges": edges,
            "centrality": values,
            "nx_default": nx_default,
            "summary": {
                "nodes": G.number_of_nodes(),                          # G.number_of_nodes()
                "edges": G.number_of_edges(),                          # G.number_of_edges()
                "density": nx.density(G),                              # nx.density(G)
                "components": nx.number_connected_components(G),       # nx.number_connected_components(G)
                "average_degree": 2 * G.number_of_edges() / len(G),    # 2m/n
                "average_clustering": nx.average_clustering(G),        # nx.average_clustering(G)
            },
            "partition": partition,
            "modularity": {
                # nx.community.modularity(G, partition, weight="weight")
                "weighted": nxc.modularity(G, named, weight="weight"),
                # nx.community.modularity(G, partition, weight=None)
                "unweighted": nxc.modularity(G, named, weight=None),
            },
        })
    path = os.path.join(root, "analysis", "testdata", "reference.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
