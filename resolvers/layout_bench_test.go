package resolvers_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/voicemap/voicemap/auth"
	"github.com/voicemap/voicemap/resolvers"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/service/servicetest"
)

// BenchmarkNetworkLayoutQuery times the whole GraphQL request a dashboard
// makes for the picture of a generated place of 10,000 actors and 29,991
// ties (servicetest.GeneratePlace, m = 3), every actor shown (maxNodes
// 10,000) with the selection of layoutQuery, through the production
// handler: cold (a fresh service: snapshot, Louvain, layout, encoding)
// and cached (the encoding of the cached layout alone). It reports the
// response's size.
func BenchmarkNetworkLayoutQuery(b *testing.B) {
	st := servicetest.MustOpenStore(b)
	if err := servicetest.ImportPlace(auth.With(b.Context(), auth.LocalAdmin), st, servicetest.PlaceConfig{Actors: 10_000, TiesPerActor: 3, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	body, err := json.Marshal(map[string]any{"query": layoutQuery, "variables": map[string]any{"place": servicetest.TownID, "max": 10_000}})
	if err != nil {
		b.Fatal(err)
	}
	logger := slog.New(slog.DiscardHandler)
	handler := func() http.Handler {
		return as(auth.LocalAdmin, resolvers.NewHandler(service.New(st, logger), logger, resolvers.Options{}))
	}
	post := func(b *testing.B, h http.Handler) int {
		r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK || bytes.Contains(w.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("networkLayout: %d %.300s", w.Code, w.Body)
		}
		return w.Body.Len()
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.ReportMetric(float64(post(b, handler())), "bytes")
		}
	})
	b.Run("cached", func(b *testing.B) {
		h := handler()
		post(b, h)
		for b.Loop() {
			b.ReportMetric(float64(post(b, h)), "bytes")
		}
	})
}
