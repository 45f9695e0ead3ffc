#!/usr/bin/python3
"""Writes the GraphML test files the way NetworkX and igraph write them.

Run from this directory with Debian's python3-networkx and python3-igraph:

    /usr/bin/python3 make_graphml.py

Outputs (committed; regenerate only to follow a library's output format):
  florentine_networkx.graphml        nx.write_graphml(nx.florentine_families_graph())
                                     as it comes: 15 nodes, 20 edges, no attributes
  florentine_networkx_attrs.graphml  the same graph with voicemap attributes of
                                     several GraphML types (string, double, long,
                                     boolean) set through NetworkX
  multigraph_networkx.graphml        a NetworkX MultiGraph: edge ids are the
                                     per-pair keys "0", "1", which repeat
  igraph.graphml                     an igraph Graph with people and organisations,
                                     written by Graph.write_graphml
"""
import networkx as nx
import igraph as ig

# Padgett's Florentine families (marriage ties), as NetworkX ships it.
G = nx.florentine_families_graph()
nx.write_graphml(G, "florentine_networkx.graphml")

A = nx.florentine_families_graph()
for n in A.nodes:
    A.nodes[n]["name"] = n + " family"
    A.nodes[n]["kind"] = "person"
    A.nodes[n]["place"] = "florence"
    A.nodes[n]["groups"] = "oligarch" if n in ("Strozzi", "Albizzi", "Guadagni") else "merchant"
    A.nodes[n]["consent"] = True
    A.nodes[n]["founded"] = 1300  # an attribute voicemap ignores (attr.type long)
for i, (u, v) in enumerate(sorted(A.edges)):
    A.edges[u, v]["weight"] = 1.0 + (i % 3) * 0.5
    A.edges[u, v]["kind"] = "partners with" if i % 4 == 0 else "KNOWS"
    A.edges[u, v]["since"] = "1430-01-01"
nx.write_graphml(A, "florentine_networkx_attrs.graphml")

M = nx.MultiGraph()
M.add_node("Medici", kind="person")
M.add_node("Strozzi", kind="person")
M.add_node("Bank", kind="organisation", orgKind="business")
M.add_edge("Medici", "Strozzi", kind="KNOWS")
M.add_edge("Medici", "Strozzi", kind="WORKS_WITH", weight=2.0)
M.add_edge("Medici", "Bank", kind="EMPLOYED_BY")
nx.write_graphml(M, "multigraph_networkx.graphml")

g = ig.Graph(directed=True)
g.add_vertices(5)
g.vs["name"] = ["Ana Ruiz", "Ben Okafor", "Millbrook Youth Club", "Millbrook Council", "Chloe Park"]
g.vs["kind"] = ["person", "person", "organisation", "organisation", "person"]
g.vs["orgKind"] = ["", "", "community group", "public_body", ""]
g.vs["group"] = ["young person", "parent; carer", "", "", "young person"]
g.vs["capacity"] = ["", "professional", "", "", "community"]
g.vs["consent"] = [True, True, False, False, True]
g.add_edges([(0, 1), (1, 2), (2, 3), (4, 1), (1, 3)])
g.es["kind"] = ["knows", "employed_by", "PARTNERS_WITH", "KNOWS", "ADVISES"]
g.es["weight"] = [2.0, 1.0, 0.5, 1.0, 3.0]
g.write_graphml("igraph.graphml")
