package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// DefaultReportTop is how many actors, brokers, gatekeepers and unheard
// voices a report lists by default.
const DefaultReportTop = 10

// DefaultReportMaxExact is the report's cap on the estimated cost of any
// one measure (service.ScalePolicy.ExactCap): higher than the API's, since
// the command line has no request deadline and shows its progress.
const DefaultReportMaxExact = time.Hour

// reportCmd is "voicemap report": its flags and their values.
type reportCmd struct {
	fs                       *flag.FlagSet
	common                   *cliFlags
	place, asOf, format, out string
	funder, from, to         string
	top                      int
	weighted, exact          bool
	epsilon                  float64
	maxExact                 time.Duration
}

func newReportCmd(getenv func(string) string, w io.Writer) *reportCmd {
	c := &reportCmd{fs: flag.NewFlagSet("voicemap report", flag.ContinueOnError)}
	c.fs.SetOutput(w)
	c.fs.Usage = commandUsage(c.fs, "voicemap report -place ID [-as-of YYYY-MM-DD] [-format md|csv] [-top N] [-weighted] [-out FILE]\n       voicemap report -funder ID [-place ID] [-from DATE] [-to DATE] [-format md|csv] [-top N] [-out FILE]",
		`Write a centrality and power report of a place (with the places within it):
md, a Markdown document with the network summary, how concentrated power is,
the top actors by betweenness with their other measures and community, the
gatekeepers, the brokers and the unheard voices; or csv, one row per actor
with every centrality measure, its community and its voice score, sorted by
betweenness (highest first) then id. The same store gives the same report,
byte for byte. The report names people: keep it as safe as the store.

Betweenness and harmonic centrality are estimated, with the error bound
stated in the report, where their exact cost would be above the scale
policy's budget (15 s); -exact or -epsilon choose instead. Any analysis
that runs longer than 2 s shows its progress on stderr; interrupting the
command (Ctrl-C) stops it.

With -funder, a funder's report instead (its grants awarded -from..-to, to
the places under -place or everywhere): md, where its money went (ranked
places, places without population, unmatched locations, grants naming no
location), its places against their need-weighted fair share, most
under-served first, the unmatched locations with their money, the grants
naming no location by their recipients' places (a separate basis: the
headquarters effect), its reach to unheard voices and its concentration
across recipients; csv, one row per place (basis beneficiary), unmatched
location, unplaced total and recipient's place (basis recipient_location).
`)
	c.common = newCLIFlags(c.fs, getenv)
	c.fs.StringVar(&c.place, "place", "", "id of the place to report on (required)")
	c.fs.StringVar(&c.asOf, "as-of", "", "report the network as of this date, YYYY-MM-DD (default: every record regardless of dates)")
	c.fs.StringVar(&c.format, "format", "md", "md (Markdown) or csv")
	c.fs.IntVar(&c.top, "top", DefaultReportTop, fmt.Sprintf("how many actors each list of the Markdown report shows, 1 to %d", store.MaxPageSize))
	c.fs.BoolVar(&c.weighted, "weighted", false, "weight the centralities by tie strength (path length 1/strength); the power indices stay unweighted")
	c.fs.StringVar(&c.out, "out", "", "write the report to this file (atomically) instead of stdout")
	c.fs.BoolVar(&c.exact, "exact", false, "compute betweenness, closeness and harmonic centrality exactly, whatever the scope's size (up to -max-exact)")
	c.fs.Float64Var(&c.epsilon, "epsilon", 0, "estimate betweenness and harmonic centrality with this ε, between 0 and 1 (exact where that costs less); default: as the scale policy decides")
	c.fs.DurationVar(&c.maxExact, "max-exact", DefaultReportMaxExact, "the most one measure may cost by the cost model: above it betweenness and harmonic centrality are estimated, and exact values (-exact, closeness) refused")
	c.fs.StringVar(&c.funder, "funder", "", "write a funder's report on the grants of this organisation instead")
	c.fs.StringVar(&c.from, "from", "", "-funder: grants awarded on or after this date, YYYY-MM-DD")
	c.fs.StringVar(&c.to, "to", "", "-funder: grants awarded on or before this date, YYYY-MM-DD")
	return c
}

// reportFlags returns the flags of report, for help.
func reportFlags(getenv func(string) string, w io.Writer) *flag.FlagSet {
	return newReportCmd(getenv, w).fs
}

// runReport runs "voicemap report".
func runReport(ctx context.Context, args []string, getenv func(string) string, _ io.Reader, stdout, stderr io.Writer) error {
	c := newReportCmd(getenv, stderr)
	if err := parseFlags(c.fs, args); err != nil {
		return ignoreHelp(err)
	}
	if c.fs.NArg() > 0 {
		return usageErrorf("report: unexpected argument %q (see voicemap help report)", c.fs.Arg(0))
	}
	if strings.TrimSpace(c.funder) != "" {
		return c.runFunder(ctx, stdout, stderr)
	}
	if strings.TrimSpace(c.place) == "" {
		return usageErrorf("report: -place is required (see voicemap help report)")
	}
	if c.format != "md" && c.format != "csv" {
		return usageErrorf("report: -format %q: want md or csv", c.format)
	}
	if c.top < 1 || c.top > store.MaxPageSize {
		return usageErrorf("report: -top %d: want 1 to %d", c.top, store.MaxPageSize)
	}
	if c.exact && c.epsilon != 0 {
		return usageErrorf("report: -exact and -epsilon: choose one")
	}
	if c.epsilon != 0 && !(c.epsilon > 0 && c.epsilon < 1) {
		return usageErrorf("report: -epsilon %v: want a number between 0 and 1", c.epsilon)
	}
	if c.maxExact <= 0 {
		return usageErrorf("report: -max-exact %v: want a positive duration", c.maxExact)
	}
	asOf, err := parseDate("as-of", c.asOf)
	if err != nil {
		return err
	}
	if err := c.common.finish(); err != nil {
		return err
	}
	opts := reportOptions{scope: store.Scope{PlaceID: strings.TrimSpace(c.place), AsOf: asOf}, top: c.top, weighted: c.weighted,
		accuracy: service.Accuracy{Exact: c.exact, Epsilon: c.epsilon}}
	policy := service.DefaultScalePolicy()
	policy.ExactCap, policy.Budget = c.maxExact, min(policy.Budget, c.maxExact)
	return c.common.withService(ctx, stderr, func(svc *service.Service) error {
		ctx, publish := auditRecorder(ctx, c.common.cfg, c.common.st, "report "+c.format, opts.scope)
		p := newProgress(stderr)
		rep, err := gatherReport(ctx, svc, opts, p)
		p.close()
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		err = writeOutput(c.out, stdout, func(w io.Writer) error {
			if c.format == "csv" {
				return writeReportCSV(w, rep)
			}
			return writeReportMarkdown(w, rep)
		}, publish)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		return nil
	}, service.WithScalePolicy(policy))
}

// runFunder runs "voicemap report -funder".
func (c *reportCmd) runFunder(ctx context.Context, stdout, stderr io.Writer) error {
	if c.format != "md" && c.format != "csv" {
		return usageErrorf("report: -format %q: want md or csv", c.format)
	}
	if c.top < 1 || c.top > store.MaxPageSize {
		return usageErrorf("report: -top %d: want 1 to %d", c.top, store.MaxPageSize)
	}
	from, err := parseDate("from", c.from)
	if err != nil {
		return err
	}
	to, err := parseDate("to", c.to)
	if err != nil {
		return err
	}
	if err := c.common.finish(); err != nil {
		return err
	}
	place := strings.TrimSpace(c.place)
	return c.common.withService(ctx, stderr, func(svc *service.Service) error {
		ctx, publish := auditRecorder(ctx, c.common.cfg, c.common.st, "report -funder "+c.format, store.Scope{PlaceID: place})
		rep, err := gatherFunderReport(ctx, svc, strings.TrimSpace(c.funder), place, from, to, c.top)
		if err != nil {
			return fmt.Errorf("report -funder %s: %w", c.funder, err)
		}
		return writeOutput(c.out, stdout, func(w io.Writer) error {
			if c.format == "csv" {
				return writeFunderCSV(w, rep)
			}
			return writeFunderMarkdown(w, rep)
		}, publish)
	})
}

// ignoreHelp returns nil for flag.ErrHelp (the usage has been printed) and
// err otherwise.
func ignoreHelp(err error) error {
	if err == flag.ErrHelp {
		return nil
	}
	return err
}

// reportOptions are what a report covers.
type reportOptions struct {
	scope    store.Scope
	top      int
	weighted bool
	// accuracy is how exactly betweenness, closeness and harmonic
	// centrality are computed (the zero value: as the policy decides).
	accuracy service.Accuracy
}

// reportMeasures are the centralities of a report, in column order.
var reportMeasures = []analysis.Measure{
	analysis.Betweenness, analysis.Degree, analysis.WeightedDegree, analysis.Closeness,
	analysis.Harmonic, analysis.PageRank, analysis.Eigenvector, analysis.Coreness,
}

// actorRow is one actor of a report with its measures.
type actorRow struct {
	actor store.Actor
	// scores are by reportMeasures.
	scores    []float64
	community string
	// member: a community member (the people whose voice is assessed).
	member bool
	// voice is the member's verdict when it scores above 0, else nil.
	voice *service.UnheardVoice
}

// report is everything a report shows.
type report struct {
	opts        reportOptions
	place       store.Place
	summary     service.NetworkSummary
	communities service.CommunityReport
	power       service.PowerReport
	// rows are every actor in scope, by betweenness rank then id.
	rows []actorRow
	// voices are the unheard voices, most unheard first (scores above 0).
	voices []service.UnheardVoice
	// voicesCapped: the service returned store.MaxPageSize voices, so
	// more may score above 0; counts are then lower bounds and members
	// beyond the list have an unknown score.
	voicesCapped bool
	unheard      int
	// approximate: some centrality was estimated (service.ScalePolicy).
	approximate []analysis.Measure
}

// gatherReport reads a report's figures from the service, each step
// shown by p when it runs long.
func gatherReport(ctx context.Context, svc *service.Service, opts reportOptions, p *progress) (*report, error) {
	place, err := svc.Place(ctx, opts.scope.PlaceID)
	if err != nil {
		return nil, err
	}
	rep := &report{opts: opts, place: place}
	steps := []struct {
		name string
		run  func(ctx context.Context) error
	}{
		{"network summary", func(ctx context.Context) (err error) {
			rep.summary, err = svc.Summary(ctx, opts.scope)
			return err
		}},
		{"communities", func(ctx context.Context) (err error) {
			rep.communities, err = svc.Communities(ctx, opts.scope)
			return err
		}},
		{"power concentration", func(ctx context.Context) (err error) {
			rep.power, err = svc.PowerConcentration(ctx, opts.scope, opts.accuracy)
			return err
		}},
	}
	for _, st := range steps {
		if err := p.run(ctx, st.name, st.run); err != nil {
			return nil, err
		}
	}
	index := map[string]int{}
	for mi, m := range reportMeasures {
		var scores []service.ActorScore
		err := p.run(ctx, strings.ToLower(string(m)), func(ctx context.Context) (err error) {
			scores, err = svc.Centrality(ctx, opts.scope, m, opts.weighted, opts.accuracy)
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(scores) > 0 && scores[0].Approximate {
			rep.approximate = append(rep.approximate, m)
		}
		if mi == 0 {
			// Betweenness, by rank then id: the order of the rows.
			ranked := slices.Clone(scores)
			slices.SortStableFunc(ranked, func(a, b service.ActorScore) int {
				if a.Rank != b.Rank {
					return a.Rank - b.Rank
				}
				return strings.Compare(a.Actor.ID(), b.Actor.ID())
			})
			for _, s := range ranked {
				index[s.Actor.ID()] = len(rep.rows)
				p := s.Actor.Person
				rep.rows = append(rep.rows, actorRow{
					actor:  s.Actor,
					scores: make([]float64, len(reportMeasures)),
					member: p != nil && p.Capacity == store.CapacityCommunity,
				})
			}
		}
		for _, s := range scores {
			i, ok := index[s.Actor.ID()]
			if !ok || len(scores) != len(rep.rows) {
				return nil, fmt.Errorf("the network changed while the report was read; run it again")
			}
			rep.rows[i].scores[mi] = s.Score
		}
	}
	for _, c := range rep.communities.Communities {
		for _, a := range c.Members {
			if i, ok := index[a.ID()]; ok {
				rep.rows[i].community = c.ID
			}
		}
	}
	var voices []service.UnheardVoice
	err = p.run(ctx, "unheard voices", func(ctx context.Context) (err error) {
		voices, err = svc.UnheardVoices(ctx, opts.scope, service.VoiceFilter{First: store.MaxPageSize}, opts.accuracy)
		return err
	})
	if err != nil {
		return nil, err
	}
	rep.voices = voices
	rep.voicesCapped = len(voices) == store.MaxPageSize
	for k := range voices {
		if voices[k].Unheard {
			rep.unheard++
		}
		if i, ok := index[voices[k].Person.ID]; ok {
			rep.rows[i].voice = &voices[k]
		}
	}
	return rep, nil
}

// fixed formats a float with a fixed number of decimals, never "-0".
func fixed(v float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, v)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// actorKind returns PERSON or ORGANISATION and the person's capacity or
// the organisation's kind.
func actorKind(a store.Actor) (kind, sub string) {
	if a.Person != nil {
		return string(store.ActorPerson), string(a.Person.Capacity)
	}
	if a.Organisation != nil {
		return string(store.ActorOrganisation), string(a.Organisation.Kind)
	}
	return "", ""
}

// actorName returns the actor's name.
func actorName(a store.Actor) string {
	if a.Person != nil {
		return a.Person.Name
	}
	if a.Organisation != nil {
		return a.Organisation.Name
	}
	return ""
}
