#!/usr/bin/python3
"""Open voicemap's network exports in the tools analysts use, and check them.

Run from anywhere with the Debian Python (networkx and python3-igraph):

    /usr/bin/python3 scripts/interop/check_exports.py

It runs `go run ./scripts/interop/export_demo` to write the Millbrook demo
network, with computed measures, as GraphML, GEXF and CSV into a temporary
directory, then opens

  - the GraphML with networkx.read_graphml and igraph.Graph.Read_GraphML,
  - the GEXF with networkx.read_gexf,
  - the CSV tables with the csv module,

and checks that each holds every node and edge, that every measure and the
edge weight come back typed (double as float, int as int, boolean as bool;
igraph keeps every number as float), and that the measures voicemap computed
equal NetworkX's on the graph read back (betweenness, closeness, pagerank,
core number). It prints a summary and exits with status 1 on any mismatch.
"""
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

import igraph as ig
import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOL = 1e-9

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
    return ok


def is_type(value, typ):
    """Whether a value read back has the Python type of its declared type."""
    if typ == "double":
        return isinstance(value, float)
    if typ == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if typ == "boolean":
        return isinstance(value, bool)
    return isinstance(value, str)


def check_dates(where, data):
    for field in ("since", "until"):
        if field in data and data[field] != "":
            try:
                datetime.date.fromisoformat(data[field])
            except ValueError:
                check(False, f"{where}: {field} {data[field]!r} is not an ISO date")


def check_networkx_graphml(path, summary):
    G = nx.read_graphml(path)
    check(G.number_of_nodes() == summary["nodes"], f"networkx GraphML: {G.number_of_nodes()} nodes, want {summary['nodes']}")
    check(G.number_of_edges() == summary["edges"], f"networkx GraphML: {G.number_of_edges()} edges, want {summary['edges']}")
    for node, data in G.nodes(data=True):
        for name, typ in summary["measures"].items():
            if check(name in data, f"networkx GraphML: node {node} has no {name}"):
                check(is_type(data[name], typ), f"networkx GraphML: node {node} {name}={data[name]!r} is {type(data[name]).__name__}, want {typ}")
        check(data.get("kind") in ("person", "organisation"), f"networkx GraphML: node {node} kind {data.get('kind')!r}")
    for u, v, data in G.edges(data=True):
        check(isinstance(data.get("weight"), float) and data["weight"] > 0, f"networkx GraphML: edge {u}-{v} weight {data.get('weight')!r} is not a positive float")
        check_dates(f"networkx GraphML: edge {u}-{v}", data)

    # The measures voicemap computed, against NetworkX's on the graph read
    # back, built as voicemap builds it: undirected, one tie per pair.
    S = nx.Graph(G)
    reference = {
        "betweenness": nx.betweenness_centrality(S, normalized=True),
        "closeness": nx.closeness_centrality(S),
        "pagerank": nx.pagerank(S, alpha=0.85, weight=None, tol=1e-13, max_iter=10000),
        "coreness": nx.core_number(S),
    }
    worst = {}
    for name, ref in reference.items():
        values = {n: G.nodes[n].get(name) for n in S}
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in values.values()):
            worst[name] = math.nan
            check(False, f"networkx GraphML: {name} is not a number on every node")
            continue
        err = max(abs(values[n] - ref[n]) for n in S)
        worst[name] = err
        check(err <= TOL, f"networkx GraphML: {name} differs from NetworkX's by up to {err:g}")
    return G, S, worst


def check_igraph_graphml(path, summary, G):
    g = ig.Graph.Read_GraphML(path)
    check(g.vcount() == summary["nodes"], f"igraph GraphML: {g.vcount()} vertices, want {summary['nodes']}")
    check(g.ecount() == summary["edges"], f"igraph GraphML: {g.ecount()} edges, want {summary['edges']}")
    missing = set(summary["measures"]) - set(g.vs.attributes())
    check(not missing, f"igraph GraphML: vertex attributes {sorted(missing)} missing")
    for v in g.vs:
        node = v["id"]
        for name, typ in summary["measures"].items():
            if name in missing:
                continue
            value = v[name]
            if typ == "boolean":
                ok = isinstance(value, bool)
            else:  # igraph holds every number as a float
                ok = isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isnan(value)
            check(ok, f"igraph GraphML: vertex {node} {name}={value!r} is {type(value).__name__}, want a {typ}")
            if ok and node in G and abs(float(value) - float(G.nodes[node][name])) > TOL:
                check(False, f"igraph GraphML: vertex {node} {name}={value!r}, networkx read {G.nodes[node][name]!r}")
        check(v["name"] == G.nodes[node]["name"], f"igraph GraphML: vertex {node} name {v['name']!r} differs from networkx's")
    for e in g.es:
        check(isinstance(e["weight"], float) and e["weight"] > 0, f"igraph GraphML: edge {e.index} weight {e['weight']!r}")
    return g


def check_networkx_gexf(path, summary, G):
    H = nx.read_gexf(path)
    check(H.number_of_nodes() == summary["nodes"], f"networkx GEXF: {H.number_of_nodes()} nodes, want {summary['nodes']}")
    check(H.number_of_edges() == summary["edges"], f"networkx GEXF: {H.number_of_edges()} edges, want {summary['edges']}")
    for node, data in H.nodes(data=True):
        check(data.get("label") == G.nodes[node]["name"], f"networkx GEXF: node {node} label {data.get('label')!r}, want {G.nodes[node]['name']!r}")
        for name, typ in summary["measures"].items():
            if check(name in data, f"networkx GEXF: node {node} has no {name}"):
                check(is_type(data[name], typ), f"networkx GEXF: node {node} {name}={data[name]!r} is {type(data[name]).__name__}, want {typ}")
                check(data[name] == G.nodes[node][name], f"networkx GEXF: node {node} {name}={data[name]!r}, GraphML {G.nodes[node][name]!r}")
    for u, v, data in H.edges(data=True):
        check(isinstance(data.get("weight"), float) and data["weight"] > 0, f"networkx GEXF: edge {u}-{v} weight {data.get('weight')!r}")
        check(isinstance(data.get("kind"), str), f"networkx GEXF: edge {u}-{v} has no kind")
        check_dates(f"networkx GEXF: edge {u}-{v}", data)
    return H


def check_csv(nodes_path, edges_path, summary):
    with open(nodes_path, newline="", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(edges_path, newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    check(len(nodes) == summary["nodes"], f"CSV: {len(nodes)} node rows, want {summary['nodes']}")
    check(len(edges) == summary["edges"], f"CSV: {len(edges)} edge rows, want {summary['edges']}")
    head = ["Id", "Label", "Kind", "Place", "Groups", "Capacity", "OrgKind"] + sorted(summary["measures"])
    check(nodes and list(nodes[0]) == head, f"CSV: nodes header {list(nodes[0]) if nodes else None}, want {head}")
    want = ["Source", "Target", "Type", "Weight", "Id", "Kind", "Since", "Until"]
    check(edges and list(edges[0]) == want, f"CSV: edges header {list(edges[0]) if edges else None}, want {want}")
    for row in nodes:
        for name, typ in summary["measures"].items():
            cell = row[name]
            if typ == "boolean":
                check(cell in ("true", "false"), f"CSV: node {row['Id']} {name}={cell!r} is not a boolean")
                continue
            try:
                float(cell) if typ == "double" else int(cell)
            except ValueError:
                check(False, f"CSV: node {row['Id']} {name}={cell!r} is not a {typ}")
    for row in edges:
        check(row["Type"] == "Undirected", f"CSV: edge {row['Id']} Type {row['Type']!r}")
        try:
            check(float(row["Weight"]) > 0, f"CSV: edge {row['Id']} weight {row['Weight']} not > 0")
        except ValueError:
            check(False, f"CSV: edge {row['Id']} weight {row['Weight']!r} is not a number")
        check_dates(f"CSV: edge {row['Id']}", {"since": row["Since"], "until": row["Until"]})
    return nodes, edges


def main():
    with tempfile.TemporaryDirectory(prefix="voicemap-exports-") as tmp:
        run = subprocess.run(["go", "run", "./scripts/interop/export_demo", "-out", tmp],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            sys.exit(f"export_demo failed with status {run.returncode}")
        summary = json.loads(run.stdout)
        files = summary["files"]
        sizes = {k: os.path.getsize(p) for k, p in files.items()}

        G, S, worst = check_networkx_graphml(files["graphml"], summary)
        g = check_igraph_graphml(files["graphml"], summary, G)
        H = check_networkx_gexf(files["gexf"], summary, G)
        nodes, edges = check_csv(files["nodes"], files["edges"], summary)

    print(f"networkx {nx.__version__}, python-igraph {ig.__version__}")
    print(f"export_demo: {summary['nodes']} nodes, {summary['edges']} edges, measures "
          + ", ".join(f"{k} ({v})" for k, v in sorted(summary["measures"].items())))
    print("bytes: " + ", ".join(f"{k} {v}" for k, v in sorted(sizes.items())))
    print(f"networkx.read_graphml: {type(G).__name__}, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({S.number_of_edges()} distinct pairs)")
    print("  measures vs NetworkX on the graph read back, max |diff|: "
          + ", ".join(f"{k} {v:.1e}" for k, v in sorted(worst.items())))
    print(f"igraph.Graph.Read_GraphML: {g.vcount()} vertices, {g.ecount()} edges, "
          f"vertex attributes {sorted(g.vs.attributes())}")
    print(f"networkx.read_gexf: {type(H).__name__}, {H.number_of_nodes()} nodes, {H.number_of_edges()} edges")
    print(f"csv: {len(nodes)} node rows, {len(edges)} edge rows")
    if failures:
        print(f"FAIL: {len(failures)} mismatches", file=sys.stderr)
        for f in failures[:50]:
            print("  " + f, file=sys.stderr)
        sys.exit(1)
    print("OK: every export opens with every node, edge and typed attribute")


if __name__ == "__main__":
    main()
