package analysis

import (
	"context"
	"sync"
	"sync/atomic"
)

// progressKey is the context key of WithProgress.
type progressKey struct{}

// WithProgress returns a copy of ctx that carries report. The long-running
// computations of the package (Centrality's path measures, Communities,
// ApproxBetweenness, ApproxHarmonic) call report(done, total) as they go:
// done of total units of work (sources searched, sampled paths, or, for
// Communities, passes of local moving, with total 0 because the number of
// passes is not known in advance). Calls are serialised, done never
// decreases within one computation, and there are at most about a hundred
// calls per computation (one per hundredth of total, and a last one with
// done = total when it completes). report must be quick and must not call
// back into the computation; it runs on the computation's goroutines.
// Computations that take milliseconds (degree, PageRank, eigenvector,
// coreness, the summary) do not report.
func WithProgress(ctx context.Context, report func(done, total int64)) context.Context {
	return context.WithValue(ctx, progressKey{}, report)
}

// tracker counts the units done by one computation and reports them to
// the function of WithProgress. A nil *tracker does nothing.
type tracker struct {
	report func(done, total int64)
	total  int64
	step   int64 // report when done crosses a multiple of step
	done   atomic.Int64
	mu     sync.Mutex
	last   int64 // the last done reported
}

// newTracker returns a tracker of total units for ctx, or nil when ctx
// carries no progress function or total < 0.
func newTracker(ctx context.Context, total int64) *tracker {
	report, _ := ctx.Value(progressKey{}).(func(done, total int64))
	if report == nil || total < 0 {
		return nil
	}
	return &tracker{report: report, total: total, step: max(total/100, 1), last: -1}
}

// add records k more units done and reports when a multiple of step was
// crossed.
func (t *tracker) add(k int64) {
	if t == nil || k <= 0 {
		return
	}
	done := t.done.Add(k)
	if done/t.step == (done-k)/t.step {
		return
	}
	t.emit()
}

// emit reports the units done so far, unless no more were done since the
// last report.
func (t *tracker) emit() {
	t.mu.Lock()
	defer t.mu.Unlock()
	done := t.done.Load()
	if t.total > 0 {
		done = min(done, t.total)
	}
	if done <= t.last {
		return
	}
	t.last = done
	t.report(done, t.total)
}

// finish reports completion: done = total (or the units counted, when
// total is unknown).
func (t *tracker) finish() {
	if t == nil {
		return
	}
	if t.total > 0 {
		t.done.Store(t.total)
	}
	t.emit()
}
