#!/usr/bin/python3
"""Cross-check a running voicemap against NetworkX, end to end.

Reads the network from the GraphQL API (people, organisations and
relationships), rebuilds it in NetworkX with the same convention as voicemap
(undirected; parallel relationships between a pair sum their weights) and
compares every actor's score for each measure.

Usage: go run . -demo &   then   /usr/bin/python3 scripts/e2e/demo_vs_networkx.py [URL]
"""
import json
import sys
import urllib.request

import networkx as nx

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/graphql"


def query(q):
    req = urllib.request.Request(URL, data=json.dumps({"query": q}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        body = json.load(resp)
    if "errors" in body:
        raise SystemExit(f"GraphQL errors: {body['errors']}")
    return body["data"]


def all_pages(field, selection):
    items, after = [], None
    while True:
        arg = f', after: "{after}"' if after else ""
        page = query(f"{{ {field}(first: 500{arg}) {{ pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {selection} }} }} }} }}")[field]
        items += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return items
        after = page["pageInfo"]["endCursor"]


G = nx.Graph()
for field in ("people", "organisations"):
    for node in all_pages(field, "id"):
        G.add_node(node["id"])
for r in all_pages("relationships", "from { id } to { id } weight"):
    u, v, w = r["from"]["id"], r["to"]["id"], r["weight"]
    if G.has_edge(u, v):
        G[u][v]["weight"] += w
    else:
        G.add_edge(u, v, weight=w)
for u, v, d in G.edges(data=True):
    d["distance"] = 1.0 / d["weight"]

reference = {
    ("DEGREE", False): lambda: nx.degree_centrality(G),
    ("WEIGHTED_DEGREE", False): lambda: dict(G.degree(weight="weight")),
    ("BETWEENNESS", False): lambda: nx.betweenness_centrality(G),
    ("BETWEENNESS", True): lambda: nx.betweenness_centrality(G, weight="distance"),
    ("CLOSENESS", False): lambda: nx.closeness_centrality(G),
    ("CLOSENESS", True): lambda: nx.closeness_centrality(G, distance="distance"),
    ("HARMONIC", False): lambda: nx.harmonic_centrality(G),
    ("HARMONIC", True): lambda: nx.harmonic_centrality(G, distance="distance"),
    ("PAGERANK", False): lambda: nx.pagerank(G, alpha=0.85, weight=None, tol=1e-13, max_iter=10000),
    ("PAGERANK", True): lambda: nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-13, max_iter=10000),
    ("CORENESS", False): lambda: nx.core_number(G),
}
n = G.number_of_nodes()
print(f"{n} actors, {G.number_of_edges()} tied pairs")
worst = 0.0
for (measure, weighted), ref in reference.items():
    rows = query(f"{{ centrality(measure: {measure}, weighted: {str(weighted).lower()}, first: {min(n, 500)}) {{ score actor {{ id }} }} }}")["centrality"]
    got = {r["actor"]["id"]: r["score"] for r in rows}
    want = ref()
    diff = max(abs(got[k] - want[k]) for k in want)
    worst = max(worst, diff)
    print(f"{measure:16s} weighted={str(weighted):5s} max |voicemap - networkx| = {diff:.3g}")
print("OK" if worst < 1e-6 else "MISMATCH", f"(worst {worst:.3g}, tolerance 1e-6)")
sys.exit(0 if worst < 1e-6 else 1)
