package funding_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/analysis/funding"
)

// TestConcentration works the measures by hand. Reference for Gini: the
// population form Σ_i (2i − n − 1) x_(i) / (n Σ x), as
// np.sum((2*np.arange(1, n+1) - n - 1) * np.sort(x)) / (n * np.sum(x)).
func TestConcentration(t *testing.T) {
	usd := gbp(t, "u", 1000, "2024-01-01", "f1", "r3", "A")
	usd.Currency = "USD"
	grants := []funding.Grant{
		gbp(t, "a", 40, "2024-01-01", "f1", "r1", "A"),
		gbp(t, "b", 20, "2024-02-01", "f2", "r1"),
		gbp(t, "c", 30, "2024-01-01", "f1", "r2", "A", "B"),
		gbp(t, "d", 10, "2024-01-01", "f1", "r3", "Z"),
		gbp(t, "old", 500, "2020-01-01", "f1", "r3", "A"),
		usd,
	}
	tests := []struct {
		name string
		opts funding.Options
		want funding.ConcentrationReport
	}{
		{
			// r1 60, r2 30, r3 10; Σ 100. Sorted 10, 30, 60:
			// Gini = (−2·10 + 0·30 + 2·60) / (3·100) = 1/3.
			// HHI = .6² + .3² + .1² = .46; effective 1/.46; top r1 .6.
			name: "three recipients",
			opts: funding.Options{From: day(t, "2023-04-01")},
			want: funding.ConcentrationReport{
				Currency: "GBP", Grants: 4, Total: 100, Recipients: 3,
				Gini: 1.0 / 3, HHI: 0.46, EffectiveRecipients: 1 / 0.46, TopRecipientID: "r1", TopShare: 0.6,
				ByRecipient:     []funding.RecipientTotal{{"r1", 2, 60}, {"r2", 1, 30}, {"r3", 1, 10}},
				OtherCurrencies: []funding.CurrencyTotal{{"USD", 1, 1000}},
			},
		},
		{
			// f2 alone: one recipient holds everything, Gini (n−1)/n = 0.
			name: "one recipient",
			opts: funding.Options{FunderID: "f2"},
			want: funding.ConcentrationReport{
				Currency: "GBP", Grants: 1, Total: 20, Recipients: 1,
				HHI: 1, EffectiveRecipients: 1, TopRecipientID: "r1", TopShare: 1,
				ByRecipient:     []funding.RecipientTotal{{"r1", 1, 20}},
				OtherCurrencies: []funding.CurrencyTotal{},
			},
		},
		{
			name: "no grants in window",
			opts: funding.Options{From: day(t, "2030-01-01")},
			want: funding.ConcentrationReport{Currency: "GBP", ByRecipient: []funding.RecipientTotal{}, OtherCurrencies: []funding.CurrencyTotal{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := funding.Concentration(grants, tt.opts)
			if err != nil {
				t.Fatalf("Concentration: %v", err)
			}
			checkConcentration(t, got, tt.want)
		})
	}
}

// TestConcentrationIn keeps the share of each grant going to places A and
// B: grant g1 £90 to A, B, Z gives r1 £60; g2 £40 to Z only is left out;
// g3 £60 to B gives r2 £60; g4 names no place and is left out. r1 and r2
// tie at 60: Gini 0, HHI ½, top r1 (by id) with ½.
func TestConcentrationIn(t *testing.T) {
	places := []funding.Place{decile("A", 10, 1), place("B", -1, 0, "")}
	grants := []funding.Grant{
		gbp(t, "g1", 90, "2024-01-01", "f", "r1", "A", "B", "Z"),
		gbp(t, "g2", 40, "2024-01-01", "f", "r3", "Z"),
		gbp(t, "g3", 60, "2024-01-01", "f", "r2", "B"),
		gbp(t, "g4", 70, "2024-01-01", "f", ""),
	}
	got, err := funding.ConcentrationIn(places, grants, funding.Options{})
	if err != nil {
		t.Fatalf("ConcentrationIn: %v", err)
	}
	checkConcentration(t, got, funding.ConcentrationReport{
		Currency: "GBP", Grants: 2, Total: 120, Recipients: 2,
		HHI: 0.5, EffectiveRecipients: 2, TopRecipientID: "r1", TopShare: 0.5,
		ByRecipient:     []funding.RecipientTotal{{"r1", 1, 60}, {"r2", 1, 60}},
		OtherCurrencies: []funding.CurrencyTotal{},
	})
	// The recipient-less grant g4 counts in full without a place scope.
	if _, err := funding.Concentration(grants, funding.Options{}); !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("Concentration with a counted grant without recipient: error %v, want analysis.ErrInvalid", err)
	}
	if _, err := funding.ConcentrationIn([]funding.Place{decile("A", 1, 1), decile("A", 1, 1)}, nil, funding.Options{}); !errors.Is(err, analysis.ErrInvalid) {
		t.Errorf("ConcentrationIn with a place twice: error %v, want analysis.ErrInvalid", err)
	}
}

// TestConcentrationZeroAmounts: grants of £0 name their recipients but
// there is no money to measure, so every measure is 0.
func TestConcentrationZeroAmounts(t *testing.T) {
	grants := []funding.Grant{gbp(t, "a", 0, "2024-01-01", "f", "r1"), gbp(t, "b", 0, "2024-01-01", "f", "r2")}
	got, err := funding.Concentration(grants, funding.Options{})
	if err != nil {
		t.Fatalf("Concentration: %v", err)
	}
	checkConcentration(t, got, funding.ConcentrationReport{
		Currency: "GBP", Grants: 2, Recipients: 2,
		ByRecipient:     []funding.RecipientTotal{{"r1", 1, 0}, {"r2", 1, 0}},
		OtherCurrencies: []funding.CurrencyTotal{},
	})
}

// checkConcentration compares two reports, floats to 1e-9.
func checkConcentration(t *testing.T, got, want funding.ConcentrationReport) {
	t.Helper()
	floats := func(r funding.ConcentrationReport) []float64 {
		return []float64{r.Total, r.Gini, r.HHI, r.EffectiveRecipients, r.TopShare}
	}
	g, w := floats(got), floats(want)
	for i, name := range []string{"Total", "Gini", "HHI", "EffectiveRecipients", "TopShare"} {
		if !near(g[i], w[i]) {
			t.Errorf("Concentration.%s = %v, want %v", name, g[i], w[i])
		}
	}
	if got.Currency != want.Currency || got.Grants != want.Grants || got.Recipients != want.Recipients || got.TopRecipientID != want.TopRecipientID {
		t.Errorf("Concentration = %s, %d grants, %d recipients, top %q; want %s, %d, %d, %q",
			got.Currency, got.Grants, got.Recipients, got.TopRecipientID, want.Currency, want.Grants, want.Recipients, want.TopRecipientID)
	}
	if len(got.ByRecipient) != len(want.ByRecipient) {
		t.Fatalf("Concentration.ByRecipient = %+v, want %+v", got.ByRecipient, want.ByRecipient)
	}
	for i := range want.ByRecipient {
		a, b := got.ByRecipient[i], want.ByRecipient[i]
		if a.RecipientID != b.RecipientID || a.Grants != b.Grants || !near(a.Amount, b.Amount) {
			t.Errorf("Concentration.ByRecipient[%d] = %+v, want %+v", i, a, b)
		}
	}
	if !slices.Equal(got.OtherCurrencies, want.OtherCurrencies) || got.OtherCurrencies == nil {
		t.Errorf("Concentration.OtherCurrencies = %#v, want %#v", got.OtherCurrencies, want.OtherCurrencies)
	}
}
