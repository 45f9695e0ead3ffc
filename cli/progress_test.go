package cli

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service/servicetest"
)

// TestProgress runs real kernels through a progress display that shows a
// step at once (stderr not a terminal) and looks at it when the kernel
// returns, as its ticker would, rather than waiting for a ticker (a loaded
// machine may not run it in time): closeness on 600 nodes reports its 3
// batches of sources and ends at 100% with a last line; Louvain reports
// passes (its total is unknown); a step that fails says it stopped; a
// step that has not run as long as after shows nothing.
func TestProgress(t *testing.T) {
	t.Parallel()
	g, err := analysis.NewGraph(600, analysis.BarabasiAlbert(600, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	var out servicetest.SyncBuffer
	// No ticker: the test calls show itself.
	p := &progress{w: &out, after: 0, every: 0, stop: make(chan struct{})}
	boom := errors.New("boom")
	steps := []struct {
		name string
		fn   func(ctx context.Context) error
		want error
	}{
		{"closeness", func(ctx context.Context) error {
			_, err := analysis.Centrality(ctx, g, analysis.Closeness, false)
			return err
		}, nil},
		{"communities", func(ctx context.Context) error {
			_, err := analysis.Communities(ctx, g, 1)
			return err
		}, nil},
		{"failing", func(context.Context) error { return boom }, boom},
	}
	run := func(name string, fn func(ctx context.Context) error, want error) {
		t.Helper()
		got := p.run(context.Background(), name, func(ctx context.Context) error {
			err := fn(ctx)
			p.show(time.Now())
			return err
		})
		if !errors.Is(got, want) {
			t.Errorf("run(%s) = %v, want %v", name, got, want)
		}
	}
	for _, st := range steps {
		run(st.name, st.fn, st.want)
	}
	p.after = time.Hour
	run("quick", steps[0].fn, nil)
	p.close()
	got := out.String()
	for _, want := range []string{
		"closeness: 100% (3 of 3), ", "closeness: done in ",
		"communities: pass ", "communities: done in ",
		"failing: stopped in ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("progress output has no %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "quick") || strings.Contains(got, "\r") {
		t.Errorf("progress output shows a quick step, or redraws on a non-terminal:\n%s", got)
	}
}

// TestCLIReportAccuracyFlags checks -exact, -epsilon and -max-exact: on the
// demo, which the policy computes exactly anyway, -exact gives the same
// report byte for byte and -epsilon marks betweenness and harmonic
// centrality estimated; -max-exact below the cost of an exact measure
// refuses it; wrong combinations are usage errors.
func TestCLIReportAccuracyFlags(t *testing.T) {
	t.Parallel()
	path := tempData(t)
	base := mustRunCLI(t, path, nil, "report", "-demo", "-place", "millbrook", "-as-of", "2024-06-01")
	exact := mustRunCLI(t, path, nil, "report", "-place", "millbrook", "-as-of", "2024-06-01", "-exact")
	if exact.stdout != base.stdout {
		t.Errorf("report -exact differs from the policy's report on the demo (both exact)")
	}
	est := mustRunCLI(t, path, nil, "report", "-place", "millbrook", "-as-of", "2024-06-01", "-epsilon", "0.2")
	if !strings.Contains(est.stdout, "- Estimated by sampling with epsilon 0.2, as asked: betweenness (betweenness within ±") {
		t.Errorf("report -epsilon 0.2 does not say betweenness was estimated:\n%s", est.stdout)
	}
	r := runCLI(t, path, nil, "report", "-place", "millbrook", "-exact", "-max-exact", "1ns")
	if r.code != ExitError || !strings.Contains(r.stderr, "above the cap") {
		t.Errorf("report -exact -max-exact 1ns: exit %d, stderr %q; want 1 and above the cap", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"-exact", "-epsilon", "0.1"},
		{"-epsilon", "1.5"},
		{"-epsilon", "-0.1"},
		{"-max-exact", "0s"},
	} {
		r := runCLI(t, path, nil, append([]string{"report", "-place", "millbrook"}, args...)...)
		if r.code != ExitUsage {
			t.Errorf("report %v: exit %d, want %d (usage); stderr %q", args, r.code, ExitUsage, r.stderr)
		}
	}
}
