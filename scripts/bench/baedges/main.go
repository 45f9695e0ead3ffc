// Command baedges writes the edges of analysis.BarabasiAlbert(n, m, seed)
// as a whitespace-separated edge list, one "u v" pair a line, so that
// igraph and graph-tool can time exactly the graph the Go benchmarks use.
//
//	go run ./scripts/bench/baedges -n 10000 -m 3 -seed 1 > ba.txt
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/voicemap/voicemap/analysis"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "baedges:", err)
		os.Exit(1)
	}
}

func run(_ context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("baedges", flag.ContinueOnError)
	n := fs.Int("n", 10000, "number of nodes")
	m := fs.Int("m", 3, "edges added with each new node")
	seed := fs.Int64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	edges := analysis.BarabasiAlbert(*n, *m, *seed)
	if edges == nil {
		return fmt.Errorf("need 1 <= m < n, got n=%d m=%d", *n, *m)
	}
	w := bufio.NewWriter(stdout)
	for _, e := range edges {
		fmt.Fprintf(w, "%d %d\n", e.U, e.V)
	}
	return w.Flush()
}
