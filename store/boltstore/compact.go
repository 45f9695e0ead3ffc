package boltstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// compactTxMaxSize bounds the size of each transaction bbolt's Compact
// writes the copy in, so a large store is not copied in one transaction.
const compactTxMaxSize = 64 << 20

// Compact rewrites the store file so that it holds only live data. bbolt
// frees the pages of deleted records for reuse but leaves their bytes in
// the file; Compact copies every bucket into a new file in the same
// directory (bbolt's Compact), fsyncs it, closes both files, renames the
// copy over the original, fsyncs the directory and reopens. Every other
// operation waits while it runs, which takes time proportional to the
// size of the store.
//
// The bytes leave the file, not necessarily the disk: the filesystem may
// keep the old blocks until it reuses them, and a copy-on-write
// filesystem, a journal or a backup may hold copies; those are outside
// the store's reach.
//
// When the copy fails the original file is kept open and unchanged. When
// the reopen after the rename fails the store stays closed and every
// operation returns EUNAVAILABLE until the process opens it again.
func (s *Store) Compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.compactLocked(); err != nil {
		return fmt.Errorf("boltstore: compact %q: %w", s.path, err)
	}
	return nil
}

// compactLocked does Compact's work with s.mu held exclusively.
func (s *Store) compactLocked() error {
	tmp, err := s.copyLive()
	if err != nil {
		return err
	}
	return s.swapInLocked(tmp)
}

// swapInLocked renames the file at tmp over the store file and reopens the
// store on it, with s.mu held exclusively (Compact's copy and a bulk
// import's). When the rename fails the original is reopened; when the
// reopen fails the store stays closed (every operation returns
// EUNAVAILABLE).
func (s *Store) swapInLocked(tmp string) error {
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return errors.Join(err, s.reopen())
	}
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		return errors.Join(err, s.reopen())
	}
	return s.reopen()
}

// copyLive writes the live data of the open database into a new file
// beside it, fsynced and closed, and returns its path; on error nothing is
// left behind.
func (s *Store) copyLive() (path string, err error) {
	f, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".compact-*")
	if err != nil {
		return "", err
	}
	path = f.Name()
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", err
	}
	defer func() {
		if err != nil {
			os.Remove(path)
		}
	}()
	// The copy needs no fsync per transaction: it is synced once at the end,
	// and until the rename a crash leaves only a stray temporary file.
	dst, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: s.opts.timeout, NoSync: true})
	if err != nil {
		return path, err
	}
	if err := bolt.Compact(dst, s.db, compactTxMaxSize); err != nil {
		dst.Close()
		return path, err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return path, err
	}
	return path, dst.Close()
}

// reopen opens the store file again into s.db. On failure s.db stays the
// closed database, whose operations report EUNAVAILABLE.
func (s *Store) reopen() error {
	db, err := openDB(s.path, s.opts)
	if err != nil {
		return err
	}
	s.db = db
	return nil
}

// syncDir fsyncs a directory so that a rename in it is durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}
