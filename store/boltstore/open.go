package boltstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/voicemap/voicemap/store"
)

// DefaultTimeout is how long Open waits for the file lock by default.
const DefaultTimeout = 2 * time.Second

// formatVersion is the layout version written in the meta bucket: "2"
// since the relationships-by-actor index carries each relationship's
// compact form (tiecodec.go); Open migrates a file of format "1" to it.
const formatVersion = "2"

// formatV1 is the format before the compact tie index, which Open migrates.
const formatV1 = "1"

var keyFormat = []byte("format")

var _ store.Store = (*Store)(nil)

// Store is the embedded store.Store over one bbolt file. It is safe for
// concurrent use: reads run in parallel, writes one at a time.
//
// mu guards the db pointer: every transaction holds it shared, and
// compaction (compact.go), which replaces the file and reopens it, holds it
// exclusively, so operations wait for a compaction rather than see a
// closed database. wmu is held by every write for its whole length, and by
// a bulk import (bulk.go) from its check until its copy of the file has
// replaced the original, so that no write lands in the original meanwhile.
type Store struct {
	wmu  sync.Mutex
	mu   sync.RWMutex
	db   *bolt.DB
	path string
	opts options
}

// Option configures Open.
type Option func(*options)

type options struct {
	timeout time.Duration
}

// WithTimeout sets how long Open waits for the file lock held by another
// process before giving up with EUNAVAILABLE (DefaultTimeout when not set;
// d <= 0 keeps the default, so Open never waits forever).
func WithTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.timeout = d
		}
	}
}

// initialMmapSize is the size bbolt first maps the file with: 1 GiB.
const initialMmapSize = 1 << 30

// Open opens the store file at path, creating it and its parent directories
// when missing. It returns EUNAVAILABLE when another process holds the file
// (bbolt locks it exclusively) for longer than the timeout, and EINTERNAL
// when the file is not a voicemap store of a known format or is damaged: a
// meta page invalid, or a page in use that cannot be read (see check.go);
// the error names the file and says what to do. Open reads every page in
// use once to check it (0.2 to 0.4 s for a 95 MiB file of 860,000 keys).
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("boltstore: open %q: %w", path, err)
		}
	}
	db, err := openDB(path, o)
	if err != nil {
		return nil, err
	}
	removeStrays(path)
	return &Store{db: db, path: path, opts: o}, nil
}

// openDB checks the bbolt file at path (checkMeta, checkPages), opens it
// and creates any missing bucket.
func openDB(path string, o options) (*bolt.DB, error) {
	if err := checkMeta(path); err != nil {
		return nil, err
	}
	// A large initial mapping (address space, not memory) spares a large
	// write, such as a 100,000-grant import, the remaps that copy every
	// page it has touched so far onto the heap.
	var db *bolt.DB
	err := guard(path, "opening the file", func() (err error) {
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: o.timeout, InitialMmapSize: initialMmapSize})
		return err
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, store.Errorf(store.EUNAVAILABLE,
			"boltstore: %s is locked: another voicemap process may be using it (gave up after %s)", path, o.timeout)
	} else if errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrChecksum) || errors.Is(err, berrors.ErrVersionMismatch) {
		return nil, store.Errorf(store.EINTERNAL, "boltstore: %s is not a usable store (%v); %s", path, err, corruptAdvice(path))
	} else if err != nil {
		return nil, fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	if err := checkPages(path, db); err != nil {
		db.Close()
		return nil, err
	}
	if err := guard(path, "creating the buckets", func() error { return ensureBuckets(db) }); err != nil {
		db.Close()
		return nil, fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	return db, nil
}

// ensureBuckets creates the missing buckets and the format mark, and
// migrates a file of an older format, in a write transaction, and only
// then: a store that has them all, in the current format, is opened without
// a write (and its fsync).
func ensureBuckets(db *bolt.DB) error {
	complete := false
	err := db.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return nil
			}
		}
		v := tx.Bucket(bucketMeta).Get(keyFormat)
		if err := checkFormat(v); err != nil {
			return err
		}
		complete = string(v) == formatVersion
		return nil
	})
	if err != nil || complete {
		return err
	}
	return db.Update(initBuckets)
}

func initBuckets(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	switch v := meta.Get(keyFormat); {
	case v == nil:
		return meta.Put(keyFormat, []byte(formatVersion))
	case string(v) == formatV1:
		if err := migrateTieEntries(txn{tx, context.Background()}); err != nil {
			return fmt.Errorf("migrate from format 1: %w", err)
		}
		return meta.Put(keyFormat, []byte(formatVersion))
	default:
		return checkFormat(v)
	}
}

// checkFormat refuses a format mark this voicemap can neither read nor
// migrate: it reads formatVersion and migrates formatV1 (nil is a file not
// yet marked).
func checkFormat(v []byte) error {
	if v != nil && string(v) != formatVersion && string(v) != formatV1 {
		return store.Errorf(store.EINTERNAL, "unknown store format %q (this voicemap reads format %s)", v, formatVersion)
	}
	return nil
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close releases the file and its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("boltstore: close: %w", err)
	}
	return nil
}

// Ping checks that the file is open and readable with a read transaction.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.view(ctx, func(txn) error { return nil }); err != nil {
		return fmt.Errorf("boltstore: ping: %w", err)
	}
	return nil
}

// Check runs bbolt's consistency check over the whole file and returns
// every problem it finds joined into one error (EINTERNAL), or nil.
func (s *Store) Check() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("boltstore: check %q: %d problems: %w", s.path, len(errs), errors.Join(errs...))
		}
		return nil
	})
}

// view runs fn in a read transaction. A panic or memory fault in it (a
// page damaged since Open checked the file) is an EINTERNAL error naming
// the file (guard), not a crash.
func (s *Store) view(ctx context.Context, fn func(txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return mapDBErr(guard(s.path, "a read", func() error {
		return s.db.View(func(tx *bolt.Tx) error { return fn(txn{tx: tx, ctx: ctx}) })
	}))
}

// update runs fn in a read-write transaction, committed (and fsynced) only
// when fn succeeds and ctx is still live. A panic or memory fault in it is
// an EINTERNAL error, as in view; bbolt rolls the transaction back.
func (s *Store) update(ctx context.Context, fn func(txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.RLock()
	defer s.mu.RUnlock()
	return mapDBErr(guard(s.path, "a write", func() error {
		return s.db.Update(func(tx *bolt.Tx) error {
			if err := fn(txn{tx: tx, ctx: ctx}); err != nil {
				return err
			}
			return ctx.Err()
		})
	}))
}

// mapDBErr gives a closed database the code EUNAVAILABLE.
func mapDBErr(err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return store.Errorf(store.EUNAVAILABLE, "the store is closed")
	}
	return err
}
