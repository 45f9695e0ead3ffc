package boltstore

import (
	"context"
	"errors"

	"github.com/voicemap/voicemap/store"
)

// errRefused rolls back a write transaction whose batch has problems.
var errRefused = errors.New("refused")

// stored is the store.Stored view of a transaction: what checking a write
// needs of the data already in the file.
type stored struct{ t txn }

var _ store.Stored = stored{}

// Kinds looks every id up, reporting its progress as the check's.
func (s stored) Kinds(ctx context.Context, ids []string) (map[string]store.EntityKind, error) {
	out := map[string]store.EntityKind{}
	b := s.t.b(bucketIDs)
	for i, id := range ids {
		if i%store.ProgressEvery == 0 {
			store.ReportProgress(ctx, "check", i, len(ids))
		}
		if v := b.Get([]byte(id)); v != nil {
			out[id] = store.EntityKind(v)
		}
	}
	return out, nil
}

func (s stored) Parents(_ context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		p, ok, err := s.t.place(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = p.ParentID
		}
	}
	return out, nil
}

func (s stored) OrgKinds(_ context.Context, ids []string) (map[string]store.OrgKind, error) {
	out := make(map[string]store.OrgKind, len(ids))
	for _, id := range ids {
		o, ok, err := s.t.org(id)
		if err != nil {
			return nil, err
		}
		if ok {
			out[id] = o.Kind
		}
	}
	return out, nil
}

func (s stored) FundedGrants(_ context.Context, ids []string) (map[string]int, error) {
	out := map[string]int{}
	for _, id := range ids {
		if n := len(s.t.linked(idxGrantsFunder, id)); n > 0 {
			out[id] = n
		}
	}
	return out, nil
}

// write checks the prepared write p against the stored data and, when it
// has no problem, writes it with apply and advances the versions of the
// places it touches (store.Versions), all in one transaction. A refused
// write returns its problems and writes nothing (when p is invalid already
// the check runs in a read transaction, to name every problem); err is any
// other failure.
func (s *Store) write(ctx context.Context, p *store.Prepared, apply func(txn) error) (store.Problems, error) {
	var probs store.Problems
	check := func(t txn) error {
		var err error
		probs, err = p.Check(ctx, stored{t})
		return err
	}
	if len(p.Invalid) > 0 {
		return probs, s.view(ctx, check)
	}
	err := s.update(ctx, func(t txn) error {
		store.ReportProgress(ctx, "check", 0, 1)
		if err := check(t); err != nil {
			return err
		} else if len(probs) > 0 {
			return errRefused // roll back
		}
		store.ReportProgress(ctx, "check", 1, 1)
		if !p.Writes() {
			return apply(t)
		}
		touched, err := p.Touched(ctx, stored{t})
		if err != nil {
			return err
		}
		if err := apply(t); err != nil {
			return err
		}
		if err := bump(t, touched, false); err != nil {
			return err
		}
		store.ReportProgress(ctx, "commit", 0, 1)
		return nil
	})
	if err == nil {
		store.ReportProgress(ctx, "commit", 1, 1)
	}
	if err != nil && !errors.Is(err, errRefused) {
		return nil, err
	}
	return probs, nil
}

// writeBatch validates, checks and writes b in one transaction (see
// write), or, from bulkFromElements valid elements, as a bulk import
// (writeBulk).
func (s *Store) writeBatch(ctx context.Context, b store.Batch) (*store.Prepared, store.Problems, error) {
	p := store.PrepareBatch(b)
	if len(p.Invalid) == 0 && p.Batch.Size() >= bulkFromElements {
		probs, err := s.writeBulk(ctx, p)
		return p, probs, err
	}
	probs, err := s.write(ctx, p, func(t txn) error { return applyWith(ctx, newWrites(t, p.New), p.Batch) })
	return p, probs, err
}

// writeOne writes a batch of one element; a refusal is the element's
// first problem (store.Problems.First).
func (s *Store) writeOne(ctx context.Context, b store.Batch) (store.Batch, error) {
	p, probs, err := s.writeBatch(ctx, b)
	if err != nil {
		return p.Batch, err
	}
	return p.Batch, probs.First()
}
