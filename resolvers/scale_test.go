package resolvers_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

// scaleResponse is the approximate flags of centrality, unheardVoices and
// powerConcentration.
type scaleResponse struct {
	Centrality []struct {
		Score       float64
		Approximate bool
		ErrorBound  *float64
	}
	UnheardVoices []struct {
		Approximate bool
	}
	PowerConcentration struct {
		Approximate bool
		ErrorBound  *float64
	}
}

const scaleQuery = `query($p: ID, $m: CentralityMeasure!, $exact: Boolean, $eps: Float) {
	centrality(placeId: $p, measure: $m, first: 3, exact: $exact, epsilon: $eps) { score approximate errorBound }
	unheardVoices(placeId: $p, first: 3, exact: $exact, epsilon: $eps) { approximate }
	powerConcentration(placeId: $p, exact: $exact, epsilon: $eps) { approximate errorBound }
}`

func TestApproximateFlagsOverGraphQL(t *testing.T) {
	t.Parallel()
	st := servicetest.MustOpenStore(t)
	if err := servicetest.ImportPlace(context.Background(), st, servicetest.PlaceConfig{Actors: 300, TiesPerActor: 2, Seed: 5}); err != nil {
		t.Fatalf("ImportPlace: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	// ε·n/(n−2) for betweenness; ε·(n−1) for harmonic.
	small := service.ScalePolicy{Budget: -1, Epsilon: 0.05, HarmonicEpsilon: 0.1, Delta: 0.1, Seed: 1}
	eps := 0.2
	tests := []struct {
		name        string
		svc         *service.Service
		measure     string
		approximate bool // centrality's flag
		estimating  bool // the service estimates (unheardVoices, powerConcentration)
		bound       float64
		exact       bool     // asks for exact values
		eps         *float64 // asks for this ε
	}{
		{name: "default policy, betweenness", svc: service.New(st, logger), measure: "BETWEENNESS"},
		{name: "default policy, harmonic", svc: service.New(st, logger), measure: "HARMONIC"},
		{name: "negative budget, betweenness", svc: service.New(st, logger, service.WithScalePolicy(small)), measure: "BETWEENNESS", approximate: true, estimating: true, bound: 0.05 * 300 / 298},
		{name: "negative budget, harmonic", svc: service.New(st, logger, service.WithScalePolicy(small)), measure: "HARMONIC", approximate: true, estimating: true, bound: 0.1 * 299},
		{name: "negative budget, pagerank stays exact", svc: service.New(st, logger, service.WithScalePolicy(small)), measure: "PAGERANK", estimating: true},
		{name: "negative budget, exact asked", svc: service.New(st, logger, service.WithScalePolicy(small)), measure: "BETWEENNESS", exact: true},
		{name: "negative budget, exact harmonic asked", svc: service.New(st, logger, service.WithScalePolicy(small)), measure: "HARMONIC", exact: true},
		{name: "default policy, epsilon asked", svc: service.New(st, logger), measure: "BETWEENNESS", approximate: true, estimating: true, bound: 0.2 * 300 / 298, eps: &eps},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := client.New(as(auth.LocalAdmin, resolvers.NewHandler(tt.svc, logger, resolvers.Options{})))
			var resp scaleResponse
			vars := []client.Option{client.Var("p", servicetest.TownID), client.Var("m", tt.measure), client.Var("exact", tt.exact)}
			if tt.eps != nil {
				vars = append(vars, client.Var("eps", *tt.eps))
			}
			if err := c.Post(scaleQuery, &resp, vars...); err != nil {
				t.Fatalf("query: %v", err)
			}
			if len(resp.Centrality) != 3 || len(resp.UnheardVoices) == 0 {
				t.Fatalf("query: %d scores, %d voices; want 3 and some", len(resp.Centrality), len(resp.UnheardVoices))
			}
			for _, s := range resp.Centrality {
				if s.Approximate != tt.approximate || (s.ErrorBound != nil) != tt.approximate ||
					(tt.approximate && math.Abs(*s.ErrorBound-tt.bound) > 1e-9) {
					t.Errorf("centrality(%s) approximate %v, errorBound %v; want %v, %v", tt.measure, s.Approximate, s.ErrorBound, tt.approximate, tt.bound)
				}
			}
			approx := tt.estimating
			if v := resp.UnheardVoices[0]; v.Approximate != approx {
				t.Errorf("unheardVoices approximate %v, want %v", v.Approximate, approx)
			}
			if p := resp.PowerConcentration; p.Approximate != approx || (p.ErrorBound != nil) != approx {
				t.Errorf("powerConcentration approximate %v, errorBound %v; want %v", p.Approximate, p.ErrorBound, approx)
			}
		})
	}
}
