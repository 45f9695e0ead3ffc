package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/voicemap/voicemap/interchange/giving"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// funderReport is everything a funder's report shows: the funder's
// grants against need, where its money could not be placed, who it
// reaches and how concentrated its money is.
type funderReport struct {
	funder   store.Organisation
	place    *store.Place // the scope, nil for everywhere
	from, to *time.Time
	top      int

	under         service.UnderservedReport
	unmatched     []service.UnmatchedLocation
	headquarters  []service.GrantGroup
	concentration service.FundingConcentration
	recipients    []service.GrantGroup
	reach         *service.FundingReach // nil when it cannot be measured
	reachProblem  string
}

// gatherFunderReport reads a funder report's figures from the service.
func gatherFunderReport(ctx context.Context, svc *service.Service, funderID, placeID string, from, to *time.Time, top int) (*funderReport, error) {
	f, err := svc.Organisation(ctx, funderID)
	if err != nil {
		return nil, err
	}
	rep := &funderReport{funder: f, from: from, to: to, top: top}
	if placeID != "" {
		p, err := svc.Place(ctx, placeID)
		if err != nil {
			return nil, err
		}
		rep.place = &p
	}
	ff := service.FundingFilter{FunderID: funderID, PlaceID: placeID, From: from, To: to}
	if rep.under, err = svc.Underserved(ctx, ff, service.MaxUnderservedFirst); err != nil {
		return nil, err
	}
	q := service.GrantQuery{FunderID: funderID, PlaceID: placeID, From: from, To: to}
	if rep.unmatched, err = svc.UnmatchedLocations(ctx, q); err != nil {
		return nil, err
	}
	if rep.headquarters, err = svc.HeadquartersBasis(ctx, service.GrantQuery{FunderID: funderID, From: from, To: to}); err != nil {
		return nil, err
	}
	if rep.concentration, err = svc.FundingConcentration(ctx, ff); err != nil {
		return nil, err
	}
	if rep.recipients, err = svc.GrantTotals(ctx, q, service.GroupRecipient); err != nil {
		return nil, err
	}
	reach, err := svc.FundingReach(ctx, funderID, placeID, to, "")
	switch {
	case err == nil:
		rep.reach = &reach
	case store.ErrorCode(err) == store.EINVALID:
		rep.reachProblem = store.ErrorMessage(err)
	default:
		return nil, err
	}
	return rep, nil
}

// money formats an amount in major units of the report's currency.
func (r *funderReport) money(v float64) string {
	return r.under.Currency + " " + strconv.FormatFloat(v, 'f', 2, 64)
}

func minorMoney(ms []service.Sum) string { return moneyList(ms) }

func pct(part, whole float64) string {
	if whole == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*part/whole, 'f', 1, 64) + "%"
}

func optFloat(p *float64, prec int) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', prec, 64)
}

// writeFunderMarkdown writes the funder report as Markdown.
func writeFunderMarkdown(w io.Writer, r *funderReport) error {
	var b strings.Builder
	u := r.under
	fmt.Fprintf(&b, "# Funder report: %s\n\n", mdText(r.funder.Name))
	fmt.Fprintf(&b, "- Funder: %s (%s)\n", mdText(r.funder.Name), r.funder.ID)
	if r.place != nil {
		fmt.Fprintf(&b, "- Places: %s (%s), with the places within it\n", mdText(r.place.Name), r.place.ID)
	} else {
		b.WriteString("- Places: every stored place\n")
	}
	fmt.Fprintf(&b, "- Grants awarded: %s to %s; amounts in %s\n\n", dateOr(r.from, "the first"), dateOr(r.to, "the last"), u.Currency)

	b.WriteString("## Where the money went\n\n| Figure | Amount | Share |\n|---|---:|---:|\n")
	rows := []struct {
		what string
		v    float64
	}{
		{"Total awarded (" + strconv.Itoa(u.Grants) + " grants)", u.TotalAwarded},
		{"To places ranked against need (with a population)", u.RankedAwarded},
		{"To places without a population", u.UnrankedAwarded},
		{"To places outside the scope", u.OutOfScope},
		{"To beneficiary locations that matched no place", u.Unmatched},
		{"Grants naming no beneficiary location", u.Unplaced},
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", row.what, r.money(row.v), pct(row.v, u.TotalAwarded))
	}
	for _, o := range u.OtherCurrencies {
		fmt.Fprintf(&b, "| Left out: %d grants in %s | %s %.2f | |\n", o.Grants, o.Currency, o.Currency, o.Amount)
	}

	fmt.Fprintf(&b, "\n## Places against their need-weighted fair share\n\n")
	b.WriteString("The money the ranked places received, shared out again in proportion to population × need: a positive gap is money short of a fair share (see analysis/funding). Most under-served first.\n\n")
	b.WriteString("| Rank | Place | Code | Population | Need | Scale | Awarded | Per head | Fair share | Gap | Gap per head |\n|---:|---|---|---:|---:|---|---:|---:|---:|---:|---:|\n")
	for i, p := range u.Places {
		if i == r.top {
			fmt.Fprintf(&b, "| | … and %d more places | | | | | | | | | |\n", len(u.Places)-r.top)
			break
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %.2f | %s | %s | %s | %s |\n", p.Rank, mdText(p.Place.Name), p.Place.Code,
			intOr(p.Population), optFloat(p.NeedIndex, 3), p.NeedScale, p.Awarded, optFloat(p.PerHead, 2), optFloat(p.FairShare, 2),
			optFloat(p.Gap, 2), optFloat(p.GapPerHead, 2))
	}
	if len(u.Places) == 0 {
		b.WriteString("| | no ranked place received money | | | | | | | | | |\n")
	}

	fmt.Fprintf(&b, "\n## Beneficiary locations that matched no place (%d)\n\n", len(r.unmatched))
	if len(r.unmatched) == 0 {
		b.WriteString("None.\n")
	} else {
		moneyTable(&b, "Location as written", "", len(r.unmatched), r.top, func(i int) (string, int, []service.Sum) {
			l := r.unmatched[i]
			return l.Location, l.Grants, l.Amounts
		})
	}

	b.WriteString("\n## Grants naming no beneficiary location: the recipients' locations\n\n")
	b.WriteString("A separate basis, not counted above: where the recipients are, not whom the money is for (the headquarters effect). A recipient's place is its own location in a 360Giving file when the file gave one, else the place its import was told (-place).\n\n")
	if len(r.headquarters) == 0 {
		b.WriteString("None.\n")
	} else {
		moneyTable(&b, "Recipient's place", " places", len(r.headquarters), r.top, func(i int) (string, int, []service.Sum) {
			g := r.headquarters[i]
			label := g.Label + " (" + g.Key + ")"
			if g.Basis == "OUTSIDE" {
				label = "outside your places"
			}
			return label, g.Grants, g.Amounts
		})
	}

	b.WriteString("\n## Reach to unheard voices\n\n")
	switch {
	case r.reach == nil:
		fmt.Fprintf(&b, "Not measured: %s.\n", r.reachProblem)
	case r.reach.Targets == 0:
		b.WriteString("Not measured: the network of these places records no community members to reach (import or record the people and relationships of the places first).\n")
	default:
		rc := r.reach
		fmt.Fprintf(&b, "%s of the money (%s of %s) goes to organisations within 2 steps of the %d %s of the network; %d of them are reached.\n\n",
			pct(rc.ReachingAmount, rc.Total), r.money(rc.ReachingAmount), r.money(rc.Total), rc.Targets, strings.ToLower(strings.ReplaceAll(string(rc.Basis), "_", " ")), rc.Reached)
		if len(rc.HiddenGroups) > 0 {
			b.WriteString("| Group | People | Reached |\n|---|---:|---:|\n")
			for _, g := range rc.HiddenGroups {
				fmt.Fprintf(&b, "| %s | %d | %d |\n", mdText(g.Group), g.People, g.Reached)
			}
		}
	}

	c := r.concentration
	b.WriteString("\n## Concentration across recipients\n\n| Figure | Value |\n|---|---:|\n")
	fmt.Fprintf(&b, "| Grants counted | %d |\n| Recipients | %d |\n| Gini | %.4f |\n| HHI | %.4f |\n| Effective recipients (1/HHI) | %.2f |\n| Top recipient's share | %s |\n",
		c.Grants, c.Recipients, c.Gini, c.HHI, c.EffectiveRecipients, pct(c.TopShare, 1))
	b.WriteString("\n| Recipient | Grants | Money |\n|---|---:|---:|\n")
	for i, g := range r.recipients {
		if i == r.top {
			fmt.Fprintf(&b, "| … and %d more | | |\n", len(r.recipients)-r.top)
			break
		}
		fmt.Fprintf(&b, "| %s | %d | %s |\n", mdText(g.Label), g.Grants, minorMoney(g.Amounts))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFunderCSV writes the funder report as one CSV table: a row per
// place against need (basis beneficiary), per unmatched location (basis
// unmatched) and per recipient's place of the grants naming no location
// (basis recipient_location, a separate basis), with the unplaced total.
func writeFunderCSV(w io.Writer, r *funderReport) error {
	rows := [][]string{{"basis", "place_id", "place", "code", "population", "need_index", "need_scale", "grants", "awarded", "per_head", "fair_share", "gap", "gap_per_head", "rank", "currency"}}
	u := r.under
	for _, list := range [][]service.PlaceFunding{u.Places, u.Unranked} {
		for _, p := range list {
			rank := ""
			if p.Rank > 0 {
				rank = strconv.Itoa(p.Rank)
			}
			rows = append(rows, []string{"beneficiary", p.Place.ID, p.Place.Name, p.Place.Code, intOr(p.Population), optFloat(p.NeedIndex, -1), p.NeedScale,
				strconv.Itoa(p.Grants), strconv.FormatFloat(p.Awarded, 'f', -1, 64), optFloat(p.PerHead, -1), optFloat(p.FairShare, -1),
				optFloat(p.Gap, -1), optFloat(p.GapPerHead, -1), rank, u.Currency})
		}
	}
	for _, l := range r.unmatched {
		for _, m := range l.Amounts {
			rows = append(rows, []string{"unmatched", "", l.Location, "", "", "", "", strconv.Itoa(l.Grants), giving.FormatAmount(m.Minor, m.Currency), "", "", "", "", "", m.Currency})
		}
	}
	rows = append(rows, []string{"unplaced", "", "", "", "", "", "", "", strconv.FormatFloat(u.Unplaced, 'f', -1, 64), "", "", "", "", "", u.Currency})
	for _, g := range r.headquarters {
		for _, m := range g.Amounts {
			rows = append(rows, []string{"recipient_location", g.Key, g.Label, "", "", "", "", strconv.Itoa(g.Grants), giving.FormatAmount(m.Minor, m.Currency), "", "", "", "", "", m.Currency})
		}
	}
	return writeCSVRows(w, rows)
}

func dateOr(t *time.Time, or string) string {
	if t == nil {
		return or
	}
	return t.Format(time.DateOnly)
}

func intOr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// moneyTable writes a Markdown table of n rows (label, grants, money),
// the first top of them and a line counting the rest ("… and N more"
// followed by what).
func moneyTable(b *strings.Builder, title, what string, n, top int, row func(int) (string, int, []service.Sum)) {
	fmt.Fprintf(b, "| %s | Grants | Money |\n|---|---:|---:|\n", title)
	for i := range n {
		if i == top {
			fmt.Fprintf(b, "| … and %d more%s | | |\n", n-top, what)
			break
		}
		label, grants, amounts := row(i)
		fmt.Fprintf(b, "| %s | %d | %s |\n", mdText(label), grants, minorMoney(amounts))
	}
}
