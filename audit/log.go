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
	// Subjects are the people the operation read or changed, each as the
	// keyed hash of its id (Key.Subject), sorted and without duplicates.
	// Append takes plain ids and writes their hashes. In a record written
	// before subjects were hashed (SubjectKey empty) they are plain ids.
	Subjects []string `json:"subjects"`
	// SubjectKey is the fingerprint (Key.ID) of the key Subjects were
	// hashed with; empty in records written before subjects were hashed.
	SubjectKey string `json:"subjectKey,omitempty"`
	// Failed is true when the operation ended with an error: a mutation's
	// subjects are the ids it was asked to change, whether or not it did.
	Failed bool `json:"failed,omitempty"`
	// Prev is the hex SHA-256 of the previous line, Genesis for the first.
	Prev string `json:"prev"`
}

// Log appends records to an audit log file. It is safe for concurrent use.
type Log struct {
	path       string
	key        Key
	keyPath    string
	keyCreated bool
	mu         sync.Mutex
	w          *os.File // O_APPEND|O_WRONLY: every write goes to the end
	r          *os.File // O_RDONLY: reads the last line for the chain
	now        func() time.Time
}

// Option configures Open.
type Option func(*options)

type options struct{ keyPath string }

// WithKeyFile names the file of the log's key (default: the log's path
// followed by KeySuffix).
func WithKeyFile(path string) Option {
	return func(o *options) {
		if path != "" {
			o.keyPath = path
		}
	}
}

// Open opens (creating it, mode 0600, when missing) the audit log at path
// for appending, with its key (see the package documentation, "Subjects"):
// the key file is created (mode 0600) when missing while the log is empty
// or holds only records written before subjects were hashed; it must be the
// key the log's last record was written with otherwise. Open refuses a log
// whose last line is incomplete (a torn write): the log is never
// rewritten, so an operator must look at it.
func Open(path string, opts ...Option) (*Log, error) {
	o := options{keyPath: path + KeySuffix}
	for _, opt := range opts {
		opt(&o)
	}
	w, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	r, err := os.Open(path)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("audit: open %s: %w", path, err), w.Close())
	}
	l := &Log{path: path, keyPath: o.keyPath, w: w, r: r, now: time.Now}
	last, err := lastLine(r)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("audit: %s: %w", path, err), l.Close())
	}
	if l.key, l.keyCreated, err = openKey(o.keyPath, last.subjectKey); err != nil {
		return nil, errors.Join(fmt.Errorf("audit: %s: %w", path, err), l.Close())
	}
	return l, nil
}

// Path returns the file the log appends to.
func (l *Log) Path() string { return l.path }

// KeyPath returns the file of the log's key.
func (l *Log) KeyPath() string { return l.keyPath }

// KeyCreated reports whether Open created the key file.
func (l *Log) KeyCreated() bool { return l.keyCreated }

// Key returns the log's key.
func (l *Log) Key() Key { return l.key }

// Close closes the log's file.
func (l *Log) Close() error {
	return errors.Join(l.w.Close(), l.r.Close())
}

// Append writes rec as the next line of the log, with its Seq, Prev and
// (when zero) Time set, in one write followed by fsync. rec.Subjects are
// plain ids: each is written as its keyed hash (Key.Subject), the hashes
// sorted and deduplicated, with SubjectKey set. It returns the record as
// written.
func (l *Log) Append(rec Record) (Record, error) {
	rec.Subjects = slices.Compact(slices.Sorted(slices.Values(l.key.subjects(rec.Subjects))))
	if rec.Subjects == nil {
		rec.Subjects = []string{}
	}
	rec.SubjectKey = l.key.ID()
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := lockFile(l.w); err != nil {
		return rec, fmt.Errorf("audit: lock %s: %w", l.path, err)
	}
	defer unlockFile(l.w)
	last, err := lastLine(l.r)
	if err != nil {
		return rec, fmt.Errorf("audit: %s: %w", l.path, err)
	}
	if last.subjectKey != "" && last.subjectKey != rec.SubjectKey {
		// Another process appended with another key meanwhile.
		return rec, fmt.Errorf("audit: %s: the last record was written with audit key %s, this log has key %s", l.path, last.subjectKey, rec.SubjectKey)
	}
	rec.Seq = last.seq + 1
	rec.Prev = Genesis
	if last.line != nil {
		rec.Prev = hashLine(last.line)
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

// tail is the last record of a log: its line (without the newline; nil
// for an empty log), Seq and SubjectKey.
type tail struct {
	line       []byte
	seq        int
	subjectKey string
}

// lastLine returns the last record of f.
func lastLine(f *os.File) (tail, error) {
	fi, err := f.Stat()
	if err != nil {
		return tail{}, err
	}
	size := fi.Size()
	if size == 0 {
		return tail{}, nil
	}
	var buf []byte
	for n := int64(tailChunk); ; n *= 2 {
		n = min(n, size)
		buf = make([]byte, n)
		if _, err := f.ReadAt(buf, size-n); err != nil && err != io.EOF {
			return tail{}, err
		}
		if buf[n-1] != '\n' {
			return tail{}, ErrIncomplete
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
		Seq        int    `json:"seq"`
		SubjectKey string `json:"subjectKey"`
	}
	if err := json.Unmarshal(buf, &head); err != nil || head.Seq < 1 {
		return tail{}, errors.New("the last line is not an audit record; inspect the log before appending to it")
	}
	return tail{line: buf, seq: head.Seq, subjectKey: head.SubjectKey}, nil
}
