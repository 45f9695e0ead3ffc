package store

import "context"

// Progress receives how far a long write has come: in phase ("check":
// the batch checked against the stored data; "write": its elements
// written; "commit": the transaction made durable), done of total steps.
// It is called from the writing goroutine, at most every ProgressEvery
// steps and at each phase's start and end.
type Progress func(phase string, done, total int)

// ProgressEvery is how many steps a store takes between two reports.
const ProgressEvery = 65_536

type progressKey struct{}

// WithProgress returns a context whose writes report to p: the command
// line's import shows it; requests carry none.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// ReportProgress reports done of total steps of phase to the context's
// Progress, if it has one.
func ReportProgress(ctx context.Context, phase string, done, total int) {
	if p, ok := ctx.Value(progressKey{}).(Progress); ok && p != nil {
		p(phase, done, total)
	}
}

// Size is the number of elements of b.
func (b Batch) Size() int {
	return len(b.Places) + len(b.People) + len(b.Organisations) + len(b.Relationships) + len(b.Forums) + len(b.Participations)
}
