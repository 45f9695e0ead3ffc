package model_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/graph/model"
	"github.com/voicemap/voicemap/store"
)

// isoDate matches a plain calendar date, the form MarshalDate writes.
var isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// realDate reports whether y-m-d names a day of the proleptic Gregorian
// calendar, computed without the time package so that it checks it.
func realDate(y, m, d int) bool {
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days[2] = 29
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m]
}

// FuzzUnmarshalDate checks the Date scalar on arbitrary client strings: it
// fails only with EINVALID, as it does for any value that is not a string;
// an accepted value is a UTC midnight whose
// calendar day is the one written at the start of the input (in the input's
// own offset), and MarshalDate writes it back as that date, which
// UnmarshalDate reads again to the same time; every real YYYY-MM-DD date is
// accepted and every impossible one refused.
func FuzzUnmarshalDate(f *testing.F) {
	for _, s := range []string{
		"2024-03-01", " 2024-02-29 ", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "9999-12-31",
		"2024-03-01T23:30:00-02:00", "2024-03-01T00:30:00+14:00", "2024-03-01T12:00:00.123456789Z",
		"2024-03-01T24:00:00Z", "2024-3-1", "01/03/2024", "2024-03-01Z", "", "null", "\"2024-03-01\"",
		"2024-03-01T10:00:00+25:00", "+2024-03-01", "2024-03-01\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []any{[]byte(s), []any{s}, len(s), nil} {
			if got, err := model.UnmarshalDate(v); store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("UnmarshalDate(%#v) = %v, %v; want EINVALID for a value that is not a string", v, got, err)
			}
		}
		got, err := model.UnmarshalDate(s)
		trimmed := strings.TrimSpace(s)
		if m := isoDate.FindStringSubmatch(trimmed); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			if want := realDate(y, mo, d); (err == nil) != want {
				t.Fatalf("UnmarshalDate(%q) = %v, %v; want accepted=%v", s, got, err, want)
			}
		}
		if err != nil {
			if code := store.ErrorCode(err); code != store.EINVALID {
				t.Fatalf("UnmarshalDate(%q) error %v has code %s, want %s", s, err, code, store.EINVALID)
			}
			return
		}
		if got != store.Day(got) || got.Location() != time.UTC {
			t.Fatalf("UnmarshalDate(%q) = %v, want a UTC midnight", s, got)
		}
		day := got.Format(time.DateOnly)
		if !strings.HasPrefix(trimmed, day) {
			t.Fatalf("UnmarshalDate(%q) = %s, want the day written in the input", s, day)
		}
		var buf bytes.Buffer
		model.MarshalDate(got).MarshalGQL(&buf)
		if want := strconv.Quote(day); buf.String() != want {
			t.Fatalf("MarshalDate(UnmarshalDate(%q)) = %s, want %s", s, buf.String(), want)
		}
		again, err := model.UnmarshalDate(day)
		if err != nil || !again.Equal(got) || again != got {
			t.Fatalf("UnmarshalDate(%q) = %v, %v; want %v, the first reading of %q", day, again, err, got, s)
		}
	})
}
