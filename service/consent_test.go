package service_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
	"github.com/voicemap/voicemap/store"
)

// consentScope is the scope of the consent tests' analyses.
var consentScope = store.Scope{PlaceID: demo.Town, AsOf: dayPtr("2024-06-01")}

// withdrawnInDemo are the demo people the consent tests withdraw: the
// youth worker (the young people's one gatekeeper, on their paths to
// power) and a board professional (a decision holder). unheardWithdrawn
// adds the most unheard young person.
var withdrawnInDemo = []string{demo.YouthWorker, demo.BoardProfessionals[0]}

// consentOutput is one output of the service, as a value whose strings
// are searched for the withdrawn people.
type consentOutput struct {
	name string
	get  func(ctx context.Context, svc *service.Service) (any, error)
}

// consentOutputs lists every kind of person-level output. rel and part
// are a relationship and a participation of a withdrawn person, young the
// withdrawn young person.
func consentOutputs(rel, part, young string) []consentOutput {
	town := consentScope
	all := append(slices.Clone(withdrawnInDemo), young)
	export := func(f service.ExportFormat) func(ctx context.Context, svc *service.Service) (any, error) {
		return func(ctx context.Context, svc *service.Service) (any, error) {
			var b bytes.Buffer
			err := svc.ExportNetwork(ctx, town, f, &b)
			return b.String(), err
		}
	}
	var out []consentOutput
	for _, id := range all {
		out = append(out,
			consentOutput{"person " + id, func(ctx context.Context, svc *service.Service) (any, error) { return svc.Person(ctx, id) }},
			consentOutput{"node " + id, func(ctx context.Context, svc *service.Service) (any, error) { return node(ctx, svc, id) }},
			consentOutput{"actor " + id, func(ctx context.Context, svc *service.Service) (any, error) { return svc.Actor(ctx, id) }},
		)
	}
	return append(out, []consentOutput{
		{"actorsByID", func(ctx context.Context, svc *service.Service) (any, error) { return svc.ActorsByID(ctx, all) }},
		{"relationship", func(ctx context.Context, svc *service.Service) (any, error) { return svc.Relationship(ctx, rel) }},
		{"node relationship", func(ctx context.Context, svc *service.Service) (any, error) { return node(ctx, svc, rel) }},
		{"participation", func(ctx context.Context, svc *service.Service) (any, error) { return svc.Participation(ctx, part) }},
		{"node participation", func(ctx context.Context, svc *service.Service) (any, error) { return node(ctx, svc, part) }},
		{"people", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.People(ctx, store.PeopleFilter{PlaceID: demo.Town}, store.Page{First: store.MaxPageSize})
		}},
		{"people by group, paged", func(ctx context.Context, svc *service.Service) (any, error) {
			return pages(func(p store.Page) (store.Connection[store.Person], error) {
				return svc.People(ctx, store.PeopleFilter{Group: "young person"}, p)
			})
		}},
		{"relationships, paged", func(ctx context.Context, svc *service.Service) (any, error) {
			return pages(func(p store.Page) (store.Connection[store.Relationship], error) {
				return svc.Relationships(ctx, store.RelationshipFilter{}, p)
			})
		}},
		{"relationships of the youth worker", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Relationships(ctx, store.RelationshipFilter{ActorID: demo.YouthWorker}, store.Page{First: 100})
		}},
		{"participations, paged", func(ctx context.Context, svc *service.Service) (any, error) {
			return pages(func(p store.Page) (store.Connection[store.Participation], error) {
				return svc.Participations(ctx, store.ParticipationFilter{}, p)
			})
		}},
		{"participations of the board", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Participations(ctx, store.ParticipationFilter{ForumID: demo.PartnershipBoard}, store.Page{First: 100})
		}},
		{"path to power", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.PathToPower(ctx, young, town.AsOf, false)
		}},
		{"unheard voices", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.UnheardVoices(ctx, town, service.VoiceFilter{First: store.MaxPageSize})
		}},
		{"centrality", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Centrality(ctx, town, analysis.Betweenness, false)
		}},
		{"communities", func(ctx context.Context, svc *service.Service) (any, error) { return svc.Communities(ctx, town) }},
		{"recommendations", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Recommendations(ctx, town, service.MaxRecommendations)
		}},
		{"power concentration", func(ctx context.Context, svc *service.Service) (any, error) { return svc.PowerConcentration(ctx, town) }},
		{"export GraphML", export(service.ExportGraphML)},
		{"export GEXF", export(service.ExportGEXF)},
		{"export CSV", export(service.ExportCSV)},
		// The layout's nodes and edges, not its positions: a layout starts
		// from the nearest one already computed, so positions after two
		// writes need not be those of before them.
		{"network layout", func(ctx context.Context, svc *service.Service) (any, error) {
			l, err := svc.NetworkLayout(ctx, town, service.MaxLayoutNodes, nil)
			l.Nodes = slices.Clone(l.Nodes) // the cached answer is shared
			for i := range l.Nodes {
				l.Nodes[i].X, l.Nodes[i].Y = 0, 0
			}
			return l, err
		}},
		{"survey invitations", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Invitations(ctx, consentSurvey)
		}},
		{"survey disputes", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Disputes(ctx, consentSurvey, false)
		}},
		{"export CSV tables", func(ctx context.Context, svc *service.Service) (any, error) {
			var nodes, edges bytes.Buffer
			err := svc.ExportCSV(ctx, town, &nodes, &edges)
			return nodes.String() + edges.String(), err
		}},
	}...)
}

// TestConsentCoversThePolicyTable runs every output of the consent tests
// once and checks that, together, they run every read of the policy table
// of person-level, group-level or aggregate data: a new operation reading
// such data fails here until the consent tests cover it.
func TestConsentCoversThePolicyTable(t *testing.T) {
	t.Parallel()
	ctx, act := service.WithActivity(admin(context.Background()))
	b := demo.Network()
	svc := consentDemo(t, b)
	people := unheardWithdrawn(t, ctx, svc)
	_, _, rels, parts := markers(b, people)
	for _, o := range slices.Concat(consentOutputs(rels[0], parts[0], people[2]), consentFigures(b.People)) {
		if _, err := o.get(ctx, svc); err != nil {
			t.Fatalf("%s: %v", o.name, err)
		}
	}
	for op, pol := range service.Policies() {
		if pol.Access == service.Read && pol.Data&(service.PersonLevel|service.GroupLevel|service.Aggregate) != 0 && !slices.Contains(act.Ops(), op) {
			t.Errorf("%s reads %s data but no consent test runs it: add it to consentOutputs or consentFigures", op, pol.Data)
		}
	}
}

// node is what node(id) answers: the kind found for the id, and the id.
func node(ctx context.Context, svc *service.Service, id string) (any, error) {
	k, err := svc.Kind(ctx, id)
	if err != nil {
		return nil, err
	}
	return []string{string(k), id}, nil
}

// pages reads every page of a list, 7 items at a time.
func pages[T any](list func(store.Page) (store.Connection[T], error)) ([]T, error) {
	var all []T
	p := store.Page{First: 7}
	for {
		c, err := list(p)
		if err != nil {
			return nil, err
		}
		all = append(all, c.Items...)
		if !c.HasNextPage {
			return all, nil
		}
		p.After = c.EndCursor
	}
}

// strs collects every string in v (following pointers, slices, maps and
// struct fields, exported or not).
func strs(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			strs(v.Elem(), out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			strs(v.Index(i), out)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			strs(it.Key(), out)
			strs(it.Value(), out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			strs(v.Field(i), out)
		}
	}
}

// leaks returns the markers (ids, as whole tokens, and names) found in v.
func leaks(v any, ids, names []string) []string {
	var ss []string
	strs(reflect.ValueOf(v), &ss)
	found := map[string]bool{}
	for _, s := range ss {
		for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\r\n,;\"'<>=/()[]{}", r) }) {
			if slices.Contains(ids, tok) {
				found[tok] = true
			}
		}
		for _, n := range names {
			if strings.Contains(s, n) {
				found[n] = true
			}
		}
	}
	out := make([]string, 0, len(found))
	for m := range found {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}

// consentDemo is the demo in an embedded store, with its grants.
func consentDemo(t *testing.T, b store.Batch) *service.Service {
	t.Helper()
	st := servicetest.MustOpenStore(t)
	if _, err := st.Import(t.Context(), b); err != nil {
		t.Fatalf("Import(demo): %v", err)
	}
	if _, err := st.ImportGrants(t.Context(), demo.Grants()); err != nil {
		t.Fatalf("ImportGrants(demo): %v", err)
	}
	surveyEveryone(t, st, b)
	return service.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// consentSurvey is the survey of the whole demo by surveyEveryone.
const consentSurvey = "sv-consent"

// surveyEveryone stores survey consentSurvey of the demo's town with an
// invitation of every person, and a dispute of every relationship from a
// person by that person.
func surveyEveryone(t *testing.T, st store.Store, b store.Batch) {
	t.Helper()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	sb := store.SurveyBatch{Surveys: []store.Survey{{ID: consentSurvey, Name: "Everyone", PlaceID: demo.Town, Groups: []string{"parent"}, CreatedOn: day}}}
	people := map[string]bool{}
	for i, p := range b.People {
		people[p.ID] = true
		sb.Invitations = append(sb.Invitations, store.Invitation{ID: "inv-" + p.ID, SurveyID: consentSurvey, PersonID: p.ID,
			TokenHash: fmt.Sprintf("sha256:%064x", i), InvitedAt: day, ExpiresAt: day.AddDate(0, 1, 0)})
	}
	for _, r := range b.Relationships {
		if people[r.FromID] {
			sb.Disputes = append(sb.Disputes, store.Dispute{ID: "d-" + r.ID, RelationshipID: r.ID, PersonID: r.FromID, SurveyID: consentSurvey, RaisedOn: day})
		}
	}
	if _, err := st.WriteSurvey(t.Context(), sb); err != nil {
		t.Fatalf("WriteSurvey(everyone): %v", err)
	}
}

// unheardWithdrawn returns withdrawnInDemo with the demo's most unheard
// young person.
func unheardWithdrawn(t *testing.T, ctx context.Context, svc *service.Service) []string {
	t.Helper()
	vs, err := svc.UnheardVoices(ctx, consentScope, service.VoiceFilter{Group: "young person", First: 1})
	if err != nil || len(vs) != 1 {
		t.Fatalf("UnheardVoices(young person) = %d voices, %v; want one", len(vs), err)
	}
	return append(slices.Clone(withdrawnInDemo), vs[0].Person.ID)
}

// markers returns the ids and names of the people, with the ids of their
// relationships and participations in b.
func markers(b store.Batch, people []string) (ids, names, rels, parts []string) {
	ids = slices.Clone(people)
	for _, p := range b.People {
		if slices.Contains(people, p.ID) {
			names = append(names, p.Name)
		}
	}
	for _, r := range b.Relationships {
		if slices.Contains(people, r.FromID) || slices.Contains(people, r.ToID) {
			rels = append(rels, r.ID)
		}
	}
	for _, p := range b.Participations {
		if slices.Contains(people, p.ActorID) {
			parts = append(parts, p.ID)
		}
	}
	return ids, names, rels, parts
}

// setConsent sets the consent of the people through the service.
func setConsent(t *testing.T, ctx context.Context, svc *service.Service, b store.Batch, people []string, c store.Consent) {
	t.Helper()
	for _, p := range b.People {
		if slices.Contains(people, p.ID) {
			p.Consent = c
			if _, err := svc.UpsertPerson(ctx, p); err != nil {
				t.Fatalf("UpsertPerson(%s, %s): %v", p.ID, c, err)
			}
		}
	}
}

// TestConsentWithdrawn withdraws three demo people and checks that they,
// their relationships and their participations vanish from every kind of
// output (a missing id's ENOTFOUND, or absent), and that every output is
// back, exactly as before, once their consent is GIVEN again (the caches
// are invalidated both ways).
func TestConsentWithdrawn(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	b := demo.Network()
	svc := consentDemo(t, b)
	people := unheardWithdrawn(t, ctx, svc)
	ids, names, rels, parts := markers(b, people)
	if len(rels) == 0 || len(parts) == 0 {
		t.Fatalf("the withdrawn people have %d relationships and %d participations, want some of each", len(rels), len(parts))
	}
	markIDs := slices.Concat(ids, rels, parts)
	outputs := consentOutputs(rels[0], parts[0], people[2])

	before := make([]any, len(outputs))
	for i, o := range outputs {
		v, err := o.get(ctx, svc)
		if err != nil {
			t.Fatalf("%s with consent given: %v", o.name, err)
		}
		if len(leaks(v, markIDs, names)) == 0 {
			t.Fatalf("%s with consent given names none of %v: the test could not see them vanish", o.name, people)
		}
		before[i] = v
	}

	setConsent(t, ctx, svc, b, people, store.ConsentWithdrawn)
	for _, o := range outputs {
		t.Run("withdrawn/"+o.name, func(t *testing.T) {
			v, err := o.get(ctx, svc)
			if code := store.ErrorCode(err); code == store.ENOTFOUND {
				return
			} else if err != nil {
				t.Fatalf("%s: %v", o.name, err)
			}
			if l := leaks(v, markIDs, names); len(l) > 0 {
				t.Errorf("%s names withdrawn %v", o.name, l)
			}
		})
	}

	setConsent(t, ctx, svc, b, people, store.ConsentGiven)
	for i, o := range outputs {
		t.Run("restored/"+o.name, func(t *testing.T) {
			v, err := o.get(ctx, svc)
			if err != nil {
				t.Fatalf("%s: %v", o.name, err)
			}
			if !reflect.DeepEqual(v, before[i]) {
				t.Errorf("%s after consent is given again differs from before it was withdrawn", o.name)
			}
		})
	}
}

// TestConsentFigures checks that with people withdrawn every analysis and
// export equals the one of a store in which they and their ties and
// participations were never recorded.
func TestConsentFigures(t *testing.T) {
	t.Parallel()
	ctx := admin(context.Background())
	b := demo.Network()
	withdrawn := consentDemo(t, b)
	people := unheardWithdrawn(t, ctx, withdrawn)
	setConsent(t, ctx, withdrawn, b, people, store.ConsentWithdrawn)

	without := demo.Network()
	without.People = slices.DeleteFunc(without.People, func(p store.Person) bool { return slices.Contains(people, p.ID) })
	without.Relationships = slices.DeleteFunc(without.Relationships, func(r store.Relationship) bool {
		return slices.Contains(people, r.FromID) || slices.Contains(people, r.ToID)
	})
	without.Participations = slices.DeleteFunc(without.Participations, func(p store.Participation) bool { return slices.Contains(people, p.ActorID) })
	never := consentDemo(t, without)

	figures := consentFigures(without.People)
	for _, o := range figures {
		t.Run(o.name, func(t *testing.T) {
			got, err := o.get(ctx, withdrawn)
			want, wantErr := o.get(ctx, never)
			if store.ErrorCode(err) != store.ErrorCode(wantErr) || (err == nil) != (wantErr == nil) {
				t.Fatalf("%s: error %v, want %v", o.name, err, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s with people withdrawn differs from the network without them:\n got %+v\nwant %+v", o.name, got, want)
			}
		})
	}
}

// consentFigures lists every analysis and export whose figures must equal
// those of a network without the withdrawn people; the path to power is
// asked for each of people.
func consentFigures(people []store.Person) []consentOutput {
	town := consentScope
	from, to := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	out := []consentOutput{
		{"summary", func(ctx context.Context, svc *service.Service) (any, error) { return svc.Summary(ctx, town) }},
		{"communities", func(ctx context.Context, svc *service.Service) (any, error) { return svc.Communities(ctx, town) }},
		{"unheard voices", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.UnheardVoices(ctx, town, service.VoiceFilter{First: store.MaxPageSize})
		}},
		{"unheard voice groups", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.UnheardVoiceGroups(ctx, demo.Town, town.AsOf)
		}},
		{"path to power of everyone", func(ctx context.Context, svc *service.Service) (any, error) {
			paths := map[string][]store.Actor{}
			for _, p := range people {
				path, err := svc.PathToPower(ctx, p.ID, town.AsOf, true)
				if err != nil {
					return nil, err
				}
				paths[p.ID] = path
			}
			return paths, nil
		}},
		{"power concentration", func(ctx context.Context, svc *service.Service) (any, error) { return svc.PowerConcentration(ctx, town) }},
		{"representation", func(ctx context.Context, svc *service.Service) (any, error) { return svc.Representation(ctx, town) }},
		{"nothing about us", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.NothingAboutUsWithoutUs(ctx, town)
		}},
		{"recommendations", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.Recommendations(ctx, town, service.MaxRecommendations)
		}},
		{"relationship quality", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.RelationshipQuality(ctx, town)
		}},
		{"power trend", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.PowerTrend(ctx, demo.Town, from, to, service.StepYear)
		}},
		{"funding reach", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.FundingReach(ctx, demo.CommunityFoundation, demo.Town, town.AsOf, "")
		}},
		{"survey coverage", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.SurveyCoverage(ctx, consentSurvey)
		}},
		{"survey influence", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.SurveyInfluence(ctx, consentSurvey)
		}},
		{"survey felt voice", func(ctx context.Context, svc *service.Service) (any, error) {
			return svc.SurveyFeltVoice(ctx, consentSurvey, nil)
		}},
	}
	for _, m := range analysis.Measures {
		for _, w := range []bool{false, true} {
			out = append(out, consentOutput{"centrality " + string(m), func(ctx context.Context, svc *service.Service) (any, error) {
				return svc.Centrality(ctx, town, m, w)
			}})
		}
	}
	for _, f := range service.ExportFormats {
		out = append(out, consentOutput{"export " + string(f), func(ctx context.Context, svc *service.Service) (any, error) {
			var b bytes.Buffer
			err := svc.ExportNetwork(ctx, town, f, &b)
			return b.String(), err
		}})
	}
	return out
}
