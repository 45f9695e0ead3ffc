package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"time"
)

// Genesis is the Prev of the first record of a log: 64 zeros.
var Genesis = hex.EncodeToString(make([]byte, sha256.Size))

// Record is one line of the audit log.
type Record struct {
	// Seq numbers the records of a log from 1, in the order written.
	Seq int `json:"seq"`
	// Time is when the record was written, in UTC.
	Time time.Time `json:"time"`
	// KeyID and Role are the principal's (auth.Principal); KeyID is "cli"
	// for the command line.
	KeyID string `json:"keyId"`
	Role  string `json:"role"`
	// Operation is the operation type and what it did, e.g. "query
	// people,node" or "mutation forgetPerson" or "cli export graphml".
	Operation string `json:"operation"`
	// Scope says what a command-line operation covered (place and date),
	// empty for a GraphQL operation.
	Scope string `json:"scope,omitempty"`
	// Subjects are the ids of the people the operation read or changed,
	// sorted and without duplicates.
	Subjects []string `json:"subjects"`
	// Failed is true when the operation ended with an error: a mutation's
	// subjects are the ids it was asked to change, whether or not it did.
	Failed bool `json:"failed,omitempty"`
	// Prev is the hex SHA-256 of the previous line, Genesis for the first.
	Prev string `json:"prev"`
}

// Log appends records to an audit log file. It is safe for concurrent use.
type Log struct {
	path string
	mu   sync.Mutex
	w    *os.File // O_APPEND|O_WRONLY: every write goes to the end
	r    *os.File // O_RDONLY: reads the last line for the chain
	now  func() time.Time
}

// Open opens (creating it, mode 0600, when missing) the audit log at path
// for appending. It refuses a log whose last line is incomplete (a torn
// write): the log is never rewritten, so an operator must look at it.
func Open(path string) (*Log, error) {
	w, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	r, err := os.Open(path)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("audit: open %s: %w", path, err), w.Close())
	}
	l := &Log{path: path, w: w, r: r, now: time.Now}
	if _, _, err := lastLine(r); err != nil {
		return nil, errors.Join(fmt.Errorf("audit: %s: %w", path, err), l.Close())
	}
	return l, nil
}

// Path returns the file the log appends to.
func (l *Log) Path() string { return l.path }

// Close closes the log's file.
func (l *Log) Close() error {
	return errors.Join(l.w.Close(), l.r.Close())
}

// Append writes rec as the next line of the log, with its Seq, Prev and
// (when zero) Time set, in one write followed by fsync. Subjects are
// sorted and deduplicated. It returns the record as written.
func (l *Log) Append(rec Record) (Record, error) {
	rec.Subjects = slices.Compact(slices.Sorted(slices.Values(rec.Subjects)))
	if rec.Subjects == nil {
		rec.Subjects = []string{}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := lockFile(l.w); err != nil {
		return rec, fmt.Errorf("audit: lock %s: %w", l.path, err)
	}
	defer unlockFile(l.w)
	last, seq, err := lastLine(l.r)
	if err != nil {
		return rec, fmt.Errorf("audit: %s: %w", l.path, err)
	}
	rec.Seq = seq + 1
	rec.Prev = Genesis
	if last != nil {
		rec.Prev = hashLine(last)
	}
	if rec.Time.IsZero() {
		rec.Time = l.now()
	}
	rec.Time = rec.Time.UTC()
	line, err := json.Marshal(rec)
	if err != nil {
		return rec, fmt.Errorf("audit: encode record: %w", err)
	}
	line = append(line, '\n')
	if _, err := l.w.Write(line); err != nil {
		return rec, fmt.Errorf("audit: append to %s: %w", l.path, err)
	}
	if err := l.w.Sync(); err != nil {
		return rec, fmt.Errorf("audit: sync %s: %w", l.path, err)
	}
	return rec, nil
}

// hashLine returns the hex SHA-256 of a line without its newline.
func hashLine(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:])
}

// ErrIncomplete reports a log whose last line has no newline.
var ErrIncomplete = errors.New("the last line is incomplete (no newline): a torn write; inspect the log before appending to it")

// tailChunk is how much of the file lastLine reads at a time.
const tailChunk = 4096

// lastLine returns the last line of f (without its newline; nil for an
// empty file) and its Seq.
func lastLine(f *os.File) ([]byte, int, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	size := fi.Size()
	if size == 0 {
		return nil, 0, nil
	}
	var buf []byte
	for n := int64(tailChunk); ; n *= 2 {
		n = min(n, size)
		buf = make([]byte, n)
		if _, err := f.ReadAt(buf, size-n); err != nil && err != io.EOF {
			return nil, 0, err
		}
		if buf[n-1] != '\n' {
			return nil, 0, ErrIncomplete
		}
		if i := bytes.LastIndexByte(buf[:n-1], '\n'); i >= 0 {
			buf = buf[i+1 : n-1]
			break
		}
		if n == size {
			buf = buf[:n-1]
			break
		}
	}
	var head struct {
		Seq int `json:"seq"`
	}
	if err := json.Unmarshal(buf, &head); err != nil || head.Seq < 1 {
		return nil, 0, errors.New("the last line is not an audit record; inspect the log before appending to it")
	}
	return buf, head.Seq, nil
}
