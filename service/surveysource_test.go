package service_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// TestSurveySaidVsTyped checks that an analyst can tell said from typed:
// the relationships list narrowed by source and survey, and every analysis
// run on the typed ties alone, the said ties alone, or all, with exact
// figures (authzStore: ann–cat typed in north, ann–bob typed across to
// south; ann then says cat and a new person, Dee, advise her).
func TestSurveySaidVsTyped(t *testing.T) {
	svc, st, _ := surveyFixture(t)
	namePlaceholder(t, svc, st)
	admin := as(t, auth.RoleAdmin)
	list := func(f store.RelationshipFilter) []string {
		t.Helper()
		c := must[store.Connection[store.Relationship]](t, "Relationships")(svc.Relationships(admin, f, store.Page{First: 50}))
		var out []string
		for _, r := range c.Items {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	said := list(store.RelationshipFilter{Source: store.SourceSurvey})
	if len(said) != 2 {
		t.Fatalf("Relationships(SURVEY) = %v, want the 2 ties ann said", said)
	}
	for _, c := range []struct {
		name string
		f    store.RelationshipFilter
		want []string
	}{
		{"typed", store.RelationshipFilter{Source: store.SourceTyped}, []string{"r-ann-bob", "r-ann-cat"}},
		{"sv-north", store.RelationshipFilter{SurveyID: "sv-north"}, said},
		{"another survey", store.RelationshipFilter{SurveyID: "sv-south"}, nil},
		{"ann's said", store.RelationshipFilter{ActorID: "ann", Source: store.SourceSurvey}, said},
		{"cat's typed", store.RelationshipFilter{ActorID: "cat", Source: store.SourceTyped}, []string{"r-ann-cat"}},
	} {
		if got := list(c.f); !slices.Equal(got, c.want) {
			t.Errorf("Relationships(%s) = %v, want %v", c.name, got, c.want)
		}
	}

	// North holds ann, cat, Dee and the club: 4 actors whatever the
	// source; 1 typed tie (ann–cat; bob is in south), 2 said (cat→ann,
	// Dee→ann), 3 in all, over 2 distinct pairs said and 2 in all (ann–cat
	// typed and said merge into one pair).
	for _, c := range []struct {
		source           store.SourceKind
		rels, ties, comp int
	}{
		{store.SourceTyped, 1, 1, 3},
		{store.SourceSurvey, 2, 2, 2},
		{"", 3, 2, 2},
	} {
		sum := must[service.NetworkSummary](t, "Summary")(svc.Summary(admin, store.Scope{PlaceID: "north", Source: c.source}))
		if sum.Actors != 4 || sum.Relationships != c.rels || sum.Ties != c.ties || sum.Components != c.comp {
			t.Errorf("Summary(north, source %q) = %+v, want 4 actors, %d relationships, %d ties, %d components", c.source, sum, c.rels, c.ties, c.comp)
		}
	}
	// Degree of ann: 1 typed, 2 said; the analyses do not share a cache
	// entry across sources.
	deg := func(source store.SourceKind) float64 {
		scores := must[[]service.ActorScore](t, "Centrality")(svc.Centrality(admin, store.Scope{PlaceID: "north", Source: source}, analysis.Degree, false))
		for _, s := range scores {
			if s.Actor.ID() == "ann" {
				return s.Score
			}
		}
		t.Fatalf("Centrality(source %q) has no ann", source)
		return 0
	}
	if typed, saidDeg := deg(store.SourceTyped), deg(store.SourceSurvey); !(saidDeg == 2*typed && typed > 0) {
		t.Errorf("degree of ann: typed %v, said %v, want said = 2 × typed", typed, saidDeg)
	}
	var typedOut bytes.Buffer
	must[struct{}](t, "ExportNetwork")(struct{}{}, svc.ExportNetwork(admin, store.Scope{PlaceID: "north", Source: store.SourceTyped}, service.ExportCSV, &typedOut))
	if strings.Contains(typedOut.String(), said[0]) || !strings.Contains(typedOut.String(), "r-ann-cat") {
		t.Errorf("typed-only CSV export:\n%s\nwant r-ann-cat and no said tie", typedOut.String())
	}
	_, err := svc.Summary(admin, store.Scope{PlaceID: "north", Source: "HEARSAY"})
	wantCode(t, "Summary(source HEARSAY)", err, store.EINVALID)
}

// TestSurveyWithdrawnRespondent checks what happens to what a respondent
// said when they withdraw: the ties they said (they are an end of each)
// and the placeholder they alone named leave every analysis and list, so
// the figures equal those of the network without them; consenting again
// restores every figure exactly.
func TestSurveyWithdrawnRespondent(t *testing.T) {
	svc, st, _ := surveyFixture(t)
	annCtx, dee := namePlaceholder(t, svc, st)
	admin := as(t, auth.RoleAdmin)
	north := store.Scope{PlaceID: "north"}
	type figures struct {
		summary service.NetworkSummary
		degree  []string
		said    int
		export  string
	}
	read := func() figures {
		t.Helper()
		var f figures
		f.summary = must[service.NetworkSummary](t, "Summary")(svc.Summary(admin, north))
		for _, s := range must[[]service.ActorScore](t, "Centrality")(svc.Centrality(admin, north, analysis.Degree, false)) {
			f.degree = append(f.degree, fmt.Sprintf("%s %.6f %d", s.Actor.ID(), s.Score, s.Rank))
		}
		c := must[store.Connection[store.Relationship]](t, "Relationships")(svc.Relationships(admin, store.RelationshipFilter{SurveyID: "sv-north"}, store.Page{First: 50}))
		f.said = len(c.Items)
		var b bytes.Buffer
		if err := svc.ExportNetwork(admin, north, service.ExportGraphML, &b); err != nil {
			t.Fatal(err)
		}
		f.export = b.String()
		return f
	}
	before := read()
	if before.summary.Actors != 4 || before.summary.Relationships != 3 || before.said != 2 {
		t.Fatalf("before withdrawing: %+v, %d said; want 4 actors, 3 relationships, 2 said", before.summary, before.said)
	}
	must[store.Person](t, "WithdrawConsent")(svc.WithdrawConsent(annCtx))
	gone := read()
	// Left: cat and the club, no tie (ann–cat typed goes with ann too).
	if gone.summary.Actors != 2 || gone.summary.Relationships != 0 || gone.said != 0 {
		t.Fatalf("after withdrawing: %+v, %d said; want 2 actors (cat, club), 0 relationships, 0 said", gone.summary, gone.said)
	}
	for _, s := range gone.degree {
		if strings.HasPrefix(s, "ann ") || strings.HasPrefix(s, dee.ID+" ") {
			t.Fatalf("Centrality after ann withdrew lists %s", s)
		}
	}
	if strings.Contains(gone.export, dee.ID) || strings.Contains(gone.export, "\"ann\"") {
		t.Fatalf("export after ann withdrew holds ann or the placeholder she named:\n%s", gone.export)
	}
	// Consenting again restores everything.
	must[store.Invitation](t, "GiveConsent again")(svc.GiveConsent(annCtx, true))
	back := read()
	if back.summary != before.summary || back.said != before.said || back.export != before.export || !slices.Equal(back.degree, before.degree) {
		t.Fatalf("after consenting again: %+v, %d said; want %+v, %d said, and the same ranking and export", back.summary, back.said, before.summary, before.said)
	}
}
