package audit

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
)

// Lines keeps the lines of a log, in order: the file of Open (the
// embedded store's, beside its data file), or a database that several API
// servers share (OpenLines; package neo4jstore's AuditLines). A line is
// one record's JSON without its newline; the Log makes every line from
// the one before it (the hash chain), so a store of lines needs to know
// nothing of records.
type Lines interface {
	// Last returns the last line (nil when there is none).
	Last(ctx context.Context) ([]byte, error)
	// Append appends the line next makes of the last line (nil when
	// there is none), with no other line appended, by this process or
	// any other, between reading that last line and writing the new one.
	// next may be called more than once (a store may retry its
	// transaction), each time with the last line as it then stands, and
	// returns the line and its number (the last line's plus one).
	Append(ctx context.Context, next func(last []byte) (line []byte, seq int, err error)) error
	// Scan calls fn with every line after the first after lines, in
	// order, until fn returns an error, which Scan returns.
	Scan(ctx context.Context, after int, fn func(line []byte) error) error
	// Len returns the number of lines.
	Len(ctx context.Context) (int, error)
	// Where names where the lines are kept (a file's path, a database),
	// for messages.
	Where() string
	// Close releases what the Lines hold open.
	Close() error
}

// errStop ends a Scan early without an error.
var errStop = errors.New("audit: stop scanning")

// fileLines are the lines of a log file: opened for appending by Open
// (w and r set), or read only (only path; a missing file is an empty
// log).
type fileLines struct {
	path string
	mu   sync.Mutex // serialises this process's appends (flock serialises processes)
	w    *os.File   // O_APPEND|O_WRONLY: every write goes to the end
	r    *os.File   // O_RDONLY: reads the last line for the chain
}

var _ Lines = (*fileLines)(nil)

// File returns the lines of the log file at path, read only: for Read,
// Verify and Find of a log no server need have open. A missing file is an
// empty log.
func File(path string) Lines { return &fileLines{path: path} }

// OpenFile opens the lines of the log file at path for appending,
// creating the file (mode 0600) when it is missing: Open with a key.
// Several OpenFile of one file, in one process or several, append to it
// in turn.
func OpenFile(path string) (Lines, error) {
	w, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	r, err := os.Open(path)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("audit: open %s: %w", path, err), w.Close())
	}
	return &fileLines{path: path, w: w, r: r}, nil
}

func (f *fileLines) Where() string { return f.path }

func (f *fileLines) Close() error {
	if f.w == nil {
		return nil
	}
	return errors.Join(f.w.Close(), f.r.Close())
}

// Last reads the end of the file.
func (f *fileLines) Last(context.Context) ([]byte, error) {
	r := f.r
	if r == nil {
		var err error
		r, err = os.Open(f.path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		defer r.Close()
	}
	return lastLine(r)
}

// Append writes the line with one write(2) and then fsyncs it, under the
// mutex and an exclusive flock(2) (the server and a command appending to
// one file at once).
func (f *fileLines) Append(_ context.Context, next func(last []byte) ([]byte, int, error)) error {
	if f.w == nil {
		return fmt.Errorf("audit: %s is open read only", f.path)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := lockFile(f.w); err != nil {
		return fmt.Errorf("audit: lock %s: %w", f.path, err)
	}
	defer unlockFile(f.w)
	last, err := lastLine(f.r)
	if err != nil {
		return fmt.Errorf("audit: %s: %w", f.path, err)
	}
	line, _, err := next(last)
	if err != nil {
		return err
	}
	if _, err := f.w.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("audit: append to %s: %w", f.path, err)
	}
	if err := f.w.Sync(); err != nil {
		return fmt.Errorf("audit: sync %s: %w", f.path, err)
	}
	return nil
}

// Scan reads the file from its start, separately from the appending
// handles.
func (f *fileLines) Scan(ctx context.Context, after int, fn func(line []byte) error) error {
	file, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer file.Close()
	n := 0
	return scanLines(file, func(line []byte) error {
		if n++; n <= after {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(line)
	})
}

// Len counts the lines of the file.
func (f *fileLines) Len(ctx context.Context) (int, error) {
	n := 0
	err := f.Scan(ctx, 0, func([]byte) error { n++; return nil })
	return n, err
}
