// Command scale times the full set of voice-and-power analyses
// through the service on a generated place in a real bbolt store:
// centrality (BETWEENNESS), communities, unheard voices and the power
// report, cold (a fresh service, empty caches) and cached, with the
// process's peak memory.
//
//	go run ./scripts/bench/scale -n 10000 -m 3
//	go run ./scripts/bench/scale -n 100000 -m 10
//
// The place (servicetest.GeneratePlace) is generated and imported by a
// child process into a store file kept in the temporary directory and
// reused by later runs, so that neither the import's time nor its memory
// mixes with the figures. Every run prints the load average before and
// after, since the build machine is shared.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
	"github.com/voicemap/voicemap/store/boltstore"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	n, m     int
	seed     int64
	db       string
	generate bool // child mode: generate the store file and exit
	regen    bool
	repeats  int
	budget   time.Duration
	exactCap time.Duration
	timeout  time.Duration
	skip     string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.IntVar(&c.n, "n", 10_000, "actors in the generated place")
	fs.IntVar(&c.m, "m", 3, "ties per actor (BarabasiAlbert m): (n-m)·m ties")
	fs.Int64Var(&c.seed, "seed", 1, "seed of the generated place")
	fs.StringVar(&c.db, "db", "", "store file (default: voicemap-scale-N-M-SEED.db in the temporary directory, reused)")
	fs.BoolVar(&c.generate, "generate-only", false, "generate the store file and exit (used by the child process)")
	fs.BoolVar(&c.regen, "regenerate", false, "generate the store file again even when it exists")
	fs.IntVar(&c.repeats, "repeats", 200, "cached repeats of each item")
	fs.DurationVar(&c.budget, "budget", service.DefaultScaleBudget, "scale policy budget: exact when the estimated cost is at most this (a huge value forces exact up to the cap)")
	fs.DurationVar(&c.exactCap, "max-exact", service.DefaultExactCap, "scale policy cap on the estimated cost of any answer")
	fs.DurationVar(&c.timeout, "timeout", 60*time.Minute, "give up after this long")
	fs.StringVar(&c.skip, "skip", "", "comma-separated items to leave out: centrality, communities, unheardVoices, powerConcentration")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.db == "" {
		c.db = filepath.Join(os.TempDir(), fmt.Sprintf("voicemap-scale-%d-%d-%d.db", c.n, c.m, c.seed))
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if c.generate {
		return generate(ctx, c)
	}
	if err := ensureStore(ctx, c, stderr); err != nil {
		return err
	}
	return measure(ctx, c, stdout)
}

// generate imports the generated place into a new store file.
func generate(ctx context.Context, c config) error {
	tmp := c.db + ".tmp"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	st, err := boltstore.Open(ctx, tmp)
	if err != nil {
		return err
	}
	err = servicetest.ImportPlace(ctx, st, servicetest.PlaceConfig{Actors: c.n, TiesPerActor: c.m, Seed: c.seed})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, c.db)
}

// ensureStore generates the store file in a child process unless it
// exists.
func ensureStore(ctx context.Context, c config, stderr io.Writer) error {
	if _, err := os.Stat(c.db); err == nil && !c.regen {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "generating %d actors, %d ties into %s ...\n", c.n, (c.n-c.m)*c.m, c.db)
	start := time.Now()
	cmd := exec.CommandContext(ctx, exe, "-generate-only", "-n", fmt.Sprint(c.n), "-m", fmt.Sprint(c.m), "-seed", fmt.Sprint(c.seed), "-db", c.db)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("generate store: %w", err)
	}
	fmt.Fprintf(stderr, "generated in %v\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// item is one analysis of the full set; key names it in -skip.
type item struct {
	key, name string
	run       func(context.Context, *service.Service) (string, error)
}

var scope = store.Scope{PlaceID: servicetest.TownID}

// items returns the full set but the items named in skip.
func items(skip string) []item {
	all := []item{
		{"centrality", "centrality (BETWEENNESS)", func(ctx context.Context, s *service.Service) (string, error) {
			r, err := s.Centrality(ctx, scope, analysis.Betweenness, false)
			if err != nil || len(r) == 0 {
				return "", err
			}
			return fmt.Sprintf("%d actors, approximate %v, errorBound %s", len(r), r[0].Approximate, fmtBound(r[0].ErrorBound)), nil
		}},
		{"communities", "communities", func(ctx context.Context, s *service.Service) (string, error) {
			r, err := s.Communities(ctx, scope)
			return fmt.Sprintf("%d communities, modularity %.3f", len(r.Communities), r.Modularity), err
		}},
		{"unheardVoices", "unheardVoices (first 20)", func(ctx context.Context, s *service.Service) (string, error) {
			r, err := s.UnheardVoices(ctx, scope, service.VoiceFilter{First: 20})
			if err != nil || len(r) == 0 {
				return "0 voices", err
			}
			return fmt.Sprintf("%d voices, top score %.2f, approximate %v", len(r), r[0].Score, r[0].Approximate), nil
		}},
		{"powerConcentration", "powerConcentration", func(ctx context.Context, s *service.Service) (string, error) {
			r, err := s.PowerConcentration(ctx, scope)
			return fmt.Sprintf("%d seats, %d gatekeepers, approximate %v, errorBound %s", r.Seats.Seats, len(r.Gatekeepers), r.Approximate, fmtBound(r.ErrorBound)), err
		}},
	}
	skipped := strings.Split(skip, ",")
	return slices.DeleteFunc(all, func(it item) bool { return slices.Contains(skipped, it.key) })
}

func fmtBound(b *float64) string {
	if b == nil {
		return "null"
	}
	return fmt.Sprintf("%.4f", *b)
}

// measure runs the full set cold, each item cold on its own, and each
// item cached, and prints a Markdown report.
func measure(ctx context.Context, c config, stdout io.Writer) error {
	ctx = auth.With(ctx, auth.LocalAdmin) // a local benchmark, as the command line
	st, err := boltstore.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	policy := service.DefaultScalePolicy()
	policy.Budget, policy.ExactCap = c.budget, c.exactCap
	newService := func() *service.Service { return service.New(st, logger, service.WithScalePolicy(policy)) }

	peak := startHeapSampler()
	load0 := loadavg()
	fmt.Fprintf(stdout, "## %d actors, m = %d (seed %d), store %s\n\n", c.n, c.m, c.seed, c.db)
	fmt.Fprintf(stdout, "GOMAXPROCS %d, %s, scale budget %v, cap %v, skipped: %q, load average before: %s\n\n", runtime.GOMAXPROCS(0), runtime.Version(), c.budget, c.exactCap, c.skip, load0)

	// The snapshot alone: the store's share of every cold figure.
	start := time.Now()
	snap, err := st.Snapshot(ctx, scope)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "store.Snapshot: %d people, %d organisations, %d relationships, %d forums, %d participations in %s\n\n",
		len(snap.People), len(snap.Organisations), len(snap.Relationships), len(snap.Forums), len(snap.Participations), ms(time.Since(start)))
	snap = nil
	runtime.GC()

	// The full set, cold, in order on one fresh service: each step's time is
	// what it adds to the steps before (which it may reuse).
	svc := newService()
	fmt.Fprintln(stdout, "| full set, cold, in order | time | result |\n|---|---:|---|")
	total := time.Now()
	for _, it := range items(c.skip) {
		t := time.Now()
		res, err := it.run(ctx, svc)
		if err != nil {
			return fmt.Errorf("%s: %w", it.name, err)
		}
		fmt.Fprintf(stdout, "| %s | %s | %s |\n", it.name, ms(time.Since(t)), res)
	}
	fmt.Fprintf(stdout, "| **full set** | **%s** | load average after: %s |\n\n", ms(time.Since(total)), loadavg())

	// Cached repeats on the same service.
	fmt.Fprintln(stdout, "| cached repeat | median | max |\n|---|---:|---:|")
	for _, it := range items(c.skip) {
		d := make([]time.Duration, c.repeats)
		for i := range d {
			t := time.Now()
			if _, err := it.run(ctx, svc); err != nil {
				return err
			}
			d[i] = time.Since(t)
		}
		slices.Sort(d)
		fmt.Fprintf(stdout, "| %s | %s | %s |\n", it.name, ms(d[len(d)/2]), ms(d[len(d)-1]))
	}
	svc = nil
	runtime.GC()

	// Each item cold on its own fresh service (snapshot included).
	fmt.Fprintln(stdout, "\n| item alone, cold (fresh service) | time |\n|---|---:|")
	for _, it := range items(c.skip) {
		s := newService()
		t := time.Now()
		if _, err := it.run(ctx, s); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "| %s | %s |\n", it.name, ms(time.Since(t)))
		runtime.GC()
	}

	heap, total2 := peak()
	fmt.Fprintf(stdout, "\npeak RSS (getrusage maxrss) %s, VmHWM %s, peak Go heap objects %s, peak Go-managed memory %s; load average after: %s\n",
		mib(maxRSS()), vmHWM(), mib(heap), mib(total2), loadavg())
	return nil
}

// startHeapSampler samples the Go heap every 5 ms; the returned function
// stops it and returns the peaks of the live-and-unswept heap objects and
// of all the memory the Go runtime has mapped.
func startHeapSampler() func() (heap, total uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	var mu sync.Mutex
	var heap, total uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	read := func() {
		metrics.Read(samples)
		mu.Lock()
		heap = max(heap, samples[0].Value.Uint64())
		total = max(total, samples[1].Value.Uint64())
		mu.Unlock()
	}
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() (uint64, uint64) {
		close(stop)
		<-done
		read()
		mu.Lock()
		defer mu.Unlock()
		return heap, total
	}
}

// maxRSS is the process's peak resident set size (getrusage ru_maxrss, in
// KiB on Linux).
func maxRSS() uint64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return uint64(ru.Maxrss) * 1024
}

// vmHWM is the VmHWM line of /proc/self/status.
func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

func ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
	}
	if d < 10*time.Second {
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func mib(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
