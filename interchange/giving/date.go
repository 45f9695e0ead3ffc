package giving

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// dayMonthDate matches a date written 26/03/2001 (or with "." or "-"),
// day or month first, with an optional time after a space.
var dayMonthDate = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)

// dayMonth reads a date matched by dayMonthDate in the given order.
func dayMonth(s string, m []string, order DateOrder) (time.Time, string) {
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	y, _ := strconv.Atoi(m[5])
	day, month := a, b
	if order == MDY {
		day, month = b, a
	}
	if m[2] != m[4] || month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, fmt.Sprintf("%s is not a valid %s date", quote(s), order)
	}
	d := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day {
		return time.Time{}, fmt.Sprintf("%s is not a valid %s date (%s has no day %d)", quote(s), order, time.Month(month), day)
	}
	if y < minYear || y > maxYear {
		return time.Time{}, fmt.Sprintf("%s is not a plausible award date (the year must be from %d to %d)", quote(s), minYear, maxYear)
	}
	return d, ""
}

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
// (or a space) and a time with an optional offset; with a date order, also
// D/M/YYYY (DMY) or M/D/YYYY (MDY), separated by "/", "." or "-", with an
// optional time after a space. It returns the calendar date as written at
// midnight UTC, or a problem message.
func parseDate(s string, order DateOrder) (time.Time, string) {
	if s == "" {
		return time.Time{}, "is required"
	}
	bad := func() (time.Time, string) {
		msg := fmt.Sprintf("%s is not an ISO 8601 date: write YYYY-MM-DD (for example 2020-03-19) or a full date-time (2020-03-19T00:00:00Z)", quote(s))
		if order == DateISO && dayMonthDate.MatchString(s) {
			msg += "; if the file writes dates day first (26/03/2001) or month first, import it with -date-order dmy or -date-order mdy (GraphQL dateOrder: DMY or MDY)"
		}
		return time.Time{}, msg
	}
	if order != DateISO {
		if m := dayMonthDate.FindStringSubmatch(s); m != nil {
			return dayMonth(s, m, order)
		}
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
