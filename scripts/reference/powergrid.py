#!/usr/bin/python3
"""Write analysis/testdata/powergrid.txt: the Western States Power Grid of
the United States (Watts & Strogatz 1998), 4,941 nodes and 6,594 edges, as
a whitespace-separated edge list, one "u v" pair a line, with '#' comment
lines saying where it came from.

Run from the repository root with the Debian python3-graph-tool:

    /usr/bin/python3 scripts/reference/powergrid.py

The network is read from graph-tool's bundled collection
(graph_tool.collection.data["power"], the file power.gt.gz shipped in the
Debian package python3-graph-tool, LGPL-3+ package), which holds Mark
Newman's copy (power.gml) of the data compiled by Duncan Watts and Steven
Strogatz. Node ids are graph-tool's vertex indices 0..4940, in the file's
order. No licence beyond "these data can be cited as" is stated by the
compilers; cite D. J. Watts and S. H. Strogatz, "Collective dynamics of
'small-world' networks", Nature 393, 440-442 (1998).

The Go tests (analysis/louvain_test.go) and the benchmarks
(scripts/bench/kernels.sh) read this file; nothing is typed in by hand.
"""

import os
import sys

import graph_tool
import graph_tool.collection


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    out = os.path.join(root, "analysis", "testdata", "powergrid.txt")
    g = graph_tool.collection.data["power"]
    if g.is_directed():
        sys.exit("power grid: expected an undirected graph")
    edges = sorted((min(int(e.source()), int(e.target())), max(int(e.source()), int(e.target()))) for e in g.edges())
    if len(set(edges)) != len(edges) or any(u == v for u, v in edges):
        sys.exit("power grid: expected a simple graph")
    with open(out, "w") as f:
        f.write("# Western States Power Grid of the United States (Watts & Strogatz 1998).\n")
        f.write("# Cite: D. J. Watts and S. H. Strogatz, \"Collective dynamics of 'small-world'\n")
        f.write("# networks\", Nature 393, 440-442 (1998). Compiled by D. Watts and S. Strogatz;\n")
        f.write("# copy of M. Newman's power.gml as bundled with graph-tool %s\n" % graph_tool.__version__.split()[0])
        f.write("# (graph_tool.collection.data[\"power\"], Debian python3-graph-tool).\n")
        f.write("# Written by scripts/reference/powergrid.py. nodes %d edges %d\n" % (g.num_vertices(), len(edges)))
        for u, v in edges:
            f.write("%d %d\n" % (u, v))


if __name__ == "__main__":
    main()
