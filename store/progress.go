package store

import "context"

// ProgressFunc receives how far a write has got: done of total elements
// written (places, people, organisations, relationships, forums,
// participations, grants).
type ProgressFunc func(done, total int)

type progressKey struct{}

// progress counts the elements one write has written.
type progress struct {
	fn                ProgressFunc
	done, total, last int
}

// WithProgress returns ctx carrying fn: a store's Import and ImportGrants
// call it as they write, at most once per percent and once when done.
func WithProgress(ctx context.Context, fn ProgressFunc) context.Context {
	return context.WithValue(ctx, progressKey{}, &progress{fn: fn, last: -1})
}

// BeginProgress starts counting a write of total elements (again from 0
// when a transaction is retried). Stores call it; it does nothing without
// WithProgress.
func BeginProgress(ctx context.Context, total int) {
	if p, ok := ctx.Value(progressKey{}).(*progress); ok {
		p.done, p.total, p.last = 0, total, -1
		p.report()
	}
}

// AddProgress counts n more elements written. Stores call it.
func AddProgress(ctx context.Context, n int) {
	if p, ok := ctx.Value(progressKey{}).(*progress); ok {
		p.done = min(p.done+n, p.total)
		p.report()
	}
}

func (p *progress) report() {
	pct := 100
	if p.total > 0 {
		pct = p.done * 100 / p.total
	}
	if pct != p.last {
		p.last = pct
		p.fn(p.done, p.total)
	}
}

// Size is the number of elements of b.
func (b Batch) Size() int {
	return len(b.Places) + len(b.People) + len(b.Organisations) + len(b.Relationships) + len(b.Forums) + len(b.Participations)
}

// Size is the number of elements of b.
func (b GrantBatch) Size() int { return len(b.Places) + len(b.Organisations) + len(b.Grants) }
