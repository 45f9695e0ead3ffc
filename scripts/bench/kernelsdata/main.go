// Command kernelsdata writes the graphs of the side-by-side kernel
// benchmarks (scripts/bench/kernels.sh) as edge lists that voicemap's Go
// benchmarks (analysis.BenchmarkPeers), igraph and graph-tool all read, so
// the three time exactly the same graphs, and prints the scale policy's
// cost model (service.ExactCost) for the rows it prices.
//
//	go run ./scripts/bench/kernelsdata -out DIR
//
// Files, each "u v" or "u v w" a line after a "# n N" header:
//
//	powergrid.txt       analysis/testdata/powergrid.txt (Watts & Strogatz 1998)
//	ba10k.txt           analysis.BarabasiAlbert(10000, 3, 1)
//	ba10k-weighted.txt  the same edges with strengths 1..5 drawn by rand.NewPCG(1, 1)
//	ba100k.txt          analysis.BarabasiAlbert(100000, 10, 1)
//
// and model.txt, one "row seconds" line per row the cost model prices.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "kernelsdata:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("kernelsdata", flag.ContinueOnError)
	out := fs.String("out", "", "directory to write the graphs into (required)")
	grid := fs.String("powergrid", "analysis/testdata/powergrid.txt", "the power grid edge list")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("-out is required")
	}
	gridEdges, gridN, err := readEdges(*grid)
	if err != nil {
		return err
	}
	weighted := analysis.BarabasiAlbert(10000, 3, 1)
	rnd := rand.New(rand.NewPCG(1, 1))
	for i := range weighted {
		weighted[i].Weight = float64(1 + rnd.IntN(5))
	}
	graphs := []struct {
		name    string
		n       int
		edges   []analysis.Edge
		weights bool
	}{
		{"powergrid", gridN, gridEdges, false},
		{"ba10k", 10000, analysis.BarabasiAlbert(10000, 3, 1), false},
		{"ba10k-weighted", 10000, weighted, true},
		{"ba100k", 100000, analysis.BarabasiAlbert(100000, 10, 1), false},
	}
	shapes := map[string]service.NetworkShape{}
	for _, g := range graphs {
		if err := writeEdges(filepath.Join(*out, g.name+".txt"), g.n, g.edges, g.weights); err != nil {
			return err
		}
		shapes[g.name] = service.NetworkShape{Actors: g.n, Ties: len(g.edges)}
	}
	model := []struct {
		row      string
		m        analysis.Measure
		weighted bool
		graph    string
	}{
		{"closeness-weighted-ba10k", analysis.Closeness, true, "ba10k-weighted"},
		{"closeness-ba100k", analysis.Closeness, false, "ba100k"},
		{"harmonic-ba100k", analysis.Harmonic, false, "ba100k"},
	}
	var b strings.Builder
	for _, r := range model {
		fmt.Fprintf(&b, "%s %.3f\n", r.row, service.ExactCost(r.m, r.weighted, shapes[r.graph]).Seconds())
	}
	if err := os.WriteFile(filepath.Join(*out, "model.txt"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %d graphs and model.txt to %s\n", len(graphs), *out)
	return err
}

// readEdges reads a whitespace-separated "u v" edge list with '#'
// comments, unit weights, and returns it with its node count (the largest
// id plus one).
func readEdges(path string) ([]analysis.Edge, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var edges []analysis.Edge
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var u, v int
		if _, err := fmt.Sscan(line, &u, &v); err != nil {
			return nil, 0, fmt.Errorf("%s: line %q: %w", path, line, err)
		}
		edges = append(edges, analysis.Edge{U: u, V: v, Weight: 1})
		n = max(n, u+1, v+1)
	}
	return edges, n, sc.Err()
}

// writeEdges writes "# n N" and one "u v" (or "u v w") line per edge.
func writeEdges(path string, n int, edges []analysis.Edge, weights bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# n %d\n", n)
	for _, e := range edges {
		if weights {
			fmt.Fprintf(w, "%d %d %g\n", e.U, e.V, e.Weight)
		} else {
			fmt.Fprintf(w, "%d %d\n", e.U, e.V)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
