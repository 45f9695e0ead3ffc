package model

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/voicemap/voicemap/store"
)

// MarshalDate writes t as an ISO 8601 calendar date ("2024-03-01").
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.DateOnly)))
	})
}

// UnmarshalDate reads an ISO 8601 calendar date ("2024-03-01") or a full
// RFC 3339 timestamp, which is truncated to its calendar day in its own
// offset ("2024-03-01T23:30:00-02:00" is 1 March). Anything else is
// EINVALID.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, store.Errorf(store.EINVALID, "Date must be a string such as \"2024-03-01\"")
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return store.Day(t), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return store.Day(t), nil
	}
	return time.Time{}, store.Errorf(store.EINVALID, "invalid Date %.40q: want an ISO 8601 date such as \"2024-03-01\"", s)
}
