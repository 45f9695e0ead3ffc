package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
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

// Log appends records to an audit log: its Lines (a file, or a database
// that several servers share) and the key its subjects are hashed with.
// It is safe for concurrent use.
type Log struct {
	lines      Lines
	key        Key
	keyPath    string
	keyCreated bool
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

// Open opens (creating it, mode 0600, when missing) the audit log file at
// path for appending, with its key (see the package documentation,
// "Subjects"): the key file is created (mode 0600) when missing while the
// log is empty or holds only records written before subjects were hashed;
// it must be the key the log's last record was written with otherwise.
// Open refuses a log whose last line is incomplete (a torn write): the log
// is never rewritten, so an operator must look at it.
func Open(path string, opts ...Option) (*Log, error) {
	o := options{keyPath: path + KeySuffix}
	for _, opt := range opts {
		opt(&o)
	}
	f, err := OpenFile(path)
	if err != nil {
		return nil, err
	}
	return OpenLines(context.Background(), f, o.keyPath)
}

// OpenLines opens the audit log kept in lines for appending, with its key
// at keyPath, as Open does a file's. The Log closes lines when it is
// closed, also when OpenLines fails.
func OpenLines(ctx context.Context, lines Lines, keyPath string) (*Log, error) {
	l := &Log{lines: lines, keyPath: keyPath, now: time.Now}
	last, err := lines.Last(ctx)
	var t tail
	if err == nil {
		t, err = parseTail(last)
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("audit: %s: %w", lines.Where(), err), l.Close())
	}
	if l.key, l.keyCreated, err = openKey(keyPath, t.subjectKey); err != nil {
		return nil, errors.Join(fmt.Errorf("audit: %s: %w", lines.Where(), err), l.Close())
	}
	return l, nil
}

// Path returns where the log is kept: the file it appends to, or the
// database's name for its lines (Lines.Where).
func (l *Log) Path() string { return l.lines.Where() }

// Lines returns the lines the log appends to, for reading (Read, Verify,
// Find).
func (l *Log) Lines() Lines { return l.lines }

// KeyPath returns the file of the log's key.
func (l *Log) KeyPath() string { return l.keyPath }

// KeyCreated reports whether Open created the key file.
func (l *Log) KeyCreated() bool { return l.keyCreated }

// Key returns the log's key.
func (l *Log) Key() Key { return l.key }

// Close closes the log's lines.
func (l *Log) Close() error { return l.lines.Close() }

// Append writes rec as the next line of the log, with its Seq, Prev and
// (when zero) Time set: in one write followed by fsync for a file, in one
// transaction for a database. rec.Subjects are plain ids: each is written
// as its keyed hash (Key.Subject), the hashes sorted and deduplicated,
// with SubjectKey set. It returns the record as written.
func (l *Log) Append(ctx context.Context, rec Record) (Record, error) {
	rec.Subjects = slices.Compact(slices.Sorted(slices.Values(l.key.subjects(rec.Subjects))))
	if rec.Subjects == nil {
		rec.Subjects = []string{}
	}
	rec.SubjectKey = l.key.ID()
	if rec.Time.IsZero() {
		rec.Time = l.now()
	}
	rec.Time = rec.Time.UTC()
	var out Record
	err := l.lines.Append(ctx, func(lastLine []byte) ([]byte, int, error) {
		last, err := parseTail(lastLine)
		if err != nil {
			return nil, 0, fmt.Errorf("audit: %s: %w", l.lines.Where(), err)
		}
		if last.subjectKey != "" && last.subjectKey != rec.SubjectKey {
			// Another process or server appended with another key.
			return nil, 0, fmt.Errorf("audit: %s: the last record was written with audit key %s, this log has key %s", l.lines.Where(), last.subjectKey, rec.SubjectKey)
		}
		out = rec
		out.Seq = last.seq + 1
		out.Prev = Genesis
		if last.line != nil {
			out.Prev = hashLine(last.line)
		}
		line, err := json.Marshal(out)
		if err != nil {
			return nil, 0, fmt.Errorf("audit: encode record: %w", err)
		}
		return line, out.Seq, nil
	})
	if err != nil {
		return rec, err
	}
	return out, nil
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

// tail is the last record of a log: its line (nil for an empty log), Seq
// and SubjectKey.
type tail struct {
	line       []byte
	seq        int
	subjectKey string
}

// parseTail reads the Seq and SubjectKey of the last line (nil: an empty
// log).
func parseTail(line []byte) (tail, error) {
	if line == nil {
		return tail{}, nil
	}
	var head struct {
		Seq        int    `json:"seq"`
		SubjectKey string `json:"subjectKey"`
	}
	if err := json.Unmarshal(line, &head); err != nil || head.Seq < 1 {
		return tail{}, errors.New("the last line is not an audit record; inspect the log before appending to it")
	}
	return tail{line: line, seq: head.Seq, subjectKey: head.SubjectKey}, nil
}

// lastLine returns the last line of f without its newline (nil for an
// empty file).
func lastLine(f *os.File) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if size == 0 {
		return nil, nil
	}
	var buf []byte
	for n := int64(tailChunk); ; n *= 2 {
		n = min(n, size)
		buf = make([]byte, n)
		if _, err := f.ReadAt(buf, size-n); err != nil && err != io.EOF {
			return nil, err
		}
		if buf[n-1] != '\n' {
			return nil, ErrIncomplete
		}
		if i := bytes.LastIndexByte(buf[:n-1], '\n'); i >= 0 {
			return buf[i+1 : n-1], nil
		}
		if n == size {
			return buf[:n-1], nil
		}
	}
}
