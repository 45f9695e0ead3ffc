package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// reportFigures are figures of the demo read from the service directly,
// to check the report against.
type reportFigures struct {
	summary     service.NetworkSummary
	power       service.PowerReport
	betweenness []service.ActorScore
	pagerank    map[string]float64
	voices      []service.UnheardVoice
	communities service.CommunityReport
}

func demoFigures(t *testing.T, path string, scope store.Scope) reportFigures {
	t.Helper()
	var f reportFigures
	withStore(t, path, func(_ store.Store, svc *service.Service) {
		ctx := auth.With(context.Background(), auth.LocalAdmin)
		var err error
		if f.summary, err = svc.Summary(ctx, scope); err != nil {
			t.Fatal(err)
		}
		if f.power, err = svc.PowerConcentration(ctx, scope); err != nil {
			t.Fatal(err)
		}
		if f.betweenness, err = svc.Centrality(ctx, scope, analysis.Betweenness, false); err != nil {
			t.Fatal(err)
		}
		pr, err := svc.Centrality(ctx, scope, analysis.PageRank, false)
		if err != nil {
			t.Fatal(err)
		}
		f.pagerank = map[string]float64{}
		for _, s := range pr {
			f.pagerank[s.Actor.ID()] = s.Score
		}
		if f.voices, err = svc.UnheardVoices(ctx, scope, service.VoiceFilter{First: store.MaxPageSize}); err != nil {
			t.Fatal(err)
		}
		if f.communities, err = svc.Communities(ctx, scope); err != nil {
			t.Fatal(err)
		}
	})
	return f
}

func TestCLIReportMarkdown(t *testing.T) {
	t.Parallel()
	path := demoData(t)
	scope := store.Scope{PlaceID: demo.Town}
	want := demoFigures(t, path, scope)
	r := mustRunCLI(t, path, nil, "report", "-place", demo.Town, "-top", "5")
	md := r.stdout

	// The sections, in order.
	last := -1
	for _, h := range []string{
		"# Centrality and power report: Millbrook\n", "## Network\n", "## Power concentration\n",
		"## Top 5 actors by betweenness\n", "## Gatekeepers\n", "## Brokers\n", "## Unheard voices\n",
	} {
		i := strings.Index(md, h)
		if i < 0 || i < last {
			t.Fatalf("report has %q at %d (previous section at %d), want it in order:\n%s", h, i, last, md)
		}
		last = i
	}
	unheard := 0
	for _, v := range want.voices {
		if v.Unheard {
			unheard++
		}
	}
	top := want.betweenness[0]
	for _, line := range []string{
		"- As of: every record, regardless of dates\n",
		fmt.Sprintf("| Actors | %d | people and organisations in scope |\n", want.summary.Actors),
		fmt.Sprintf("| Ties | %d |", want.summary.Ties),
		fmt.Sprintf("| Density | %.4f |", want.summary.Density),
		fmt.Sprintf("| Betweenness Gini | %.4f |", want.power.BetweennessGini),
		fmt.Sprintf("| Decision seats | %d |", want.power.Seats.Seats),
		fmt.Sprintf("| Communities | %d | Louvain communities (modularity %.4f) |", len(want.communities.Communities), want.communities.Modularity),
		fmt.Sprintf("| 1 | %s (%s) | ", mdText(top.Actor.Person.Name), mdText(top.Actor.ID())),
		fmt.Sprintf("| %.4f |", top.Score),
		fmt.Sprintf("\n%d community members hold no decision power", unheard),
		fmt.Sprintf("%d in all.", len(want.power.Gatekeepers)),
	} {
		if !strings.Contains(md, line) {
			t.Errorf("report has no %q:\n%s", line, md)
		}
	}
	if want.summary.Actors != 175 {
		t.Errorf("demo Summary().Actors = %d, want 175 (has the demo changed?)", want.summary.Actors)
	}
	// -top bounds each list: 5 actors, 5 brokers, 5 unheard voices.
	rows := strings.Count(md[strings.Index(md, "## Top 5"):strings.Index(md, "## Gatekeepers")], "\n| ") - 1
	if rows != 5 {
		t.Errorf("top table has %d rows, want 5", rows)
	}

	// Deterministic: the same store gives the same bytes, to stdout or a file.
	out := filepath.Join(t.TempDir(), "report.md")
	mustRunCLI(t, path, nil, "report", "-place", demo.Town, "-top", "5", "-out", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != md {
		t.Errorf("report -out differs from the report on stdout")
	}
}

func TestCLIReportCSV(t *testing.T) {
	t.Parallel()
	path := demoData(t)
	scope := store.Scope{PlaceID: demo.Riverside}
	want := demoFigures(t, path, scope)
	r := mustRunCLI(t, path, nil, "report", "-place", demo.Riverside, "-format", "csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != strings.Join(reportCSVHeader, ",") {
		t.Errorf("CSV header = %s, want %s", got, strings.Join(reportCSVHeader, ","))
	}
	rows := recs[1:]
	if len(rows) != want.summary.Actors {
		t.Fatalf("CSV has %d rows, want one per actor (%d)", len(rows), want.summary.Actors)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	voices := map[string]service.UnheardVoice{}
	for _, v := range want.voices {
		voices[v.Person.ID] = v
	}
	prev := 2.0
	for i, row := range rows {
		id := row[col["id"]]
		b, err := strconv.ParseFloat(row[col["betweenness"]], 64)
		if err != nil || b > prev {
			t.Errorf("row %d (%s): betweenness %q after %v, want sorted highest first", i+1, id, row[col["betweenness"]], prev)
		}
		prev = b
		if got, w := row[col["pagerank"]], fmt.Sprintf("%.6f", want.pagerank[id]); got != w {
			t.Errorf("row %s: pagerank %s, want %s", id, got, w)
		}
		if v, ok := voices[id]; ok {
			if got, w := row[col["voice_score"]], fmt.Sprintf("%.6f", v.Score); got != w || row[col["unheard"]] != strconv.FormatBool(v.Unheard) {
				t.Errorf("row %s: unheard %s, voice_score %s; want %v, %s", id, row[col["unheard"]], got, v.Unheard, w)
			}
		}
		if row[col["kind"]] == "ORGANISATION" && (row[col["voice_score"]] != "" || row[col["unheard"]] != "") {
			t.Errorf("row %s: an organisation has voice columns %q, %q; want them empty", id, row[col["unheard"]], row[col["voice_score"]])
		}
		if !strings.HasPrefix(row[col["community"]], "c") {
			t.Errorf("row %s: community %q, want cN", id, row[col["community"]])
		}
	}
	if got := rows[0][col["id"]]; got != want.betweenness[0].Actor.ID() {
		t.Errorf("first row %s, want the highest betweenness %s", got, want.betweenness[0].Actor.ID())
	}
	if again := mustRunCLI(t, path, nil, "report", "-place", demo.Riverside, "-format", "csv"); again.stdout != r.stdout {
		t.Error("two CSV reports of the same store differ")
	}
}

func TestCLIReportDemoFlag(t *testing.T) {
	t.Parallel()
	// -demo loads the demo network into an empty store first, as serve's does.
	path := tempData(t)
	r := mustRunCLI(t, path, nil, "report", "-demo", "-place", demo.OldTown, "-as-of", "2024-01-01", "-weighted")
	for _, want := range []string{"# Centrality and power report: Old Town\n", "- As of: 2024-01-01\n", "weighted by tie strength"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report -demo has no %q:\n%s", want, r.stdout)
		}
	}
	r = runCLI(t, path, nil, "report", "-place", "nowhere")
	if r.code != ExitError || !strings.Contains(r.stderr, `place "nowhere" not found`) {
		t.Errorf("report -place nowhere exit %d, stderr %q; want 1 and not found", r.code, r.stderr)
	}
}

func TestFixed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		v        float64
		decimals int
		want     string
	}{
		{"positive", 0.123456789, 4, "0.1235"},
		{"negative zero", -0.0, 4, "0.0000"},
		{"tiny negative", -1e-12, 6, "0.000000"},
		{"negative", -0.5, 1, "-0.5"},
		{"integer", 3, 0, "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fixed(tt.v, tt.decimals); got != tt.want {
				t.Errorf("fixed(%v, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
			}
		})
	}
}
