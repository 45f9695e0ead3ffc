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

// formatVersion is the layout version written in the meta bucket.
const formatVersion = "1"

var keyFormat = []byte("format")

var _ store.Store = (*Store)(nil)

// Store is the embedded store.Store over one bbolt file. It is safe for
// concurrent use: reads run in parallel, writes one at a time.
//
// mu guards the db pointer: every transaction holds it shared, and
// compaction (compact.go), which replaces the file and reopens it, holds it
// exclusively, so operations wait for a compaction rather than see a
// closed database.
type Store struct {
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
// when the file is not a voicemap store of a known format.
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
	return &Store{db: db, path: path, opts: o}, nil
}

// openDB opens the bbolt file at path and creates any missing bucket.
func openDB(path string, o options) (*bolt.DB, error) {
	// A large initial mapping (address space, not memory) spares a large
	// write, such as a 100,000-grant import, the remaps that copy every
	// page it has touched so far onto the heap.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: o.timeout, InitialMmapSize: initialMmapSize})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, store.Errorf(store.EUNAVAILABLE,
			"boltstore: %s is locked: another voicemap process may be using it (gave up after %s)", path, o.timeout)
	} else if err != nil {
		return nil, fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	if err := db.Update(initBuckets); err != nil {
		db.Close()
		return nil, fmt.Errorf("boltstore: open %q: %w", path, err)
	}
	return db, nil
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
	case string(v) != formatVersion:
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

// view runs fn in a read transaction.
func (s *Store) view(ctx context.Context, fn func(txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return mapDBErr(s.db.View(func(tx *bolt.Tx) error { return fn(txn{tx: tx, ctx: ctx}) }))
}

// update runs fn in a read-write transaction, committed (and fsynced) only
// when fn succeeds and ctx is still live.
func (s *Store) update(ctx context.Context, fn func(txn) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return mapDBErr(s.db.Update(func(tx *bolt.Tx) error {
		if err := fn(txn{tx: tx, ctx: ctx}); err != nil {
			return err
		}
		return ctx.Err()
	}))
}

// mapDBErr gives a closed database the code EUNAVAILABLE.
func mapDBErr(err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return store.Errorf(store.EUNAVAILABLE, "the store is closed")
	}
	return err
}
