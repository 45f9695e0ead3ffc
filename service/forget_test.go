package service_test

import (
	"context"
	"slices"
	"testing"

	"github.com/voicemap/voicemap/analysis"
	"github.com/voicemap/voicemap/service"
	"github.com/voicemap/voicemap/store"
)

// TestForgetPersonDropsCachedAnalyses caches analyses that mention "far"
// in two scopes, forgets far, and checks that no answer mentions far
// afterwards, in either scope.
func TestForgetPersonDropsCachedAnalyses(t *testing.T) {
	t.Parallel()
	svc, cs := hamlet(t)
	ctx := admin(context.Background())
	hamletScope, everything := store.Scope{PlaceID: "hamlet"}, store.Scope{}
	voices := func() []string {
		t.Helper()
		vs, err := svc.UnheardVoices(ctx, hamletScope, service.VoiceFilter{First: 50})
		if err != nil {
			t.Fatalf("UnheardVoices: %v", err)
		}
		var out []string
		for _, v := range vs {
			out = append(out, v.Person.ID)
		}
		return out
	}
	degree := func() []string {
		t.Helper()
		scores, err := svc.Centrality(ctx, everything, analysis.Degree, false)
		if err != nil {
			t.Fatalf("Centrality: %v", err)
		}
		var out []string
		for _, s := range scores {
			out = append(out, s.Actor.ID())
		}
		return out
	}
	if v, d := voices(), degree(); !slices.Contains(v, "far") || !slices.Contains(d, "far") {
		t.Fatalf("before: unheard voices %v and degree %v, want far in both", v, d)
	}
	// The answers are cached: asking again reads nothing from the store.
	cs.Reset()
	voices()
	degree()
	if n := cs.DataCalls(); n != 0 {
		t.Fatalf("repeated analyses made %d store calls, want 0 (cached)", n)
	}

	e, err := svc.ForgetPerson(ctx, "far")
	if err != nil {
		t.Fatalf("ForgetPerson(far): %v", err)
	}
	if e.Relationships != 1 || e.Participations != 1 {
		t.Fatalf("ForgetPerson(far) = %+v, want 1 relationship (r13) and 1 participation", e)
	}
	if v, d := voices(), degree(); slices.Contains(v, "far") || slices.Contains(d, "far") {
		t.Fatalf("after ForgetPerson(far): unheard voices %v and degree %v still mention far", v, d)
	}
	conn, err := svc.Erasures(ctx, store.Page{})
	if err != nil || len(conn.Items) != 1 || conn.Items[0] != e {
		t.Fatalf("Erasures = %+v, %v; want [%+v]", conn.Items, err, e)
	}
}

// TestForgetPersonRefusedKeepsCache checks that a refused erasure changes
// nothing and invalidates nothing.
func TestForgetPersonRefusedKeepsCache(t *testing.T) {
	t.Parallel()
	svc, cs := hamlet(t)
	ctx := admin(context.Background())
	if _, err := svc.Centrality(ctx, store.Scope{}, analysis.Degree, false); err != nil {
		t.Fatalf("Centrality: %v", err)
	}
	tests := []struct {
		name, id, code string
	}{
		{"missing", "nobody", store.ENOTFOUND},
		{"organisation", "council", store.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := svc.ForgetPerson(ctx, tt.id); store.ErrorCode(err) != tt.code {
				t.Fatalf("ForgetPerson(%s) error = %v, want code %s", tt.id, err, tt.code)
			}
		})
	}
	cs.Reset()
	if _, err := svc.Centrality(ctx, store.Scope{}, analysis.Degree, false); err != nil {
		t.Fatalf("Centrality: %v", err)
	}
	if n := cs.DataCalls(); n != 0 {
		t.Fatalf("Centrality after refused erasures made %d store calls, want 0 (still cached)", n)
	}
}
