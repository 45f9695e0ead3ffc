package giving

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxMinorDigits bounds the digits of an amount in minor units, so that it
// fits an int64 (whose largest value has 19 digits) with room to add grants.
const maxMinorDigits = 18

// parseAmount reads s, a decimal number, as an exact count of minor units of
// a currency whose minor unit has exp decimal places. withExponent allows an
// exponent ("1.5e4"), as JSON numbers may carry; the flat CSV template asks
// for plain digits. An amount with more decimal places than the currency
// has is refused, unless it is a binary floating-point artefact of a whole
// number of minor units (floatArtefact): then it is rounded, and rounded
// is true. It returns a problem message, or "" when s is usable.
func parseAmount(s string, exp int, currency string, withExponent bool) (minor int64, rounded bool, problem string) {
	minor, problem = parseExact(s, exp, currency, withExponent)
	if problem == "" || !strings.Contains(problem, "more decimal places") {
		return minor, false, problem
	}
	if r, ok := floatArtefact(s, exp); ok {
		return r, true, ""
	}
	return 0, false, problem
}

// floatArtefact reports whether s, a number with more decimal places than
// a minor unit has, is what binary floating point writes for a whole
// number of minor units: its nearest 64-bit float lies within 4 units in
// the last place of the float nearest that whole number (41133.770000000004
// is 41133.77 after a spreadsheet's sum; 10.005 or 10.001 is not). It
// returns that number of minor units.
func floatArtefact(s string, exp int) (int64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v <= 0 || v > 1e15 {
		return 0, false
	}
	scaled := math.Round(v * math.Pow10(exp))
	want, err := strconv.ParseFloat(strconv.FormatFloat(scaled, 'f', 0, 64)+"e-"+strconv.Itoa(exp), 64)
	if err != nil {
		return 0, false
	}
	lo, hi := want, want
	for range 4 {
		lo, hi = math.Nextafter(lo, math.Inf(-1)), math.Nextafter(hi, math.Inf(1))
	}
	if v < lo || v > hi {
		return 0, false
	}
	return int64(scaled), true
}

// parseExact reads s as an exact count of minor units (see parseAmount).
func parseExact(s string, exp int, currency string, withExponent bool) (int64, string) {
	if s == "" {
		return 0, "is required"
	}
	notNumber := func() (int64, string) {
		return 0, fmt.Sprintf("%s is not a number: write digits with an optional decimal point, without thousands separators or currency symbols (for example 1000.50)", quote(s))
	}
	rest, neg := strings.CutPrefix(s, "-")
	intPart, rest := leadingDigits(rest)
	frac := ""
	if r, ok := strings.CutPrefix(rest, "."); ok {
		frac, rest = leadingDigits(r)
	}
	if intPart == "" && frac == "" {
		return notNumber()
	}
	e := 0
	if rest != "" && withExponent && (rest[0] == 'e' || rest[0] == 'E') {
		r := rest[1:]
		eneg := false
		if r != "" && (r[0] == '+' || r[0] == '-') {
			eneg = r[0] == '-'
			r = r[1:]
		}
		var d string
		d, rest = leadingDigits(r)
		if d == "" {
			return notNumber()
		}
		if d = strings.TrimLeft(d, "0"); len(d) > 5 {
			d = "99999" // far beyond any amount either way; keeps e an int
		}
		e, _ = strconv.Atoi(d)
		if eneg {
			e = -e
		}
	}
	if rest != "" {
		return notNumber()
	}
	// value = digits × 10^(e - len(frac)); minor = value × 10^exp.
	digits := intPart + frac
	shift := exp + e - len(frac)
	if shift < 0 {
		cut := min(-shift, len(digits))
		if strings.Trim(digits[len(digits)-cut:], "0") != "" {
			return 0, fmt.Sprintf("%s has more decimal places than %s has (%d); round it in the source file", quote(s), currencyName(currency), exp)
		}
		digits, shift = digits[:len(digits)-cut], 0
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return 0, ""
	}
	if neg {
		return 0, fmt.Sprintf("%s is negative: an amount awarded must be 0 or more", quote(s))
	}
	if len(digits)+shift > maxMinorDigits {
		return 0, fmt.Sprintf("%s is too large", quote(s))
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, fmt.Sprintf("%s is too large", quote(s))
	}
	for range shift {
		v *= 10
	}
	return v, ""
}

// leadingDigits splits s after its leading ASCII digits.
func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

func currencyName(code string) string {
	if code == "" {
		return "the currency"
	}
	return code
}

// quote quotes a value for a problem message, shortened to at most 60 bytes
// of the original so that one bad cell cannot flood the report.
func quote(s string) string {
	const max = 60
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		return strconv.Quote(s[:cut]) + "..."
	}
	return strconv.Quote(s)
}
