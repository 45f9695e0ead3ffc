package giving

import (
	"fmt"
	"strings"
)

// DateOrder is the order of day and month in award dates written with
// slashes, dots or hyphens (26/03/2001), which the 360Giving standard does
// not allow but spreadsheets write.
type DateOrder string

// The date orders a file may be declared to have. DateISO (the default)
// reads ISO 8601 dates only; DMY also reads day-first dates (26/03/2001,
// 26-3-2001 00:00), MDY month-first ones (03/26/2001).
const (
	DateISO DateOrder = ""
	DMY     DateOrder = "dmy"
	MDY     DateOrder = "mdy"
)

// ParseDateOrder reads a -date-order value: "dmy", "mdy", or "" / "iso".
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "iso":
		return DateISO, nil
	case "dmy":
		return DMY, nil
	case "mdy":
		return MDY, nil
	}
	return "", fmt.Errorf("date order %q is not dmy, mdy or iso", s)
}

// Options adjusts how a 360Giving file is read. The zero value is the
// strict reading the standard asks for: ISO 8601 dates, exact amounts,
// and a whole file refused for any invalid grant.
type Options struct {
	// DateOrder declares the file's day-first or month-first dates.
	DateOrder DateOrder
	// SkipInvalid hands every valid grant to fn and reports each invalid
	// grant's problems to Skipped instead of refusing the file. Problems
	// with the file itself (a missing required column, malformed CSV or
	// JSON, an unreadable workbook) still refuse it.
	SkipInvalid bool
	// Skipped receives each problem of a grant left out by SkipInvalid.
	Skipped func(Problem)
	// Rounded receives each amount rounded from a binary floating-point
	// artefact (see the package documentation, Money), with the amount it
	// became in minor units.
	Rounded func(p Problem, minor int64)
}

// Problem is one problem of one grant: where it is (At: "line 7" or
// "grants[3]", Row the line or index), the field, the value as written
// (shortened) and the reason.
type Problem struct {
	At     string
	Row    int
	Field  string
	Value  string
	Reason string
}
