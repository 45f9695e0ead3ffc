package service_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

const deeLabel = "Dee from the shop"

// namePlaceholder has ann answer sv-north naming cat and a new person,
// Dee from the shop, and returns the placeholder made for Dee.
func namePlaceholder(t *testing.T, svc *service.Service, st store.Store) (context.Context, store.Person) {
	t.Helper()
	ctx, _ := link(t, svc, "ann")
	must[store.Invitation](t, "GiveConsent")(svc.GiveConsent(ctx, true))
	must[store.Invitation](t, "SubmitResponse")(svc.SubmitResponse(ctx, service.Response{
		Names: []service.Named{{QuestionID: "advice", PersonID: "cat"}, {QuestionID: "advice", Label: deeLabel}}}))
	people := must[store.Connection[store.Person]](t, "People")(st.People(t.Context(), store.PeopleFilter{PlaceID: "north"}, store.Page{First: 50}))
	for _, p := range people.Items {
		if p.Name == deeLabel {
			return ctx, p
		}
	}
	t.Fatalf("no placeholder for %q among %+v", deeLabel, people.Items)
	return nil, store.Person{}
}

// personReads runs every person-level read that can reach the placeholder
// and returns each answer as text (exports as written).
func personReads(t *testing.T, svc *service.Service, ctx context.Context, id string) map[string]string {
	t.Helper()
	scope := store.Scope{PlaceID: "north"}
	text := func(v any, err error) string {
		t.Helper()
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	out := map[string]string{
		"Person":        text(svc.Person(ctx, id)),
		"Actor":         text(svc.Actor(ctx, id)),
		"ActorsByID":    text(svc.ActorsByID(ctx, []string{id, "ann"})),
		"People":        text(svc.People(ctx, store.PeopleFilter{PlaceID: "north"}, store.Page{First: 50})),
		"Centrality":    text(svc.Centrality(ctx, scope, analysis.Degree, false)),
		"Communities":   text(svc.Communities(ctx, scope)),
		"UnheardVoices": text(svc.UnheardVoices(ctx, scope, service.VoiceFilter{First: 50})),
	}
	for _, f := range []service.ExportFormat{service.ExportGraphML, service.ExportGEXF, service.ExportCSV} {
		var b bytes.Buffer
		if err := svc.ExportNetwork(ctx, scope, f, &b); err != nil {
			t.Fatalf("ExportNetwork(%s): %v", f, err)
		}
		out["ExportNetwork/"+string(f)] = b.String()
	}
	return out
}

// TestPlaceholderPseudonym checks the placeholder policy: the label a
// respondent typed for someone not recorded reaches only the survey's
// editors (an administrator, an editor of the survey's place or above) and
// the respondent who typed it; every other principal gets the placeholder
// under its pseudonym in every read (person, actors, lists, rankings,
// communities, unheard voices, every export format), with the caches shared
// between them never carrying one principal's view to another. When the
// placeholder is recorded by an editor it becomes an ordinary person.
func TestPlaceholderPseudonym(t *testing.T) {
	svc, st, _ := surveyFixture(t)
	annCtx, dee := namePlaceholder(t, svc, st)
	pseudonym := service.Pseudonym(dee)
	if !strings.HasPrefix(pseudonym, "Person named in survey sv-north #") || strings.Contains(pseudonym, "Dee") {
		t.Fatalf("Pseudonym(%s) = %q", dee.ID, pseudonym)
	}
	if again := service.Pseudonym(dee); again != pseudonym {
		t.Fatalf("Pseudonym is not stable: %q then %q", pseudonym, again)
	}
	sees := []struct {
		name  string
		ctx   context.Context
		label bool
	}{
		// Each principal twice, interleaved, so that a view cached by one
		// would show in the other's answers.
		{"admin", as(t, auth.RoleAdmin), true},
		{"analyst(north)", as(t, auth.RoleAnalyst, "north"), false},
		{"editor(north)", as(t, auth.RoleEditor, "north"), true},
		{"editor(town)", as(t, auth.RoleEditor, "town"), true},
		{"analyst(town)", as(t, auth.RoleAnalyst, "town"), false},
		{"admin again", as(t, auth.RoleAdmin), true},
		{"analyst(north) again", as(t, auth.RoleAnalyst, "north"), false},
	}
	for _, s := range sees {
		for read, answer := range personReads(t, svc, s.ctx, dee.ID) {
			hasLabel, hasPseudonym := strings.Contains(answer, deeLabel), strings.Contains(answer, pseudonym)
			if !strings.Contains(answer, dee.ID) {
				t.Errorf("%s: %s does not hold the placeholder %s at all: %s", s.name, read, dee.ID, answer)
			}
			if hasLabel != s.label || hasPseudonym == s.label {
				t.Errorf("%s: %s holds label %v, pseudonym %v; want label %v: %s", s.name, read, hasLabel, hasPseudonym, s.label, answer)
			}
		}
	}

	// The respondent who typed the label sees it in their own data; the
	// store keeps it.
	mine := must[service.MyRecord](t, "MyData(ann)")(svc.MyData(annCtx))
	found := false
	for _, tie := range mine.Ties {
		if tie.Other != nil && tie.Other.ID() == dee.ID {
			found = tie.Other.Person.Name == deeLabel
		}
	}
	if !found {
		t.Fatalf("MyData(ann) = %+v: want the tie to %s under the label ann typed", mine.Ties, dee.ID)
	}
	// Another respondent of the survey never meets the placeholder.
	catCtx, _ := link(t, svc, "cat")
	must[store.Invitation](t, "GiveConsent(cat)")(svc.GiveConsent(catCtx, true))
	cat := must[service.MyRecord](t, "MyData(cat)")(svc.MyData(catCtx))
	if b, _ := json.Marshal(cat); strings.Contains(string(b), deeLabel) {
		t.Fatalf("MyData(cat) holds the label another respondent typed: %s", b)
	}

	// Recorded by an editor, Dee is an ordinary person: the name the
	// editor recorded is shown to the analyst.
	dee.Name, dee.Source = "Dee Recorded", store.Source{}
	must[store.Person](t, "UpsertPerson")(svc.UpsertPerson(as(t, auth.RoleEditor, "north"), dee))
	if p := must[store.Person](t, "Person")(svc.Person(as(t, auth.RoleAnalyst, "north"), dee.ID)); p.Name != "Dee Recorded" {
		t.Fatalf("Person(%s) once recorded = %q, want the recorded name", dee.ID, p.Name)
	}
}

// TestPlaceholderConsents checks that a placeholder invited to the survey
// who consents is no longer pseudonymised: they are a person who agreed to
// be held, and see (and may correct) the name under which they were named.
func TestPlaceholderConsents(t *testing.T) {
	svc, st, _ := surveyFixture(t)
	_, dee := namePlaceholder(t, svc, st)
	analyst := as(t, auth.RoleAnalyst, "north")
	if p := must[store.Person](t, "Person")(svc.Person(analyst, dee.ID)); p.Name != service.Pseudonym(dee) {
		t.Fatalf("Person(%s) before consent = %q, want the pseudonym", dee.ID, p.Name)
	}
	deeCtx, _ := link(t, svc, dee.ID)
	own := must[service.MyRecord](t, "MyData(dee)")(svc.MyData(deeCtx))
	if own.Person.Name != deeLabel {
		t.Fatalf("MyData(dee).Person.Name = %q, want their own record's %q", own.Person.Name, deeLabel)
	}
	must[store.Invitation](t, "GiveConsent(dee)")(svc.GiveConsent(deeCtx, true))
	if p := must[store.Person](t, "Person")(svc.Person(analyst, dee.ID)); p.Name != deeLabel || p.Consent != store.ConsentGiven {
		t.Fatalf("Person(%s) after consent = %+v, want %q with consent GIVEN", dee.ID, p, deeLabel)
	}
}
