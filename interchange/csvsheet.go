package interchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// sheet reads a CSV table whose first line holds the column titles, for the
// place-data and Kumu readers. Problems go to probs, each prefixed with the
// sheet's name ("elements ", "connections ", or "" for a file of one
// table). Reading stops at a malformed quoted field, at a file larger than
// MaxDocumentSize, and at an error of the underlying reader, which is kept
// in ioErr.
type sheet struct {
	prefix string
	probs  *problems
	cr     *csv.Reader
	// titles are the column titles as written, trimmed; keys the same in
	// the form they are matched in (titleKey).
	titles, keys []string
	ioErr        error
	done         bool
}

// errTooLarge is returned by limitReader past MaxDocumentSize bytes.
var errTooLarge = errors.New("file too large")

// limitReader fails with errTooLarge once more than n bytes are read.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	if l.n < 0 {
		return k, errTooLarge
	}
	return k, err
}

// newSheet starts reading r, skipping a UTF-8 byte order mark, and reads
// the header row. It returns nil after recording a problem when the file is
// empty or unreadable.
func newSheet(r io.Reader, prefix string, probs *problems) *sheet {
	br := bufio.NewReader(&limitReader{r: r, n: MaxDocumentSize})
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	s := &sheet{prefix: prefix, probs: probs, cr: csv.NewReader(br)}
	s.cr.FieldsPerRecord = -1
	header, err := s.cr.Read()
	if err == io.EOF {
		probs.add("%sline 1: the file is empty; its first line must hold the column titles", prefix)
		return s.stop()
	}
	if err != nil {
		s.readError(err)
		return s.stop()
	}
	for _, t := range header {
		t = strings.TrimSpace(t)
		s.titles = append(s.titles, t)
		s.keys = append(s.keys, titleKey(t))
	}
	return s
}

func (s *sheet) stop() *sheet {
	s.done = true
	return s
}

// titleKey puts a column title in the form it is matched in: lower case,
// runs of space made one, no space around ":".
func titleKey(t string) string {
	parts := strings.Split(strings.ToLower(t), ":")
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(parts, ":")
}

// readError records why reading stopped.
func (s *sheet) readError(err error) {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errTooLarge):
		s.probs.add("%sthe file is larger than the limit of %d bytes; reading stopped", s.prefix, MaxDocumentSize)
	case errors.As(err, &pe):
		s.probs.add("%sline %d, column %d: %s; reading stopped here", s.prefix, pe.Line, pe.Column, pe.Err)
	default:
		s.ioErr = err
	}
}

// next returns the next row that is not blank, with the line it starts
// on; ok is false at the end of the file or after an error. A row with more
// cells than there are titles is a problem (its extra cells are dropped);
// a shorter row is padded with empty cells.
func (s *sheet) next() (row []string, line int, ok bool) {
	for !s.done {
		rec, err := s.cr.Read()
		if err == io.EOF {
			s.done = true
			break
		}
		if err != nil {
			s.readError(err)
			s.done = true
			break
		}
		if blankRow(rec) {
			continue
		}
		line, _ = s.cr.FieldPos(0)
		if len(rec) > len(s.titles) {
			extra := rec[len(s.titles):]
			if !blankRow(extra) {
				s.probs.add("%sline %d: %d cells, but the first line has %d column titles", s.prefix, line, len(rec), len(s.titles))
			}
			rec = rec[:len(s.titles)]
		}
		for len(rec) < len(s.titles) {
			rec = append(rec, "")
		}
		return rec, line, true
	}
	return nil, 0, false
}

// where names a cell for a problem: "elements line 7, Type".
func (s *sheet) where(line, col int) string {
	return fmt.Sprintf("%sline %d, %s", s.prefix, line, s.titles[col])
}

// column finds the column whose key is one of keys, -1 when none; a
// second matching column is a problem.
func (s *sheet) column(keys ...string) int {
	found := -1
	for i, k := range s.keys {
		for _, want := range keys {
			if k != want {
				continue
			}
			if found >= 0 {
				s.probs.add("%sline 1: columns %q (column %d) and %q (column %d) give the same field", s.prefix, s.titles[found], found+1, s.titles[i], i+1)
			} else {
				found = i
			}
		}
	}
	return found
}

func blankRow(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// cellAt returns the trimmed cell of row in column col, "" when col < 0.
func cellAt(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[col])
}
