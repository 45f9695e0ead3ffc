package service_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// hugeStore answers Network with one actor more than an analysis accepts,
// and Versions with none written; the embedded nil Store panics if
// anything else is called.
type hugeStore struct{ store.Store }

func (hugeStore) Versions(context.Context, []string) (store.Versions, error) {
	return store.Versions{}, nil
}

func (hugeStore) Network(_ context.Context, s store.Scope) (*store.Network, error) {
	people := make([]store.Person, service.MaxAnalysisActors+1)
	for i := range people {
		people[i] = store.Person{ID: fmt.Sprintf("p%07d", i), PlaceID: "X"}
	}
	n := &store.Network{Scope: s, People: people}
	n.Index()
	return n, nil
}

func TestAnalysisSizeCap(t *testing.T) {
	t.Parallel()
	svc := service.New(hugeStore{}, nil)
	_, err := svc.Centrality(admin(context.Background()), store.Scope{}, analysis.Degree, false)
	if got := store.ErrorCode(err); got != store.EINVALID {
		t.Errorf("Centrality over %d actors: code %q (%v), want %q", service.MaxAnalysisActors+1, got, err, store.EINVALID)
	}
}
