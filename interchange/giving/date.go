package giving

import (
	"fmt"
	"time"
)

// Award dates outside these years are taken for mistakes (a spreadsheet's
// empty date cell often becomes 1899-12-30 or 0001-01-01).
const (
	minYear = 1900
	maxYear = 2100
)

// timeLayouts are the accepted forms of the part of a date-time after the
// date, in order: RFC 3339 (with fractional seconds or not, offset with or
// without a colon), then without an offset.
var timeLayouts = []string{
	"15:04:05.999999999Z07:00",
	"15:04:05.999999999Z0700",
	"15:04:05.999999999",
	"15:04Z07:00",
	"15:04",
}

// parseDate reads an award date: YYYY-MM-DD, or YYYY-MM-DD followed by "T"
// (or a space) and a time with an optional offset. It returns the calendar
// date as written at midnight UTC, or a problem message.
func parseDate(s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, "is required"
	}
	bad := func() (time.Time, string) {
		return time.Time{}, fmt.Sprintf("%s is not an ISO 8601 date: write YYYY-MM-DD (for example 2020-03-19) or a full date-time (2020-03-19T00:00:00Z)", quote(s))
	}
	if len(s) < len(time.DateOnly) {
		return bad()
	}
	d, err := time.Parse(time.DateOnly, s[:len(time.DateOnly)])
	if err != nil {
		return bad()
	}
	if rest := s[len(time.DateOnly):]; rest != "" {
		if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
			return bad()
		}
		ok := false
		for _, layout := range timeLayouts {
			if _, err := time.Parse(layout, rest[1:]); err == nil {
				ok = true
				break
			}
		}
		if !ok {
			return bad()
		}
	}
	if y := d.Year(); y < minYear || y > maxYear {
		return time.Time{}, fmt.Sprintf("%s is not a plausible award date (the year must be from %d to %d)", quote(s), minYear, maxYear)
	}
	return d, ""
}
