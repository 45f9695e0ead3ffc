// Command layout times analysis/layout's ForceAtlas2 on a generated graph
// and writes that graph, with the shared starting positions, for
// graphology's ForceAtlas2 to run on (fa2.mjs). run.sh runs both.
//
//	go run ./scripts/bench/layout -n 10000 -m 3 -iterations 300 -repeats 3 -graph /tmp/g.json
//
// The graph is analysis.BarabasiAlbert(n, m, seed) (every tie of weight 1,
// so that both libraries' masses are deg + 1); the starting positions are
// uniform in a square of side 10·√n from a PCG seeded with seed, the same
// for both. The layout runs exactly -iterations iterations (no stopping
// rule) with Gephi's defaults (scaling 2, gravity 1, Barnes–Hut θ = 1.2),
// best of -repeats runs (wall and CPU time), with every core and with one;
// it also reports how many iterations the default stopping rule takes.
// It prints one JSON object.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/layout"
	"github.com/voicemap/voicemap/service/servicetest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "layout bench:", err)
		os.Exit(1)
	}
}

// graphFile is what fa2.mjs reads.
type graphFile struct {
	Nodes int       `json:"nodes"`
	X     []float64 `json:"x"`
	Y     []float64 `json:"y"`
	Edges [][2]int  `json:"edges"`
	Theta float64   `json:"theta"`
}

// result is what run prints.
type result struct {
	Nodes          int     `json:"nodes"`
	Edges          int     `json:"edges"`
	Iterations     int     `json:"iterations"`
	Repeats        int     `json:"repeats"`
	Workers        int     `json:"workers"`
	BestSeconds    float64 `json:"best_seconds"`
	BestCPUSeconds float64 `json:"best_cpu_seconds"`
	MeanSeconds    float64 `json:"mean_seconds"`
	Best1Seconds   float64 `json:"best_seconds_1_worker"`
	Best1CPU       float64 `json:"best_cpu_seconds_1_worker"`
	DefaultStopsAt int     `json:"default_stops_at"`
	DefaultSeconds float64 `json:"default_seconds"`
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("layout", flag.ContinueOnError)
	n := fs.Int("n", 10_000, "nodes")
	m := fs.Int("m", 3, "ties added with each node (BarabasiAlbert m)")
	seed := fs.Int64("seed", 1, "seed of the graph and the starting positions")
	iterations := fs.Int("iterations", 300, "iterations of each timed run")
	repeats := fs.Int("repeats", 3, "timed runs; the best and the mean are reported")
	out := fs.String("graph", "", "write the graph and starting positions here (JSON)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	g, err := analysis.NewGraph(*n, analysis.BarabasiAlbert(*n, *m, *seed))
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(uint64(*seed), uint64(*seed)))
	side := 10 * math.Sqrt(float64(*n))
	start := make([]layout.Point, *n)
	gf := graphFile{Nodes: *n, X: make([]float64, *n), Y: make([]float64, *n), Theta: layout.DefaultTheta}
	for i := range start {
		start[i] = layout.Point{X: (rnd.Float64() - 0.5) * side, Y: (rnd.Float64() - 0.5) * side}
		gf.X[i], gf.Y[i] = start[i].X, start[i].Y
	}
	for u := range *n {
		nb, _ := g.Neighbours(u)
		for _, v := range nb {
			if int(v) > u {
				gf.Edges = append(gf.Edges, [2]int{u, int(v)})
			}
		}
	}
	if *out != "" {
		data, err := json.Marshal(gf)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, data, 0o644); err != nil {
			return err
		}
	}

	// timed returns the best and mean wall time of the runs, the best CPU
	// time (user and system, every thread of the process: on a shared
	// machine it moves less than the wall time) and the last result.
	timed := func(opts layout.Options) (best, mean, cpu float64, res layout.Result, err error) {
		best, cpu = math.Inf(1), math.Inf(1)
		for range *repeats {
			t, c := time.Now(), servicetest.ProcessCPU().Seconds()
			if res, err = layout.Layout(ctx, g, opts); err != nil {
				return 0, 0, 0, res, err
			}
			s := time.Since(t).Seconds()
			best = min(best, s)
			cpu = min(cpu, servicetest.ProcessCPU().Seconds()-c)
			mean += s / float64(*repeats)
		}
		return best, mean, cpu, res, nil
	}
	opts := layout.DefaultOptions(*n)
	opts.Initial = start
	opts.MaxIterations, opts.Tolerance = *iterations, 0
	r := result{Nodes: *n, Edges: g.Size(), Iterations: *iterations, Repeats: *repeats, Workers: runtime.GOMAXPROCS(0)}
	if r.BestSeconds, r.MeanSeconds, r.BestCPUSeconds, _, err = timed(opts); err != nil {
		return err
	}
	opts.Workers = 1
	if r.Best1Seconds, _, r.Best1CPU, _, err = timed(opts); err != nil {
		return err
	}
	def := layout.DefaultOptions(*n)
	def.Initial = start
	var res layout.Result
	if r.DefaultSeconds, _, _, res, err = timed(def); err != nil {
		return err
	}
	r.DefaultStopsAt = res.Iterations
	return json.NewEncoder(stdout).Encode(r)
}
