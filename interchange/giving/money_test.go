package giving

import (
	"strings"
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		currency  string
		exponents bool
		want      int64
		problem   string // a part of the problem message; "" when valid
		rounded   bool
	}{
		{name: "whole pounds", in: "10000", currency: "GBP", want: 1000000},
		{name: "float-style JSON number", in: "10000.0", currency: "GBP", want: 1000000},
		{name: "pence kept exactly", in: "1234.56", currency: "GBP", want: 123456},
		{name: "one decimal", in: "0.1", currency: "GBP", want: 10},
		{name: "trailing zeros beyond pence", in: "12.3400", currency: "GBP", want: 1234},
		{name: "leading dot", in: ".5", currency: "GBP", want: 50},
		{name: "zero", in: "0", currency: "GBP", want: 0},
		{name: "negative zero", in: "-0.00", currency: "GBP", want: 0},
		{name: "yen has no minor unit", in: "500", currency: "JPY", want: 500},
		{name: "dinar has three places", in: "1.234", currency: "KWD", want: 1234},
		{name: "exponent in JSON", in: "1.5e4", currency: "GBP", exponents: true, want: 1500000},
		{name: "negative exponent in JSON", in: "12345E-2", currency: "GBP", exponents: true, want: 12345},
		{name: "largest", in: "9999999999999999.99", currency: "GBP", want: 999999999999999999},
		{name: "thousands separator", in: "1,000.00", currency: "GBP", problem: `"1,000.00" is not a number`},
		{name: "currency symbol", in: "£1000", currency: "GBP", problem: "is not a number"},
		{name: "text", in: "ten pounds", currency: "GBP", problem: "is not a number"},
		{name: "exponent in CSV", in: "1e3", currency: "GBP", problem: "is not a number"},
		{name: "lone dot", in: ".", currency: "GBP", problem: "is not a number"},
		{name: "plus sign", in: "+5", currency: "GBP", problem: "is not a number"},
		{name: "fraction of a penny", in: "10.005", currency: "GBP", problem: "more decimal places than GBP has (2)"},
		{name: "fraction of a yen", in: "10.5", currency: "JPY", problem: "more decimal places than JPY has (0)"},
		{name: "negative", in: "-5", currency: "GBP", problem: "is negative"},
		{name: "too large", in: "99999999999999999", currency: "GBP", problem: "too large"},
		{name: "huge exponent", in: "1e999999999999", currency: "GBP", exponents: true, problem: "too large"},
		{name: "huge negative exponent", in: "1e-999999999999", currency: "GBP", exponents: true, problem: "more decimal places"},
		{name: "zero with huge exponent", in: "0e999999999999", currency: "GBP", exponents: true, want: 0},
		{name: "exponent without digits", in: "1e", currency: "GBP", exponents: true, problem: "is not a number"},
		{name: "large exponent", in: "1e400", currency: "GBP", exponents: true, problem: "too large"},
		{name: "tiny exponent", in: "1e-400", currency: "GBP", exponents: true, problem: "more decimal places"},
		{name: "empty", in: "", currency: "GBP", problem: "is required"},
		// Binary floating-point artefacts of whole pennies are rounded, as
		// spreadsheets write them (41133.77 after a sum); a real third
		// decimal is not.
		{name: "float artefact above", in: "41133.770000000004", currency: "GBP", want: 4113377, rounded: true},
		{name: "float artefact below", in: "0.30000000000000004", currency: "GBP", want: 30, rounded: true},
		{name: "float artefact below a penny", in: "17759.959999999999", currency: "GBP", want: 1775996, rounded: true},
		{name: "float artefact JSON", in: "1.1000000000000001e2", currency: "GBP", exponents: true, want: 11000, rounded: true},
		{name: "third decimal", in: "10.001", currency: "GBP", problem: "more decimal places"},
		{name: "tenth of a penny off", in: "41133.7701", currency: "GBP", problem: "more decimal places"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rounded, problem := parseAmount(tt.in, CurrencyExponent(tt.currency), tt.currency, tt.exponents)
			if rounded != tt.rounded {
				t.Fatalf("parseAmount(%q) rounded = %v, want %v", tt.in, rounded, tt.rounded)
			}
			if tt.problem == "" {
				if problem != "" || got != tt.want {
					t.Fatalf("parseAmount(%q, %s) = %d, %q, want %d", tt.in, tt.currency, got, problem, tt.want)
				}
				return
			}
			if !strings.Contains(problem, tt.problem) {
				t.Fatalf("parseAmount(%q, %s) problem = %q, want it to contain %q", tt.in, tt.currency, problem, tt.problem)
			}
		})
	}
}

func TestFormatAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		minor    int64
		currency string
		want     string
	}{
		{"pounds and pence", 1000050, "GBP", "10000.50"},
		{"pence only", 5, "GBP", "0.05"},
		{"zero", 0, "GBP", "0.00"},
		{"yen", 500, "JPY", "500"},
		{"dinar", 1234, "KWD", "1.234"},
		{"negative", -150, "EUR", "-1.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatAmount(tt.minor, tt.currency); got != tt.want {
				t.Fatalf("FormatAmount(%d, %s) = %q, want %q", tt.minor, tt.currency, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		in      string
		want    time.Time
		problem string
		order   DateOrder
	}{
		// Day-first and month-first dates, read only when declared (the
		// Indigo Trust's 2015 CSV writes 26/03/2001 00:00).
		{name: "day first", in: "26/03/2001 00:00", order: DMY, want: day(2001, 3, 26)},
		{name: "day first dots", in: "1.2.2019", order: DMY, want: day(2019, 2, 1)},
		{name: "month first", in: "03/26/2001", order: MDY, want: day(2001, 3, 26)},
		{name: "day first undeclared", in: "26/03/2001", problem: "-date-order dmy"},
		{name: "month 13 day first", in: "13/13/2001", order: DMY, problem: "not a valid dmy date"},
		{name: "31 February", in: "31/02/2020", order: DMY, problem: "February has no day 31"},
		{name: "mixed separators", in: "01/02-2020", order: DMY, problem: "not a valid dmy date"},
		{name: "ISO still read with an order", in: "2020-03-17", order: DMY, want: day(2020, 3, 17)},
		{name: "month and year only", in: "11/2012", order: DMY, problem: "is not an ISO 8601 date"},
		// The forms below are those of the real records in testdata/covid19_tracker_grants.json.
		{name: "date", in: "2020-03-17", want: day(2020, 3, 17)},
		{name: "UTC with milliseconds", in: "2020-03-19T00:00:00.000Z", want: day(2020, 3, 19)},
		{name: "offset with colon", in: "2020-03-23T00:00:00+00:00", want: day(2020, 3, 23)},
		{name: "offset without colon", in: "2020-11-27T14:39:38.000+0000", want: day(2020, 11, 27)},
		{name: "date as written, not moved by the offset", in: "2020-03-19T23:30:00-05:00", want: day(2020, 3, 19)},
		{name: "no offset", in: "2024-01-15T00:00:00", want: day(2024, 1, 15)},
		{name: "space separator", in: "2024-01-15 09:30:00", want: day(2024, 1, 15)},
		{name: "minutes only", in: "2024-01-15T09:30", want: day(2024, 1, 15)},
		{name: "leap day", in: "2020-02-29", want: day(2020, 2, 29)},
		// The form of testdata/indigo_trust_2015.csv.
		{name: "day first", in: "26/03/2001 00:00", problem: "is not an ISO 8601 date"},
		{name: "month and year", in: "08/2013", problem: "is not an ISO 8601 date"},
		{name: "no such day", in: "2021-02-29", problem: "is not an ISO 8601 date"},
		{name: "month 13", in: "2021-13-01", problem: "is not an ISO 8601 date"},
		{name: "bad time", in: "2021-01-01T25:00:00Z", problem: "is not an ISO 8601 date"},
		{name: "junk after date", in: "2021-01-01x", problem: "is not an ISO 8601 date"},
		{name: "spreadsheet zero date", in: "1899-12-30", problem: "not a plausible award date"},
		{name: "far future", in: "2999-01-01", problem: "not a plausible award date"},
		{name: "empty", in: "", problem: "is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problem := parseDate(tt.in, tt.order)
			if tt.problem == "" {
				if problem != "" || !got.Equal(tt.want) || got.Location() != time.UTC {
					t.Fatalf("parseDate(%q) = %v, %q, want %v", tt.in, got, problem, tt.want)
				}
				return
			}
			if !strings.Contains(problem, tt.problem) {
				t.Fatalf("parseDate(%q) problem = %q, want it to contain %q", tt.in, problem, tt.problem)
			}
		})
	}
}
