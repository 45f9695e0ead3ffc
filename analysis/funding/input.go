package funding

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/voicemap/voicemap/analysis"
)

// DefaultCurrency is the currency analysed when Options.Currency is empty.
const DefaultCurrency = "GBP"

// Place is a leaf place in scope. Population is the number of residents
// (nil when unknown); NeedIndex is a need (deprivation) figure on the scale
// named by NeedScale, for example "IMD2019_DECILE" or "IMD2019_SCORE" (nil
// when unknown). An adapter converts a store.Place field by field.
type Place struct {
	ID         string
	Population *int
	NeedIndex  *float64
	NeedScale  string
}

// Grant is money from a funder to a recipient organisation for the benefit
// of places. Amount is in Currency (an ISO 4217 code such as "GBP"); Places
// lists the ids of the beneficiary places, which share the amount equally.
// Unmatched is the part of Amount for beneficiary locations that matched
// no place (0 to Amount): it is counted as unmatched, never placed, and
// the places share the rest.
type Grant struct {
	ID          string
	Amount      float64
	Currency    string
	AwardedOn   time.Time
	FunderID    string
	RecipientID string
	Places      []string
	Unmatched   float64
}

// Options selects the grants that count. FunderID, when not empty, keeps
// only that funder's grants. From and To bound the award date, inclusive,
// by calendar day (each time read in its own location); a zero time leaves
// that end open. Currency is the one currency analysed, DefaultCurrency
// when empty.
type Options struct {
	FunderID string
	From, To time.Time
	Currency string
}

// CurrencyTotal is the number and sum of grants in one currency.
type CurrencyTotal struct {
	Currency string
	Grants   int
	Amount   float64
}

// selection is the result of choosing grants: those counted, sorted by id
// so that every sum is taken in the same order, the currency analysed and
// the totals of grants left out only for their currency.
type selection struct {
	grants   []Grant
	currency string
	other    []CurrencyTotal
}

// normCurrency returns a currency code trimmed and upper-cased.
func normCurrency(c string) string { return strings.ToUpper(strings.TrimSpace(c)) }

// dayOf returns the calendar day of t, in t's own location, as yyyymmdd.
func dayOf(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// selectGrants validates every grant and the options and returns the grants
// that count under opts. All grants are validated, counted or not, so that
// the answer to a query never depends on which bad record it happened to
// skip.
func selectGrants(grants []Grant, opts Options) (selection, error) {
	cur := normCurrency(opts.Currency)
	if cur == "" {
		cur = DefaultCurrency
	}
	from, to := math.MinInt, math.MaxInt
	if !opts.From.IsZero() {
		from = dayOf(opts.From)
	}
	if !opts.To.IsZero() {
		to = dayOf(opts.To)
	}
	if from > to {
		return selection{}, fmt.Errorf("%w: funding: window from %s is after to %s", analysis.ErrInvalid,
			opts.From.Format(time.DateOnly), opts.To.Format(time.DateOnly))
	}
	// Grants are taken in id order so that every sum is added in the same
	// order whatever the order of the input.
	sorted := slices.Clone(grants)
	slices.SortFunc(sorted, func(a, b Grant) int { return cmp.Compare(a.ID, b.ID) })
	seen := make(map[string]bool, len(grants))
	other := map[string]*CurrencyTotal{}
	sel := selection{currency: cur}
	for _, g := range sorted {
		if err := validGrant(g, seen); err != nil {
			return selection{}, err
		}
		if opts.FunderID != "" && g.FunderID != opts.FunderID {
			continue
		}
		if d := dayOf(g.AwardedOn); d < from || d > to {
			continue
		}
		if c := normCurrency(g.Currency); c != cur {
			t := other[c]
			if t == nil {
				t = &CurrencyTotal{Currency: c}
				other[c] = t
			}
			t.Grants++
			t.Amount += g.Amount
			continue
		}
		sel.grants = append(sel.grants, g)
	}
	sel.other = make([]CurrencyTotal, 0, len(other))
	for _, t := range other {
		sel.other = append(sel.other, *t)
	}
	slices.SortFunc(sel.other, func(a, b CurrencyTotal) int { return cmp.Compare(a.Currency, b.Currency) })
	return sel, nil
}

// validGrant reports an error wrapping analysis.ErrInvalid unless g has a
// new, non-empty id, a currency and a finite, non-negative amount.
func validGrant(g Grant, seen map[string]bool) error {
	switch {
	case g.ID == "":
		return fmt.Errorf("%w: funding: a grant has no id", analysis.ErrInvalid)
	case seen[g.ID]:
		return fmt.Errorf("%w: funding: grant %q appears twice", analysis.ErrInvalid, g.ID)
	case normCurrency(g.Currency) == "":
		return fmt.Errorf("%w: funding: grant %q has no currency", analysis.ErrInvalid, g.ID)
	case math.IsNaN(g.Amount) || math.IsInf(g.Amount, 0) || g.Amount < 0:
		return fmt.Errorf("%w: funding: grant %q has amount %v, want a finite amount ≥ 0", analysis.ErrInvalid, g.ID, g.Amount)
	case math.IsNaN(g.Unmatched) || g.Unmatched < 0 || g.Unmatched > g.Amount:
		return fmt.Errorf("%w: funding: grant %q has unmatched amount %v, want 0 to its amount %v", analysis.ErrInvalid, g.ID, g.Unmatched, g.Amount)
	}
	seen[g.ID] = true
	return nil
}

// beneficiaries returns the distinct, non-empty place ids of g, in their
// first order.
func beneficiaries(g Grant) []string {
	out := make([]string, 0, len(g.Places))
	for _, p := range g.Places {
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}
