package boltstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/voicemap/voicemap/store"
)

// bulkFromElements is the size of an import (in elements) from which it is
// written as a bulk import (writeBulk) rather than in one transaction.
var bulkFromElements = 50_000

// bulkTxPuts is how many puts and deletes a bulk import makes in each of
// its transactions.
var bulkTxPuts = 100_000

// writeBulk checks a large prepared batch and writes it all or nothing in
// bounded memory. bbolt holds every page a transaction changes in memory
// until it commits (and a new bucket's keys in one node, which grows with
// each key), so one transaction for a million relationships holds the
// whole write, about twice the size of the data, on the heap. writeBulk
// instead:
//
//  1. holds off every other write (s.wmu) and checks the batch against the
//     stored data in a read transaction; a refused batch ends here, having
//     written nothing. The places whose versions it advances are then
//     found in another read transaction, beside step 2 (on the other core);
//  2. copies the store file beside it (a consistent copy, in a read
//     transaction: other reads go on) and writes the batch into the copy in
//     transactions of bulkTxPuts puts each, in key order as apply does,
//     without an fsync per transaction; the records are encoded and the
//     index entries ordered on one goroutine while another puts them
//     (writePiped);
//  3. fsyncs and closes the copy, then, with every operation held off
//     (s.mu), closes the original, renames the copy over it, fsyncs the
//     directory and reopens.
//
// Until the rename the original file is untouched: a failure, a cancelled
// context or a crash leaves it as it was (after a crash, a stray
// "<file>.import-*" beside it, which the next Open deletes). Reads made meanwhile
// see the store as it was before the import. The copy costs time in
// proportion to the size of the store before the import.
func (s *Store) writeBulk(ctx context.Context, p *store.Prepared) (store.Problems, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var probs store.Problems
	err := s.view(ctx, func(t txn) error {
		store.ReportProgress(ctx, "check", 0, 1)
		var err error
		probs, err = p.Check(ctx, stored{t})
		return err
	})
	if err != nil || len(probs) > 0 {
		return probs, err
	}
	store.ReportProgress(ctx, "check", 1, 1)
	p.Checked()
	// The places whose versions the import advances are found in the
	// original, beside the copy being written (only its last transaction
	// needs them), both reading the prepared batch and neither changing it.
	tctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var touched []string
	var terr error
	found := make(chan struct{})
	go func() {
		defer close(found)
		terr = s.view(tctx, func(t txn) error {
			var err error
			touched, err = p.Touched(tctx, stored{t})
			return err
		})
	}()
	places := func() ([]string, error) {
		<-found
		return touched, terr
	}
	tmp, err := s.copyForImport(ctx)
	if err == nil {
		// The records the batch replaces are read in the original, which
		// the copy is of and nothing writes meanwhile (s.wmu).
		err = s.view(ctx, func(orig txn) error { return writeCopy(ctx, tmp, s.opts, p, places, orig) })
		if err != nil {
			os.Remove(tmp)
		}
	}
	if err != nil {
		cancel()
		<-found
		return nil, err
	}
	store.ReportProgress(ctx, "commit", 0, 1)
	if err := s.replaceWith(tmp); err != nil {
		return nil, err
	}
	store.ReportProgress(ctx, "commit", 1, 1)
	return nil, nil
}

// copyForImport copies the store file, as of a read transaction, to a new
// file beside it and returns its path; on error nothing is left behind.
func (s *Store) copyForImport(ctx context.Context) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".import-*")
	if err != nil {
		return "", err
	}
	path := f.Name()
	err = s.view(ctx, func(t txn) error {
		_, err := t.tx.WriteTo(f)
		return err
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", fmt.Errorf("copy the store for a bulk import: %w", err)
	}
	return path, nil
}

// writeCopy writes p's batch into the store file copy at path, in transactions of
// bulkTxPuts puts, advances the versions of the places touched returns (and the
// global one) in the last (store.Versions), then fsyncs and closes it. The
// puts are gathered on another goroutine (writePiped), reading the records
// the batch replaces in orig, a read transaction on the store copied.
func writeCopy(ctx context.Context, path string, o options, p *store.Prepared, touched func() ([]string, error), orig txn) (err error) {
	var db *bolt.DB
	err = guard(path, "a bulk import", func() error {
		// No fsync per transaction: the copy is synced once at the end,
		// and until the rename a crash leaves only a stray file.
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: o.timeout, InitialMmapSize: initialMmapSize, NoSync: true})
		if err != nil {
			return err
		}
		tx, err := db.Begin(true)
		if err != nil {
			return err
		}
		defer func() {
			if tx != nil {
				_ = tx.Rollback()
			}
		}()
		w := newWrites(txn{tx: tx, ctx: ctx}, p.New)
		w.txPuts = bulkTxPuts
		w.next = func() (txn, error) {
			if err := ctx.Err(); err != nil {
				return txn{}, err
			}
			if err := tx.Commit(); err != nil {
				tx = nil
				return txn{}, err
			}
			if tx, err = db.Begin(true); err != nil {
				tx = nil
				return txn{}, err
			}
			return txn{tx: tx, ctx: ctx}, nil
		}
		if err := writePiped(ctx, w, orig, p.Batch); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		places, err := touched()
		if err != nil {
			return err
		}
		if err := bump(txn{tx: tx, ctx: ctx}, places, false); err != nil {
			return err
		}
		err = tx.Commit()
		tx = nil
		if err != nil {
			return err
		}
		return db.Sync()
	})
	if db != nil {
		err = errors.Join(err, db.Close())
	}
	return err
}

// replaceWith swaps the file at tmp in for the store file (swapInLocked),
// with every operation held off.
func (s *Store) replaceWith(tmp string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.swapInLocked(tmp)
}

// removeStrays deletes the copies bulk imports and compactions left beside
// the store file at path when their process died before the rename. Open calls it holding
// the file's lock, which a process writing such a copy holds until it
// closes the original to rename the copy over it (should another process
// open the store in that instant and delete the copy, the rename fails and
// the original is kept). A copy that cannot be deleted is left.
func removeStrays(path string) {
	for _, kind := range []string{".import-*", ".compact-*"} {
		strays, _ := filepath.Glob(escapeGlob(path) + kind)
		for _, f := range strays {
			_ = os.Remove(f)
		}
	}
}

// escapeGlob escapes the characters filepath.Match treats specially.
func escapeGlob(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}
