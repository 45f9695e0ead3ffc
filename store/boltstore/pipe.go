package boltstore

import (
	"context"
	"errors"

	"github.com/voicemap/voicemap/store"
)

// op is one put or delete of a piped write.
type op struct {
	bucket, k, v []byte
	del          bool
}

// pipeOps is how many puts and deletes a piped write hands over at a time.
const pipeOps = 4096

// errPipeClosed ends the gathering of a piped write whose writer stopped.
var errPipeClosed = errors.New("boltstore: the piped write's writer stopped")

// pipe carries the puts and deletes of a batch, gathered on one goroutine
// (encoding the records, ordering the index and "ids" entries), to the
// goroutine that makes them in bbolt, so that the two run on two cores.
type pipe struct {
	// read is a read transaction on the store as it was before the write,
	// where the gathering goroutine reads the records the batch replaces.
	read txn
	ops  []op
	out  chan []op
	// stop is closed when the writer stops before the end.
	stop <-chan struct{}
}

// add gathers one operation, handing the gathered ones over when they are
// pipeOps.
func (p *pipe) add(o op) error {
	p.ops = append(p.ops, o)
	if len(p.ops) < pipeOps {
		return nil
	}
	return p.send()
}

// send hands the gathered operations over.
func (p *pipe) send() error {
	if len(p.ops) == 0 {
		return nil
	}
	select {
	case p.out <- p.ops:
		p.ops = make([]op, 0, pipeOps)
		return nil
	case <-p.stop:
		return errPipeClosed
	case <-p.read.ctx.Done():
		return p.read.ctx.Err()
	}
}

// writePiped writes b as applyWith(ctx, w, b) does, with the gathering on
// a goroutine of its own, reading replaced records in read (the store as
// it was before the write, which nothing writes meanwhile), and the puts
// and deletes made through w in w's transaction(s) on this one. Both stop
// at the first error, which writePiped returns.
func writePiped(ctx context.Context, w *writes, read txn, b store.Batch) error {
	out := make(chan []op, 4)
	stop := make(chan struct{})
	g := newWrites(read, w.isNew)
	g.pipe = &pipe{read: read, ops: make([]op, 0, pipeOps), out: out, stop: stop}
	gathered := make(chan error, 1)
	go func() {
		defer close(out)
		err := applyWith(ctx, g, b)
		if err == nil {
			err = g.pipe.send()
		}
		gathered <- err
	}()
	w.total = b.Size() // the fill of its buckets (writes.fill)
	var werr error
	for ops := range out {
		if werr != nil {
			continue // drained until the gathering sees stop
		}
		for _, o := range ops {
			if o.del {
				werr = w.del(o.bucket, o.k)
			} else {
				werr = w.put(o.bucket, o.k, o.v)
			}
			if werr != nil {
				close(stop)
				break
			}
		}
	}
	gerr := <-gathered
	if werr != nil {
		return werr
	}
	return gerr
}
