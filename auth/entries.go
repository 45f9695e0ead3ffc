package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Entry is one configured key, as in the keys file.
type Entry struct {
	ID      string   `json:"id"`
	Role    Role     `json:"role"`
	Places  []string `json:"places,omitempty"`
	Hash    string   `json:"hash"`
	Revoked bool     `json:"revoked,omitempty"`
}

// Principal returns the principal of e.
func (e Entry) Principal() Principal {
	return Principal{KeyID: e.ID, Role: e.Role, Places: slices.Clone(e.Places)}
}

// Check reports what is wrong with e, nil when nothing: an invalid id or
// role, a hash that is not "sha256:" and 64 hex digits, an empty place id,
// "places": [] (an empty list, which must never read as every place), and
// an editor or analyst key without places (which would see every place; an
// unscoped key is for an admin or a funder).
func (e Entry) Check() error {
	switch {
	case !ValidID(e.ID):
		return fmt.Errorf("id %q: want 1 to 64 of a-z, 0-9, '.' and '-'", e.ID)
	case !e.Role.Valid():
		return fmt.Errorf("role %q: want admin, editor, analyst or funder", e.Role)
	case !validHash(e.Hash):
		return errors.New(`hash: want "sha256:" and 64 hex digits`)
	case e.Places != nil && len(e.Places) == 0:
		return errors.New(`"places" is an empty list: list the places the key may see, or leave "places" out for an unscoped admin or funder key`)
	case e.Places == nil && (e.Role == RoleEditor || e.Role == RoleAnalyst):
		return fmt.Errorf("an %s key needs \"places\": without them it would see every place", e.Role)
	}
	for _, p := range e.Places {
		if p == "" {
			return errors.New("empty place id")
		}
	}
	return nil
}

// ParseEntries reads the keys in data, in either of two forms: a JSON
// array of entries, or JSON Lines, one entry (a JSON object) per line, as
// `voicemap keys new` prints them, so that its output can be appended to
// the file as it is. Blank lines are ignored; a file of nothing but
// whitespace holds no keys. It refuses unknown fields, an entry that fails
// Entry.Check, duplicate ids, and an array followed by more data (the two
// forms mixed, as appending a line to an array file would make).
func ParseEntries(data []byte) ([]Entry, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	var entries []Entry
	var lines []int // the line of each entry, for JSON Lines
	switch {
	case len(trimmed) == 0:
		return nil, nil
	case trimmed[0] == '[':
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&entries); err != nil {
			return nil, fmt.Errorf("keys: %w", err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, errors.New("keys: the JSON array is followed by more data: write the keys either as one JSON array or as one JSON object per line (JSON Lines), not both")
		}
	default:
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		for {
			start := lineAt(data, dec.InputOffset())
			var e Entry
			err := dec.Decode(&e)
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("keys: line %d: %w", start, err)
			}
			entries = append(entries, e)
			lines = append(lines, start)
		}
	}
	seen := map[string]bool{}
	for i, e := range entries {
		where := fmt.Sprintf("keys[%d]", i)
		if lines != nil {
			where = fmt.Sprintf("keys line %d", lines[i])
		}
		if ValidID(e.ID) {
			where += " (" + e.ID + ")"
		}
		if err := e.Check(); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("%s: id %q appears twice", where, e.ID)
		}
		seen[e.ID] = true
	}
	return entries, nil
}

// lineAt returns the line (from 1) of the first byte after offset that is
// not white space: where the next JSON value starts.
func lineAt(data []byte, offset int64) int {
	i := int(offset)
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return bytes.Count(data[:i], []byte{'\n'}) + 1
}

// EncodeLine returns e as one line of a JSON Lines keys file, with its
// newline.
func (e Entry) EncodeLine() ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func validHash(h string) bool {
	hexPart, ok := bytes.CutPrefix([]byte(h), []byte(HashPrefix))
	if !ok || len(hexPart) != 64 {
		return false
	}
	for _, c := range hexPart {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
