package resolvers_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/demo"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// recommendationJSON is a Recommendation as the API returns it.
type recommendationJSON struct {
	Kind   string
	From   *actorRef
	To     *actorRef
	Person *actorRef
	Forum  *struct{ ID, Name string }
	Stage  *string
	Groups []string
	Gain   float64
	Before figuresJSON
	After  figuresJSON
}

type figuresJSON struct {
	UnheardVoices         int
	WithinTwoStepsOfPower int
	SeatHHI               float64
}

const recommendationFields = `kind from { id } to { id } person { id } forum { id name } stage groups gain
	before { unheardVoices withinTwoStepsOfPower seatHHI } after { unheardVoices withinTwoStepsOfPower seatHHI }`

// line renders a recommendation from the API like one from the service.
func (r recommendationJSON) line() string {
	who := ""
	if r.From != nil {
		who = r.From.ID + "–" + r.To.ID
	}
	if r.Person != nil {
		who = r.Person.ID + "@" + r.Forum.ID + fmt.Sprint(r.Groups) + " " + *r.Stage
	}
	return fmt.Sprintf("%s %s %v %+v %+v", r.Kind, who, r.Gain, r.Before, r.After)
}

// serviceLine renders a service recommendation like line.
func serviceLine(r service.Recommendation) string {
	who := ""
	if r.From != nil {
		who = r.From.ID() + "–" + r.To.ID()
	}
	if r.Person != nil {
		who = r.Person.ID + "@" + r.Forum.ID + fmt.Sprint(r.Groups) + " " + string(*r.Stage)
	}
	f := func(x figuresJSON) string { return fmt.Sprintf("%+v", x) }
	return fmt.Sprintf("%s %s %v %s %s", r.Kind, who, r.Gain,
		f(figuresJSON{r.Before.UnheardVoices, r.Before.WithinTwoStepsOfPower, r.Before.SeatHHI}),
		f(figuresJSON{r.After.UnheardVoices, r.After.WithinTwoStepsOfPower, r.After.SeatHHI}))
}

func TestRecommendationsQuery(t *testing.T) {
	t.Parallel()
	e, svc := demoEnv(t)
	want, err := svc.Recommendations(admin(context.Background()), store.Scope{PlaceID: demo.Town, AsOf: dayOf(t, demoAsOf)}, 100)
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		Default []recommendationJSON
		Null    []recommendationJSON
		All     []recommendationJSON
	}
	e.do(t, `query($p: ID!, $d: Date, $n: Int) {
		default: recommendations(placeId: $p, asOf: $d) { `+recommendationFields+` }
		null: recommendations(placeId: $p, asOf: $d, first: $n) { kind }
		all: recommendations(placeId: $p, asOf: $d, first: 100) { `+recommendationFields+` }
	}`, &resp, client.Var("p", demo.Town), client.Var("d", demoAsOf), client.Var("n", nil))
	if len(resp.Default) != 10 || len(resp.Null) != 10 || len(resp.All) != len(want) || len(want) != 100 {
		t.Fatalf("recommendations = %d, %d (first: null), %d (first: 100) items, want 10, 10, %d", len(resp.Default), len(resp.Null), len(resp.All), len(want))
	}
	for i, r := range resp.All {
		if got, w := r.line(), serviceLine(want[i]); got != w {
			t.Errorf("recommendations[%d] = %s, want the service's %s", i, got, w)
		}
		if i < 10 && r.line() != resp.Default[i].line() {
			t.Errorf("recommendations(first 10)[%d] = %s, want %s", i, resp.Default[i].line(), r.line())
		}
		intro := r.Kind == "INTRODUCTION" && r.From != nil && r.To != nil && r.Person == nil && r.Forum == nil && r.Stage == nil && len(r.Groups) == 0
		invite := r.Kind == "INVITATION" && r.From == nil && r.To == nil && r.Person != nil && r.Forum != nil && r.Stage != nil
		if !intro && !invite || r.Groups == nil {
			t.Errorf("recommendations[%d] = %+v, want the fields of its kind set and the others null, groups a list", i, r)
		}
	}
	if !slices.ContainsFunc(resp.Default, func(r recommendationJSON) bool {
		return r.Kind == "INVITATION" && r.Forum.ID == demo.YouthCommissioning && r.Forum.Name == "Youth Services Commissioning Panel" &&
			slices.Equal(r.Groups, []string{"young person"}) && r.After.UnheardVoices == r.Before.UnheardVoices-18
	}) {
		t.Errorf("recommendations(first 10) has no young person invited onto the youth commissioning panel")
	}

	// The largest page with a full selection stays within the complexity
	// limit.
	var full map[string]any
	e.do(t, `{ recommendations(placeId: "millbrook", first: 100) {
		kind from { id name } to { id name } person { id name groups place { id } } forum { id name place { id } } stage groups gain
		before { unheardVoices withinTwoStepsOfPower seatHHI } after { unheardVoices withinTwoStepsOfPower seatHHI }
	} }`, &full)
}

// TestRecommendationsQueryWrite checks that a write through the API changes
// the cached answer: after the top introduction is made, the figures before
// are the ones it promised.
func TestRecommendationsQueryWrite(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	read := func() []recommendationJSON {
		t.Helper()
		var resp struct{ Recommendations []recommendationJSON }
		e.do(t, `{ recommendations(placeId: "millbrook", asOf: "2024-06-01", first: 100) { `+recommendationFields+` } }`, &resp)
		return resp.Recommendations
	}
	first := read()
	snapshots := e.store.Calls("Network")
	if again := read(); !slices.EqualFunc(again, first, func(a, b recommendationJSON) bool { return a.line() == b.line() }) || e.store.Calls("Network") != snapshots {
		t.Errorf("second recommendations took %d more snapshots, want the cached answer", e.store.Calls("Network")-snapshots)
	}
	i := slices.IndexFunc(first, func(r recommendationJSON) bool { return r.Kind == "INTRODUCTION" })
	if i < 0 {
		t.Fatal("recommendations(first 100) has no introduction")
	}
	intro := first[i]
	var ignored map[string]any
	e.do(t, `mutation($a: ID!, $b: ID!) { connect(input: {id: "r-rec", fromId: $a, toId: $b, kind: KNOWS}) { id } }`, &ignored,
		client.Var("a", intro.From.ID), client.Var("b", intro.To.ID))
	after := read()
	if len(after) == 0 {
		t.Fatalf("after %s: no recommendations", intro.line())
	}
	if after[0].Before != intro.After || after[0].Before == first[0].Before {
		t.Errorf("after %s: recommendations[0].before = %+v, want %+v (changed from %+v)", intro.line(), after[0].Before, intro.After, first[0].Before)
	}
}

// TestRecommendationsQueryErrors checks the error codes of recommendations.
func TestRecommendationsQueryErrors(t *testing.T) {
	t.Parallel()
	e, _ := demoEnv(t)
	tests := []struct {
		name, query, code string
	}{
		{"unknown place", `{ recommendations(placeId: "nowhere") { gain } }`, "NOT_FOUND"},
		{"first 0", `{ recommendations(placeId: "millbrook", first: 0) { gain } }`, "BAD_USER_INPUT"},
		{"first 101", `{ recommendations(placeId: "millbrook", first: 101) { gain } }`, "BAD_USER_INPUT"},
		{"first negative", `{ recommendations(placeId: "millbrook", first: -5) { gain } }`, "BAD_USER_INPUT"},
		{"no place", `{ recommendations { gain } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"bad date", `{ recommendations(placeId: "millbrook", asOf: "2024-02-30") { gain } }`, "BAD_USER_INPUT"},
		{"unknown kind field", `{ recommendations(placeId: "millbrook") { score } }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := code(e.fail(t, tt.query)); got != tt.code {
				t.Errorf("%s: code %q, want %q", tt.query, got, tt.code)
			}
		})
	}
}
