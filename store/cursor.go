package store

import "encoding/base64"

// EncodeCursor returns the opaque cursor for the item with the given id.
// Cursors are the same in every backend: base64url of "id:" + id.
func EncodeCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + id))
}

// DecodeCursor returns the id a cursor stands for; "" for an empty cursor;
// EINVALID for a malformed one.
func DecodeCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 4 || string(b[:3]) != "id:" {
		return "", Errorf(EINVALID, "malformed cursor")
	}
	id := string(b[3:])
	if err := ValidID("cursor", id); err != nil {
		return "", Errorf(EINVALID, "malformed cursor")
	}
	return id, nil
}

// PageSize returns the effective page size for p: DefaultPageSize for 0,
// EINVALID when negative or above MaxPageSize.
func PageSize(p Page) (int, error) {
	switch {
	case p.First == 0:
		return DefaultPageSize, nil
	case p.First < 0:
		return 0, Errorf(EINVALID, "first must not be negative")
	case p.First > MaxPageSize:
		return 0, Errorf(EINVALID, "first must be at most %d", MaxPageSize)
	}
	return p.First, nil
}

// Paginate cuts one page from items, which must be sorted by id ascending,
// and fills in the connection's cursors and totals. It is the single
// pagination rule every backend applies after filtering.
func Paginate[T any](items []T, id func(T) string, p Page) (Connection[T], error) {
	n, err := PageSize(p)
	if err != nil {
		return Connection[T]{}, err
	}
	after, err := DecodeCursor(p.After)
	if err != nil {
		return Connection[T]{}, err
	}
	start := 0
	if after != "" {
		for start < len(items) && id(items[start]) <= after {
			start++
		}
	}
	end := min(start+n, len(items))
	c := Connection[T]{Items: items[start:end], TotalCount: len(items), HasNextPage: end < len(items)}
	c.Cursors = make([]string, 0, end-start)
	for _, it := range c.Items {
		c.Cursors = append(c.Cursors, EncodeCursor(id(it)))
	}
	if len(c.Cursors) > 0 {
		c.EndCursor = c.Cursors[len(c.Cursors)-1]
	}
	return c, nil
}
