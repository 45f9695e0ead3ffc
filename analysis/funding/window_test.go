package funding_test

import (
	"slices"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis/funding"
)

// TestWindow checks that [From, To] is inclusive at both ends, by calendar
// day in each time's own location, and that a zero end is open.
func TestWindow(t *testing.T) {
	bst := time.FixedZone("BST", 3600)
	times := map[string]time.Time{
		"before":      at(t, "2023-12-31T23:59:59Z"),
		"first":       day(t, "2024-01-01"),
		"lastEvening": at(t, "2024-01-31T18:00:00Z"),
		"after":       day(t, "2024-02-01"),
		// 23:30 UTC on 31 January, but 1 February where it was written.
		"afterLocal": time.Date(2024, 2, 1, 0, 30, 0, 0, bst),
		"long ago":   day(t, "1990-05-05"),
	}
	var grants []funding.Grant
	for id, when := range times {
		grants = append(grants, funding.Grant{ID: id, Amount: 1, Currency: "GBP", AwardedOn: when, FunderID: "f", RecipientID: "r", Places: []string{"A"}})
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{name: "closed", from: day(t, "2024-01-01"), to: day(t, "2024-01-31"), want: []string{"first", "lastEvening"}},
		{name: "to given in another zone", from: day(t, "2024-01-01"), to: time.Date(2024, 1, 31, 0, 0, 0, 0, bst), want: []string{"first", "lastEvening"}},
		{name: "one day", from: day(t, "2024-02-01"), to: day(t, "2024-02-01"), want: []string{"after", "afterLocal"}},
		{name: "open start", to: day(t, "2024-01-01"), want: []string{"before", "first", "long ago"}},
		{name: "open end", from: day(t, "2024-01-31"), want: []string{"after", "afterLocal", "lastEvening"}},
		{name: "open", want: []string{"after", "afterLocal", "before", "first", "lastEvening", "long ago"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := funding.Concentration(grants, funding.Options{From: tt.from, To: tt.to})
			if err != nil {
				t.Fatalf("Concentration: %v", err)
			}
			u, err := funding.Underserved([]funding.Place{decile("A", 10, 1)}, grants, funding.Options{From: tt.from, To: tt.to})
			if err != nil {
				t.Fatalf("Underserved: %v", err)
			}
			if rep.Grants != len(tt.want) || u.Totals.Grants != len(tt.want) || u.Places[0].Awarded != float64(len(tt.want)) {
				t.Errorf("window %s: Concentration counted %d, Underserved %d (awarded %v), want %d %v",
					tt.name, rep.Grants, u.Totals.Grants, u.Places[0].Awarded, len(tt.want), tt.want)
			}
		})
	}
}

// TestCurrency checks that only one currency is analysed, GBP by default,
// codes compare case-insensitively, and the others are totalled apart.
func TestCurrency(t *testing.T) {
	mk := func(id, cur string, amount float64) funding.Grant {
		return funding.Grant{ID: id, Amount: amount, Currency: cur, AwardedOn: day(t, "2024-01-01"), FunderID: "f", RecipientID: "r", Places: []string{"A"}}
	}
	grants := []funding.Grant{mk("1", "GBP", 100), mk("2", "gbp", 50), mk("3", "USD", 7), mk("4", " usd", 3), mk("5", "EUR", 11)}
	tests := []struct {
		name    string
		cur     string
		awarded float64
		other   []funding.CurrencyTotal
	}{
		{name: "default GBP", awarded: 150, other: []funding.CurrencyTotal{{"EUR", 1, 11}, {"USD", 2, 10}}},
		{name: "USD asked in lower case", cur: "usd", awarded: 10, other: []funding.CurrencyTotal{{"EUR", 1, 11}, {"GBP", 2, 150}}},
		{name: "a currency with no grants", cur: "JPY", awarded: 0, other: []funding.CurrencyTotal{{"EUR", 1, 11}, {"GBP", 2, 150}, {"USD", 2, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := funding.Underserved([]funding.Place{decile("A", 10, 1)}, grants, funding.Options{Currency: tt.cur})
			if err != nil {
				t.Fatalf("Underserved: %v", err)
			}
			if rep.Places[0].Awarded != tt.awarded || !slices.Equal(rep.OtherCurrencies, tt.other) {
				t.Errorf("Underserved(%s): awarded %v, other %+v; want %v, %+v", tt.cur, rep.Places[0].Awarded, rep.OtherCurrencies, tt.awarded, tt.other)
			}
			c, err := funding.Concentration(grants, funding.Options{Currency: tt.cur})
			if err != nil {
				t.Fatalf("Concentration: %v", err)
			}
			if c.Total != tt.awarded || !slices.Equal(c.OtherCurrencies, tt.other) {
				t.Errorf("Concentration(%s): total %v, other %+v; want %v, %+v", tt.cur, c.Total, c.OtherCurrencies, tt.awarded, tt.other)
			}
		})
	}
}
