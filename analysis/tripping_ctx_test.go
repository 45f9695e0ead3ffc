package analysis_test

import (
	"context"
	"runtime"
	"sync/atomic"
)

// trippingCtx is a context that turns done (with err) from its after-th
// Err call on. Cancellation tests use it instead of a timer: counting the
// checks made after the context turned done shows that a kernel stops at
// its next check, exactly, however loaded the machine is.
type trippingCtx struct {
	context.Context
	after int64
	err   error
	calls atomic.Int64
}

func (c *trippingCtx) Err() error {
	if c.calls.Add(1) > c.after {
		return c.err
	}
	return nil
}

// checksAfter is the number of Err calls made after the context turned done.
func (c *trippingCtx) checksAfter() int64 { return max(0, c.calls.Load()-c.after) }

// limit is the most checks a kernel may make once its context is done: one
// per worker (each stops at its next check), the caller's final ctx.Err and
// one spare for a phase boundary.
func (c *trippingCtx) limit() int64 { return int64(runtime.GOMAXPROCS(0) + 2) }
