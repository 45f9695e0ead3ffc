package audit

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/voicemap/voicemap/store"
)

// ReadLines returns a page of the records kept in lines, oldest first
// (newest last): those after the cursor p.After, at most
// store.PageSize(p). Cursors are store.EncodeCursor of the record's Seq,
// which is its line's number in a log whose chain holds (Verify).
func ReadLines(ctx context.Context, lines Lines, p store.Page) (store.Connection[Record], error) {
	var c store.Connection[Record]
	n, err := store.PageSize(p)
	if err != nil {
		return c, err
	}
	after := 0
	if p.After != "" {
		id, err := store.DecodeCursor(p.After)
		if err != nil {
			return c, err
		}
		if after, err = strconv.Atoi(id); err != nil || after < 0 {
			return c, store.Errorf(store.EINVALID, "malformed cursor")
		}
	}
	if c.TotalCount, err = lines.Len(ctx); err != nil {
		return store.Connection[Record]{}, fmt.Errorf("audit: read %s: %w", lines.Where(), err)
	}
	err = scanRecords(ctx, lines, after, func(_ []byte, rec Record) error {
		if len(c.Items) == n {
			c.HasNextPage = true
			return errStop
		}
		c.Items = append(c.Items, rec)
		c.Cursors = append(c.Cursors, store.EncodeCursor(strconv.Itoa(rec.Seq)))
		return nil
	})
	if err != nil {
		return store.Connection[Record]{}, fmt.Errorf("audit: read %s: %w", lines.Where(), err)
	}
	if len(c.Cursors) > 0 {
		c.EndCursor = c.Cursors[len(c.Cursors)-1]
	}
	return c, nil
}

// Read is ReadLines of the log file at path (a missing file is an empty
// log).
func Read(path string, p store.Page) (store.Connection[Record], error) {
	return ReadLines(context.Background(), File(path), p)
}

// VerifyLines checks the hash chain of the log kept in lines: every line
// is a record, numbered one more than the line before, whose Prev is the
// SHA-256 of the line before (Genesis for the first). It returns how many
// records it checked, and an error naming the first line that fails.
func VerifyLines(ctx context.Context, lines Lines) (int, error) {
	c := chain{prev: Genesis}
	if err := scanRecords(ctx, lines, 0, c.check); err != nil {
		return c.n, fmt.Errorf("audit: verify %s: %w", lines.Where(), err)
	}
	return c.n, nil
}

// VerifyFile is VerifyLines of the log file at path.
func VerifyFile(path string) (int, error) {
	return VerifyLines(context.Background(), File(path))
}

// Verify is VerifyLines of a log read from r.
func Verify(r io.Reader) (int, error) {
	c := chain{prev: Genesis}
	err := scanLines(r, func(line []byte) error {
		rec, err := parseRecord(c.n+1, line)
		if err != nil {
			return err
		}
		return c.check(line, rec)
	})
	if err != nil {
		return c.n, fmt.Errorf("audit: verify: %w", err)
	}
	return c.n, nil
}

// chain checks a log's lines one after the other: n lines checked so far,
// the hash of the last of them prev.
type chain struct {
	prev string
	n    int
}

// check checks the next line and its record.
func (c *chain) check(line []byte, rec Record) error {
	c.n++
	if rec.Seq != c.n {
		return fmt.Errorf("line %d: seq %d, want %d (a line was removed or inserted)", c.n, rec.Seq, c.n)
	}
	if rec.Prev != c.prev {
		return fmt.Errorf("line %d: prev hash does not match line %d (the line before was edited, removed or inserted)", c.n, c.n-1)
	}
	c.prev = hashLine(line)
	return nil
}

// scanRecords calls fn with each line kept in lines after the first
// after, and its record, until fn returns an error (errStop ends the scan
// without one). A line that is not a record is an error naming the line.
func scanRecords(ctx context.Context, lines Lines, after int, fn func(line []byte, rec Record) error) error {
	n := after
	err := lines.Scan(ctx, after, func(line []byte) error {
		n++
		rec, err := parseRecord(n, line)
		if err != nil {
			return err
		}
		return fn(line, rec)
	})
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// parseRecord decodes line number n.
func parseRecord(n int, line []byte) (Record, error) {
	var rec Record
	if err := json.Unmarshal(line, &rec); err != nil {
		return Record{}, fmt.Errorf("line %d: not an audit record", n)
	}
	return rec, nil
}

// scanLines calls fn with each line of r, without its newline. A last
// line without a newline is an error naming the line.
func scanLines(r io.Reader, fn func(line []byte) error) error {
	br := bufio.NewReader(r)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			if len(line) > 0 {
				return fmt.Errorf("line %d: %w", lineNo, ErrIncomplete)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(line[:len(line)-1]); err != nil {
			return err
		}
	}
}

// FindLines returns the records kept in lines that concern any of ids, in
// log order: those written with key whose subjects hold an id's keyed
// hash, and those written before subjects were hashed (no SubjectKey)
// whose subjects hold the id itself. A record written with another key is
// an error: its subjects cannot be matched with this key.
func FindLines(ctx context.Context, lines Lines, key Key, ids ...string) ([]Record, error) {
	want := make(map[string]bool, 2*len(ids))
	for _, id := range ids {
		want[key.Subject(id)] = true
	}
	plain := make(map[string]bool, len(ids))
	for _, id := range ids {
		plain[id] = true
	}
	var found []Record
	err := scanRecords(ctx, lines, 0, func(_ []byte, rec Record) error {
		match := want
		switch rec.SubjectKey {
		case key.ID():
		case "":
			match = plain
		default:
			return fmt.Errorf("record %d was written with audit key %s, not %s: look it up with that key", rec.Seq, rec.SubjectKey, key.ID())
		}
		for _, s := range rec.Subjects {
			if match[s] {
				found = append(found, rec)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: find in %s: %w", lines.Where(), err)
	}
	return found, nil
}

// Find is FindLines of the log file at path (a missing file is an empty
// log).
func Find(path string, key Key, ids ...string) ([]Record, error) {
	return FindLines(context.Background(), File(path), key, ids...)
}
