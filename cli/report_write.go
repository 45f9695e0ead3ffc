package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/interchange"
	"github.com/voicemap/voicemap/store"
)

// Decimals of the floats of a report: CSV for further analysis, Markdown
// for reading.
const (
	reportCSVDecimals = 6
	reportMDDecimals  = 4
)

// reportCSVHeader is the header row of a CSV report.
var reportCSVHeader = []string{
	"id", "name", "kind", "subkind", "place",
	"betweenness", "degree", "weighted_degree", "closeness", "harmonic", "pagerank", "eigenvector", "coreness",
	"community", "unheard", "voice_score",
}

// writeReportCSV writes one row per actor, by betweenness (highest first)
// then id: id, name, kind (PERSON or ORGANISATION), subkind (capacity or
// organisation kind), place, each of reportMeasures, community, and for
// community members whether their voice is unheard and its score (empty
// for everyone else, and for members beyond a capped list of voices).
// Cells are made safe for spreadsheets by interchange.CSVWriter.
func writeReportCSV(w io.Writer, rep *report) error {
	cw := interchange.NewCSVWriter(w)
	if err := cw.Write(reportCSVHeader); err != nil {
		return err
	}
	for _, r := range rep.rows {
		kind, sub := actorKind(r.actor)
		rec := []string{r.actor.ID(), actorName(r.actor), kind, sub, r.actor.PlaceID()}
		for mi, m := range reportMeasures {
			rec = append(rec, formatMeasure(m, r.scores[mi], reportCSVDecimals))
		}
		unheard, score := "", ""
		switch {
		case r.voice != nil:
			unheard, score = strconv.FormatBool(r.voice.Unheard), fixed(r.voice.Score, reportCSVDecimals)
		case r.member && !rep.voicesCapped:
			unheard, score = "false", fixed(0, reportCSVDecimals)
		}
		rec = append(rec, r.community, unheard, score)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// formatMeasure formats a score: core numbers as integers, the rest with
// decimals places.
func formatMeasure(m analysis.Measure, v float64, decimals int) string {
	if m == analysis.Coreness {
		return fixed(v, 0)
	}
	return fixed(v, decimals)
}

// kindLabel reads an actor's kind and subkind in words: "person,
// community member", "organisation, funder".
func kindLabel(kind, sub string) string {
	s := strings.ToLower(kind)
	if sub != "" {
		s += ", " + strings.ToLower(strings.ReplaceAll(sub, "_", " "))
	}
	return s
}

// mdText escapes text for a Markdown table cell.
func mdText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "[", `\[`).Replace(s)
}

// mdActor is an actor's name with its id.
func mdActor(a store.Actor) string {
	return fmt.Sprintf("%s (%s)", mdText(actorName(a)), mdText(a.ID()))
}

// writeReportMarkdown writes the Markdown report.
func writeReportMarkdown(w io.Writer, rep *report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	f := func(v float64) string { return fixed(v, reportMDDecimals) }
	pct := func(v float64) string { return fixed(100*v, 1) + "%" }

	date := "every record, regardless of dates"
	if rep.opts.scope.AsOf != nil {
		date = rep.opts.scope.AsOf.Format(time.DateOnly)
	}
	p("# Centrality and power report: %s\n\n", mdText(rep.place.Name))
	p("- Place: %s (%s), with the places within it\n", mdText(rep.place.Name), mdText(rep.place.ID))
	p("- As of: %s\n", date)
	if rep.opts.weighted {
		p("- Centralities weighted by tie strength (path length 1/strength); power indices unweighted\n")
	} else {
		p("- Centralities unweighted\n")
	}
	if len(rep.approximate) > 0 {
		names := make([]string, len(rep.approximate))
		for i, m := range rep.approximate {
			names[i] = strings.ToLower(string(m))
		}
		if eps := rep.opts.accuracy.Epsilon; eps > 0 {
			p("- Estimated by sampling with epsilon %g, as asked: %s", eps, strings.Join(names, ", "))
		} else {
			p("- Estimated by sampling on this large network: %s", strings.Join(names, ", "))
		}
		if rep.power.ErrorBound != nil {
			p(" (betweenness within ±%s)", f(*rep.power.ErrorBound))
		}
		p("\n")
	}

	s := rep.summary
	p("\n## Network\n\n| Figure | Value | Meaning |\n|---|---:|---|\n")
	p("| Actors | %d | people and organisations in scope |\n", s.Actors)
	p("| Relationships | %d | relationship records between them |\n", s.Relationships)
	p("| Ties | %d | distinct tied pairs (parallel relationships merged) |\n", s.Ties)
	p("| Density | %s | share of all possible ties that exist |\n", f(s.Density))
	p("| Components | %d | separate pieces of the network |\n", s.Components)
	p("| Average degree | %s | ties per actor |\n", f(s.AverageDegree))
	p("| Average clustering | %s | how often two contacts of an actor know each other |\n", f(s.AverageClustering))
	p("| Communities | %d | Louvain communities (modularity %s) |\n", len(rep.communities.Communities), f(rep.communities.Modularity))

	pw := rep.power
	p("\n## Power concentration\n\n| Index | Value | Meaning |\n|---|---:|---|\n")
	p("| Degree centralization | %s | 0 ties spread evenly .. 1 a star around one actor |\n", f(pw.DegreeCentralization))
	p("| Betweenness centralization | %s | 0 brokerage spread evenly .. 1 every path through one actor |\n", f(pw.BetweennessCentralization))
	p("| Betweenness Gini | %s | inequality of brokerage (0 equal .. 1 one actor holds it all) |\n", f(pw.BetweennessGini))
	p("| PageRank Gini | %s | inequality of influence by PageRank (0 equal .. 1 one actor) |\n", f(pw.PageRankGini))
	p("| Top %d actors' share of betweenness | %s | brokerage held by the top 5%% of actors |\n", pw.TopShareActors, pct(pw.TopShare))
	p("| Decision seats | %d | seats in decision-making forums in scope |\n", pw.Seats.Seats)
	p("| Seat holders | %d | distinct actors holding decision seats |\n", pw.Seats.Holders)
	p("| Seat HHI | %s | concentration of seats (near 0 spread .. 1 one holder) |\n", f(pw.Seats.HHI))
	p("| Majority holders | %d | fewest holders who together hold most seats |\n", pw.Seats.MajorityHolders)
	p("| Community members' seats | %s | share of seats held by community members |\n", pct(pw.Seats.CommunityShare))
	p("| Professionals' seats | %s | share of seats held by professionals |\n", pct(pw.Seats.ProfessionalShare))
	p("| Organisations' seats | %s | share of seats held by organisations |\n", pct(pw.Seats.OrganisationShare))

	top := rep.opts.top
	p("\n## Top %d actors by betweenness\n\n", min(top, len(rep.rows)))
	p("| # | Actor | Kind | Betweenness | Degree | Closeness | Harmonic | PageRank | Coreness | Community |\n")
	p("|---:|---|---|---:|---:|---:|---:|---:|---:|---|\n")
	col := func(r actorRow, m analysis.Measure) string {
		for mi, rm := range reportMeasures {
			if rm == m {
				return formatMeasure(m, r.scores[mi], reportMDDecimals)
			}
		}
		return ""
	}
	for i, r := range rep.rows[:min(top, len(rep.rows))] {
		kind, sub := actorKind(r.actor)
		p("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", i+1, mdActor(r.actor), mdText(kindLabel(kind, sub)),
			col(r, analysis.Betweenness), col(r, analysis.Degree), col(r, analysis.Closeness), col(r, analysis.Harmonic),
			col(r, analysis.PageRank), col(r, analysis.Coreness), r.community)
	}

	p("\n## Gatekeepers\n\nActors whose removal would cut community members off from every decision holder.\n\n")
	if len(pw.Gatekeepers) == 0 {
		p("None.\n")
	} else {
		p("%d in all.\n\n| Actor | Community members cut off |\n|---|---:|\n", len(pw.Gatekeepers))
		for _, g := range pw.Gatekeepers[:min(top, len(pw.Gatekeepers))] {
			p("| %s | %d |\n", mdActor(g.Actor), g.CutsOff)
		}
	}

	p("\n## Brokers\n\nActors spanning structural holes: low Burt constraint, large effective size.\n\n")
	if len(pw.Brokers) == 0 {
		p("None.\n")
	} else {
		p("| Actor | Constraint | Effective size |\n|---|---:|---:|\n")
		for _, b := range pw.Brokers[:min(top, len(pw.Brokers))] {
			p("| %s | %s | %s |\n", mdActor(b.Actor), f(b.Constraint), f(b.EffectiveSize))
		}
	}

	atLeast := ""
	if rep.voicesCapped {
		atLeast = "at least "
	}
	p("\n## Unheard voices\n\n%s%d community members hold no decision power and are isolated, peripheral, behind a single gatekeeper or far from power.\n\n", atLeast, rep.unheard)
	if len(rep.voices) > 0 {
		p("| # | Person | Score | Reasons | Steps to power | Gatekeeper |\n|---:|---|---:|---|---:|---|\n")
		for i, v := range rep.voices[:min(top, len(rep.voices))] {
			reasons := make([]string, len(v.Reasons))
			for k, r := range v.Reasons {
				reasons[k] = "`" + string(r) + "`" // an enum name: no backtick to escape
			}
			hops, gate := "none", ""
			if v.HopsToPower != nil {
				hops = strconv.Itoa(*v.HopsToPower)
			}
			if v.Gatekeeper != nil {
				gate = mdActor(*v.Gatekeeper)
			}
			p("| %d | %s | %s | %s | %s | %s |\n", i+1, mdActor(store.Actor{Person: &v.Person}), f(v.Score), strings.Join(reasons, ", "), hops, gate)
		}
	}
	return bw.Flush()
}
