package audit

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/voicemap/voicemap/store"
)

// Read returns a page of the records of the log at path, oldest first
// (newest last): those after the cursor p.After, at most
// store.PageSize(p). A missing file is an empty log. Cursors are
// store.EncodeCursor of the record's Seq. It reads the whole file.
func Read(path string, p store.Page) (store.Connection[Record], error) {
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
	err = scanFile(path, func(_ []byte, rec Record) error {
		c.TotalCount++
		switch {
		case rec.Seq <= after:
		case len(c.Items) < n:
			c.Items = append(c.Items, rec)
			c.Cursors = append(c.Cursors, store.EncodeCursor(strconv.Itoa(rec.Seq)))
		default:
			c.HasNextPage = true
		}
		return nil
	})
	if err != nil {
		return store.Connection[Record]{}, fmt.Errorf("audit: read %s: %w", path, err)
	}
	if len(c.Cursors) > 0 {
		c.EndCursor = c.Cursors[len(c.Cursors)-1]
	}
	return c, nil
}

// Verify checks the hash chain of the log read from r: every line is a
// record, numbered one more than the line before, whose Prev is the
// SHA-256 of the line before (Genesis for the first). It returns how many
// records it checked, and an error naming the first line that fails.
func Verify(r io.Reader) (int, error) {
	prev, n := Genesis, 0
	err := scan(r, func(line []byte, rec Record) error {
		n++
		if rec.Seq != n {
			return fmt.Errorf("line %d: seq %d, want %d (a line was removed or inserted)", n, rec.Seq, n)
		}
		if rec.Prev != prev {
			return fmt.Errorf("line %d: prev hash does not match line %d (the line before was edited, removed or inserted)", n, n-1)
		}
		prev = hashLine(line)
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("audit: verify: %w", err)
	}
	return n, nil
}

// VerifyFile is Verify of the log at path.
func VerifyFile(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("audit: verify %s: %w", path, err)
	}
	defer f.Close()
	return Verify(f)
}

// scanFile is scan of the log at path; a missing file is an empty log.
func scanFile(path string, fn func(line []byte, rec Record) error) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	return scan(f, fn)
}

// scan calls fn with each line of r (without its newline) and its record.
// A line that is not a record, or a last line without a newline, is an
// error naming the line.
func scan(r io.Reader, fn func(line []byte, rec Record) error) error {
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
		line = line[:len(line)-1]
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return fmt.Errorf("line %d: not an audit record", lineNo)
		}
		if err := fn(line, rec); err != nil {
			return err
		}
	}
}

// Find returns the records of the log at path that concern any of ids, in
// log order: those written with key whose subjects hold an id's keyed hash,
// and those written before subjects were hashed (no SubjectKey) whose
// subjects hold the id itself. A record written with another key is an
// error: its subjects cannot be matched with this key. A missing file is
// an empty log.
func Find(path string, key Key, ids ...string) ([]Record, error) {
	want := make(map[string]bool, 2*len(ids))
	for _, id := range ids {
		want[key.Subject(id)] = true
	}
	plain := make(map[string]bool, len(ids))
	for _, id := range ids {
		plain[id] = true
	}
	var found []Record
	err := scanFile(path, func(_ []byte, rec Record) error {
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
		return nil, fmt.Errorf("audit: find in %s: %w", path, err)
	}
	return found, nil
}
